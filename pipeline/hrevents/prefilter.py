"""The cheap first pass: which sentences of a report can hold an act, and the context they need.

Most text users really have is about no act at all (a whole country report covers elections,
labour and corruption; a news stream is mostly not about human rights), yet the tagger,
parser and NER cost the same on every word. This pass reads the text with a regular
expression tokenizer and the trigger rules' own words, and keeps for the full pipeline:

- **trigger sentences**: sentences that meet some trigger rule's necessary condition: every
  token its pattern always needs has a candidate word (a `LOWER` word; a word the model's rule
  lemmatizer could map to the `LEMMA`, by its suffix rules and exception tables; a word the
  `REGEX` accepts). No sentence the Matcher could match is ever left out.
- **context sentences**, for what runs after the triggers and needs context today:
  - the paragraph's reference date: earlier sentences of the same paragraph that carry date
    words (a year, a month, a relative date the date normaliser knows);
  - people resolution: the `LOOKBACK_SENTENCES` sentences before a trigger sentence that uses
    a pronoun or a group reference ("he", "they", "the two", "the men", "both"), where they
    name or refer to someone; the sentence just before each trigger sentence of its
    paragraph (an agent or a name it leans on), and before one with "it" or "they" across
    paragraphs too, which may stand for an authority named there; and every sentence that
    gives in full ("Viktar Babaryka") a name a trigger sentence uses alone ("Babaryka"),
    since a bare name maps to the fullest one;
  - the narrative's year: the nearest sentence naming a year before each trigger sentence,
    and the first one of the report (unless the front matter's `covers` decides the year);
  - the agent: a trigger sentence that names no one is kept before a later one of its
    paragraph for the same action, which takes its agent when it names none.

Kept sentences are joined (as they are within a paragraph, by a blank line across
paragraphs, so paragraphs stay paragraphs) into one text with a map back to the report's
offsets, which then goes through the normal pipeline. With every sentence kept the text is
the report unchanged.

Text without sentence structure (a paragraph with a stretch of `MAX_SENTENCE_CHARS` without
a sentence end, as in a file of one word repeated) is never given to the parser, prefilter or
not: it would cost minutes and can hold no readable event. It is dropped with a warning.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence, Set
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from spacy.language import Language

from hrevents import dates
from hrevents.repair import OffsetsBuilder, Repaired
from hrevents.rules.schema import TriggerRule, load_lexicon, load_triggers

PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
PARAGRAPH_END = re.compile(r"\n\s*\n\s*$")
SENTENCE_BREAK = re.compile(r"[.!?][”\"’)]?\s+(?=[A-Z“\"])")
# "Mr. Smith", "A. Smith", "U.S. Embassy": a title of the lexicon or an initial before the stop
LAST_WORD = re.compile(r"(?:^|(?<=[\s(]))([A-Z](?:\.[A-Z])*|[A-Za-z]+)\.$")
WORD = re.compile(r"\w+(?:[-'’]\w+)*")
CAPITALISED = re.compile(r"(?<![\w'’-])[A-Z][\w'’-]*\w")
YEAR = re.compile(r"\b(?:1[89]\d\d|20\d\d)\b")
NAME_JOINER = re.compile(r"[ \t]+")
# "The lawyers were A, B and C": the group's own noun, then the names (ArgumentFinder.named_later)
LATER_LIST_NOUN = re.compile(r"\s*(?:The|These|Those)\s+\w+s\s+(?:were|are)\b")
MAX_SENTENCE_CHARS = 20_000
LOOKBACK_SENTENCES = 3
REQUIRED_OPS = (None, "+", "1")
PREFILTER_VARIABLE = "HREVENTS_PREFILTER"
# The relative-date expressions of the date normaliser's grammar that count from a paragraph's
# reference date: a sentence with one needs the earlier sentence that set that date.
DATE_PATTERN_NAMES = (
    "same_day",
    "next_day",
    "previous_day",
    "n_later",
    "hours_later",
    "after_n",
    "n_earlier",
    "next_few",
    "ref_period",
)


@dataclass(frozen=True)
class Unit:
    """A sentence of the repaired text, `[start, end)`, trailing space included, in its paragraph."""

    start: int
    end: int
    paragraph: int


@dataclass
class Selection:
    """What the first pass decided for one text: the sentences kept, and what it dropped."""

    repaired: Repaired
    units: list[Unit]
    triggers: set[int] = field(default_factory=set)
    context: set[int] = field(default_factory=set)
    dropped: list[tuple[int, int, str]] = field(default_factory=list)  # (start, end, why), report offsets

    @property
    def kept(self) -> list[int]:
        return sorted(self.triggers | self.context)

    def words(self) -> tuple[int, int]:
        """(words kept, words in all), for a user who asks what the pass saved."""
        text = self.repaired.text
        kept = sum(len(text[self.units[i].start : self.units[i].end].split()) for i in self.kept)
        return kept, len(text.split())

    def text(self) -> Repaired:
        """The kept sentences as one text with its map back to the report's offsets."""
        source = self.repaired
        kept = self.kept
        if len(kept) == len(self.units) and not self.dropped:
            return source
        runs: list[list[int]] = []  # [start, end, first paragraph, last paragraph]
        for index in kept:
            unit = self.units[index]
            if runs and runs[-1][1] == unit.start:
                runs[-1][1], runs[-1][3] = unit.end, unit.paragraph
            else:
                runs.append([unit.start, unit.end, unit.paragraph, unit.paragraph])
        chars: list[str] = []
        offsets = OffsetsBuilder()
        previous = -1
        for start, end, paragraph, last in runs:
            if chars:
                # what keeps the run its own sentence (or paragraph); it maps to the last run's
                # last word, so that a sentence ending on it ends where the report's sentence ends
                before = chars[-1]
                last_word = offsets.at(len(offsets) - 1 - (len(before) - len(before.rstrip())))
                if paragraph != previous and not PARAGRAPH_END.search(before):
                    separator = "\n\n"
                elif not before[-1:].isspace():
                    separator = " "
                else:
                    separator = ""
                chars.append(separator)
                for _ in separator:
                    offsets.add(last_word, 1)
            chars.append(source.text[start:end])
            offsets.extend(source.offsets[start:end])
            previous = last  # a run that crosses a paragraph break ends in its last paragraph
        offsets.add(offsets.at(len(offsets) - 1) + 1 if len(offsets) else source.offsets[-1], 1)
        return Repaired("".join(chars), offsets.build())


