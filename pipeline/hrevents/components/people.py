"""People: every victim mention resolved to the person's fullest name in the report.

Pronouns take the nearest earlier person of compatible gender, preferring sentence
subjects; "the two", "both" and "they" take the nearest earlier group of two or more
people named together; surnames and spelling variants ("Babaryka", "Siarhei" for
"Syarhei") map to the fullest name that shares the surname and first initial.

References across sentences (issue 15): a counted or generic plural ("the four defendants",
"both men") takes the group named before of that size, or of that role ("the journalists"
after "journalists A and B"); "the rest", "the others", "the remaining two" take the listed
people not named again since; a singular role noun ("the researcher") takes the one person
of the paragraph given that role, and nobody when several fit (a wrong name is worse than
none). Copular and inverted lists ("Those convicted included A and B", "Among the detainees
were A") and gapped clauses ("sentenced A to five years, and B to three") add names to the
trigger's victims. A reference that fits no named group stays for the group component (SPEC 7);
one that was resolved is listed on the trigger as `referred`, so nobody is counted twice.

A list is one group at its widest (never a pair the parse coordinated inside it), and a name
listed beside people it does not name ("A and others", "A and his wife") is a group too, so
"the two men" and "them" take A while the group component counts the rest. A count looks only
at the reference's paragraph and last few sentences. Plural pronouns follow the group from one
reference to the next ("held the two men ... interrogated them ... charged them") unless people
nobody names come between. A role noun may be a thing's ("the station's owner"), stand beside
a name ("the owner and its editor, A"), or carry an epithet ("the young Kenyan researcher": the
one victim the paragraph just named); a relative clause agreeing with a plural ("..., who were
charged") takes the whole list. A first name alone, or the last words of a compound surname,
stand for the one full name they fit. A case ended without naming its people ("the case was
dismissed", "authorities dropped the charges") takes those of the paragraph's nearest earlier
act that opened it, a charge first (`references.case_referent_actions`).

The result is written as plain strings on each trigger and a name table on `doc._.hr_people`.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from itertools import pairwise
from typing import NamedTuple

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from hrevents import syntax
from hrevents.components.arguments import ArgumentFinder
from hrevents.components.contract import (
    How,
    PeopleTable,
    ResolvedPerson,
    TokenSpan,
    Trigger,
    VictimMention,
    ensure_extensions,
    triggers_of,
)
from hrevents.components.names import first_surname
from hrevents.dates import date_words
from hrevents.rules.schema import load_lexicon

# A nickname in single quotes between two parts of a name, as the tokens are joined
# ("Mohamed ' Oxygen ' Ibrahim"), written back as the text has it ("Mohamed 'Oxygen' Ibrahim").
QUOTED_NICKNAME = re.compile(r"(?<= )(['‘’]) ([^'‘’]+?) (['‘’])(?= )")

LOOKBACK_SENTENCES = 3


def fold(text: str) -> str:
    """Lower case without diacritics or punctuation: how names are compared."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return "".join(c if c.isalnum() or c.isspace() else " " for c in text.lower()).strip()


