"""Trigger matching: token patterns from rule data, one trigger per anchor token.

Matches are written to `doc._.hr_triggers` as plain dicts (token indices, rule id), never
as Span objects, so docs survive multiprocessing and serialisation; their keys are the
`Trigger` record of `hrevents.components.contract`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Token

from hrevents.components.contract import Trigger, ensure_extensions
from hrevents.prefilter import TriggerWords, lemmatizer_known, words_of
from hrevents.rules.schema import TriggerRule, load_triggers

# A sentence's first token, its end, and the needs (`TriggerWords` numbers) its words meet.
SentenceNeeds = tuple[int, int, frozenset[int]]

__all__ = ["TriggerMatcher", "ensure_extensions", "find_governor"]


def find_governor(anchor: Token, lemmas: list[str]) -> Token | None:
    """The verb that makes this one an instruction ("ordered her to leave")."""
    head = anchor.head
    for _ in range(2):
        if head.lemma_.lower() in lemmas:
            return head
        if head.head.i == head.i:
            break
        head = head.head
    return None


# Entity types that name an institution, a law or a work, never an act.
NAME_OF_A_THING = frozenset({"ORG", "LAW", "WORK_OF_ART", "EVENT"})


def person_to_verb(anchor: Token) -> Token:
    """A phrase that the parser hung on the victim's name rather than on the verb ("detained
    writer A on terrorism charges", "arrested A for alleged fraud") belongs to the verb that
    acts on the name: a person is never the act the phrase qualifies."""
    if anchor.ent_type_ == "PERSON" and anchor.dep_ in ("dobj", "nsubjpass") and anchor.head.pos_ in ("VERB", "AUX"):
        return anchor.head
    return anchor


def gerund_to_verb(anchor: Token) -> Token:
    """A phrase hung on the gerund of a purpose phrase ("summoned X for questioning in
    connection with charges of A") qualifies the verb that acts on the person: the gerund
    has no person of its own. Only "for": "beat X after taking him into custody" keeps its
    own act on the gerund."""
    if (
        anchor.dep_ == "pcomp"
        and anchor.tag_ == "VBG"
        and anchor.head.dep_ == "prep"
        and anchor.head.lower_ == "for"
        and anchor.head.head.pos_ in ("VERB", "AUX")
    ):
        return anchor.head.head
    return anchor


def undone(anchor: Token, lemmas: list[str]) -> bool:
    """ "was granted bail but remained in prison": a verb coordinated by "but" that keeps the
    state the act would end says the act did not take effect."""
    if not lemmas:
        return False
    return any(
        c.dep_ == "conj"
        and c.lemma_.lower() in lemmas
        and any(t.dep_ == "cc" and t.lower_ == "but" for t in anchor.doc[anchor.i : c.i])
        for c in anchor.children
    )


def in_a_name(anchor: Token) -> bool:
    """A capitalised trigger word inside the name of an institution, a law or a work
    ("the Commission for Investigating Human Rights", "the Detention of Persons Act") names
    no act; the sentence's first word is capitalised anyway and is not counted."""
    return anchor.ent_type_ in NAME_OF_A_THING and anchor.is_title and anchor.i != anchor.sent.start


def longest_match(pattern: list[dict[str, Any]]) -> int | None:
    """The most tokens a match of the pattern can span; None if unbounded (`*`, `+`, a count).
    A negated token (`!`) is counted as one, an upper bound."""
    if any(token.get("OP") not in (None, "?", "!") for token in pattern):
        return None
    return len(pattern)


class TriggerMatcher:
    """Each rule has its own Matcher, run only over the sentences that meet the rule's
    necessary condition (`hrevents.prefilter.TriggerWords`: every token its pattern always
    needs has a candidate word). One Matcher of every rule costs the number of tokens times
    the number of rules (each `IN` test a Python call per token), and most sentences, even of
    the text the first pass kept, can match a few rules or none. Consecutive sentences are
    matched as one span, so that a match may still run from one sentence into the next.
    Matches come in doc order, by rule order where several start in one region. Where the
    lemmatizer's tables are unknown (a blank pipeline, a trained lemmatizer) or the doc has
    no sentences, every rule is matched over the whole doc."""

    def __init__(self, nlp: Language, rules: str) -> None:
        ensure_extensions()
        self.rules: dict[str, TriggerRule] = {rule.id: rule for rule in load_triggers(rules)}
        self.matchers: dict[str, Matcher] = {}
        for rule in self.rules.values():
            self.matchers[rule.id] = Matcher(nlp.vocab)
            self.matchers[rule.id].add(rule.id, [rule.pattern])
        self.words = TriggerWords(nlp, list(self.rules.values())) if lemmatizer_known(nlp) else None
        self.lengths = {rule.id: longest_match(rule.pattern) for rule in self.rules.values()}

    def runs(self, doc: Doc) -> Iterator[list[SentenceNeeds]]:
        """Runs of consecutive sentences where some rule can match: each sentence's token
        start and end and the needs (`TriggerWords` numbers) its words meet."""
        assert self.words is not None
        run: list[SentenceNeeds] = []
        for sent in doc.sents:
            met = frozenset(self.words.needs_met(words_of(sent.text)))
            if self.words.any_met(met):
                run.append((sent.start, sent.end, met))
            elif run:
                yield run
                run = []
        if run:
            yield run

    @staticmethod
    def spans(run: list[SentenceNeeds], needs: frozenset[int], most: int | None) -> list[tuple[int, int]]:
        """Where in a run a rule can match, as token spans: a match starts in some sentence
        and, being at most `most` tokens long, reaches only the sentences that start before
        that sentence's end plus `most - 1`; it needs the rule's words in those sentences. A
        rule of unbounded length (an operator `*` or `+`) takes the whole run. The Matcher's
        cost is per token per rule, so a rule whose words sit in one sentence of a long run
        is matched over that sentence alone; every match of the whole run lies in a span."""
        if most is None:
            return [(run[0][0], run[-1][1])]
        found: list[tuple[int, int]] = []
        for number, (start, end, _) in enumerate(run):
            reach = min(end - 1 + most, run[-1][1])
            covered: frozenset[int] = frozenset()
            for sent_start, _, met in run[number:]:
                if sent_start >= reach:
                    break
                covered |= met
                if needs <= covered:
                    if found and start <= found[-1][1]:
                        found[-1] = (found[-1][0], max(found[-1][1], reach))
                    else:
                        found.append((start, reach))
                    break
        return found

    def matches(self, doc: Doc) -> Iterator[tuple[str, int, int]]:
        """(rule id, start, end) of every match in the doc."""
        if self.words is None or not doc.has_annotation("SENT_START"):
            for rule_id in self.rules:
                for _, start, end in self.matchers[rule_id](doc):
                    yield rule_id, start, end
            return
        for run in self.runs(doc):
            met = frozenset().union(*(needs for _, _, needs in run))
            for rule_id, needs in self.words.rules:
                if not needs <= met:
                    continue
                for span_start, span_end in self.spans(run, needs, self.lengths[rule_id]):
                    for _, start, end in self.matchers[rule_id](doc[span_start:span_end]):
                        yield rule_id, start + span_start, end + span_start

    @staticmethod
    def objects(anchor: Token) -> list[int]:
        """The nouns a verb trigger acts on: its object, or its passive subject."""
        return [c.i for c in anchor.children if c.dep_ in ("dobj", "nsubjpass") and c.pos_ == "NOUN"]

    def __call__(self, doc: Doc) -> Doc:
        candidates = []
        for rule_id, start, end in self.matches(doc):
            rule = self.rules[rule_id]
            anchor = doc[start + rule.anchor]
            if rule.anchor_head:
                anchor = anchor.head
                if anchor.pos_ in ("ADP", "PART") and anchor.head.i != anchor.i:
                    anchor = anchor.head
                anchor = person_to_verb(gerund_to_verb(anchor))
            if rule.anchor_lemmas and anchor.lemma_.lower() not in rule.anchor_lemmas:
                continue
            if in_a_name(anchor) or undone(anchor, rule.undone_by):
                continue
            governor = None
            if rule.governor_lemmas:
                governor = find_governor(anchor, rule.governor_lemmas)
                if governor is None:
                    continue
            candidates.append((rule, anchor.i, start, end, governor.i if governor is not None else None))
        # Most specific first; a token belongs to one trigger, so overlapping weaker matches drop.
        candidates.sort(key=lambda c: (-c[0].specificity, -(c[3] - c[2]), c[2]))
        taken: set[int] = set()
        triggers: list[Trigger] = []
        for rule, index, start, end, governor_index in candidates:
            tokens = {index} if rule.context_only else set(range(start, end))
            if tokens & taken:
                continue
            taken |= tokens
            triggers.append(
                {
                    "rule": rule.id,
                    "action": rule.action,
                    "anchor": index,
                    "start": min(start, index),
                    "end": max(end, index + 1),
                    "words": sorted(tokens),
                    "governor": governor_index,
                    "confidence": rule.confidence,
                    "repetition": rule.repetition,
                }
            )
        # A rule replaces the listed rules on its own anchor, and on the noun it governs as
        # object: "dropped the case against X" is an acquittal, not also an investigation.
        superseded = {
            (index, old)
            for trigger in triggers
            for index in (trigger["anchor"], *self.objects(doc[trigger["anchor"]]))
            for old in self.rules[trigger["rule"]].supersedes
        }
        triggers = [t for t in triggers if (t["anchor"], t["rule"]) not in superseded]
        doc._.hr_triggers = sorted(triggers, key=lambda t: t["anchor"])
        return doc


@Language.factory(
    "hrevents_triggers",
    default_config={"rules": "triggers.yaml"},
    assigns=["doc._.hr_triggers"],
    requires=["token.lemma", "token.pos", "token.dep"],
)
def make_trigger_matcher(nlp: Language, name: str, rules: str) -> TriggerMatcher:
    return TriggerMatcher(nlp, rules)