def split_units(text: str, titles: frozenset[str] = frozenset()) -> list[Unit]:
    """Sentences by punctuation and capitals (a title or an initial before the stop is an
    abbreviation, not an end), within paragraphs as the pipeline sees them; they cover the text."""
    units: list[Unit] = []
    starts = [0, *(match.end() for match in PARAGRAPH_BREAK.finditer(text))]
    for paragraph, (start, end) in enumerate(zip(starts, [*starts[1:], len(text)], strict=True)):
        begin = start
        for match in SENTENCE_BREAK.finditer(text, start, end):
            word = LAST_WORD.search(text, max(begin, match.start() - 12), match.start() + 1)
            if word and _abbreviation(word.group(1), titles):
                continue
            units.append(Unit(begin, match.end(), paragraph))
            begin = match.end()
        if end > begin:
            units.append(Unit(begin, end, paragraph))
    return units


def _abbreviation(word: str, titles: frozenset[str]) -> bool:
    return len(word) == 1 or "." in word or word.lower() in titles


def structureless(text: str) -> bool:
    """A stretch of `MAX_SENTENCE_CHARS` without a sentence end: not prose the parser can read."""
    if len(text) <= MAX_SENTENCE_CHARS:
        return False
    previous = 0
    for match in SENTENCE_BREAK.finditer(text):
        if match.start() - previous > MAX_SENTENCE_CHARS:
            return True
        previous = match.end()
    return len(text) - previous > MAX_SENTENCE_CHARS