class PeopleResolver:
    def __init__(self, lexicon: str) -> None:
        ensure_extensions()
        lex = load_lexicon(lexicon)
        self.titles = frozenset(lex.titles)
        self.female = frozenset(lex.female_cues)
        self.male = frozenset(lex.male_cues)
        self.person_nouns = frozenset(lex.person_nouns)
        self.number_words = dict(lex.number_words)
        self.captions = frozenset(lex.caption_words)
        self.pronoun_gender: dict[str, str] = dict(lex.pronoun_gender)
        self.plural = frozenset(lex.plural_pronouns)
        self.authorities = frozenset(lex.authority_words)
        self.single_people = frozenset(lex.groups.single_person_nouns)
        self.organisations = frozenset(lex.organisation_words)
        self.single_determiners = frozenset(lex.groups.single_determiners)
        self.refs = lex.references
        self.case_nouns = frozenset(lex.case_nouns)
        self.people_heads = frozenset(lex.groups.heads) | self.person_nouns
        self.group_refs = frozenset(lex.group_reference_words)
        self.group_determiners = frozenset(lex.definite_group_determiners)
        # Verbs whose complement tells what their subject said ("who said they were beaten")
        self.speech_verbs = frozenset(lex.roles.reporting_verbs) | frozenset(date_words().narrative.reporting_lemmas)
        # The argument component's reading of a victim phrase, for names listed after
        # "included" or "were" that no trigger's victim slot reaches.
        self.phrases = ArgumentFinder({}, lexicon)

    def group_size(self, token: Token) -> int | None:
        """The count a group reference gives: its own number word ("the five", "both"),
        its numeral ("the four defendants", "the 3 men") or its determiner ("both journalists")."""
        for word in (token, *(c for c in token.children if c.dep_ in ("nummod", "det", "predet"))):
            if word.lower_ in self.number_words:
                return self.number_words[word.lower_]
            if word.like_num and word.text.isdigit():
                return int(word.text)
        return None

    def clean_name(self, span: Span) -> str:
        words = [t.text for t in span if not t.is_punct or t.text in "-'’"]
        # Titles, and a person noun used as one ("Writer X", "Farmer X"), are not the name.
        # So are a photo caption's words and a handle run into the name ("Enlarge X", "@x X").
        while words and (
            words[0].lower().rstrip(".") in self.titles | self.captions
            or words[0][:1] in "@#"
            or (len(words) > 1 and words[0].lower() in self.person_nouns)
        ):
            words.pop(0)
        if words and words[-1].lower() in ("'s", "’s"):
            words.pop()
        return QUOTED_NICKNAME.sub(r"\1\2\3", " ".join(words).replace(" - ", "-").replace(" -", "-"))

    def gender_cue(self, span: Span) -> str | None:
        """The person's gender from a title or relation word beside the name ("Mrs. X", "his
        wife, X"). A possessive before a relation word is another person's ("her father, X"
        is a man; "his lawyer, X" says nothing), so it is no cue."""
        doc = span.doc
        before = doc[max(span.start - 3, 0) : span.start]
        words = {t.lower_.rstrip(".") for t in before if t.dep_ != "poss"}
        head = span.root.head
        if span.root.dep_ == "appos":
            words.add(head.lower_)
        words |= {c.lower_ for c in span.root.children if c.dep_ == "appos"}
        if words & self.female:
            return "f"
        if words & self.male and not words & {"her"}:
            return "m"
        return None

    def mentions(self, doc: Doc, triggers: list[Trigger]) -> list[Span]:
        """NER persons, victim names and bare surnames of people named in full, in order."""
        spans: dict[TokenSpan, Span] = {(e.start, e.end): e for e in doc.ents if e.label_ == "PERSON"}
        for trigger in triggers:
            for victim in trigger.get("victims", []):
                if victim["kind"] == "name":
                    spans[(victim["start"], victim["end"])] = doc[victim["start"] : victim["end"]]
        spans.update(bare_surnames(doc, list(spans.values())))
        # A span that is all title or punctuation ("Dr.", a quote mark NER called a person)
        # names nobody: it is no mention, so every later lookup by name has a key.
        return sorted((s for s in spans.values() if fold(self.clean_name(s))), key=lambda s: s.start)

    def listed_victims(self, doc: Doc, trigger: Trigger) -> list[VictimMention]:
        """The names a copular or inverted list gives a participle's subject: "Those
        convicted in absentia included A, B and C", "Those released were A and B", "The
        detained included A", "Among those arrested were A and B", "Among the detainees were A",
        "Those who remained in custody included A", "The names of those detained are A and B"."""
        anchor = doc[trigger["anchor"]]
        if anchor.dep_ == "conj" and anchor.tag_ == "VBN" and anchor.head.dep_ == "acl":
            anchor = anchor.head  # "Among those detained and fined was A": the participles share A
        if anchor.dep_ == "acl" and (
            anchor.head.lower_ in self.refs.list_subjects
            or (anchor.head.tag_ == "NNS" and anchor.head.lemma_.lower() in self.people_heads)
        ):
            subject = anchor.head  # "Those convicted", "The journalists arrested"
        elif anchor.dep_ == "relcl" and anchor.head.lower_ in self.refs.list_subjects:
            subject = anchor.head  # "Those who remained in detention included A"
        elif anchor.lower_ in self.refs.list_subjects and anchor.dep_ in ("nsubj", "nsubjpass", "pobj"):
            subject = anchor  # "Those in custody included A", "Among those in detention were A"
        elif anchor.dep_ == "pobj" and anchor.head.lower_ in self.refs.list_prepositions:
            subject = anchor  # "Among the detainees were A and B"
        elif anchor.dep_ in ("nsubj", "nsubjpass") and any(
            c.dep_ == "det" and c.lower_ == "the" for c in anchor.children
        ):
            subject = anchor  # "the detained": the participle is the noun
        else:
            return []
        if (
            subject.dep_ == "pobj"
            and subject.head.lower_ == "of"
            and subject.head.head.lemma_.lower() in self.refs.list_name_nouns
        ):
            subject = subject.head.head  # "The names of those still detained are A and B"
        verb = subject.head
        own: tuple[str, ...] = ("dobj", "attr", "oprd")
        if subject.dep_ == "pobj" and verb.lower_ in self.refs.list_prepositions:
            verb, own = verb.head, ("nsubj", "attr")
        elif subject.dep_ not in ("nsubj", "nsubjpass"):
            return []
        if verb.lemma_.lower() not in self.refs.list_verbs or any(c.dep_ == "neg" for c in verb.children):
            return []  # "B was not among those charged"
        counted = any(c.dep_ == "nummod" for c in subject.children)
        if (
            subject.lower_ not in self.refs.list_subjects
            and subject.dep_ == "pobj"
            and subject.i != anchor.i
            and not counted
        ):
            # "among the senior officers accused of ...": a description, not a list of victims;
            # "among more than 50 individuals detained" counts the act's victims
            return []
        found: list[VictimMention] = []
        seen: set[int] = {subject.i}
        for child in verb.children:
            if child.dep_ in own and child.i != subject.i:
                found.extend(v for v in self.phrases.victims_from(child, seen) if v["kind"] == "name")
        return found

    def gapped_victims(self, doc: Doc, trigger: Trigger) -> list[VictimMention]:
        """Names of a clause that shares the trigger's verb ("sentenced A to five years, and
        B and C to three years each"): the parser hangs the gapped clause's name on the verb."""
        anchor = doc[trigger["anchor"]]
        victim = trigger.get("victim_head")
        if anchor.pos_ != "VERB" or victim is None:
            return []
        seen = {t.i for v in trigger.get("victims", []) for t in doc[v["start"] : v["end"]]}
        found: list[VictimMention] = []
        for child in anchor.children:
            if (
                child.dep_ == "conj"
                and child.pos_ == "PROPN"
                and not any(c.pos_ in ("VERB", "AUX") for c in child.children)
                # "raided the offices and detained reporter B": a verb the parser read as an
                # adjective before the name is another act, whose object B is
                and not any(t.pos_ == "VERB" for t in child.subtree if t.i < child.i)
            ):
                found.extend(v for v in self.phrases.victims_from(child, seen) if v["kind"] == "name")
        found.extend(self.gapped_in_phrase(anchor, doc[victim], seen))
        return found

    def gapped_in_phrase(self, verb: Token, victim: Token, seen: set[int]) -> list[VictimMention]:
        """ "convicted A to 14 years on charges of X and B and C to 12 years", "fined A for
        reporting on the protests and B for filming them": in a gapped clause the parser often
        coordinates the second clause's names with the last noun of the first clause's phrase.
        A name coordinated with a word that is no person, inside one of the verb's phrases
        after its victim, and followed by a phrase of a preposition the verb's clause used
        before it (the gapped clause's remnant, "to 12 years"), is the shared verb's victim.
        Without that remnant ("arrested A for insulting the governor and B") B may be the
        object of the phrase's own verb, so it is left."""
        doc = verb.doc
        found: list[VictimMention] = []
        for prep in (c for c in verb.children if c.dep_ == "prep" and c.i > victim.i):
            for word in prep.subtree:
                if word.dep_ == "conj" or self.phrases.person_phrase(word):
                    continue
                names = [c for c in word.conjuncts if c.i > word.i and c.pos_ == "PROPN"]
                if not names:
                    continue
                end = max(t.i for n in names for t in n.subtree) + 1
                used = {p.lower_ for p in verb.children if p.dep_ == "prep" and victim.i < p.i < names[0].i}
                remnant = end < len(doc) and doc[end].dep_ == "prep" and doc[end].lower_ in used
                if not remnant or any(syntax_child(n, "nsubj", "nsubjpass", "aux", "auxpass") for n in names):
                    continue
                for name in names:
                    found.extend(v for v in self.phrases.victims_from(name, seen) if v["kind"] == "name")
        return found

    def plural_antecedent(self, doc: Doc, trigger: Trigger) -> list[VictimMention]:
        """ "A and B, two critics of the governor C, who were arrested": a relative clause
        whose verb agrees with a plural cannot be about the one name it hangs on; it is
        about the list that name's phrase describes. The names of the nearest list above
        replace the singular name; nothing changes when no such list is there."""
        anchor = doc[trigger["anchor"]]
        index = trigger.get("victim_head")
        if anchor.dep_ != "relcl" or index is None or anchor.head.i != index:
            return []
        head = doc[index]
        if (
            not syntax.plural_clause(anchor, self.refs.plural_auxiliaries)
            or head.ent_type_ != "PERSON"
            or head.conjuncts
            or head.tag_ != "NNP"
        ):
            return []
        for above in head.ancestors:
            if above.dep_ == "ROOT" or (above.pos_ in ("VERB", "AUX") and syntax_child(above, "nsubj", "nsubjpass")):
                return []
            if above.ent_type_ == "PERSON" or above.tag_ in ("NNS", "NNPS"):
                names = [v for v in self.phrases.victims_from(list_top(above), set()) if v["kind"] == "name"]
                if len({(v["start"], v["end"]) for v in names}) >= 2:
                    return names
        return []

    def partitive_members(self, doc: Doc, trigger: Trigger, paragraphs: list[int]) -> list[VictimMention]:
        """ "Police arrested 18 activists ... Authorities released seven of the 18, including A
        and B": a partitive that points back to a counted group ("seven of the 18", "two of
        the activists") and names some of its part names members of the group, so they
        underwent the group's act too. Only a counted victim nobody names is such a group,
        and only a partitive of its own paragraph, a few sentences on, reaches back to it."""
        index = trigger.get("victim_head")
        if index is None or any(v["kind"] == "name" for v in trigger.get("victims", [])):
            return []
        head = doc[index]
        size = self.group_size(head)
        if head.tag_ not in ("NNS", "NNPS") or size is None or size < 2:
            return []
        sentences = list(doc.sents)
        first = next(number for number, sent in enumerate(sentences) if sent.start <= index < sent.end)
        found: list[VictimMention] = []
        seen: set[int] = set()
        for sent in sentences[first : first + LOOKBACK_SENTENCES + 1]:
            for token in sent:
                if token.i <= index or paragraphs[token.i] != paragraphs[index]:
                    continue
                if token.lower_ != "of" or token.dep_ != "prep" or not self.is_part(token.head):
                    continue
                whole = next((o for o in token.children if o.dep_ == "pobj"), None)
                if whole is None or not any(
                    c.dep_ == "det" and c.lower_ in self.group_determiners for c in whole.children
                ):
                    continue
                if self.group_size(whole) != size and whole.lemma_.lower() != head.lemma_.lower():
                    continue  # "of the 18", "of the activists": the same group, not another
                part = token.head
                seen.add(token.i)
                found.extend(v for v in self.phrases.victims_from(part, seen) if v["kind"] == "name")
                # the list may hang on the whole ("seven of the 18, including A"): its members too
                found.extend(v for v in self.phrases.victims_from(whole, seen) if v["kind"] == "name")
        return found

    def case_referents(
        self, doc: Doc, trigger: Trigger, triggers: list[Trigger], paragraphs: list[int]
    ) -> list[VictimMention]:
        """ "X was charged ..., but the case was terminated"; "police arrested A and B ...
        Authorities dropped the charges": a definite case noun that names no one ends the case
        the paragraph has just told. Its people are the victims of the nearest earlier act of
        the paragraph that opens a case, by the preference of `case_referent_actions` (the
        charge first: it is what a dismissal ends). A case noun with its own "against" or
        possessor has its victims already; an indefinite one ("dismissed a case") is not
        the one told before."""
        if trigger["action"] not in self.refs.case_reference_actions:
            return []
        index = trigger.get("victim_head")
        if index is None:
            index = next((t.i for t in doc[trigger["anchor"]].children if t.dep_ == "nsubjpass"), None)
        if index is None:
            return []
        head = doc[index]
        if head.lemma_.lower() not in self.case_nouns or not any(
            c.dep_ == "det" and c.lower_ in self.group_determiners for c in head.children
        ):
            return []
        paragraph = paragraphs[trigger["anchor"]]
        earlier = [
            t
            for t in triggers
            if t["anchor"] < trigger["anchor"] and paragraphs[t["anchor"]] == paragraph and t.get("victims")
        ]
        for action in self.refs.case_referent_actions:
            opened = [t for t in earlier if t["action"] == action]
            if opened:
                nearest = max(opened, key=lambda t: t["anchor"])
                return [{"start": v["start"], "end": v["end"], "kind": v["kind"]} for v in nearest.get("victims", [])]
        return []

    def is_part(self, token: Token) -> bool:
        """The head of a partitive: a count or quantity ("seven", "some", "most", "one")."""
        return token.like_num or token.lower_ in self.number_words or token.lower_ in self.refs.partitive_heads

    def __call__(self, doc: Doc) -> Doc:
        triggers = triggers_of(doc)
        for trigger in triggers:
            plural = self.plural_antecedent(doc, trigger)
            if plural:
                trigger["victims"] = plural
                trigger["victim_head"] = doc[plural[0]["start"] : plural[0]["end"]].root.i
            if not trigger.get("victims"):
                listed = self.listed_victims(doc, trigger)
                if listed:
                    trigger["victims"] = listed
                    agent = trigger.get("perpetrator")
                    if agent is not None and any(v["start"] < agent[1] and agent[0] < v["end"] for v in listed):
                        trigger["perpetrator"] = None  # "A was among those arrested": A is no agent
            gapped = self.gapped_victims(doc, trigger)
            if gapped:
                trigger["victims"] = [*trigger.get("victims", []), *gapped]
        paragraphs = paragraph_numbers(doc)
        case_references: set[int] = set()
        for trigger in triggers:
            if not trigger.get("victims"):
                referents = self.case_referents(doc, trigger, triggers, paragraphs)
                if referents:
                    trigger["victims"] = referents
                    case_references.add(trigger["anchor"])
        for trigger in triggers:
            members = self.partitive_members(doc, trigger, paragraphs)
            if members:
                trigger["victims"] = [*trigger.get("victims", []), *members]
        people = DocPeople(self, doc, self.mentions(doc, triggers), triggers)
        for trigger in triggers:
            trigger["people"], trigger["referred"] = people.of_trigger(trigger)
            if trigger["anchor"] in case_references:
                # read by reference, not by name: the event's confidence says so
                trigger["people"] = [{"name": p["name"], "how": "group"} for p in trigger["people"]]
        doc._.hr_people = people.table()
        return doc


