"""Entity-label repair: calendar dates NER missed and person labels made consistent.

The small English model tags some names as places or organisations ("Pavel Latushka"
GPE, "Maksim Znak" ORG) and some dates as works of art. A name tagged PERSON anywhere in
the document is a person everywhere in it, and so is a name that shares its surname with
one; a name preceded by a personal title is a person. Names the model missed altogether
are found first by the slot they stand in (components/names.py: "lawyer X Y", "X Y, a
lawyer,", a list beside a person), so their later mentions follow them. Dates found by the
date grammar override other labels.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from hrevents.components.names import NameRecogniser, first_surname
from hrevents.dates import find_date_spans
from hrevents.geo.gazetteer import fold, gazetteer
from hrevents.rules.schema import load_lexicon

PERSONISH = frozenset(
    {"PERSON", "GPE", "ORG", "NORP", "LOC", "FAC", "WORK_OF_ART", "PRODUCT", "EVENT", "LAW", "LANGUAGE"}
)


def name_key(span: Span) -> str:
    return " ".join(token.text.lower() for token in span if token.is_alpha)


def names_a_country(span: Span) -> bool:
    """The words are a country's name ("Sri Lanka"), or end in one after words NER did not
    call a person ("Northern Ghana", "Digicel Ghana"): a place or a body, never a person.
    Country names the gazetteer marks ambiguous ("Jordan", "Chad") are not among them."""
    words = [token.text for token in span if token.is_alpha]
    if not words:
        return False
    names = gazetteer().country_names
    return fold(" ".join(words)) in names or (
        span.label_ != "PERSON" and any(fold(" ".join(words[i:])) in names for i in range(1, len(words)))
    )


class EntityFixer:
    def __init__(self, lexicon: str) -> None:
        lex = load_lexicon(lexicon)
        self.titles = frozenset(lex.titles)
        self.org_words = frozenset(lex.organisation_words)
        self.place_heads = frozenset(lex.place_nouns) | frozenset(lex.facility_words) | frozenset(lex.authority_words)
        self.names = NameRecogniser(lex)
        self.final_particles = frozenset(lex.names.final_particles)

    def looks_like_name(self, span: Span) -> bool:
        """Title-case proper-noun tokens with no organisation word: shaped like a person name."""
        words = [token for token in span if not token.is_punct]
        if not 1 <= len(words) <= 5:
            return False
        return all(
            token.is_title and token.pos_ == "PROPN" and token.lower_ not in self.org_words and token.is_alpha
            for token in words
        )

    def widen(self, ent: Span) -> Span:
        """Take in name parts NER left outside: "Jean-Bosco Talla" tagged "Bosco Talla",
        "Lovet Ndima Tingha" tagged "Ndima Tingha", "Ulan Asan uulu" tagged "Ulan Asan"."""
        doc = ent.doc
        start = ent.start
        while (
            start >= 2
            and doc[start - 1].text == "-"
            and not doc[start - 2].whitespace_
            and not doc[start - 1].whitespace_
        ):
            if not doc[start - 2].is_title:
                break
            start -= 2
        while (
            start >= 1
            and doc[start - 1].pos_ == "PROPN"
            and doc[start - 1].is_title
            and doc[start - 1].is_alpha
            and doc[start - 1].dep_ == "compound"
            and doc[start - 1].head.i in range(start, ent.end)
            and doc[start - 1].lower_.rstrip(".") not in self.titles
            and doc[start - 1].lower_ not in self.org_words
            and not doc[start - 1].ent_type_
        ):
            start -= 1
        end = ent.end
        if end < len(doc) and doc[end].text in self.final_particles and len(ent) > 1:
            end += 1  # "Ulan Asan uulu": a patronymic written after the name ends it
        return Span(doc, start, end, label="PERSON") if (start, end) != (ent.start, ent.end) else ent

    def not_a_person(self, ent: Span) -> bool:
        """Acronyms ("ONUB") and names with an organisation word are not people."""
        words = [t for t in ent if t.is_alpha]
        return any((t.text.isupper() and len(t.text) > 1) or t.lower_ in self.org_words for t in words)

    @staticmethod
    def drop_implausible_persons(ents: list[Span]) -> list[Span]:
        """PERSON labels no name can carry: no proper noun ("Kidnappings"), a plural
        proper noun ("Croats"), a digit ("JFK8"); and a one-word "person" the document
        elsewhere labels a place or group ("Burundi", "Nigeria") takes that label."""
        other = {ent.text.lower(): ent.label_ for ent in ents if ent.label_ in ("GPE", "LOC", "NORP", "ORG")}
        kept = []
        for ent in ents:
            if ent.label_ == "PERSON":
                words = [t for t in ent if not t.is_punct]
                if (
                    not any(t.pos_ == "PROPN" for t in words)
                    or (len(words) == 1 and words[0].tag_ == "NNPS")
                    or any(c.isdigit() for c in ent.text)
                ):
                    continue
                if len(words) == 1 and ent.text.lower() in other:
                    ent = Span(ent.doc, ent.start, ent.end, label=other[ent.text.lower()])
            kept.append(ent)
        return kept

    def __call__(self, doc: Doc) -> Doc:
        ents = list(doc.ents)
        spans = find_date_spans(doc.text)
        found = (doc.char_span(start, end, label="DATE", alignment_mode="expand") for start, end in spans)
        dates = [span for span in found if span is not None]
        date_tokens = {token.i for span in dates for token in span}
        ents = [ent for ent in ents if not (ent.label_ != "DATE" and any(t.i in date_tokens for t in ent))]
        ents = filter_spans([*dates, *ents])
        # Names the model missed, by their slot ("lawyer X Y", "X Y, a lawyer"), before the
        # labels are made consistent, so their later mentions ("Ouali") follow them.
        ents = self.names.recognise(doc, ents)

        persons = {name_key(ent) for ent in ents if ent.label_ == "PERSON"}
        surnames = {ent[-1].lower_ for ent in ents if ent.label_ == "PERSON" and len(ent) > 1}
        first_names = {ent[0].lower_ for ent in ents if ent.label_ == "PERSON" and len(ent) > 1}
        # "Sanchez" after "Ariel Sanchez Ruiz": the first of two surnames names the person too
        surnames |= {
            found for ent in ents if ent.label_ == "PERSON" for found in [first_surname(ent.text)] if found is not None
        }
        fixed = []
        for ent in ents:
            if ent.label_ == "PERSON":
                ent = self.widen(ent)
            if ent.label_ in PERSONISH and ent.label_ != "PERSON" and self.looks_like_name(ent):
                key = name_key(ent)
                titled = ent.start > 0 and doc[ent.start - 1].lower_.rstrip(".") in self.titles
                if (
                    key in persons
                    or ent[-1].lower_ in surnames
                    or titled
                    or (len(ent) == 1 and ent[0].lower_ in first_names)
                ):
                    ent = Span(doc, ent.start, ent.end, label="PERSON")
            fixed.append(ent)
        taken = {token.i for ent in fixed for token in ent}
        for token in doc:
            if (
                token.i not in taken
                and token.pos_ == "PROPN"
                and token.is_title
                and (token.lower_ in surnames or token.lower_ in first_names)
                and token.dep_ != "compound"
                and not (token.i + 1 < len(doc) and doc[token.i + 1].pos_ == "PROPN")
            ):
                fixed.append(Span(doc, token.i, token.i + 1, label="PERSON"))
                taken.add(token.i)
        fixed = [
            Span(doc, ent.start, ent.end, label="ORG") if ent.label_ == "PERSON" and self.not_a_person(ent) else ent
            for ent in fixed
        ]
        fixed = self.drop_implausible_persons(fixed)
        fixed = self.places_named_like_people(fixed)
        fixed = self.peoples_named_like_people(doc, fixed)
        doc.ents = filter_spans(fixed)
        return doc

    @staticmethod
    def premodifies_people(token: Token) -> bool:
        """The word stands before a common noun in the plural that it modifies, with only
        lower-case modifiers between ("Tajik security officers", "Baloch rights activists")."""
        head = token.head
        return (
            token.dep_ in ("compound", "amod", "nmod")
            and head.i > token.i
            and head.pos_ == "NOUN"
            and head.tag_ == "NNS"
            and all(t.pos_ in ("NOUN", "ADJ") and not t.is_title for t in token.doc[token.i + 1 : head.i])
        )

    @staticmethod
    def listed_modifiers(token: Token) -> list[int]:
        """The one-word names coordinated before a premodifier ("A, B(,) and C activists"):
        they modify the same plural noun, so they are adjectives of a people, not persons."""
        doc = token.doc
        found: list[int] = []
        i = token.i - 1
        while i >= 1:
            if doc[i].lower_ in ("and", "or"):
                i -= 1
                if doc[i].text == ",":
                    i -= 1
            elif doc[i].text == ",":
                i -= 1
            else:
                break
            word = doc[i]
            if not (word.pos_ == "PROPN" and word.is_title) or (i > 0 and doc[i - 1].pos_ == "PROPN"):
                break
            found.append(i)
            i -= 1
        return found

    def peoples_named_like_people(self, doc: Doc, ents: list[Span]) -> list[Span]:
        """One-word "persons" that are the name of a people: a demonym that premodifies a plural
        noun ("Tajik security officers beat him"), and the one-word names listed before such a
        premodifier ("arrested Pashtun, Sindhi, and Baloch activists"). They are nationalities
        (NORP), so that neither a victim slot nor a pronoun's antecedent takes them for a person."""
        demonyms = gazetteer().demonyms
        peoples: set[int] = set()
        for token in doc:
            if not (token.pos_ in ("PROPN", "ADJ") and token.is_title and self.premodifies_people(token)):
                continue
            if token.i == 0 or doc[token.i - 1].pos_ != "PROPN":
                if fold(token.text) in demonyms:
                    peoples.add(token.i)
                peoples.update(self.listed_modifiers(token))
        return [
            Span(ent.doc, ent.start, ent.end, label="NORP")
            if ent.label_ == "PERSON" and len(ent) == 1 and ent.start in peoples
            else ent
            for ent in ents
        ]

    def places_named_like_people(self, ents: list[Span]) -> list[Span]:
        """One-word "persons" the text itself treats as places: a country's name, or a name
        that modifies a place, facility or authority noun ("the Lakeside police", "the
        Lakeside area") or follows "in" ("a driver in Lakeside"), and is never part of a
        longer person name. Every mention of such a name is a place (GPE), so that neither a
        victim slot nor a pronoun's antecedent takes it for a person."""
        in_full = {t.lower_ for e in ents if e.label_ == "PERSON" and len(e) > 1 for t in e}
        places: set[str] = set()
        for ent in ents:
            if ent.label_ != "PERSON":
                continue
            if names_a_country(ent):
                places.add(ent.text.lower())
            if len(ent) != 1 or ent[0].lower_ in in_full:
                continue
            token = ent[0]
            modifies_place = (
                token.dep_ == "compound" and token.head.pos_ == "NOUN" and token.head.lemma_.lower() in self.place_heads
            )
            if modifies_place or (token.dep_ == "pobj" and token.head.lower_ == "in"):
                places.add(token.lower_)
        return [
            Span(ent.doc, ent.start, ent.end, label="GPE")
            if ent.label_ == "PERSON" and ent.text.lower() in places
            else ent
            for ent in ents
        ]


@Language.factory(
    "hrevents_entities",
    default_config={"lexicon": "lexicon.yaml"},
    assigns=["doc.ents", "token.ent_type", "token.ent_iob"],
    requires=["doc.ents", "token.pos", "token.tag", "token.dep"],
)
def make_entity_fixer(nlp: Language, name: str, lexicon: str) -> EntityFixer:
    return EntityFixer(lexicon)