class TriggerWords:
    """A necessary condition for every trigger rule, tested on the words of one passage.

    A rule can match only where every token its pattern always needs (no `?`, `*` or `!`
    operator) is present: a `LOWER` word, a word the lemmatizer may give the `LEMMA`, a word
    the `REGEX` accepts; and a rule whose anchor or governing verb must have certain lemmas
    gives a trigger only where a word may have one of them. A passage that meets no rule's
    condition holds no trigger. Built from the rules as the rules' loader reads them and from
    the model's lemmatizer tables, never from a word list of its own.
    """

    def __init__(self, nlp: Language, rules: Sequence[TriggerRule] | None = None) -> None:
        self._suffix_rules, self._exceptions = _lemmatizer_tables(nlp)
        self.needs: list[tuple[str, str, frozenset[str]]] = []  # (kind, regex or "", words)
        self.rules: list[tuple[str, frozenset[int]]] = []  # (rule id, the needs it has)
        for rule in rules if rules is not None else load_triggers():
            numbers = []
            for need in _rule_needs(rule):
                if need not in self.needs:
                    self.needs.append(need)
                numbers.append(self.needs.index(need))
            self.rules.append((rule.id, frozenset(numbers)))
        self._regexes = [(number, re.compile(regex)) for number, (kind, regex, _) in enumerate(self.needs) if regex]
        self._by_word: dict[str, set[int]] = {}
        self._by_lemma: dict[str, set[int]] = {}
        for number, (kind, _, words) in enumerate(self.needs):
            index = self._by_lemma if kind == "LEMMA" else self._by_word
            for word in words:
                index.setdefault(word, set()).add(number)
        self._met: dict[str, frozenset[int]] = {}

    def lemma_candidates(self, word: str) -> set[str]:
        """Every lemma the rule lemmatizer could give this word, whatever its part of speech."""
        found = {word, *self._exceptions.get(word, ())}
        for old, new in self._suffix_rules:
            if word.endswith(old) and len(word) > len(old):
                found.add(word[: len(word) - len(old)] + new)
        return found

    def met_by(self, word: str) -> frozenset[int]:
        """The needs (by number) this lower-case word meets; cached, as words repeat."""
        known = self._met.get(word)
        if known is None:
            met = set(self._by_word.get(word, ()))
            for lemma in self.lemma_candidates(word):
                met.update(self._by_lemma.get(lemma, ()))
            met.update(number for number, regex in self._regexes if regex.search(word))
            known = frozenset(met)
            if len(self._met) > 500_000:  # a text of random tokens must not grow it without bound
                self._met.clear()
            self._met[word] = known
        return known

    def needs_met(self, words: set[str]) -> set[int]:
        """The numbers of the needs that some word of `words` meets."""
        met: set[int] = set()
        for word in words:
            met |= self.met_by(word)
        return met

    def rules_possible(self, words: set[str]) -> list[str]:
        """Ids of the rules whose every needed token has a candidate among `words`."""
        return self.rules_met(self.needs_met(words))

    def any_in(self, words: set[str]) -> bool:
        return self.any_met(self.needs_met(words))

    def rules_met(self, met: Set[int]) -> list[str]:
        """Ids of the rules whose every need is among the needs `met`."""
        return [rule_id for rule_id, needs in self.rules if needs <= met]

    def any_met(self, met: Set[int]) -> bool:
        return any(needs <= met for _, needs in self.rules)


def lemmatizer_known(nlp: Language) -> bool:
    """Whether the lemmas the pipeline can give are known from its tables (a rule lemmatizer
    with suffix rules): only then is `TriggerWords` a necessary condition of the rules."""
    return bool(_lemmatizer_tables(nlp)[0])