class ChainLink(NamedTuple):
    """One mention of a person in the pronoun chain: a name, or a pronoun resolved to one."""

    start: int
    person: str
    role: str  # the dependency label (an apposition's head's)
    sentence: int
    level: int = 2  # 0: subject of the main clause, 1: another of its arguments, 2: inside a clause below


class NamedGroup(NamedTuple):
    """Two or more people named together, the token where the naming starts and the token
    after its last name."""

    start: int
    members: list[str]
    end: int
    partial: bool = False  # named beside people it does not name ("A, B and six other individuals")


def syntax_child(token: Token, *deps: str) -> bool:
    """The token has a dependent of one of these relations."""
    return any(c.dep_ in deps for c in token.children)


def list_top(token: Token) -> Token:
    """The word a list of people hangs from: "activists A, B and C" is "activists", "A and
    his colleague B" is A; a name inside a phrase ("the wife of B") heads its own."""
    while token.dep_ in ("conj", "appos") and token.head.pos_ in ("NOUN", "PROPN", "PRON", "NUM"):
        token = token.head
    return token


def clause_level(token: Token) -> int:
    """How prominent a mention is in its sentence: 0 for a subject of the main clause (the
    root verb or a verb coordinated with it), 1 for another of that clause's arguments (its
    object, or the object of its preposition: "brought against B"), 2 for a mention inside a
    clause below ("helping A flee", "who said ...")."""
    verb = token.head
    role = token.dep_
    if role == "pobj" and verb.dep_ in ("prep", "agent"):
        verb, role = verb.head, "pobj"
    while verb.dep_ == "conj" and verb.head.i != verb.i and verb.pos_ in ("VERB", "AUX"):
        verb = verb.head
    if verb.dep_ != "ROOT" or verb.pos_ not in ("VERB", "AUX"):
        return 2
    return 0 if role in ("nsubj", "nsubjpass") else 1 if role in ("dobj", "pobj", "attr", "dative") else 2


