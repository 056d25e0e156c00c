"""Person names the English model missed or mislabelled, found by the slot they stand in.

The small English model rarely saw names from much of the world: it tags "Sofiane Ouali" ORG,
"Fahd al-Qadi" nothing, and cuts "Abdullah Salman al-Sarih" at the particle, so no event can be
built on them. The words around a name say more than its letters: a capitalised sequence right
after a title or a person noun ("lawyer X Y", "student leader X Y", "Mr. X"), in apposition to
a person noun ("X Y, a lawyer,", "two lawyers, X Y and Z W"), or in a list whose other members
are people ("A B, C D and E F" with one of them a PERSON) is a person's name. A sequence is a
name only when it is shaped like one: title-case words, with the particles of
`names.particles` inside ("bin", "al-", "de la") and a quoted nickname between two parts
(First "Nick" Last); never with a word of `organisation_words`, a place noun, a month or a
day, and never when the gazetteer knows the whole sequence as a country or a large city.
The rules are shapes and word classes from `rules/lexicon.yaml`; no name is listed anywhere.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from hrevents.dates import date_words
from hrevents.geo.gazetteer import fold, gazetteer
from hrevents.rules.schema import Lexicon

# Labels the recogniser may overrule: the small model's guesses for names it does not know.
# Dates, numbers, money and the like are never a name.
OVERRULABLE = frozenset({"", "PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "WORK_OF_ART", "PRODUCT", "EVENT", "LAW"})
# A city this large is a place before it is a name ("Santa Cruz", "San Pedro Sula").
LARGE_CITY = 100_000
# Parts of speech a name word can carry: the tagger calls names that look like common words
# nouns, adjectives or verbs ("Win", "Hope"), never determiners, pronouns or prepositions.
NAME_POS = frozenset({"PROPN", "NOUN", "ADJ", "VERB", "X", "INTJ"})
QUOTES = frozenset({'"', "“", "”", "'", "‘", "’"})
MAX_NAME_WORDS = 6
# Between a name and the person noun of its apposition: a determiner, an age, and up to this
# many modifiers ("X, a well-known human rights lawyer").
MAX_APPOSITION_MODIFIERS = 4


@dataclass(frozen=True)
class NameLexicon:
    """The word classes the recogniser reads, from `rules/lexicon.yaml`."""

    cues: frozenset[str]
    titles: frozenset[str]
    honorifics: frozenset[str]
    particles: frozenset[str]
    org_words: frozenset[str]
    place_words: frozenset[str]
    not_name_words: frozenset[str]
    apposition_determiners: frozenset[str]
    list_joiners: frozenset[str]

    @classmethod
    def from_lexicon(cls, lex: Lexicon) -> NameLexicon:
        cues = (
            frozenset(lex.titles)
            | frozenset(lex.person_nouns)
            | frozenset(lex.plural_group_nouns)
            | frozenset(lex.groups.single_person_nouns)
        )
        return cls(
            cues=cues,
            titles=frozenset(lex.titles),
            honorifics=frozenset(lex.names.honorifics),
            particles=frozenset(lex.names.particles),
            org_words=frozenset(lex.organisation_words),
            place_words=frozenset(lex.place_nouns) | frozenset(lex.facility_words),
            # month and weekday names are the date normaliser's (`rules/dates.yaml`), full names
            # only: "Jun" or "Dec" can be part of a name
            not_name_words=frozenset(lex.names.not_name_words)
            | frozenset(names[0] for names in date_words().months.values())
            | frozenset(date_words().weekdays),
            apposition_determiners=frozenset(lex.names.apposition_determiners),
            list_joiners=frozenset(lex.names.list_joiners),
        )


def first_surname(name: str) -> str | None:
    """The first of two surnames ("sanchez" of "Ariel Sanchez Ruiz"), folded: where a person
    carries two (the Spanish and Portuguese custom), a later mention often gives it alone.
    Only a name of three words or more has one, and not a name whose last word is joined to a
    particle ("Ali Salman al-Hadi"), which is a single family name."""
    words = name.split()
    if len(words) < 3 or "-" in words[-1]:
        return None
    return fold(words[-2])


class NameRecogniser:
    """Finds person names by their slot and shape; `recognise` returns the entity list with
    those names labelled PERSON (replacing the model's guesses they overlap)."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lex = NameLexicon.from_lexicon(lexicon)

    # ------------------------------------------------------------------ shape
    def is_cue(self, token: Token) -> bool:
        """A title or person noun ("lawyer", "journalists", "Mr."). Capitalised, only a title
        ("President X", "Journalist X"): a capitalised person noun is a word of a body's name
        ("the National Intelligence Directorate")."""
        word = token.lower_.rstrip(".")
        if token.is_upper or not (word in self.lex.cues or token.lemma_.lower() in self.lex.cues):
            return False
        return token.text[:1].islower() or word in self.lex.titles

    def name_word(self, token: Token, labels: dict[int, str]) -> bool:
        """A title-case word that can be part of a name."""
        text = token.text
        return (
            text[:1].isupper()
            and token.is_alpha
            and not (token.is_upper and len(text) > 1)
            and token.pos_ in NAME_POS
            and labels.get(token.i, "") in OVERRULABLE
            and token.lower_ not in self.lex.org_words
            and token.lower_ not in self.lex.place_words
            and token.lower_ not in self.lex.not_name_words
            and token.lower_.rstrip(".") not in self.lex.cues
        )

    def particle(self, token: Token) -> bool:
        return token.lower_ in self.lex.particles and token.text.islower()

    def joins(self, doc: Doc, i: int, labels: dict[int, str]) -> bool:
        """A hyphen or particle that joins the name part before it to one after it: "Jean-Bosco",
        "al-Sarih", "bin Salem", "de la Cruz"."""
        token = doc[i]
        if token.text == "-":
            return not token.whitespace_ and i > 0 and not doc[i - 1].whitespace_
        return self.particle(token)

    def name_end(self, doc: Doc, start: int, labels: dict[int, str]) -> int:
        """The end of the name that starts at `start` (== start when there is none): name
        words, particles and hyphens between its parts, a quoted nickname between two parts.
        A name may open with a hyphened particle ("al-Qadi")."""
        end = start
        i = start
        if (
            self.particle(doc[start])
            and start + 2 < len(doc)
            and doc[start + 1].text == "-"
            and self.joins(doc, start + 1, labels)
        ):
            i = start + 2
        while i < len(doc) and i - start < MAX_NAME_WORDS + 6:
            token = doc[i]
            if self.name_word(token, labels):
                i += 1
                end = i
                continue
            if self.joins(doc, i, labels) and i > start:
                after = doc[i + 1] if i + 1 < len(doc) else None
                if (
                    token.text == "-"
                    and end == i
                    and after is not None
                    and after.text.islower()
                    and after.is_alpha
                    and after.pos_ in ("PROPN", "NOUN")
                    and not self.particle(after)
                ):
                    i += 2  # "Kim-hung": a lower-case part after a hyphen (not "-based", "-led")
                    end = i
                    continue
                i += 1
                continue
            if token.text in QUOTES and end == i and i > start:
                close = i + 1
                while close < len(doc) and close - i <= 3 and self.name_word(doc[close], labels):
                    close += 1
                if (
                    close > i + 1
                    and close + 1 < len(doc)
                    and doc[close].text in QUOTES
                    and self.name_word(doc[close + 1], labels)
                ):
                    i = close + 1  # First "Nick" Last
                    continue
            break
        return end

    def plausible(self, doc: Doc, start: int, end: int, single: bool) -> bool:
        """A sequence shaped like a person's name: two to six words (one only where the slot
        allows it), no country, demonym or large city as the whole of it."""
        words = [t for t in doc[start:end] if t.is_alpha and not self.particle(t)]
        if not words or len(words) > MAX_NAME_WORDS or (len(words) == 1 and not single):
            return False
        if end < len(doc) and doc[end].is_title and doc[end].is_alpha:
            return False  # cut short by a word no name has: "Amnesty International"
        if any(t.tag_ == "NNPS" for t in words):
            return False  # a plural proper noun names a body or a domain: "Foreign Affairs"
        key = fold(doc[start:end].text)
        gaz = gazetteer()
        if key in gaz.country_names or any(
            fold(t.text) in gaz.demonyms or fold(t.text) in gaz.country_names for t in words
        ):
            return False  # "Han Chinese", "Digicel Ghana": a people or a place
        return not any(c.primary and c.population >= LARGE_CITY for c in gaz.cities(key))

    # ------------------------------------------------------------------ slots
    def after_cue(self, doc: Doc, labels: dict[int, str]) -> Iterable[tuple[int, int]]:
        """Names right after a title or person noun: "lawyer X Y", "Mr. X", and after a comma
        "two lawyers, X Y" (then two words at least)."""
        for cue in doc:
            if not self.is_cue(cue) or cue.i + 1 >= len(doc):
                continue
            start = cue.i + 1
            if doc[start].text == "." and not cue.whitespace_:
                start += 1  # "Mr ." split by the tokenizer
            comma = doc[start].text == "," if start < len(doc) else False
            if comma:
                start += 1
            if start >= len(doc):
                continue
            end = self.name_end(doc, start, labels)
            if end == start:
                continue
            honorific = cue.lower_.rstrip(".") in self.lex.honorifics
            single = not comma and (
                honorific or (doc[start].pos_ == "PROPN" and labels.get(start, "") in ("", "PERSON"))
            )
            if end < len(doc) and (doc[end].lower_ in ("'s", "’s") and not single):
                continue
            if self.plausible(doc, start, end, single):
                yield start, end

    def before_apposition(self, doc: Doc, labels: dict[int, str]) -> Iterable[tuple[int, int]]:
        """Names in apposition to a person noun that follows them: "X Y, a lawyer," or
        "X Y, 34, the opposition leader"."""
        i = 0
        while i < len(doc):
            opens = self.name_word(doc[i], labels) or (
                self.particle(doc[i]) and i + 1 < len(doc) and doc[i + 1].text == "-"
            )
            before = doc[i - 1] if i > 0 else None
            if not opens or (
                before is not None
                and before.is_title
                and before.is_alpha
                and not before.is_sent_start
                and not self.is_cue(before)
            ):
                i += 1
                continue
            end = self.name_end(doc, i, labels)
            proper = all(t.pos_ == "PROPN" for t in doc[i:end] if t.is_alpha and not self.particle(t))
            if (
                end > i
                and end < len(doc)
                and doc[end].text == ","
                and proper
                and self.apposition_follows(doc, end + 1)
                and self.plausible(doc, i, end, single=False)
            ):
                yield i, end
            i = max(end, i + 1)

    def apposition_follows(self, doc: Doc, i: int) -> bool:
        """From `i`: an optional age, a determiner, a few lower-case modifiers, a person noun
        that heads its phrase (not "a lawyer group", not "the lawyer's office")."""
        if i < len(doc) and doc[i].like_num:
            i += 1
            if i < len(doc) and doc[i].text == ",":
                i += 1
        if i >= len(doc) or doc[i].lower_ not in self.lex.apposition_determiners:
            return False
        i += 1
        for j in range(i, min(i + MAX_APPOSITION_MODIFIERS + 1, len(doc))):
            token = doc[j]
            if self.is_cue(token) and token.text.islower():
                after = doc[j + 1] if j + 1 < len(doc) else None
                return after is None or (
                    after.lower_ not in ("'s", "’s") and (after.pos_ != "NOUN" or self.is_cue(after))
                )
            if (token.is_punct and token.text != "-") or token.pos_ in ("VERB", "AUX", "ADP", "PRON", "CCONJ"):
                return False
        return False

    def list_members(self, doc: Doc, spans: list[tuple[int, int]], labels: dict[int, str]) -> list[tuple[int, int]]:
        """Names listed beside a person ("A B, C D and E F" where one member is a PERSON or
        was found above): every member shaped like a two-word name is a person too."""
        known = sorted(spans)
        found: list[tuple[int, int]] = []
        for start, end in known:
            for step in (1, -1):
                found.extend(self.walk_list(doc, start, end, step, labels))
        return found

    def walk_list(self, doc: Doc, start: int, end: int, step: int, labels: dict[int, str]) -> list[tuple[int, int]]:
        found: list[tuple[int, int]] = []
        sent_start, sent_end = doc[start].sent.start, doc[start].sent.end
        while True:
            if step == 1:
                i = end
                joiners = 0
                while i < sent_end and doc[i].lower_ in self.lex.list_joiners and joiners < 2:
                    i += 1
                    joiners += 1
                if not joiners or i >= sent_end:
                    return found
                new_end = self.name_end(doc, i, labels)
                if new_end == i or not self.plausible(doc, i, new_end, single=False):
                    return found
                if new_end < sent_end and doc[new_end].text in ("-", "'", "’", "'s", "’s"):
                    return found  # "A and Foreign Affairs' B": a possessor is not a member
                found.append((i, new_end))
                start, end = i, new_end
            else:
                i = start - 1
                joiners = 0
                while i >= sent_start and doc[i].lower_ in self.lex.list_joiners and joiners < 2:
                    i -= 1
                    joiners += 1
                if not joiners or i < sent_start or not self.name_word(doc[i], labels):
                    return found
                first = i
                while first - 1 >= sent_start and (
                    self.name_word(doc[first - 1], labels)
                    or doc[first - 1].text == "-"
                    or self.particle(doc[first - 1])
                ):
                    first -= 1
                while first < i and not self.name_word(doc[first], labels):
                    first += 1
                if self.name_end(doc, first, labels) != i + 1 or not self.plausible(doc, first, i + 1, single=False):
                    return found
                found.append((first, i + 1))
                start, end = first, i + 1

    # ------------------------------------------------------------------ entities
    def recognise(self, doc: Doc, ents: list[Span]) -> list[Span]:
        labels = {t.i: ent.label_ for ent in ents for t in ent}
        spans = [*self.after_cue(doc, labels), *self.before_apposition(doc, labels)]
        persons = [(e.start, e.end) for e in ents if e.label_ == "PERSON"]
        seeds = [(start, end) for start, end in [*spans, *persons] if end - start > 1]
        spans += self.list_members(doc, seeds, labels)
        if not spans:
            return ents
        chosen: list[tuple[int, int]] = []
        for start, end in sorted(set(spans), key=lambda s: (s[0], -(s[1] - s[0]))):
            if chosen and start < chosen[-1][1]:
                continue
            if any(s < end and start < e and not (start <= s and e <= end) for s, e in persons):
                continue  # never cut a name the model found ("Cheung Kim-hung" is not "Cheung Kim")
            chosen.append((start, end))
        taken = {i for start, end in chosen for i in range(start, end)}
        kept = [ent for ent in ents if not any(t.i in taken for t in ent)]
        kept += [Span(doc, start, end, label="PERSON") for start, end in chosen]
        return sorted(kept, key=lambda e: e.start)