def _lemmatizer_tables(nlp: Language) -> tuple[list[tuple[str, str]], dict[str, list[str]]]:
    """Suffix rules and exceptions of the model's rule lemmatizer, plus the lemmas its
    attribute ruler sets for particular words; empty if the model has no such tables."""
    rules: set[tuple[str, str]] = set()
    exceptions: dict[str, list[str]] = {}
    for lemmatizer in (name for name in ("lemmatizer", "hrevents_lemmas") if name in nlp.pipe_names):
        lookups = getattr(nlp.get_pipe(lemmatizer), "lookups", None)
        if lookups is not None and lookups.has_table("lemma_rules"):
            for pairs in lookups.get_table("lemma_rules").values():
                rules.update((old, new) for old, new in pairs if old)
        if lookups is not None and lookups.has_table("lemma_exc"):
            for table in lookups.get_table("lemma_exc").values():
                for form, lemmas in table.items():
                    exceptions.setdefault(form, []).extend(lemmas)
    for ruler in (name for name in ("attribute_ruler", "hrevents_attributes") if name in nlp.pipe_names):
        for entry in getattr(nlp.get_pipe(ruler), "patterns", ()):
            lemma = entry["attrs"].get("LEMMA")
            for pattern in entry["patterns"] if lemma else ():
                for token in pattern:
                    lower = token.get("LOWER")
                    if isinstance(lower, str):
                        exceptions.setdefault(lower, []).append(str(lemma).lower())
    return sorted(rules), exceptions


def _rule_needs(rule: TriggerRule) -> list[tuple[str, str, frozenset[str]]]:
    """What a passage needs for the rule to give a trigger: its pattern's required tokens, and
    the lemmas the trigger component demands of the anchor (`anchor_lemmas`: "condemned ... to
    death") and of the verb above it (`governor_lemmas`: "ordered ... to leave"), since it
    drops any match without them."""
    needs = _required_words(rule.pattern)
    for lemmas in (rule.anchor_lemmas, rule.governor_lemmas):
        if lemmas:
            needs.append(("LEMMA", "", frozenset(lemma.lower() for lemma in lemmas)))
    return needs


def _required_words(pattern: list[dict[str, Any]]) -> list[tuple[str, str, frozenset[str]]]:
    """For each token every match needs, what it accepts: (`LOWER`|`LEMMA`, "", words) or
    (`REGEX`, the expression, no words)."""
    needs: list[tuple[str, str, frozenset[str]]] = []
    for token in pattern:
        if token.get("OP") not in REQUIRED_OPS:
            continue
        for kind in ("LOWER", "LEMMA", "ORTH", "TEXT", "NORM"):
            value = token.get(kind)
            label = "LEMMA" if kind == "LEMMA" else "LOWER"
            if isinstance(value, str):
                needs.append((label, "", frozenset({value.lower()})))
            elif isinstance(value, dict) and "IN" in value:
                needs.append((label, "", frozenset(str(v).lower() for v in value["IN"])))
            elif isinstance(value, dict) and "REGEX" in value and kind in ("LOWER", "NORM"):
                needs.append(("REGEX", str(value["REGEX"]), frozenset()))
    return needs


def prefilter_enabled() -> bool:
    """On unless `HREVENTS_PREFILTER` is `0`, `off`, `false` or `no` (`--no-prefilter` sets it)."""
    return os.environ.get(PREFILTER_VARIABLE, "1").strip().lower() not in ("0", "off", "false", "no")