def listed_together(mentions: list[Span]) -> dict[int, list[Span]]:
    """The mentions of each list, by the token the list hangs from, in order. Names written
    one after another with only commas and "and" between are one list whatever the parse
    hung them from ("activists A, B, and C" with C coordinated to the sentence's subject)."""
    key = {span.start: list_top(span.root).i for span in mentions}
    ordered = sorted(mentions, key=lambda s: s.start)
    for before, after in pairwise(ordered):
        between = before.doc[before.end : after.start]
        if len(between) and all(t.lower_ in (",", "and") for t in between):
            old, new = key[after.start], key[before.start]
            key = {start: new if k == old else k for start, k in key.items()}
    lists: dict[int, list[Span]] = defaultdict(list)
    for span in ordered:
        lists[key[span.start]].append(span)
    return lists


def outermost(groups: list[NamedGroup]) -> list[NamedGroup]:
    """Each list once, as its widest reading: the pair "B and C" the parse coordinated inside
    "A, B and C", or the same names read again as a trigger's victims, is the same group
    (a reference to "the two" must not take a pair that is only part of a list)."""
    kept: list[NamedGroup] = []
    for group in sorted(groups, key=lambda g: (g.start - g.end, -len(g.members), g.start)):
        for number, wider in enumerate(kept):
            if wider.start <= group.start and group.end <= wider.end and set(group.members) <= set(wider.members):
                kept[number] = wider._replace(partial=wider.partial or group.partial)
                break
        else:
            kept.append(group)
    return sorted(kept, key=lambda g: g.start)


def bare_surnames(doc: Doc, spans: list[Span]) -> dict[TokenSpan, Span]:
    """A bare surname of someone named in full is a mention too, whatever NER called it
    ("Yaounde gendarmes arrested Andre Blaise Essama ... stopped Essama and took him")."""
    surnames = {s[-1].lower_ for s in spans if len(s) > 1}
    # A first name alone stands for the one person named in full with it ("Shiferaw and
    # fellow journalist B" after "Shiferaw Insermu"); shared by two full names, for no one.
    firsts: dict[str, set[str]] = defaultdict(set)
    for span in spans:
        if len(span) > 1 and span[0].pos_ == "PROPN":
            firsts[span[0].lower_].add(span.text)
    surnames |= {first for first, full in firsts.items() if len(full) == 1}
    covered = {i for s in spans for i in range(s.start, s.end)}
    found: dict[TokenSpan, Span] = {}
    for token in doc:
        followed_by_name = token.i + 1 < len(doc) and doc[token.i + 1].pos_ == "PROPN"
        if (
            token.i not in covered
            and token.pos_ == "PROPN"
            and token.is_title
            and token.lower_ in surnames
            and token.dep_ != "compound"
            and not followed_by_name
        ):
            found[(token.i, token.i + 1)] = doc[token.i : token.i + 1]
    return found


def paragraph_numbers(doc: Doc) -> list[int]:
    """The paragraph of each token: paragraphs end at blank lines (as `hrevents_paragraphs` cuts)."""
    numbers: list[int] = []
    current = 0
    for token in doc:
        numbers.append(current)
        if token.is_space and token.text.count("\n") >= 2:
            current += 1
    return numbers


def role_words(span: Span) -> frozenset[str]:
    """The nouns a mention gives its person, as lemmas: a title or person noun before the
    name ("journalist A", "opposition leader A"), the noun the name stands in apposition to
    ("the researcher, A"; "activists A and B"), and its own appositions ("A, a lawyer";
    "A and B, both journalists")."""
    root = span.root
    nouns: list[Token] = []
    for token in reversed(span.doc[max(span.start - 3, 0) : span.start]):
        if token.dep_ == "compound" and (span.start <= token.head.i < span.end or token.head in nouns):
            nouns.append(token)  # "opposition leader A": both words
    if root.dep_ == "appos":
        nouns.append(root.head)
        nouns.extend(c for c in root.head.children if c.dep_ == "compound")
    if root.dep_ == "conj":
        first = root
        while first.dep_ == "conj":
            first = first.head
        if first.dep_ == "appos":
            nouns.append(first.head)
        nouns.extend(c for c in first.children if c.dep_ == "appos")
    for apposition in (c for c in root.children if c.dep_ == "appos"):
        nouns.append(apposition)
        nouns.extend(c for c in apposition.children if c.dep_ == "compound")
    return frozenset(t.lemma_.lower() for t in nouns if t.pos_ == "NOUN")


def canonical_names(names: list[str]) -> dict[str, str]:
    """Each name (in mention order) to the fullest name sharing its surname and first
    initial; a lone word with no such name takes the fullest name it begins."""
    by_surname: dict[str, list[str]] = defaultdict(list)
    for name in names:
        parts = fold(name).split()
        if parts and name not in by_surname[parts[-1]]:
            by_surname[parts[-1]].append(name)
    full: dict[str, str] = {}
    for name in names:
        parts = fold(name).split()
        if not parts:
            continue
        options = [
            other
            for other in by_surname[parts[-1]]
            if len(parts) == 1 or len(fold(other).split()) == 1 or fold(other).split()[0][:1] == parts[0][:1]
        ]
        if len(parts) == 1 and all(len(fold(o).split()) == 1 for o in options):
            begun = {other for other in names if len(fold(other).split()) > 1 and fold(other).split()[:1] == parts}
            options = sorted(begun) if len(begun) == 1 else options
        if len(parts) == 1 and all(len(fold(o).split()) == 1 for o in options):
            options = inner_surname(parts[0], names) or options
        # "San Miguel" after "Gabriel San Miguel": a name of two words or more that ends the
        # one longer name (a compound surname), when only one such name ends so.
        ended = {
            other
            for other in names
            if len(parts) > 1 and len(fold(other).split()) > len(parts) and fold(other).split()[-len(parts) :] == parts
        }
        if len(ended) == 1 and len(parts) > 1:
            options = [*options, *ended]
        full[name] = max(options or [name], key=lambda o: (len(fold(o).split()), -names.index(o)))
    return full


def inner_surname(word: str, names: list[str]) -> list[str]:
    """ "Sanchez" after "Ariel Sanchez Ruiz": the one full name whose first surname
    (`names.first_surname`) the lone word is; shared by two such names, it stands for neither."""
    inside = {other for other in names if first_surname(other) == fold(word)}
    return sorted(inside) if len(inside) == 1 else []