class Prefilter:
    """Decides, per text, the sentences the full pipeline must see (see the module's notes).

    Disabled, it keeps every readable sentence: the slow path, for comparison.
    """

    def __init__(self, nlp: Language, enabled: bool = True) -> None:
        self.enabled = enabled
        self.words = TriggerWords(nlp)

    @cached_property
    def references(self) -> frozenset[str]:
        """Pronouns, which the people component resolves wherever they stand."""
        lexicon = load_lexicon()
        return frozenset({*lexicon.pronoun_gender, *lexicon.plural_pronouns})

    @cached_property
    def group_references(self) -> frozenset[str]:
        """Counted and plural person nouns ("two", "defendants"). They ask for context wherever they
        stand: the people component reads more than determiner-led references ("the two men")
        back through earlier sentences (lists with "and others", epithets, role nouns), and a
        narrower test, tried, changed events on whole reports that the full pipeline gives."""
        lexicon = load_lexicon()
        return frozenset({*lexicon.group_reference_words, *lexicon.plural_group_nouns})

    @cached_property
    def institution_pronouns(self) -> frozenset[str]:
        """Pronouns that may stand for an authority of this or the previous sentence ("it")."""
        return frozenset(load_lexicon().institution_pronouns)

    def refers(self, words: set[str], text: str) -> bool:
        """Whether a sentence holds a pronoun or a group reference that points back at people."""
        return not words.isdisjoint(self.references) or not words.isdisjoint(self.group_references)

    @cached_property
    def list_cues(self) -> frozenset[str]:
        """Words of a sentence that lists names for a group told before ("They included A",
        "Among them were A", "The names of ... are A"): the lexicon's later-list words."""
        roles = load_lexicon().roles
        # "be" is in every other sentence: the copular shape is the group noun's (LATER_LIST_NOUN)
        verbs = {
            form
            for verb in roles.later_list_verbs
            if verb != "be"
            for form in (verb, verb + "s", verb + "d" if verb.endswith("e") else verb + "ed")
        }
        nouns = {form for noun in roles.later_list_nouns for form in (noun, noun + "s")}
        return frozenset({*verbs, *roles.later_list_preps, *nouns})

    def lists_names(self, words: set[str], text: str) -> bool:
        """Whether a sentence may list names for a group an earlier act befell."""
        return not words.isdisjoint(self.list_cues) or bool(LATER_LIST_NOUN.match(text))

    @cached_property
    def titles(self) -> frozenset[str]:
        return frozenset(load_lexicon().titles)

    @cached_property
    def date_cues(self) -> tuple[re.Pattern[str], ...]:
        grammar = dates.grammar()
        # month names as the date normaliser knows them, capitalised: "may" is mostly a verb
        names = sorted((name.capitalize() for name in grammar.month_number), key=len, reverse=True)
        month = re.compile(rf"\b(?:{'|'.join(map(re.escape, names))})\b")
        return (YEAR, month, *(getattr(grammar, name) for name in DATE_PATTERN_NAMES))

    def select(self, repaired: Repaired, covers_year: bool = False) -> Selection:
        text = repaired.text
        bad = _structureless_paragraphs(text)
        units = [unit for unit in split_units(text, self.titles) if unit.paragraph not in bad]
        selection = Selection(repaired, units)
        for start, end in bad.values():
            first, last = repaired.original_span(start, end)
            selection.dropped.append((first, last, f"no sentence end in {MAX_SENTENCE_CHARS:,} characters"))
        if not self.enabled:
            selection.triggers = set(range(len(units)))
            return selection
        words = [words_of(text[unit.start : unit.end]) for unit in units]
        possible = [index for index, found in enumerate(words) if self.words.any_in(found)]
        if not possible:
            return selection
        unit_text = [text[unit.start : unit.end] for unit in units]
        written = set(WORD.findall(text))  # as written: a word also seen in lower case is no name
        names = [{n for n in _capitalised(piece) if n.lower() not in written} for piece in unit_text]
        # Every sentence that can hold a trigger is annotated: a named victim may be in it or reached
        # by a pronoun or group reference, and a group event (SPEC 7) names no one at all.
        selection.triggers = set(possible)
        if selection.triggers:
            context = self._context(selection, words, names, unit_text, covers_year)
            selection.context = context - selection.triggers
        return selection

    def _context(
        self,
        selection: Selection,
        words: list[set[str]],
        names: list[set[str]],
        unit_text: list[str],
        covers_year: bool,
    ) -> set[int]:
        units = selection.units
        chosen = sorted(selection.triggers)
        context: set[int] = set()
        refers = [self.refers(found, piece) for found, piece in zip(words, unit_text, strict=True)]
        has_date: dict[int, bool] = {}  # whether a sentence has date words, read once however many follow it
        for index in chosen:
            paragraph = units[index].paragraph
            # the paragraph's reference date
            earlier = index - 1
            while earlier >= 0 and units[earlier].paragraph == paragraph:
                if earlier not in has_date:
                    has_date[earlier] = any(cue.search(unit_text[earlier]) for cue in self.date_cues)
                if has_date[earlier]:
                    context.add(earlier)
                earlier -= 1
            # antecedents of pronouns and group references
            if refers[index]:
                for earlier in range(max(index - LOOKBACK_SENTENCES, 0), index):
                    if names[earlier] or refers[earlier]:
                        context.add(earlier)
            # the sentence before, where the act's agent or a name the sentence leans on may
            # stand ("They had threatened her"; "it" for an authority), when it is of the same paragraph
            if index > 0 and (
                units[index - 1].paragraph == paragraph or not words[index].isdisjoint(self.institution_pronouns)
            ):
                context.add(index - 1)
            # names listed after the act for the group it befell ("They included A and B",
            # "The names of those still held are A, B"; ArgumentFinder.named_later)
            later = index + 1
            while later < min(index + 4, len(units)) and units[later].paragraph == paragraph:
                if names[later] and self.lists_names(words[later], unit_text[later]):
                    context.add(later)
                later += 1
        # bare names ("Babaryka") and the sentences that give them in full ("Viktar Babaryka")
        kept = set(chosen) | context
        bare = {name for index in kept for name in _lone_capitalised(unit_text[index]) if name in names[index]}
        if bare:
            for index, piece in enumerate(unit_text):
                if index not in kept and names[index] & bare and not _names_in_full(piece).isdisjoint(bare):
                    context.add(index)
        # the narrative's year: the nearest before each trigger sentence, and the first in the report
        if not covers_year:
            dated = [index for index, piece in enumerate(unit_text) if YEAR.search(piece)]
            if dated:
                context.add(dated[0])
                for index in chosen:
                    before = [d for d in dated if d < index]
                    if before:
                        context.add(before[-1])
        return context