class DocPeople:
    """The people of one document: canonical names, genders, named groups and the pronoun
    chain, built once; then each trigger's victims are read against them."""

    def __init__(self, lexicon: PeopleResolver, doc: Doc, mentions: list[Span], triggers: list[Trigger]) -> None:
        self.lex = lexicon
        self.doc = doc
        self.sent_index = {token.i: number for number, sent in enumerate(doc.sents) for token in sent}
        self.names = {(s.start, s.end): lexicon.clean_name(s) for s in mentions}
        self.full = canonical_names(list(self.names.values()))
        self.gender: dict[str, str] = {}
        for span in mentions:
            cue = lexicon.gender_cue(span)
            canonical = self.full.get(self.names[(span.start, span.end)])
            if cue and canonical:
                self.gender.setdefault(canonical, cue)
        self.name_tokens = {i for s in mentions for i in range(s.start, s.end)}
        self.partial_refs: set[int] = set()
        self.victim_starts = {v["start"] for t in triggers for v in t.get("victims", []) if v["kind"] == "name"}
        self.groups = self.named_groups(mentions, triggers)
        # Groups a resolved reference or plural pronoun stands for, where it stands: "the two
        # men ... them ... charged them" follows the group from one mention to the next.
        self.echoes: dict[int, NamedGroup] = {}
        self.plural_at: dict[int, list[str]] = {}
        self.chain = [
            ChainLink(
                s.start,
                self.person(s),
                s.root.dep_ if s.root.dep_ != "appos" else s.root.head.dep_,
                self.sent_index.get(s.start, 0),
                clause_level(s.root if s.root.dep_ != "appos" else s.root.head),
            )
            for s in mentions
        ]
        self.resolved_at: dict[int, str] = {}
        self.name_start = {s.root.i: self.person(s) for s in mentions}
        self.bare = {start for start, _ in bare_surnames(doc, [s for s in mentions if len(s) > 1])}
        self.paragraph = paragraph_numbers(doc)
        self.roles = {s.start: role_words(s) for s in mentions}
        self.mention_spans = mentions
        self.resolve_pronouns()

    def person(self, span: Span) -> str:
        """The canonical name of a mention."""
        return self.full[self.names[(span.start, span.end)]]

    def sentence(self, index: int) -> int:
        return self.sent_index.get(index, 0)

    def fits(self, person: str, wanted: str | None) -> bool:
        """The person's known gender (if any) agrees with the pronoun's (if any)."""
        return not wanted or self.gender.get(person, wanted) == wanted

    # ------------------------------------------------------------------ groups
    def named_groups(self, mentions: list[Span], triggers: list[Trigger]) -> list[NamedGroup]:
        """Two or more names coordinated in one victim slot or one sentence list, in order."""
        groups: list[NamedGroup] = []
        for trigger in triggers:
            victims = [
                v for v in trigger.get("victims", []) if v["kind"] == "name" and (v["start"], v["end"]) in self.names
            ]
            named = [self.full[self.names[(v["start"], v["end"])]] for v in victims]
            head = trigger.get("victim_head")
            partial = head is not None and self.unnamed_conjunct(self.doc[head])
            if len(set(named)) >= 2 or (named and partial):
                end = max(v["end"] for v in victims)
                start = min(trigger["anchor"], victims[0]["start"])
                groups.append(NamedGroup(start, list(dict.fromkeys(named)), end, partial))
        for top, members_spans in listed_together(mentions).items():
            members = list(dict.fromkeys(self.person(s) for s in members_spans))
            first = members_spans[0]
            partial = any(self.unnamed_conjunct(t) for t in (self.doc[top], *(s.root for s in members_spans)))
            if len(members) >= 2 or partial:
                # "A and others" is a group too: a later "the two men" or "them" takes A, and
                # the group component still counts the people it does not name.
                end = max(s.end for s in members_spans)
                groups.append(NamedGroup(first.start, members, end, partial))
        return outermost(groups)

    def unnamed_conjunct(self, token: Token) -> bool:
        """People coordinated after the names who are not named ("A and 20 others", "A and
        his wife", "A and a colleague"); a plural before them introduces the names
        ("journalists, A and B")."""
        return any(
            c.i > token.i and c.i not in self.name_tokens and (self.unnamed_plural(c) or self.unnamed_single(c))
            for c in token.conjuncts
        )

    def unnamed_plural(self, token: Token) -> bool:
        return token.tag_ in ("NNS", "NNPS") and (
            token.lemma_.lower() in self.lex.people_heads or token.lower_ in self.lex.refs.rest_heads
        )

    def unnamed_single(self, token: Token) -> bool:
        """One person nobody names: "his wife", "a colleague" (no name in apposition)."""
        return (
            token.tag_ == "NN"
            and token.lemma_.lower() in self.lex.single_people
            and any(
                c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in self.lex.single_determiners)
                for c in token.children
            )
            and not any(c.dep_ == "appos" and c.i in self.name_tokens for c in token.children)
        )

    def chosen(self, index: int, groups: list[NamedGroup]) -> list[str]:
        """The members of the groups a reference at `index` takes; a reference to a group
        named beside unnamed people stays a group reference too (`partial_refs`)."""
        if any(g.partial for g in groups):
            self.partial_refs.add(index)
        members = list(dict.fromkeys(m for g in groups for m in g.members))
        if members:
            self.echoes.setdefault(index, NamedGroup(index, members, index + 1, any(g.partial for g in groups)))
        return members

    def same_role(self, token: Token, group: NamedGroup) -> bool:
        """A counted reference may stand for a list that names fewer beside people it leaves
        unnamed ("A and others ... the two men") only when its noun says nothing of their role
        ("men", "the two") or gives the role the list gave: "President A and other officials
        ... arrested the two police officers" reaches neither A nor the officials."""
        lemma = token.lemma_.lower()
        generic = token.pos_ != "NOUN" or token.lower_ in self.lex.group_refs
        return generic or lemma in self.lex.refs.generic_plural_heads or lemma in self.group_roles(group)

    def group_roles(self, group: NamedGroup) -> frozenset[str]:
        """The role nouns given to any member where the group is named."""
        words: set[str] = set()
        for span in self.mention_spans:
            if group.start <= span.start < group.end:
                words |= self.roles.get(span.start, frozenset())
        return frozenset(words)

    def unnamed_group_between(self, start: int, index: int) -> bool:
        """A counted or quantified group nobody names lies between the names and the
        reference ("arrested A and B. Police also detained 20 students. The students ..."),
        not coordinated with the names."""
        for token in self.doc[start:index]:
            if token.i in self.name_tokens or token.tag_ not in ("NNS", "NNPS"):
                continue
            if token.lemma_.lower() not in self.lex.people_heads and token.lower_ not in self.lex.refs.quantity_nouns:
                continue  # "five years": not people
            if any(c.i in self.name_tokens for c in token.conjuncts):
                continue  # "A, B and six other individuals": the same list
            if token.lower_ in self.lex.refs.quantity_nouns or any(c.dep_ == "nummod" for c in token.children):
                return True
        return False

    def is_rest(self, token: Token) -> bool:
        """ "the rest", "the others", "the remaining two", "the other three"."""
        return (
            token.lemma_.lower() in self.lex.refs.rest_heads
            or token.lower_ in self.lex.refs.rest_heads
            or any(c.dep_ == "amod" and c.lower_ in self.lex.refs.rest_modifiers for c in token.children)
        )

    def candidate_groups(self, index: int, window: int | None = None, echoes: bool = False) -> list[NamedGroup]:
        """Groups named before the reference, nearest last; with a window, only those named
        at most that many sentences before (news paragraphs are a sentence or two, so the
        window counts sentences, not paragraphs). With `echoes`, also the groups earlier
        references were resolved to, where those references stand."""
        sentence = self.sentence(index)
        pool = [*self.groups, *self.echoes.values()] if echoes else self.groups
        return sorted(
            (
                g
                for g in pool
                if g.start < index
                and g.end <= index
                and (window is None or sentence - self.sentence(g.start) <= window)
            ),
            key=lambda g: g.start,
        )

    def near(self, group: NamedGroup, index: int) -> bool:
        """Named in the reference's paragraph or the last few sentences: a count alone ("the
        two men") does not reach back to a pair of another paragraph."""
        return (
            self.paragraph[group.start] == self.paragraph[index]
            or self.sentence(index) - self.sentence(group.start) <= LOOKBACK_SENTENCES
        )

    def rest_members(self, index: int) -> list[str]:
        """The listed people not named again since the list: "A, B, C and D were arrested.
        A and B were released; the rest remain in detention" is C and D. A count ("the
        remaining two") must agree."""
        size = self.lex.group_size(self.doc[index])
        options: list[tuple[int, int, list[str]]] = []
        for group in self.candidate_groups(index, LOOKBACK_SENTENCES):
            since = {m.person for m in self.chain if group.end <= m.start < index}
            rest = [m for m in group.members if m not in since]
            if since & set(group.members) and rest:
                options.append((len(group.members), group.start, rest))
        if not options:
            return []
        rest = max(options)[2]  # the whole list, not a pair the parse coordinated inside it
        return rest if size is None or len(rest) == size else []

    def group_members(self, index: int) -> list[str]:
        """The people a group reference points back to. A counted reference ("the four
        defendants", "the five") takes the nearest earlier group of that size, or the groups
        of the last two sentences together when they make up that count (a name the parse
        lost tolerated in larger groups). An uncounted one takes the group of the last two
        sentences, when it is a generic noun ("the men") or a role the group was given ("the
        journalists" after "journalists A and B"); an unnamed counted group in between stops
        it: the reference is then to nobody named."""
        token = self.doc[index]
        if self.is_rest(token):
            return self.rest_members(index)
        earlier = self.candidate_groups(index)
        size = self.lex.group_size(token)
        if size is None:
            earlier = self.candidate_groups(index, 2)  # as "they": an uncounted noun says less
            if not earlier or self.unnamed_group_between(earlier[-1].end, index):
                return []
            lemma = token.lemma_.lower()
            generic = token.lower_ in self.lex.group_refs or lemma in self.lex.refs.generic_plural_heads
            if token.pos_ == "NOUN" and not generic and lemma not in self.group_roles(earlier[-1]):
                return []
            return self.chosen(index, earlier[-1:])
        # The nearest group of that size, or a list that names fewer beside people it does
        # not name ("A and others ... the two men"); only near the reference.
        exact = [
            g
            for g in self.candidate_groups(index, echoes=True)
            if self.near(g, index)
            and (len(g.members) == size or (g.partial and len(g.members) < size and self.same_role(token, g)))
        ]
        if exact:
            return self.chosen(index, exact[-1:])
        union: list[str] = []
        used: list[NamedGroup] = []
        for group in reversed(self.candidate_groups(index, 2)):
            union.extend(m for m in group.members if m not in union)
            used.append(group)
            if len(union) >= size:
                break
        if len(union) == size or (size >= 4 and len(union) == size - 1):
            return self.chosen(index, used)
        return []

    def slot_reference(self, head: Token) -> list[str]:
        """A victim slot whose head the argument component read as no one: a counted or
        "all" plural ("the four defendants", "all three"), "the rest"/"the others", or a
        singular role noun ("the researcher")."""
        determiners = {c.lower_ for c in head.children if c.dep_ in ("det", "predet")}
        if not determiners & self.lex.group_determiners and head.lower_ != "both" and not self.thing_possessed(head):
            return []
        if self.is_rest(head):
            return self.rest_members(head.i)
        if head.tag_ in ("NNS", "NNPS") or head.pos_ == "NUM" or head.lower_ in self.lex.group_refs:
            counted = self.lex.group_size(head) is not None
            if counted or head.lemma_.lower() in self.lex.refs.generic_plural_heads:
                return self.group_members(head.i)
            return []
        if head.tag_ == "NN":
            person = self.role_reference(head)
            return [person] if person else []
        return []

    def role_reference(self, head: Token) -> str | None:
        """ "The researcher was charged": the one person named before in the paragraph (or the
        last few sentences) with that role ("the researcher A", "A, a researcher"); compounds of the reference ("the
        opposition leader") must be among the role's words. None when nobody or more than
        one fits, or someone unnamed of that role ("a researcher") was mentioned since."""
        lemma = head.lemma_.lower()
        if lemma not in self.lex.person_nouns | self.lex.titles:
            return None
        children = list(head.children)
        if any(c.dep_ in ("prep", "relcl", "acl", "appos", "nummod") for c in children) or (
            any(c.dep_ == "poss" for c in children) and not self.thing_possessed(head)
        ):
            return None  # "the journalist's brother", "the lawyer of A": someone else
        if not {c.lower_ for c in children if c.dep_ == "det"} <= set(self.lex.refs.single_determiners):
            return None
        wanted = {lemma} | {c.lemma_.lower() for c in children if c.dep_ == "compound"}
        paragraph, sentence = self.paragraph[head.i], self.sentence(head.i)
        fitting = [
            span
            for span in self.mention_spans
            if span.end <= head.i
            and (self.paragraph[span.start] == paragraph or sentence - self.sentence(span.start) <= LOOKBACK_SENTENCES)
            and wanted <= self.roles.get(span.start, frozenset())
        ]
        people = {self.person(span) for span in fitting}
        if not people and self.epithet(head):
            fitting = self.sole_victim_before(head)
            people = {self.person(span) for span in fitting}
        if len(people) != 1:
            return None
        last = max(span.end for span in fitting)
        for token in self.doc[last : head.i]:
            if token.dep_ == "appos" and token.head.i in self.name_tokens:
                continue  # "A, a lawyer": the role of the name itself
            if token.lemma_.lower() == lemma and any(
                c.dep_ == "det" and c.lower_ in self.lex.refs.unnamed_determiners for c in token.children
            ):
                return None
        return people.pop()

    def thing_possessed(self, head: Token) -> bool:
        """ "the station's owner", "its editor": a role in an organisation, not a relation
        to another person ("the journalist's lawyer") or to one nobody names ("the family's")."""
        return any(
            c.dep_ == "poss"
            and (
                c.lower_ in self.lex.refs.thing_possessives
                or (c.pos_ == "NOUN" and c.lemma_.lower() in self.lex.organisations)
            )
            for c in head.children
        )

    def epithet(self, head: Token) -> bool:
        """A role noun with a describing adjective ("the Egyptian investigative researcher",
        "the veteran reporter") is how English speaks again of someone just named, even in
        a role not given before; a bare "the lawyer" may be someone new."""
        return any(
            c.dep_ == "amod" and c.pos_ == "ADJ" and c.lower_ not in self.lex.refs.not_epithets for c in head.children
        ) and not any(c.lower_ in self.lex.refs.not_epithets for c in head.children)

    def sole_victim_before(self, head: Token) -> list[Span]:
        """The mentions of the one person named in the paragraph's last few sentences before
        `head`, when that person is the victim of an act there; nothing when two are named."""
        paragraph, sentence = self.paragraph[head.i], self.sentence(head.i)
        before = [
            span
            for span in self.mention_spans
            if span.end <= head.i
            and self.paragraph[span.start] == paragraph
            and sentence - self.sentence(span.start) <= LOOKBACK_SENTENCES
        ]
        if len({self.person(span) for span in before}) != 1:
            return []
        if not any(span.start in self.victim_starts for span in before):
            return []
        return before

    # ------------------------------------------------------------------ pronouns
    def resolve_pronouns(self) -> None:
        """Chain: every singular personal pronoun, in order, joins the mentions of the person
        it resolves to, so "X was detained. He said ... Police beat him" reaches X."""
        for token in self.doc:
            if token.pos_ == "PRON" and token.lower_ in self.lex.pronoun_gender:
                person = self.resolve_singular(token.i, token.lower_)
                if person is not None:
                    self.resolved_at[token.i] = person
                    self.chain.append(
                        ChainLink(token.i, person, token.dep_, self.sentence(token.i), clause_level(token))
                    )
                    self.chain.sort(key=lambda m: m.start)
                    self.gender.setdefault(person, self.lex.pronoun_gender[token.lower_])

    def resolve_singular(self, index: int, word: str) -> str | None:
        wanted = self.lex.pronoun_gender.get(word)
        sentence = self.sentence(index)
        earlier = [m for m in self.chain if m.start < index and sentence - m.sentence <= LOOKBACK_SENTENCES]
        compatible = [m for m in earlier if self.fits(m.person, wanted)]
        if not compatible:
            return None
        last_name = max((m for m in compatible if m.start not in self.resolved_at), key=lambda m: m.start, default=None)
        if last_name is not None and self.unnamed_person_between(self.relation_start(last_name.start), index):
            return None
        pronoun = self.doc[index]
        ahead = self.fronted_subject(pronoun, wanted)
        if ahead is not None:
            return ahead
        return self.nearest(compatible, pronoun, sentence)

    def fronted_subject(self, pronoun: Token, wanted: str | None) -> str | None:
        """ "Following his release, Mvie alleged ...": a pronoun in a phrase fronted before
        the main clause points forward to its subject."""
        root = pronoun.sent.root
        subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None and pronoun.i < subject.i and subject.i in self.name_start:
            ahead = self.name_start[subject.i]
            if self.fits(ahead, wanted):
                return ahead
        return None

    def nearest(self, compatible: list[ChainLink], pronoun: Token, sentence: int) -> str:
        """In the same sentence, the nearest earlier person, unless it is the subject of
        the pronoun's own verb ("Ali beat him" is not Ali): "stopped X and took him to
        headquarters where he was interrogated" is X throughout. Otherwise salience:
        subjects, then objects, of the previous sentence; then anyone."""
        same = [
            m
            for m in compatible
            if m.sentence == sentence
            and not (m.role in ("nsubj", "nsubjpass") and self.doc[m.start].head.i == pronoun.head.i)
            and not self.inside_description(m.start)
        ]
        if same:
            return max(same, key=lambda m: m.start).person
        recent = [m for m in compatible if m.sentence >= sentence - 1]
        # The subject of a main clause is the topic; failing one, the person the sentence
        # before already called by a pronoun stays the topic, then the main clause's other
        # arguments ("Two cases were brought against B, the first for helping A flee. He was
        # convicted ...": "he" is not A, the subject of a clause inside the sentence).
        tiers = (
            [m for m in recent if m.level == 0],
            [m for m in recent if m.start in self.resolved_at],
            [m for m in recent if m.level == 1],
            [m for m in recent if m.role in ("nsubj", "nsubjpass")],
            [m for m in recent if m.role in ("dobj", "attr", "conj")],
        )
        for pool in tiers:
            if pool:
                return max(pool, key=lambda m: m.start).person
        return max(compatible, key=lambda m: m.start).person

    def unnamed_plural_between(self, start: int, index: int) -> bool:
        """ "Police detained A and B. ... some journalists claimed that they ...": people
        nobody names, introduced between the group and a plural pronoun (no definite
        determiner or possessor, not the names' own list), are the nearer antecedent. The
        subject of the pronoun's own verb is not ("unidentified men beat them"), nor are
        the authorities ("officials barred visits to them"), nor people the group's own clause acts
        on ("A and B were interviewing residents when they were detained"): only a subject
        introduces a new topic that a pronoun would follow."""
        pronoun = self.doc[index]
        own_subjects = {c.i for c in pronoun.head.children if c.dep_ in ("nsubj", "nsubjpass")}
        for token in self.doc[start:index]:
            if list_top(token).dep_ not in ("nsubj", "nsubjpass"):
                continue
            if (
                token.tag_ != "NNS"
                or token.i in self.name_tokens
                or token.i in own_subjects
                or token.lemma_.lower() not in self.lex.people_heads
                or token.lower_ in self.lex.authorities  # "officials had barred visits": the actors
            ):
                continue
            if any(
                c.dep_ == "poss" or (c.dep_ in ("det", "predet") and c.lower_ in self.lex.group_determiners)
                for c in token.children
            ):
                continue  # "the men", "their relatives": the group itself, or people of it
            if list_top(token).i in self.name_tokens or any(
                c.i in self.name_tokens for c in (*token.children, *token.conjuncts)
            ):
                continue  # "activists A and B", "A and B, two academics": the names' own list
            return True
        return False

    def unnamed_speakers(self, index: int) -> bool:
        """ "activists who said they had been abducted": a plural pronoun subject of what a
        verb of saying reports stands for the speakers, and new speakers nobody names (through
        a relative pronoun, the noun it describes; not "the men", who were named before) are
        no named group."""
        pronoun = self.doc[index]
        clause = pronoun.head
        if pronoun.dep_ not in ("nsubj", "nsubjpass") or clause.dep_ != "ccomp":
            return False
        verb = clause.head
        if verb.pos_ not in ("VERB", "AUX") or verb.lemma_.lower() not in self.lex.speech_verbs:
            return False
        speaker = syntax.subject(verb)
        if speaker is None or speaker.tag_ != "NNS" or speaker.lemma_.lower() not in self.lex.people_heads:
            return False
        if any(
            c.dep_ == "poss" or (c.dep_ in ("det", "predet") and c.lower_ in self.lex.group_determiners)
            for c in speaker.children
        ):
            return False  # "the two men said they ...": a reference to a group named before
        return not (
            speaker.i in self.name_tokens
            or list_top(speaker).i in self.name_tokens
            or any(c.i in self.name_tokens for c in (*speaker.children, *speaker.conjuncts))
        )

    def unnamed_person_between(self, start: int, index: int) -> bool:
        """ "arrested a policeman ... charged him": the pronoun's antecedent has no name."""
        doc = self.doc
        # This sentence, and the object or subject of the one before ("took the owner to
        # the station. He was released.").
        sent_start = doc[index].sent.start
        before = doc[sent_start - 1].sent.start if sent_start > 0 else sent_start
        for token in doc[max(start, before) : index]:
            roles = ("dobj", "nsubj", "nsubjpass", "pobj") if token.i >= sent_start else ("dobj", "nsubjpass")
            if self.describes_a_name(token):
                continue  # "A, son of a councillor, ... his arrest": the name's own apposition
            if token.dep_ in ("nsubj", "nsubjpass") and token.head.i == doc[index].head.i and doc[index].dep_ == "dobj":
                continue  # "when an officer threatened him": the object is never its own verb's subject
            if (
                token.lemma_.lower() in self.lex.person_nouns | self.lex.single_people
                and token.tag_ == "NN"
                and token.dep_ in roles
                and any(
                    c.lower_ in ("a", "an", "another", "one")
                    or (c.dep_ == "poss" and c.pos_ == "PROPN")
                    or self.relation_of_a_name(c)
                    for c in token.children
                )
                and not any(c.dep_ == "appos" and c.i in self.name_tokens for c in token.children)
            ):
                return True
        return False

    def relation_start(self, name_start: int) -> int:
        """Where to look for an unnamed person after a name: after it, or from the person
        noun it is a relation of ("kidnapped the nephew of A and held him": the nephew)."""
        head = self.doc[name_start]
        while head.dep_ in ("compound", "flat") and head.head.i > head.i:
            head = head.head
        if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.pos_ == "NOUN":
            return head.head.head.i
        return name_start + 1

    def relation_of_a_name(self, child: Token) -> bool:
        """ "the nephew of President A": an "of" phrase naming someone else makes the person
        noun an unnamed relation of that name, not the name itself."""
        return (
            child.dep_ == "prep"
            and child.lower_ == "of"
            and any(o.dep_ == "pobj" and o.i in self.name_tokens for o in child.children)
        )

    def inside_description(self, start: int) -> bool:
        """ "A, a Tamil journalist, ...", "A, editor of the magazine B, ...": a name that only
        modifies or renames a noun within the apposition describing another name is part of the
        description; a pronoun later in the sentence means A. A person the description relates
        A to ("A, B's mother", "A, son of B") and the apposition's own name ("the son of A, B")
        stay people."""
        root = self.doc[start]
        while root.dep_ in ("compound", "flat") and root.head.i != root.i and root.head.i in self.name_tokens:
            root = root.head
        naming = root.dep_ in ("compound", "amod", "nmod", "appos") or (
            root.dep_ == "pobj" and start > 0 and self.doc[start - 1].pos_ == "NOUN"
        )  # "of the magazine B": B names the noun before it
        return naming and self.describes_a_name(root) and root.head.i not in self.name_tokens

    def describes_a_name(self, token: Token) -> bool:
        """The token lies inside an apposition to a name ("A, an activist and son of a
        councillor")."""
        return any(a.dep_ == "appos" and a.head.i in self.name_tokens for a in token.ancestors)

    def resolve_pronoun(self, index: int, word: str) -> list[str]:
        """A plural pronoun takes the nearest group named, or referred to, in the last two
        sentences (so a chain of "them" follows the group); a singular one its chain link."""
        if word in self.lex.plural:
            if index not in self.plural_at:
                candidates = self.candidate_groups(index, 2, echoes=True)
                if candidates and (
                    self.unnamed_plural_between(candidates[-1].end, index) or self.unnamed_speakers(index)
                ):
                    candidates = []
                self.plural_at[index] = self.chosen(index, candidates[-1:]) if candidates else []
            return self.plural_at[index]
        return [self.resolved_at[index]] if index in self.resolved_at else []

    # ------------------------------------------------------------------ results
    def victim_people(self, victim: VictimMention) -> tuple[list[str], How]:
        """The people one victim mention stands for, and how it names them."""
        if victim["kind"] == "name":
            key = (victim["start"], victim["end"])
            return ([self.full[self.names[key]]] if key in self.names else []), "name"
        if victim["kind"] == "pronoun":
            return self.resolve_pronoun(victim["start"], self.doc[victim["start"]].lower_), "pronoun"
        return self.group_members(victim["start"]), "group"

    def of_trigger(self, trigger: Trigger) -> tuple[list[ResolvedPerson], list[int]]:
        """Each person a trigger's victims name, once, by the first way they are named, and
        the slot's tokens that were read as a reference to all of them (the group component
        makes no group of those). A bare surname in the slot ("Branek and Mirren were
        released") is a name; a slot whose head named no one may still point back ("the
        rest", "the researcher"; `slot_reference`)."""
        unique: dict[str, ResolvedPerson] = {}
        referred: list[int] = []
        for victim in trigger.get("victims", []):
            people, how = self.victim_people(victim)
            for person in people:
                unique.setdefault(person, {"name": person, "how": how})
            if people and victim["kind"] == "group" and victim["start"] not in self.partial_refs:
                referred.append(victim["start"])
        index = trigger.get("victim_head")
        if index is None:
            return list(unique.values()), referred
        head = self.doc[index]
        for token in (head, *head.conjuncts):
            # A bare surname the mention list kept (one the list left out, as part of a longer
            # span it dropped, has no canonical name and stands for no one).
            if token.i in self.bare and token.i in self.name_start:
                unique.setdefault(self.name_start[token.i], {"name": self.name_start[token.i], "how": "name"})
        if not unique:
            self.add_reference(head, unique, referred)
        # "detained the station's owner and its editor, A": the conjunct beside the name is a
        # reference too; so is the antecedent list of "who were later charged".
        for token in self.coordinated(trigger, head):
            if token.i in self.name_start:
                unique.setdefault(self.name_start[token.i], {"name": self.name_start[token.i], "how": "name"})
            elif token.i not in self.name_tokens and not any(
                c.dep_ == "appos" and c.i in self.name_tokens for c in token.children
            ):
                self.add_reference(token, unique, referred)
        return list(unique.values()), referred

    def add_reference(self, token: Token, unique: dict[str, ResolvedPerson], referred: list[int]) -> None:
        """The people a slot word that names no one points back to, added to `unique`."""
        found = self.slot_reference(token)
        for person in found:
            unique.setdefault(person, {"name": person, "how": "pronoun" if token.tag_ == "NN" else "group"})
        if found and token.i not in self.partial_refs and token.i not in referred:
            referred.append(token.i)

    def coordinated(self, trigger: Trigger, head: Token) -> list[Token]:
        """The victim slot's other conjuncts, and for a relative clause whose verb agrees
        with a plural ("A and B's lawyer C, who were charged"), every member of the list its
        antecedent stands in."""
        # Only singular role nouns beside the names: "A and 20 others" is no reference.
        tokens = [t for t in (head, *head.conjuncts) if t.tag_ == "NN"]
        anchor = self.doc[trigger["anchor"]]
        relative = anchor.dep_ == "relcl" and syntax.relative_antecedent(anchor).i == head.i
        if relative and syntax.plural_clause(anchor, self.lex.refs.plural_auxiliaries):
            top = list_top(head)
            # A singular word cannot be what "were" agrees with: "its editor in chief, A, who
            # were charged" reaches past "in chief" to the list "the owner and its editor".
            while not top.conjuncts and top.dep_ == "pobj" and top.head.head.pos_ in ("NOUN", "PROPN"):
                top = list_top(top.head.head)
            tokens.extend(t for t in (top, *top.conjuncts) if t.tag_ == "NN" or t.i in self.name_start)
        return list(dict.fromkeys(tokens))

    def table(self) -> PeopleTable:
        aliases: dict[str, list[str]] = defaultdict(list)
        for name, canonical in self.full.items():
            if name != canonical and name not in aliases[canonical]:
                aliases[canonical].append(name)
        return {"names": sorted(set(self.full.values())), "aliases": dict(aliases)}


@Language.factory(
    "hrevents_people",
    default_config={"lexicon": "lexicon.yaml"},
    assigns=["doc._.hr_triggers", "doc._.hr_people"],
    requires=["doc._.hr_triggers", "doc.ents", "doc.sents", "token.lemma", "token.pos", "token.tag", "token.dep"],
)
def make_people_resolver(nlp: Language, name: str, lexicon: str) -> PeopleResolver:
    return PeopleResolver(lexicon)