def _structureless_paragraphs(text: str) -> dict[int, tuple[int, int]]:
    starts = [0, *(match.end() for match in PARAGRAPH_BREAK.finditer(text))]
    found = {}
    for paragraph, (start, end) in enumerate(zip(starts, [*starts[1:], len(text)], strict=True)):
        if end - start > MAX_SENTENCE_CHARS and structureless(text[start:end]):
            found[paragraph] = (start, end)
    return found


def words_of(text: str) -> set[str]:
    """Lower-case words, hyphenated and apostrophised ones also in their parts: what
    `TriggerWords` tests."""
    found = set(WORD.findall(text.lower()))
    for word in [w for w in found if "-" in w or "'" in w or "’" in w]:
        found.update(re.split(r"[-'’]", word))
    return found


def _capitalised(text: str) -> set[str]:
    return set(CAPITALISED.findall(text))


def _runs(text: str) -> list[list[str]]:
    """Runs of capitalised words separated only by spaces: "Viktar Babaryka", "Essama"."""
    runs: list[list[str]] = []
    last_end = -1
    for match in CAPITALISED.finditer(text):
        if match.group().lower() in dates.grammar().month_number:  # "In June Babarin": a month is no part of a name
            runs.append([match.group()])
            last_end = -1
            continue
        if runs and last_end >= 0 and NAME_JOINER.fullmatch(text[last_end : match.start()] or "x") is not None:
            runs[-1].append(match.group())
        else:
            runs.append([match.group()])
        last_end = match.end()
    return runs


def _lone_capitalised(text: str) -> set[str]:
    return {run[0] for run in _runs(text) if len(run) == 1}


def _names_in_full(text: str) -> set[str]:
    return {word for run in _runs(text) if len(run) > 1 for word in run}
