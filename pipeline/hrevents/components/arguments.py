"""Arguments of each trigger, found by syntax: victims, perpetrator, place, destination,
date words and detail.

The victim slot comes from the rule's role (patient, subject, possessor); from the slot's
head the component follows appositions ("another member, Volha Kavalkova"), coordination
("A, B and C"), inclusion ("members, including A and B"), possession ("her home") and
co-victim phrases ("at the same time as A and B"). Pronouns and group references ("the
two") are recorded as such and resolved by the people component. Dates stay as words
here; they are normalised in document order once events are assembled, because relative
dates depend on the event before.
"""

from __future__ import annotations

from collections.abc import Mapping

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from hrevents import syntax
from hrevents.components.contract import TokenSpan, VictimMention, ensure_extensions, triggers_of
from hrevents.components.entities import names_a_country
from hrevents.components.triggers import TriggerMatcher
from hrevents.dates import date_words, find_date_spans, hours_later, is_duration
from hrevents.geo.gazetteer import fold, gazetteer
from hrevents.geo.phrases import subdivision_country
from hrevents.rules.schema import Lexicon, TriggerRule, load_lexicon

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Labels the small model often gives to people's names; the others never name a person.
NAME_LIKE_LABELS = frozenset({"ORG", "GPE", "LOC", "NORP"})
# How far a victim slot is followed along appositions and coordinations: a list of sixteen
# names is a chain of sixteen conjuncts in the parse, and each must be reached.
MAX_VICTIM_DEPTH = 24
# Labels that rule out a place name whatever the gazetteer says.
NOT_PLACE_LABELS = frozenset(
    {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY", "NORP", "LANGUAGE", "LAW", "EVENT"}
)
# A city must be this large to name where perpetrators come from in a compound ("X police"),
# so that a surname shared with a hamlet is not read as a town.
LARGE_CITY = 100_000
# Dependents of a trigger word that choose its sense (TriggerRule.forbid_complement_lemmas): a
# predicative complement ("held accountable", "held hostage"), a particle ("held off"), or a
# noun's modifier ("cardiac arrest", "a citizen's arrest").
SENSE_COMPLEMENT_DEPS = frozenset(
    {
        "acomp",
        "oprd",
        "xcomp",
        "ccomp",
        "advcl",
        "prt",
        "attr",
        "npadvmod",
        "dobj",
        "advmod",
        "amod",
        "compound",
        "poss",
    }
)


class ArgumentFinder:
    """Reads the trigger rules the trigger component loaded (one rule set for the
    pipeline), so a trigger and its arguments always come from the same records."""

    def __init__(self, rules: Mapping[str, TriggerRule], lexicon: str) -> None:
        self._ents_doc: Doc | None = None
        self._ents: tuple[Span, ...] = ()
        ensure_extensions()
        self.rules = rules
        self.lex: Lexicon = load_lexicon(lexicon)
        self.titles = frozenset(self.lex.titles)
        self.org_words = frozenset(self.lex.organisation_words)
        self.property_words = frozenset(self.lex.property_words)
        self.case_nouns = frozenset(self.lex.case_nouns)
        self.offence_heads = frozenset(self.lex.offence_heads)
        self.facility_words = frozenset(self.lex.facility_words)
        self.group_refs = frozenset(self.lex.group_reference_words)
        self.plural_groups = frozenset(self.lex.plural_group_nouns)
        self.group_words = frozenset(self.lex.group_words)
        self.authority_words = frozenset(self.lex.authority_words)
        self.person_nouns = frozenset(self.lex.person_nouns)
        self.end_preps = frozenset(self.lex.date_end_prepositions)
        self.pronouns = frozenset(self.lex.personal_pronouns)
        self.non_agents = frozenset(self.lex.non_agent_pronouns) | self.pronouns
        self.plural_pronouns = frozenset(self.lex.plural_pronouns)
        self.institution_pronouns = frozenset(self.lex.institution_pronouns)
        self.date_preps = frozenset(self.lex.date_prepositions)
        self.inclusion = frozenset(self.lex.inclusion_words)
        self.group_determiners = frozenset(self.lex.definite_group_determiners)
        self.auxiliaries = frozenset(self.lex.trigger_auxiliaries)
        self.place_nouns = frozenset(self.lex.place_nouns)
        self.place_preps = frozenset(self.lex.place_prepositions)
        self.same_place_marks = frozenset(self.lex.clause_marks_same_place)
        places = self.lex.places
        self.reference_preps = frozenset(places.reference_prepositions)
        self.relation_nouns = frozenset(places.relation_nouns)
        self.relation_preps = frozenset(places.relation_prepositions)
        self.setting_preps = frozenset(places.setting_prepositions)
        self.destination_nouns = frozenset(places.destination_nouns)
        self.relative_adverbs = frozenset(places.relative_adverbs)
        self.not_place_names = frozenset(places.not_place_names)
        self.clause_only_actions = frozenset(places.clause_only_actions)
        self.standalone_places = frozenset(places.standalone_places)
        self.paragraph_setting_actions = frozenset(places.paragraph_setting_actions)
        self.topic_preps = frozenset(places.topic_prepositions)
        self.topic_nouns = frozenset(places.topic_nouns)
        self.premises_nouns = frozenset(places.premises_nouns)
        self.perpetrator_place_preps = frozenset(places.perpetrator_place_prepositions)
        self.custody_places = frozenset(places.custody_places)
        self.own_words_place_actions = frozenset(places.own_words_place_actions)
        self.departure_lemmas = frozenset(places.departure_lemmas)
        self.elsewhere_preps = frozenset(places.elsewhere_prepositions)
        self.conveying_lemmas = frozenset(places.conveying_lemmas)
        self.own_premises = frozenset(places.determined_premises)
        self.court_words = frozenset(places.court_words)
        self.surface_nouns = frozenset(places.surface_nouns)
        self.occasion_preps = frozenset(date_words().narrative.act_occasion_prepositions)
        self.covictim_heads = frozenset(phrase.split()[-1] for phrase in self.lex.covictim_words)
        self.reporting_verbs = frozenset(self.lex.roles.reporting_verbs)
        self.alias_words = frozenset(self.lex.roles.alias_words)
        self.agent_phrases = tuple(self.lex.roles.agent_phrases)
        self.statement_nouns = frozenset(self.lex.roles.statement_nouns)
        self.document_nouns = frozenset(self.lex.roles.document_nouns)
        self.naming_participles = frozenset(self.lex.roles.naming_participles)
        self.role_phrase_preps = frozenset(self.lex.roles.role_phrase_prepositions)
        self.role_phrase_nouns = frozenset(self.lex.roles.role_phrase_nouns)
        self.later_subjects = frozenset(self.lex.roles.later_list_subjects)
        self.later_verbs = frozenset(self.lex.roles.later_list_verbs)
        self.later_preps = frozenset(self.lex.roles.later_list_preps)
        self.later_nouns = frozenset(self.lex.roles.later_list_nouns)
        self.person_words = (
            self.person_nouns
            | self.plural_groups
            | self.titles
            | frozenset(self.lex.groups.single_person_nouns)
            | frozenset(self.lex.groups.heads)
        )
        self.descriptive_determiners = frozenset(self.lex.roles.descriptive_determiners)

    def doc_ents(self, doc: Doc) -> tuple[Span, ...]:
        """`doc.ents`, built once per doc: spaCy makes every entity span anew on each access,
        and `Span.ents` reads all of the doc's, which cost about 5% of the CPU time with one
        access per trigger and per date or place looked for. No component after
        `hrevents_entities` changes the entities, so one copy per doc is exact."""
        if self._ents_doc is not doc:
            self._ents_doc, self._ents = doc, tuple(doc.ents)
        return self._ents

    def sent_ents(self, sent: Span) -> list[Span]:
        """The entities inside the sentence, as `sent.ents` gives them."""
        return [ent for ent in self.doc_ents(sent.doc) if ent.start >= sent.start and ent.end <= sent.end]

    # ------------------------------------------------------------------ victims
    def name_span(self, token: Token) -> Span | None:
        """The person name a token belongs to, if it is one.

        NER labels are trusted for PERSON; a proper-noun name in a victim slot that NER
        called something else is taken as a person when it is shaped like a name.
        """
        doc = token.doc
        if token.ent_type_ == "PERSON":
            if self.described_as_organisation(token) and not self.in_person_phrase(token):
                return None  # "X, an Arabic financial newspaper"
            for ent in self.doc_ents(doc):
                if ent.start <= token.i < ent.end:
                    return None if self.describes_or_names_organisation(ent) else self.split_name(ent)
        if token.pos_ != "PROPN" or not token.is_title:
            return None
        # NER called it a work, a date, a building...: never a victim, unless the phrase
        # says it is a person. The small model calls many people ORG, GPE or LOC, so those
        # are refused only where the phrase says organisation ("the weekly X").
        if (
            token.ent_type_
            and not self.in_person_phrase(token)
            and (token.ent_type_ not in NAME_LIKE_LABELS or self.in_organisation_phrase(token))
        ):
            return None
        start = token.i
        while (
            start > 0
            and doc[start - 1].pos_ == "PROPN"
            and doc[start - 1].is_title
            and (
                doc[start - 1].dep_ == "compound"
                or (doc[start - 1].dep_ == "nmod" and doc[start - 1].head.i == token.i)
            )
        ):
            start -= 1
        while (
            start > 1
            and doc[start - 1].text == "-"
            and not doc[start - 1].whitespace_
            and not doc[start - 2].whitespace_
            and doc[start - 2].is_title
        ):
            start -= 2  # "Jean-Bosco Talla": a hyphenated first name is one name
        end = token.i + 1
        while (
            end < len(doc)
            and doc[end].pos_ == "PROPN"
            and doc[end].is_title
            and doc[end].head.i == token.i
            and doc[end].dep_ in ("compound", "flat", "appos")
            and end == token.i + 1
        ):
            end += 1
        if doc[end - 1].lower_ in self.person_nouns | self.plural_groups or (
            start > 0 and doc[start - 1].lower_ in self.place_preps and token.ent_type_ in NAME_LIKE_LABELS
        ):
            return None  # "a released Political Prisoner" describes; "from Upper Valley" is a place
        words = [t for t in doc[start:end] if t.lower_.rstrip(".") not in self.titles and t.text != "-"]
        if not words or len(words) > 5 or any(t.lower_ in self.org_words or not t.is_alpha for t in words):
            return None
        if len(words) < 2 or words[-1].tag_ == "NNPS":
            return None  # one word; "Sunni Arabs", "Protection Units": a people or a body
        name = doc[words[0].i : words[-1].i + 1]
        if names_a_country(name) or self.describes_or_names_organisation(name):
            return None  # "Northern Ghana", "Digicel Ghana", "the X party"
        return name

    @staticmethod
    def split_name(ent: Span) -> Span:
        """ "Julio Antonio Perez Lopez": the tagger may cut a long name into two PERSON
        entities; a name word just before that the parser made part of the same name (a
        compound of one of its words) belongs to it."""
        doc = ent.doc
        start = ent.start
        while (
            start > 0
            and doc[start - 1].ent_type_ == "PERSON"
            and doc[start - 1].pos_ == "PROPN"
            and doc[start - 1].is_title
            and doc[start - 1].dep_ in ("compound", "flat")
            and start <= doc[start - 1].head.i < ent.end
        ):
            start -= 1
        return ent if start == ent.start else doc[start : ent.end]

    def describes_or_names_organisation(self, name: Span) -> bool:
        """A name the words around it make an organisation's or a description, whatever the
        tagger says: a name before an organisation noun ("the X party leader Y", "X (Z)
        party"), a name in parentheses beside one ("opposition party (X) activists"), or a
        name that modifies a noun with an indefinite determiner ("a U.S.-Kenyan dual national")."""
        doc = name.doc
        after = name.end
        if after < len(doc) and doc[after].text == "(":
            close = next((t.i for t in doc[after : min(after + 8, len(doc))] if t.text == ")"), None)
            after = close + 1 if close is not None else after
        if (
            name.root.dep_ != "poss"
            and after < len(doc)
            and doc[after].pos_ in ("NOUN", "PROPN")
            and doc[after].lower_ in self.org_words
        ):
            return True  # a premodifier, not a possessor ("X's house")
        if name.start > 0 and name.end < len(doc) and doc[name.start - 1].text == "(" and doc[name.end].text == ")":
            beside = [doc[name.start - 2]] if name.start > 1 else []
            beside += [doc[name.end + 1]] if name.end + 1 < len(doc) else []
            if any(t.lower_ in self.org_words for t in beside):
                return True  # "party (X) activists", "Y (X) party leader"
        if self.named_after_organisation_noun(name):
            return True
        root = name.root
        return (
            root.dep_ in ("nmod", "compound", "amod")
            and root.head.pos_ in ("NOUN", "ADJ")
            and root.head.i > name.end - 1
            and any(c.dep_ == "det" and c.lower_ in self.descriptive_determiners for c in root.head.children)
        )

    def named_after_organisation_noun(self, name: Span) -> bool:
        """ "the newspaper X", "media outlets A, B and C", "three detention facilities, A, B
        and C": a name straight after an organisation or facility noun, or in apposition to
        one, is the organisation's or the place's; after a plural one ("outlets", "parties")
        the whole list it opens is, whatever the tagger called its names. So is a name that
        ends in a document noun ("the X Survey", "the Y Act")."""
        if name[-1].lower_ in self.document_nouns:
            return True
        doc = name.doc
        first = name.root
        while first.dep_ == "conj" and first.head.pos_ == "PROPN" and first.head.i < first.i:
            first = first.head
        start = self.phrase_start(first)
        if start == 0:
            return False
        before = doc[start - 1]
        if first.dep_ == "appos" and first.head.i == start - 2 and doc[start - 1].text == ",":
            before = first.head  # "facilities, A, B and C" (not a name the parse hung far away)
        words = self.org_words | self.facility_words
        if before.pos_ != "NOUN" or not {before.lower_, before.lemma_.lower()} & words:
            return False
        plural = before.tag_ == "NNS"
        listed = first.i != name.root.i or bool(syntax.children(first, "conj"))
        if any(t.ent_type_ == "PERSON" for t in name) and not (plural and listed):
            # "the chief editor of the news site A", "chief of staff of the armed forces A": a
            # single name the tagger calls a person may be the role's holder; only a list
            # after a plural noun is surely the organisations'
            return False
        return first.i == name.root.i or plural

    def phrase_start(self, token: Token) -> int:
        """The first word of the proper name `token` heads ("Khit" of "Khit Thit")."""
        doc = token.doc
        start = token.i
        while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].head.i == token.i:
            start -= 1
        return start

    def in_person_phrase(self, token: Token) -> bool:
        """A name the phrase marks as a person's: a title or person noun before it
        ("journalist X", "Dr. X"), or in apposition ("X, a lawyer"; "the lawyer, X")."""
        head = self.phrase_head(token)
        words = {
            c.lemma_.lower().rstrip(".")
            for c in head.children
            if c.i < head.i and c.dep_ in ("compound", "amod", "nmod")
        }
        words |= {t.lemma_.lower().rstrip(".") for t in head.subtree if t.i < token.i and t.dep_ == "compound"}
        if head.dep_ == "appos":
            # "two activists, X and Y": a plural noun of people names its members
            words |= {head.head.lemma_.lower(), head.head.lower_}
        appositions = [c for c in head.children if c.dep_ == "appos"]
        words |= {c.lemma_.lower() for c in appositions}
        if any(c.pos_ == "NOUN" and c.lemma_.lower() not in self.org_words for c in appositions):
            return True  # "X, a computer specialist"
        return bool(words & (self.titles | self.person_nouns | self.group_words))

    def phrase_head(self, token: Token) -> Token:
        head = token
        while head.dep_ in ("compound", "flat") and head.head.pos_ == "PROPN" and head.head.i != head.i:
            head = head.head
        return head

    def in_organisation_phrase(self, token: Token) -> bool:
        """A name the phrase marks as an organisation's: "the X" ("the Daily Monitor"),
        "the weekly X", "X, a newspaper", "newspaper X"."""
        head = self.phrase_head(token)
        if any(c.dep_ == "det" and c.lower_ == "the" for c in head.children):
            return True
        words = {c.lower_ for c in head.children if c.i < head.i and c.dep_ in ("compound", "amod", "nmod")}
        words |= {c.lemma_.lower() for c in head.children if c.dep_ == "appos"}
        if head.dep_ == "appos":
            words.add(head.head.lemma_.lower())
        return bool(words & self.org_words)

    def described_as_organisation(self, token: Token) -> bool:
        """An apposition calls the name an organisation: "X, a weekly newspaper"."""
        head = self.phrase_head(token)
        return any(c.dep_ == "appos" and c.pos_ == "NOUN" and c.lemma_.lower() in self.org_words for c in head.children)

    def victims_from(
        self, head: Token, seen: set[int], depth: int = 0, coordinated: bool = True
    ) -> list[VictimMention]:
        """Victim mentions reachable from the head of a victim slot."""
        if head.i in seen or depth > MAX_VICTIM_DEPTH:
            return []
        seen.add(head.i)
        found: list[VictimMention] = []
        name = self.name_span(head)
        lower = head.lower_
        if name is not None:
            found.append({"start": name.start, "end": name.end, "kind": "name"})
        elif head.pos_ == "PRON" and lower in self.pronouns:
            found.append({"start": head.i, "end": head.i + 1, "kind": "pronoun"})
        elif self.is_group_reference(head):
            found.append({"start": head.i, "end": head.i + 1, "kind": "group"})
        elif lower in self.property_words or head.lemma_.lower() in self.property_words:
            # "the trial of X", "a trial against X"
            owner = syntax.possessor(head, ("of", "against"))
            if owner is not None:
                found.extend(self.victims_from(owner, seen, depth + 1))
        for child in head.children:
            if child.dep_ == "appos" and self.names_the_relation(head, child):
                continue
            if child.dep_ == "appos" and self.is_alias(child):
                # "A, alias B": another name of the same person; "..., and C" after it is not
                for conj in syntax.children(child, "conj"):
                    found.extend(self.victims_from(conj, seen, depth + 1))
                continue
            if (
                child.dep_ in ("appos", "conj")
                and (coordinated or child.dep_ == "appos")
                and (child.pos_ in ("PROPN", "NOUN", "PRON") or child.ent_type_ == "PERSON")
            ) or (
                child.dep_ == "nmod"
                and child.ent_type_ == "PERSON"
                and coordinated
                and (head.lemma_.lower() in self.person_nouns | self.titles or head.ent_type_ == "PERSON")
            ):
                # ("both singer A and director B": the parser hangs A on B's title as nmod)
                # A list's next member is no deeper than the one before it: a long list
                # ("A, B, ..., and P") is read to its end.
                step = 0 if child.dep_ == "conj" and depth > 0 else 1
                found.extend(self.victims_from(child, seen, depth + step))
            elif (child.dep_ == "prep" and child.lower_ in self.inclusion) or self.such_as(head, child):
                for obj in syntax.children(child, "pobj"):
                    found.extend(self.victims_from(obj, seen, depth + 1))
            elif child.dep_ == "acl" and child.lower_ in self.inclusion:
                for obj in syntax.children(child, "dobj", "pobj"):
                    found.extend(self.victims_from(obj, seen, depth + 1))
            elif self.naming(head, child):
                for obj in self.named_by(child):
                    given = self.name_given(obj)
                    if given is not None and obj.i not in seen:
                        seen.add(obj.i)
                        found.append({"start": given.start, "end": given.end, "kind": "name"})
        if name is None and head.dep_ == "compound" and head.head.pos_ == "PROPN":
            found.extend(self.victims_from(head.head, seen, depth + 1))
        if name is None and head.dep_ == "appos" and depth == 0:
            # "Massok, a political activist arrested in Douala, and X, a singer arrested ...":
            # the participle describes the one name its noun stands beside, not its coordinates.
            found.extend(self.victims_from(head.head, seen, depth + 1, coordinated=False))
        if name is None and not found and depth == 0:
            found.extend(self.names_in_phrase(head, seen))
        if name is None and not found:
            found.extend(self.name_after_role(head, seen))
        if name is None and not found:
            found.extend(self.name_after_role_phrase(head, seen, depth))
        if depth == 0:
            found.extend(self.listed_after(head.doc, found, seen))
        return found

    def listed_after(self, doc: Doc, found: list[VictimMention], seen: set[int]) -> list[VictimMention]:
        """Names written after a found name with only commas and "and" between, each with its
        own role words ("A, B, and C"; "director A, editor B and cameraman C"), are members of
        the same list however the parser hung them: the small model often makes a middle
        member an adverbial modifier of the name before it. A name that heads a clause of its
        own ("A, and B said"), or owns something ("A, B's lawyer"), starts something else.
        A list opened by an inclusion word ("..., including writer A (B); scholar C; and D")
        may separate its members with semicolons, and a member's alias in brackets is part of
        that member: the parser splits such a list into fragments of a new clause."""
        added: list[VictimMention] = []
        known = {i for v in found if v["kind"] == "name" for i in range(v["start"], v["end"])}
        for victim in sorted((v for v in found if v["kind"] == "name"), key=lambda v: v["start"]):
            cursor = victim["end"]
            sent_end = doc[cursor - 1].sent.end
            separators = (",", "and", ";") if self.included(doc[victim["start"] : victim["end"]].root) else (",", "and")
            while cursor < sent_end:
                after = cursor
                cursor = self.past_bracketed_alias(doc, cursor, sent_end)
                while cursor < sent_end and doc[cursor].lower_ in separators:
                    cursor += 1
                if cursor == after or cursor >= sent_end:
                    break
                name = self.next_list_member(doc, cursor, sent_end)
                if name is None:
                    break
                words = set(range(name.start, name.end))
                if name.root.i in seen and not known & words:
                    break  # a name some other part of the phrase already took
                if not known & words:
                    seen.add(name.root.i)
                    known |= words
                    added.append({"start": name.start, "end": name.end, "kind": "name"})
                cursor = name.end
        return added

    def included(self, name: Token) -> bool:
        """The name is an object of an inclusion word ("including A", "among them A")."""
        return name.dep_ == "pobj" and name.head.lower_ in self.inclusion

    def past_bracketed_alias(self, doc: Doc, start: int, end: int) -> int:
        """The index after "(B)" when a bracketed name follows a list member ("A (B); C"):
        another name of the same person, which the member's own phrase already gave."""
        if start >= end or doc[start].text != "(":
            return start
        close = next((i for i in range(start + 1, min(start + 8, end)) if doc[i].text == ")"), None)
        if close is None or close == start + 1 or any(t.pos_ != "PROPN" for t in doc[start + 1 : close]):
            return start
        return close + 1

    def next_list_member(self, doc: Doc, start: int, end: int) -> Span | None:
        """The name that begins at `start`, after role words that modify it ("program director
        A", "Green Hope party coordinator A"); None if the phrase there is not such a name or
        does something of its own. A name that only modifies the role noun after it ("the X
        Union member A") is an organisation's, not the member."""
        index = start
        while index < min(start + 8, end):
            token = doc[index]
            name = self.name_span(token) if token.pos_ == "PROPN" else None
            if name is not None and name.start <= index:
                if self.premodifies_noun(name):
                    index = name.end
                    continue
                if not all(start <= doc[i].head.i < name.end for i in range(start, name.start)):
                    return None
                if any(t.lower_ in self.org_words for t in doc[start : name.start]):
                    return None  # "opposition party X": a party, not a person
                root = name.root
                if root.dep_ in (*syntax.SUBJECTS, "poss") or syntax.children(root, *syntax.SUBJECTS, "aux", "auxpass"):
                    return None
                if name.end < len(doc) and doc[name.end].lower_ in ("'s", "’s"):
                    return None
                return name
            if token.dep_ in ("compound", "amod", "nmod") and token.head.i > token.i:
                index += 1  # a role word, or a word of an organisation's name, before the name
                continue
            return None
        return None

    @staticmethod
    def premodifies_noun(name: Span) -> bool:
        """The name is a modifier of a common noun after it ("Rights Union member")."""
        root = name.root
        return root.dep_ in ("compound", "nmod", "amod") and root.head.i >= name.end and root.head.pos_ == "NOUN"

    def naming(self, head: Token, child: Token) -> bool:
        """ "a young man named A", "a suspect later identified as A": a participle of naming
        on an unnamed noun gives that noun's name, so the name is the victim the noun stands for."""
        return (
            child.dep_ == "acl"
            and child.tag_ == "VBN"
            and head.pos_ == "NOUN"
            and child.lemma_.lower() in self.naming_participles
        )

    def name_given(self, token: Token) -> Span | None:
        """The name a participle of naming gives. Its slot says it is a person's, so a
        proper name of two to five words is taken whatever label the tagger gave it ("a suspect
        identified as 24-year-old A B", with A B tagged a facility)."""
        name = self.name_span(token)
        if name is not None or token.pos_ != "PROPN" or not token.is_title:
            return name
        doc = token.doc
        start = token.i
        while (
            start > 0
            and doc[start - 1].pos_ == "PROPN"
            and doc[start - 1].is_title
            and doc[start - 1].dep_ == "compound"
            and doc[start - 1].head.i == token.i
        ):
            start -= 1
        words = doc[start : token.i + 1]
        if not 2 <= len(words) <= 5 or any(t.lower_ in self.org_words or not t.is_alpha for t in words):
            return None
        return words

    @staticmethod
    def named_by(participle: Token) -> list[Token]:
        """The name a participle of naming gives: its predicate ("named A"), or the object of
        its "as" ("identified as A")."""
        found = syntax.children(participle, "oprd", "attr", "dobj", "appos")
        for prep in syntax.children(participle, "prep"):
            if prep.lower_ == "as":
                found.extend(syntax.children(prep, "pobj"))
        return [t for t in found if t.pos_ == "PROPN"]

    @staticmethod
    def names_the_relation(head: Token, child: Token) -> bool:
        """ "A, the brother of activist B": the parser may hang B on "brother" as an
        apposition; a name straight after the role word of the noun's "of" phrase, with no
        comma between, names that relation, not the brother."""
        if head.pos_ != "NOUN" or child.left_edge.i == 0:
            return False
        before = head.doc[child.left_edge.i - 1]
        return before.dep_ == "pobj" and before.head.lower_ == "of" and before.head.head.i == head.i

    @staticmethod
    def such_as(head: Token, prep: Token) -> bool:
        """ "such activists as A", "activists such as A and B": the "as" phrase lists members."""
        if prep.dep_ != "prep" or prep.lower_ != "as":
            return False
        return head.lower_ == "such" or any(c.lower_ == "such" and c.i == prep.i - 1 for c in prep.children)

    def name_after_role(self, head: Token, seen: set[int]) -> list[VictimMention]:
        """ "the sentences of presenter A": a singular role noun right before a person name
        that the parser hung elsewhere (even as an adverb) is that name's title."""
        doc = head.doc
        after = head.i + 1
        if head.tag_ != "NN" or head.lemma_.lower() not in self.person_words or after >= len(doc):
            return []
        if doc[after].ent_iob_ != "B" or doc[after].ent_type_ != "PERSON":
            return []
        ent = next((e for e in self.doc_ents(doc) if e.start == after), None)
        if ent is None or ent.root.i in seen or self.describes_or_names_organisation(ent):
            return []
        seen.add(ent.root.i)
        return [{"start": ent.start, "end": ent.end, "kind": "name"}]

    def name_after_role_phrase(self, head: Token, seen: set[int], depth: int) -> list[VictimMention]:
        """ "head of the tax department for the region A", "member of parliament A", "lawyer
        for the protesters A": a singular role noun whose "of"/"for" phrase ends in a name
        written straight after that phrase's noun is that name's title; the parser hangs the
        name on the last noun. A name after a person's own title is that person, not the role
        ("the lawyer of activist A" is the lawyer, unnamed). Where the role already describes a
        name ("A, editor of the weekly B"), a name straight after an organisation noun is the
        organisation's; in a list ("A, deputy head of the division B, and C") it is the next member."""
        if head.tag_ != "NN" or head.lemma_.lower() not in self.person_words | self.role_phrase_nouns:
            return []
        describes = head.dep_ == "appos" and self.name_span(head.head) is not None
        doc = head.doc
        token = head
        for _ in range(4):
            preps = [c for c in token.children if c.dep_ == "prep" and c.lower_ in self.role_phrase_preps]
            objects = [o for p in preps for o in syntax.children(p, "pobj")]
            if not objects:
                return []
            token = objects[0]
            prep = token.head
            if token.tag_ == "NN" and token.lemma_.lower() in self.person_words:
                return []  # "son of the member A": A is the relation, not the role's holder
            if token.pos_ == "PROPN":
                name = self.name_span(token)
                candidate, noun = name, doc[name.start - 1] if name is not None and name.start > 0 else None
            else:
                candidate = next(
                    (n for c in token.children if c.dep_ == "appos" for n in [self.name_span(c)] if n is not None), None
                )
                noun = token
            if candidate is not None:
                before = doc[candidate.start - 1] if candidate.start > 0 else None
                # a person's own title before the name ("son of the council member A") makes A the relation
                singular_person = any(
                    t.tag_ in ("NN", "NNP") and t.lemma_.lower().rstrip(".") in self.person_words
                    for t in doc[prep.i + 1 : candidate.start]
                )
                if (
                    before is not None
                    and noun is not None
                    and before.i == noun.i
                    and (noun.pos_ == "NOUN" or (noun.pos_ == "PROPN" and noun.ent_type_ != "PERSON"))
                    and not singular_person
                    and not (describes and {noun.lower_, noun.lemma_.lower()} & (self.org_words | self.facility_words))
                    and candidate.root.i not in seen
                ):
                    seen.add(candidate.root.i)
                    found: list[VictimMention] = [{"start": candidate.start, "end": candidate.end, "kind": "name"}]
                    for child in candidate.root.children:
                        if child.dep_ in ("conj", "appos"):
                            found.extend(self.victims_from(child, seen, depth + 1))
                    return found
                return []
        return []

    def is_group_reference(self, head: Token) -> bool:
        """A phrase that points back at people named just before ("the two", "both", "the men")."""
        lower = head.lower_
        determiners = {c.lower_ for c in head.children if c.dep_ in ("det", "predet")}
        if lower == "both" and head.pos_ in ("PRON", "DET", "NOUN"):
            return True
        if lower in self.group_refs and "the" in determiners:
            return True
        if lower not in self.plural_groups or not determiners & self.group_determiners:
            return False
        # "the men of the village" restricts the group; "the men of threatening security" does not.
        # A count ("the four defendants") is kept: the people component matches it.
        return not any(
            c.dep_ in ("relcl", "acl", "amod", "compound")
            or (c.dep_ == "prep" and any(o.dep_ == "pobj" for o in c.children))
            for c in head.children
        )

    def names_in_phrase(self, head: Token, seen: set[int]) -> list[VictimMention]:
        """Names the parser attached further down the victim's phrase ("another member of
        the Presidium, Pavel Latushka") or listed after a colon ("six members: A, B")."""
        found: list[VictimMention] = []
        stop = {"relcl", "acl", "advcl", "ccomp", "xcomp"}
        stack = [c for c in head.children if c.dep_ not in stop]
        while stack:
            token = stack.pop(0)
            if token.dep_ in ("appos",) or (token.dep_ == "prep" and token.lower_ in self.inclusion):
                targets = [token] if token.dep_ == "appos" else syntax.children(token, "pobj")
                for target in targets:
                    found.extend(self.victims_from(target, seen, 1))
                continue
            if (
                token.dep_ == "compound"
                and token.ent_type_ == "PERSON"
                and token.head.i == head.i
                and head.tag_ == "NN"
            ):
                name = self.name_span(token)
                if name is not None and name.root.i not in seen:
                    seen.add(name.root.i)
                    found.append({"start": name.start, "end": name.end, "kind": "name"})
                continue
            if token.dep_ == "pobj" and token.head.lower_ == "of" and self.titled(token):
                # "the son of journalist A, B": B, in apposition after the comma, names the son;
                # the parser hangs it on A, who is only the relation
                renamed = [
                    c
                    for c in token.children
                    if c.dep_ == "appos" and token.doc[c.left_edge.i - 1].text == "," and self.name_span(c) is not None
                ]
                first = next((t for t in token.subtree if t.dep_ not in ("det", "amod", "poss", "case")), token)
                # "the wife of activist A", not "the mayor of Lakeside Dr. A"; people in the
                # plural are never the one person their "of" names ("supporters of President A")
                titled_relation = head.tag_ == "NN" and first.lower_.rstrip(".") in self.titles | self.person_words
                relation = head.lemma_.lower() in self.person_words and (head.tag_ == "NNS" or titled_relation)
                if relation and renamed:
                    seen.add(token.i)
                    found.extend(self.victims_from(renamed[0], seen, 1))
                elif not relation:
                    # ("the lawyer of activist A" is the lawyer, unnamed: A is only the relation)
                    found.extend(self.victims_from(token, seen, 1))
                continue
            stack.extend(c for c in token.children if c.dep_ not in stop)
        return found

    def titled(self, token: Token) -> bool:
        """A name carrying a personal title among its compounds ("Dr. Berhanu Nega")."""
        return any(c.dep_ == "compound" and c.lower_.rstrip(".") in self.titles for c in token.children)

    def colon_list(self, head: Token, seen: set[int]) -> list[VictimMention]:
        """ "arrested six members ...: A, B and C": the names listed after a colon that
        follows a plural victim noun (the parser often starts a new sentence at the colon)."""
        plural = head.tag_ in ("NNS", "NNPS") or any(
            (c.dep_ == "appos" and c.tag_ == "NNS") or c.dep_ == "nummod" for c in head.children
        )
        if not plural:
            return []
        doc = head.doc
        sent = head.sent
        colon = next((t for t in sent if t.i > head.i and t.text == ":"), None)
        if colon is None or colon.i - head.i > 30:
            return []
        end = sent.end
        if all(t.is_punct or t.is_space for t in doc[colon.i + 1 : sent.end]) and sent.end < len(doc):
            end = doc[sent.end].sent.end
        found: list[VictimMention] = []
        for token in doc[colon.i + 1 : end]:
            if token.dep_ not in ("appos", "conj", "ROOT", "dobj", "nsubj", "attr") or token.i in seen:
                continue
            name = self.name_span(token)
            if name is not None and name.root.i not in seen:
                seen.add(name.root.i)
                found.append({"start": name.start, "end": name.end, "kind": "name"})
        return found

    def named_later(self, head: Token, seen: set[int]) -> list[VictimMention]:
        """ "Police arrested six activists. They included A and B.": the names a later
        sentence lists for an unnamed plural victim. The list sentence points back at the group
        by a pronoun ("They included", "Among them were"), by the group's own noun ("The
        lawyers were A and B"), or by "the names of" ("The names of those still held are A, B
        and C", also within the phrase of the act itself); the pronoun and the noun only in the
        very next sentence, "the names of" up to three sentences on in the same paragraph. A
        list that names no one ("They included two women") adds nothing."""
        if not (
            (head.tag_ in ("NNS", "NNPS") and head.lemma_.lower() in self.person_words)
            or head.lower_ in self.later_subjects
        ):
            return []
        doc = head.doc
        sent = head.sent
        listed = self.later_list(sent, head, 0)
        distance = 0
        while not listed and distance < 3 and sent.end < len(doc):
            following = doc[sent.end].sent
            if any(
                t.text.count("\n") >= 2 or t.whitespace_.count("\n") >= 2
                for t in doc[sent.end - 1 : following.start + 1]
            ):
                break  # the paragraph ends
            sent = following
            distance += 1
            listed = self.later_list(sent, head, distance)
        found: list[VictimMention] = []
        for token in listed:
            found.extend(v for v in self.victims_from(token, seen) if v["kind"] == "name")
        return found

    def later_list(self, sent: Span, head: Token, distance: int) -> list[Token]:
        """The heads of the list `sent` gives for the group `head` (see `named_later`), or []."""
        root = sent.root
        if root.lemma_.lower() not in self.later_verbs:
            return []
        subject = syntax.subject(root)
        complements = syntax.children(root, "attr", "dobj")
        among = [
            obj
            for prep in syntax.children(root, "prep")
            if prep.lower_ in self.later_preps
            for obj in syntax.children(prep, "pobj")
        ]
        if among:
            # "Among them were A and B": the names stand where the subject would
            if distance == 1 and all(obj.lower_ in self.later_subjects | {"them"} for obj in among):
                return [t for t in (subject, *complements) if t is not None]
            return []
        if subject is None or not complements:
            return []
        lemma = subject.lemma_.lower()
        if lemma in self.later_nouns:
            named = [
                obj
                for prep in syntax.children(subject, "prep")
                if prep.lower_ == "of"
                for obj in syntax.children(prep, "pobj")
            ]
            if distance == 0 and not any(obj.i == head.i for obj in named):
                return []
            if distance > 0 and not any(
                obj.lower_ in self.later_subjects or obj.lemma_.lower() == head.lemma_.lower() for obj in named
            ):
                return []
            return complements
        if distance != 1:
            return []
        if subject.lower_ in self.later_subjects and subject.pos_ == "PRON":
            return complements
        determiners = {c.lower_ for c in subject.children if c.dep_ == "det"}
        if lemma == head.lemma_.lower() and subject.tag_ in ("NNS", "NNPS") and determiners & {"the", "these", "those"}:
            return complements
        return []

    def inclusion_above(self, anchor: Token, head: Token, seen: set[int]) -> list[VictimMention]:
        """ "Many activists held as political prisoners remained in prison, including A and
        B": an "including" list written after a plural victim that nobody names belongs to
        that victim, even where the parser hung it higher up the clause (on a word the
        trigger's clause depends on, or on a verb coordinated with the trigger that has the same
        victim). The list must come after the victim and the trigger, so a list of the
        perpetrators ("officials, including A, who detained ...") is not it."""
        if head.tag_ not in ("NNS", "NNPS") or head.lemma_.lower() not in self.person_words:
            return []
        found: list[VictimMention] = []
        # "were arrested and later released, including A": a verb sharing the victim shares its list
        sharing = [
            verb
            for verb in anchor.conjuncts
            if verb.pos_ in syntax.VERBAL and getattr(syntax.patient(verb), "i", None) == head.i
        ]
        for above in (*anchor.ancestors, *sharing):
            for prep in syntax.children(above, "prep"):
                if prep.lower_ not in self.inclusion or prep.i < max(head.i, anchor.i):
                    continue
                for obj in syntax.children(prep, "pobj"):
                    found.extend(v for v in self.victims_from(obj, seen) if v["kind"] == "name")
        return found

    def covictims(self, anchor: Token, seen: set[int]) -> list[VictimMention]:
        """People the sentence says underwent the act with the victim ("along with A and B")."""
        found: list[VictimMention] = []
        for token in anchor.subtree:
            if token.dep_ == "prep" and token.lower_ in self.covictim_heads:
                phrase = " ".join(t.lower_ for t in token.doc[max(token.i - 4, 0) : token.i + 1])
                if any(phrase.endswith(words) for words in self.lex.covictim_words):
                    for obj in syntax.children(token, "pobj"):
                        found.extend(self.victims_from(obj, seen))
        return found

    def stranded_conjuncts(
        self, anchor: Token, governor: Token | None, head: Token, seen: set[int]
    ) -> list[VictimMention]:
        """Later members of the victim's list that the parser hung on the clause's verb or on
        the act's noun instead of on the first victim: after a comma aside ("arrested singer
        A, alias B, and his friend C"; "a sentence against A, former head of X, and B and C")
        or a role noun ("the sentences of presenter A and journalists B and C"). A verb or an
        act's noun is never coordinated with a person, and a verb has one object and one
        subject: such a conjunct, or a second object or subject after the first ("arrested A
        as well as his lawyer B", "A, alias B, and his friend C were arrested"), shares the act."""
        verb = governor if governor is not None else anchor
        if verb.pos_ not in syntax.VERBAL and verb.dep_ in ("dobj", "nsubjpass") and verb.head.pos_ in syntax.VERBAL:
            verb = verb.head  # "reduced a sentence against A ..., and B"
        candidates: list[Token] = []
        if verb.pos_ in syntax.VERBAL:
            candidates += syntax.children(verb, "conj")
            roles = {head.dep_, anchor.dep_} & {"dobj", "nsubjpass", "nsubj"}
            first = min(head.i, anchor.i) if anchor.dep_ in roles else head.i
            candidates += [c for c in syntax.children(verb, *roles) if c.i > first and c.i != anchor.i]
            # "arrested opposition party (X) activists A": the role noun left as a modifier of the verb
            candidates += [c for c in syntax.children(verb, "npadvmod") if c.i > first and c.pos_ == "NOUN"]
            for noun in syntax.children(verb, "dobj", "nsubjpass"):
                if noun.lemma_.lower() in self.case_nouns and noun.i != head.i:
                    # "reduced the sentences of presenter A and journalists B and C", anchored on
                    # the verb: the act's own noun carries the list's later members
                    candidates += syntax.children(noun, "conj")
            if verb.dep_ == "xcomp" and verb.head.pos_ in syntax.VERBAL:
                # "used force to arrest A, alias B, and his friend C": C hung on the verb above
                candidates += [c for c in syntax.children(verb.head, "conj", "dobj") if c.i > head.i]
        if anchor.pos_ == "NOUN":
            candidates += syntax.children(anchor, "conj")
        # "A, alias B, and his friend C": an alias stands for the person before it; its
        # conjuncts are the list's next members
        candidates += [c for t in candidates if self.is_alias(t) for c in syntax.children(t, "conj")]
        found: list[VictimMention] = []
        for token in candidates:
            if token.i <= head.i or token.i in seen or token.pos_ not in ("NOUN", "PROPN"):
                continue
            if syntax.children(token, *syntax.SUBJECTS, "dobj", "aux", "auxpass"):
                continue  # a clause of its own
            if any(t.pos_ == "VERB" for t in token.subtree if t.i < token.i):
                continue  # "... and acquitted managers X and Y": another act's object
            if not self.person_phrase(token):
                continue  # "the arrest and detention of A": another act, not a person
            found.extend(v for v in self.victims_from(token, seen) if v["kind"] == "name")
        return found

    def is_alias(self, token: Token) -> bool:
        """ "alias", by its form too: the tagger reads it as a plural whose lemma is "alia"."""
        return token.lower_ in self.alias_words or token.lemma_.lower() in self.alias_words

    def person_phrase(self, token: Token) -> bool:
        """A name, a person noun ("his cousin", "journalists"), or a noun a name stands beside."""
        lemma = token.lemma_.lower()
        if token.ent_type_ == "PERSON" or lemma in self.person_words:
            return True
        return any(c.dep_ in ("appos", "compound") and c.ent_type_ == "PERSON" for c in token.children)

    def victim_head(self, rule: TriggerRule, anchor: Token, governor: Token | None) -> Token | None:
        verb = governor if governor is not None else anchor
        if rule.victim == "patient":
            head = syntax.patient(verb)
            if head is None and rule.ccomp_subject:
                for clause in syntax.children(verb, "ccomp"):
                    head = syntax.subject(clause)
            if head is None and rule.xcomp_patient:
                # "threatened to kill X": the threat is made to whom the threatened act is done
                infinitive = next((c for c in syntax.children(verb, "xcomp") if c.pos_ in syntax.VERBAL), None)
                head = syntax.patient(infinitive) if infinitive is not None else None
                if infinitive is not None and rule.xcomp_preps and (head is None or not self.person_phrase(head)):
                    # "threatened to take measures against X": the threatened act's object is a
                    # thing; whom it is aimed at stands in its preposition
                    head = self.aimed_at(infinitive, head, rule.xcomp_preps) or head
            if head is None and anchor.pos_ == "NOUN":
                head = self.noun_possessor(rule, anchor)
            if head is None and anchor.dep_ in ("acomp", "oprd") and anchor.head.pos_ in syntax.VERBAL:
                head = syntax.subject(anchor.head)  # "X remains imprisoned"
            if (
                head is None
                and anchor.dep_ == "conj"
                and anchor.tag_ == "VBD"
                and syntax.is_passive(anchor.head)
                and not syntax.children(anchor, *syntax.SUBJECTS, "dobj")
            ):
                # "was stripped of citizenship and deported": the tagger reads the second
                # participle as a past tense; with no subject of its own it shares the passive.
                head = syntax.subject(anchor.head)
            if head is None and verb.i == anchor.i and anchor.pos_ in syntax.VERBAL:
                # "Detained on Monday was journalist X": the fronted participle's subject stands
                # after its auxiliary, where the parser makes it the auxiliary's attribute
                head = next(
                    (
                        a
                        for aux in syntax.children(anchor, "auxpass")
                        if aux.i > anchor.i
                        for a in syntax.children(aux, "attr", "nsubj", "nsubjpass")
                    ),
                    None,
                )
            return head
        if rule.victim == "subject":
            if anchor.pos_ in ("NOUN", "PROPN") and anchor.dep_ in ("attr", "appos", "pobj", "dobj"):
                verb = syntax.governing_verb(anchor) or anchor
            return syntax.subject(verb)
        if rule.victim == "possessor":
            head = self.noun_possessor(rule, anchor)
            if head is not None and head.pos_ == "NOUN":
                # "the killing of lawyer X": the parser may hang the name that follows the
                # role word beside the act's noun instead of under the role word.
                named = [c for c in anchor.children if c.dep_ == "appos" and c.left_edge.i == head.i + 1]
                if named and named[0].ent_type_ == "PERSON":
                    return named[0]
            return head
        if rule.victim == "recipient":
            # "imposed a fine on X", "handed down a term to X": the parser calls the
            # recipient's preposition a plain prep rather than a dative
            # "granted Abebe Kebede bail": or a name the parser made a compound of the object
            return (
                syntax.recipient(verb)
                or next((obj for _prep, obj in syntax.prep_objects(verb, ("to", "on")) if obj.dep_ == "pobj"), None)
                or syntax.direct_object(verb)
            )
        return syntax.patient(verb) or syntax.subject(verb)

    @staticmethod
    def aimed_at(infinitive: Token, thing: Token | None, preps: list[str]) -> Token | None:
        """The object of the first of `preps` on the infinitive or on its object ("to take
        action against X", "to take measures on him")."""
        for word in (infinitive, thing):
            if word is None:
                continue
            for _prep, obj in syntax.prep_objects(word, tuple(preps)):
                if obj.pos_ in ("PROPN", "PRON", "NOUN"):
                    return obj
        return None

    def noun_possessor(self, rule: TriggerRule, anchor: Token) -> Token | None:
        """Whom a noun trigger is about: "X's arrest", "charges against X", "the arrest of X",
        "an investigation into X". "against" is tried before "of", which on a charge names
        the offence ("charges of fraud against X"); for the object of a light verb, the
        verb's own "against" phrase, where the parser often hangs it ("brought charges
        against X", "a case was opened against X"), and an "against" hung on the noun's
        complement ("a sentence for fraud against X"). A noun coordinated after another shares
        its possessor ("the abduction and killing of X", "his detention and deportation"): the
        parser hangs it on the first noun only."""
        preps = tuple(rule.possessor_preps)
        head = syntax.possessor(anchor, ("against",) if "against" in preps else ())
        if head is None and anchor.dep_ in ("dobj", "nsubjpass") and anchor.head.pos_ in syntax.VERBAL:
            head = syntax.possessor(anchor.head, self.verb_preps(rule))
        if head is None and "against" in preps:
            head = next(
                (
                    found
                    for prep in syntax.children(anchor, "prep")
                    for obj in syntax.children(prep, "pobj", "pcomp")
                    for inner in (obj, *syntax.children(obj, "dobj"))
                    for against in syntax.children(inner, "prep")
                    if against.lower_ == "against"
                    # only the complement's "against" phrase: its own possessor ("the
                    # arrest of X's brother") is not whom the act is about
                    for found in syntax.children(against, "pobj")
                ),
                None,
            )
        if head is None and "against" in preps:
            # "charges related to corruption against A and B": the parser hangs "against" on
            # the participle that qualifies the noun
            head = next(
                (
                    obj
                    for acl in syntax.children(anchor, "acl")
                    for prep in acl.subtree
                    if prep.dep_ == "prep" and prep.lower_ == "against"
                    for obj in syntax.children(prep, "pobj")
                ),
                None,
            )
        if head is None and anchor.dep_ == "nsubjpass":
            # "a sentence of five years was handed down to X": "of" names the term, the verb's
            # "to" the person
            head = syntax.recipient_of_penalty(anchor)
        head = head or syntax.possessor(anchor, preps)
        if head is None and anchor.dep_ != "nsubjpass":  # a passive subject's was read above
            head = syntax.recipient_of_penalty(anchor)
        if head is None and anchor.dep_ == "conj" and anchor.head.pos_ == "NOUN":
            head = syntax.possessor(anchor.head, preps)
        return head

    @staticmethod
    def verb_preps(rule: TriggerRule) -> tuple[str, ...]:
        """The rule's possessor prepositions that may hang on the light verb instead of the
        noun ("opened an investigation into X"); never "of", which on a verb is its own."""
        return ("against", *(p for p in rule.possessor_preps if p not in ("of", "against")))

    def done_by_a_person(self, anchor: Token) -> bool:
        """The active verb's subject is no authority: a named person or "he"/"she", people
        who hold no office ("opposition candidates accused X", "critics accused X"), or
        something said ("videos accusing X", `roles.statement_nouns`)."""
        if anchor.pos_ not in syntax.VERBAL or syntax.is_passive(anchor):
            return False
        doer = syntax.subject(anchor)
        if doer is None:
            return False
        if self.said_by_which(anchor, doer):
            return True
        if doer.ent_type_ == "PERSON" or (doer.pos_ == "PRON" and doer.lower_ in self.pronouns - self.plural_pronouns):
            return True
        if doer.pos_ != "NOUN" or {doer.lower_, doer.lemma_.lower()} & (self.authority_words | self.org_words):
            return False
        lemma = doer.lemma_.lower()
        # people in the plural ("candidates", "critics"); a singular role may be an office
        # ("the attorney general brought charges")
        people = doer.tag_ == "NNS" and (lemma in self.person_words or doer.lower_ in self.person_words)
        return people or lemma in self.statement_nouns

    def said_by_which(self, anchor: Token, doer: Token) -> bool:
        """ "a complaint filed by an officer, which accused X": "which" stands for a thing, so
        where the parser hangs its clause on the person nearby, the thing said above that
        person (a complaint, a post) is the doer."""
        if not any(c.dep_ == "nsubj" and c.lower_ == "which" for c in anchor.children):
            return False
        return any(
            ancestor.pos_ == "NOUN" and ancestor.lemma_.lower() in self.statement_nouns
            for ancestor in [doer, *doer.ancestors]
        )

    def role_of_subject(self, noun: Token) -> bool:
        """A singular role noun the clause's subject is said to be ("X was held as a suspect
        facing charges"), or a thing of the subject's own ("stand trial"), which stands for
        that subject. A thing ("money held in accounts",
        "to hold a meeting"), a relation of someone ("his father was killed"), or unnamed
        people ("failed to apprehend culprits") is the act's own patient: nobody named."""
        own = noun.lemma_.lower() in self.person_words or noun.lemma_.lower() in self.property_words
        return (
            noun.tag_ == "NN"
            and own  # "X is due to stand trial on charges": the subject's own trial
            and not any(c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ == "of") for c in noun.children)
        )

    def fallback_head(self, anchor: Token) -> Token | None:
        """A trigger in a non-finite clause or a bare noun takes the clause's subject
        ("upon release", "as a suspect facing charges")."""
        if anchor.dep_ in ("pobj", "advcl", "acl", "xcomp", "prep", "dobj") or anchor.pos_ == "NOUN":
            verb = syntax.governing_verb(anchor)
            if verb is not None and not (anchor.pos_ == "NOUN" and self.reported_by(anchor, verb)):
                return syntax.subject(verb)
        return None

    def reported_by(self, anchor: Token, verb: Token) -> bool:
        """The noun is what a reporting verb reports ("X reported 300 cases of detention"): who
        reports an act did not undergo it. A noun in the verb's adjunct is still the speaker's
        own ("Upon release, X said ...")."""
        if verb.lemma_.lower() not in self.reporting_verbs:
            return False
        reported = [child for child in verb.children if child.dep_ in ("dobj", "ccomp", "attr", "oprd")]
        return any(child.left_edge.i <= anchor.i <= child.right_edge.i for child in reported)

    @staticmethod
    def refers_elsewhere(anchor: Token) -> bool:
        """A noun trigger that is definite ("the arrest", "this abduction") points back to an
        act told elsewhere, and a plural one ("arbitrary arrests") speaks of acts in general:
        the subject of its clause is whoever talks about them ("the minister condemned the
        abduction"), not their victim. Read from morphology, so no word list is needed."""
        if anchor.pos_ != "NOUN":
            return False
        if "Plur" in anchor.morph.get("Number", []):
            return True
        determiners = [child.morph for child in anchor.children if child.dep_ == "det"]
        return any("Def" in m.get("Definite", []) or "Dem" in m.get("PronType", []) for m in determiners)

    def names_offence(self, anchor: Token) -> bool:
        """A noun or gerund that names what a person is accused, convicted or held for ("X is
        charged with kidnapping", "X was arrested on kidnapping charges", "guilty of abduction
        and assault", "jailed for kidnapping"): the clause's person is the one accused of the
        act, not its victim, so the act takes no victim from its clause (`offence_heads`)."""
        if anchor.pos_ not in ("NOUN", "VERB"):
            return False
        noun = anchor
        while noun.dep_ == "conj" and noun.head.i != noun.i:
            noun = noun.head
        if noun.dep_ == "compound" and noun.pos_ == "NOUN":
            return noun.head.lemma_.lower() in self.offence_heads
        preposition = noun.head
        return (
            noun.dep_ in ("pobj", "pcomp")
            and preposition.lower_ in ("with", "of", "for")
            and preposition.head.lemma_.lower() in self.offence_heads
        )

    # ------------------------------------------------------------------ other arguments
    def perpetrator(
        self,
        rule: TriggerRule,
        anchor: Token,
        governor: Token | None,
        victim_tokens: set[int],
        words: frozenset[int] = frozenset(),
    ) -> tuple[int, int] | None:
        """Who did the act, named in its own clause: a by-phrase or "at the hands of", a
        preposition of the rule's noun (`agent_preps`: "threats from officials"), the
        subject of an active verb, or who holds the person in custody. A passive without
        one names nobody (SPEC 6.5)."""
        if not rule.clause_agent:
            return None
        verb = governor if governor is not None else anchor
        doer = (
            syntax.agent(anchor)
            or (syntax.agent(verb) if governor is not None else None)
            or self.hands_of(anchor)
            or self.noun_agent(rule, anchor, words)
            or self.subject_read_as_modifier(anchor)
        )
        if (
            doer is None
            and rule.victim in ("patient", "possessor", "object_or_subject", "recipient")
            and anchor.pos_ in syntax.VERBAL
            and (
                not syntax.is_passive(verb)
                or self.coordinated_verb(anchor) is not None
                or self.stranded_auxiliary(anchor) is not None
            )
        ):
            doer = self.active_subject(anchor, verb)
        if doer is None:
            doer = self.custodian(anchor, victim_tokens, rule.custodian_compound)
        if doer is not None and doer.i in victim_tokens:
            return None  # "they remained in confinement on charges of ...": the victims, not an agent
        if doer is not None and doer.lower_ in self.institution_pronouns and doer.pos_ == "PRON":
            doer = self.authority_antecedent(doer)
        if doer is None or doer.i in victim_tokens or (doer.pos_ == "PRON" and doer.lower_ in self.non_agents):
            return None
        if doer.ent_type_ == "PERSON" and rule.victim == "object_or_subject":
            return None
        return syntax.noun_phrase(doer)

    @staticmethod
    def done_by(perpetrator: TokenSpan | None, doc: Doc, doers: list[str]) -> bool:
        """The perpetrator's head word is one of `doers` ("Algerian security forces": forces)."""
        if perpetrator is None:
            return False
        return doc[perpetrator[0] : perpetrator[1]].root.lower_ in doers

    def hands_of(self, anchor: Token) -> Token | None:
        """ "was tortured at the hands of intelligence officers", "died at the hands of
        soldiers": the phrase names the doer as a by-phrase does (`agent_phrases`)."""
        for phrase in self.agent_phrases:
            words = phrase.split()
            for prep in (c for c in anchor.subtree if c.dep_ == "prep" and c.lower_ == words[-1]):
                start = prep.i - len(words) + 1
                if start < 0 or [t.lower_ for t in prep.doc[start : prep.i + 1]] != words:
                    continue
                if prep.doc[start].head.i != anchor.i and prep.doc[start].head.head.i != anchor.i:
                    continue  # the phrase of another clause
                objects = syntax.children(prep, "pobj")
                if objects:
                    return objects[0]
        return None

    @staticmethod
    def noun_agent(rule: TriggerRule, anchor: Token, words: frozenset[int]) -> Token | None:
        """ "received threats from police officers": the rule's agent preposition on the
        trigger's own words (the verb or its noun), with a doer, not a place, as its object."""
        if not rule.agent_preps:
            return None
        doc = anchor.doc
        for host in sorted({anchor.i, *words}):
            for prep in syntax.children(doc[host], "prep"):
                if prep.lower_ not in rule.agent_preps:
                    continue
                for obj in syntax.children(prep, "pobj"):
                    if obj.ent_type_ not in PLACE_LABELS and obj.ent_type_ != "PERSON":
                        return obj
        return None

    @staticmethod
    def subject_read_as_modifier(anchor: Token) -> Token | None:
        """ "In May a court convicted popstar X": the parser may hang the subject on the verb
        as an adverbial noun, and even read the verb as an adjective of the role word after
        it. Only a hyphen makes a noun before a participle its modifier ("state-owned"); a
        free noun there, on a verb with no subject of its own, is the doer."""
        if anchor.tag_ not in ("VBD", "VBN") or syntax.children(anchor, *syntax.SUBJECTS, "auxpass", "aux"):
            return None
        if anchor.dep_ == "amod" and anchor.head.i < anchor.i:
            return None
        return next(
            (
                c
                for c in anchor.children
                if c.i < anchor.i
                and c.dep_ in ("npadvmod", "nsubj")
                and c.pos_ in ("NOUN", "PROPN")
                and c.ent_type_ not in ("DATE", "TIME")  # "last week", an adverbial indeed
                and c.whitespace_
                and c.right_edge.i == c.i
            ),
            None,
        )

    def active_subject(self, anchor: Token, verb: Token) -> Token | None:
        """Who does an active verb, where the parser misplaced its subject.

        - "officers had on 3 May arrested X": a phrase between the auxiliary and the verb
          leaves the subject on the auxiliary;
        - "a court reduced A's term and acquitted B": the coordinated participle is read as
          an adjective of its object, which is coordinated with the first verb, whose subject
          does both acts;
        - "officers, responding to a protest, shot X": an active past tense with an object of
          its own read as a relative clause of the noun before it; a reduced relative is a
          participle, never an active past tense, so the doer is the noun the whole
          participial phrase describes.
        """
        coordinated = self.coordinated_verb(anchor)
        if coordinated is not None:
            return syntax.subject(coordinated)
        stranded = self.stranded_auxiliary(anchor)
        if stranded is not None and syntax.children(stranded, *syntax.SUBJECTS):
            return syntax.children(stranded, *syntax.SUBJECTS)[0]
        top = verb
        while top.dep_ == "conj" and top.head.pos_ in syntax.VERBAL and not syntax.children(top, *syntax.SUBJECTS):
            top = top.head
        if top.i != verb.i and top.dep_ == "ccomp" and top.head.pos_ in syntax.VERBAL:
            # "The government alleged the men committed X and charged the three": the people
            # the object points back at are not their own agents; the coordination belongs
            # one clause up, with the verb that reports the allegation
            said = syntax.subject(top)
            done_to = syntax.direct_object(verb)
            if said is not None and done_to is not None and self.refers_back(said) and self.refers_back(done_to):
                return syntax.subject(top.head)
        if not syntax.children(top, *syntax.SUBJECTS):
            for aux in syntax.children(top, "aux"):
                if syntax.children(aux, *syntax.SUBJECTS):
                    return syntax.children(aux, *syntax.SUBJECTS)[0]
        if (
            top.dep_ == "acl"
            and top.tag_ == "VBD"
            and not syntax.children(top, "aux", "auxpass", "agent", *syntax.SUBJECTS)
            and any(syntax.children(v, "dobj") for v in (top, *top.conjuncts))
        ):
            for ancestor in top.head.ancestors:
                if ancestor.pos_ in ("NOUN", "PROPN") and ancestor.dep_ != "pobj":
                    return ancestor
                participle = ancestor.dep_ in ("acl", "advcl") and ancestor.tag_ in ("VBG", "VBN")
                if ancestor.pos_ in syntax.VERBAL and not participle:
                    return syntax.subject(ancestor)
        return syntax.subject(verb)

    def stranded_auxiliary(self, verb: Token) -> Token | None:
        """ "soldiers had on 2 April detained X": with a phrase between them the parser may
        read the auxiliary as a verb of its own, with the subject and the date, and hang the
        participle elsewhere (even as an adjective of its object). The auxiliary is the word
        just before that phrase, with no object before the participle."""
        doc = verb.doc
        if verb.tag_ not in ("VBN", "VBD") or any(c.dep_ == "aux" for c in verb.children):
            return None
        for aux in reversed(doc[verb.sent.start : verb.i]):
            if aux.lower_ not in self.auxiliaries or aux.head.i == verb.i:
                continue
            inner = {
                t.i for c in aux.children if c.i > aux.i and c.dep_ in ("prep", "advmod", "npadvmod") for t in c.subtree
            }
            between = range(aux.i + 1, verb.i)
            if (
                between
                and all(i in inner or doc[i].is_punct for i in between)
                and not any(o.i < verb.i for o in syntax.children(aux, "dobj"))
            ):
                return aux
            return None
        return None

    def custodian(self, anchor: Token, victim_tokens: set[int], compound: bool = False) -> Token | None:
        """ "remained in the custody of the intelligence service": who holds the person, named
        by "of" on a custody noun the person is in ("in"/"under" the custody of X); with
        `compound` (a custody the rule states), also by the noun's modifier ("was in NSS
        custody", "remained in police custody"), when it is a force or an organisation."""
        custody = set(date_words().narrative.custody_nouns)
        for token in [anchor, *anchor.subtree]:
            if token.lemma_.lower() not in custody or token.dep_ != "pobj" or token.head.lower_ not in ("in", "under"):
                continue
            for of in syntax.children(token, "prep"):
                for holder in syntax.children(of, "pobj"):
                    if of.lower_ == "of" and holder.i not in victim_tokens and holder.ent_type_ != "PERSON":
                        return holder
            for holder in syntax.children(token, "compound"):
                if compound and holder.i not in victim_tokens and self.holding_body(holder):
                    return holder
        return None

    def holding_body(self, token: Token) -> bool:
        """A force or organisation that can hold a person: an authority word ("police") or an
        organisation's name ("NSS"), never a person."""
        return token.ent_type_ != "PERSON" and (token.lower_ in self.authority_words or token.ent_type_ == "ORG")

    def refers_back(self, token: Token) -> bool:
        """A pronoun or a definite group noun pointing back at people ("they", "the three",
        "the individuals")."""
        if token.pos_ == "PRON":
            return token.lower_ in self.pronouns
        determiners = {c.lower_ for c in token.children if c.dep_ in ("det", "predet")}
        return self.is_group_reference(token) or (
            token.lower_ in self.plural_groups | self.group_refs and bool(determiners & self.group_determiners)
        )

    @staticmethod
    def coordinated_verb(anchor: Token) -> Token | None:
        """ "reduced A's term and acquitted B": the parser reads the second verb as an
        adjective of B, and B as coordinated with the first verb, which is returned. The
        adjective may sit on a role word before the name ("closed the station and detained
        reporter A": "detained" on "reporter", a compound of the conjunct A)."""
        if anchor.dep_ != "amod" or anchor.i == 0 or anchor.doc[anchor.i - 1].pos_ != "CCONJ":
            return None
        noun = anchor.head
        while noun.dep_ == "compound" and noun.head.i > noun.i:
            noun = noun.head
        if noun.dep_ == "conj" and noun.head.pos_ in syntax.VERBAL:
            return noun.head
        return None

    def authority_antecedent(self, pronoun: Token) -> Token | None:
        """ "Authorities detained him ...; they released him": the nearest earlier
        authority noun in this or the previous sentence."""
        doc = pronoun.doc
        sent = pronoun.sent
        start = doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
        for token in reversed(doc[start : pronoun.i]):
            if (
                token.pos_ in ("NOUN", "PROPN")
                and (token.lemma_.lower() in self.authority_words or token.lower_ in self.authority_words)
                and token.dep_ in ("nsubj", "nsubjpass", "pobj", "dobj")
            ):  # "forces" is listed as written: its lemma "force" is no agent
                return token
        return None

    # ------------------------------------------------------------------ places
    def is_place(self, token: Token, direct: bool = True) -> bool:
        """Where an act can happen: a place entity, a name with a place or facility noun, a
        facility, or a proper name the gazetteer knows. `direct`: the phrase hangs on the
        trigger's own verb, where a capitalised name after "in" that is no person's is a
        place even when neither the tagger nor the gazetteer knows it ("arrested in Lakeside")."""
        if token.ent_type_ in NOT_PLACE_LABELS or token.lower_ in self.not_place_names:
            return False  # "in absentia", tagged a place by the small model
        name = token.doc[self.name_start(token) : token.i + 1]
        if token.pos_ == "PROPN" and (find_date_spans(name.text) or any(t.ent_type_ in ("DATE", "TIME") for t in name)):
            return False  # "at Sunday Mass"
        if (
            token.pos_ == "NOUN"
            and not any(True for _ in token.children)
            and token.dep_ == "pobj"
            and token.head.head.ent_type_ in ("DATE", "TIME")
        ):
            return False  # "two years in prison", "after a year in prison": a term, not a place
        if token.ent_type_ in PLACE_LABELS:
            return True
        if self.named_place(token, direct):
            return True
        if token.ent_type_ == "PERSON":
            return False
        if token.lemma_.lower() in self.place_nouns and (
            token.pos_ == "PROPN" or any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in token.children)
        ):
            return True  # "in Kasubi Town", "in Krobei Riel commune", "Siem Reap Province" (tagged ORG)
        if token.lemma_.lower() in self.place_nouns and any(
            of.lower_ == "of" and any(o.pos_ == "PROPN" for o in syntax.children(of, "pobj"))
            for of in syntax.children(token, "prep")
        ):
            return True  # "in the city of Masaya", "the state of Zulia"
        if token.lower_ in self.standalone_places and any(c.lower_ == "the" for c in token.children):
            return True  # "in the capital": the geocoder reads it as the country's capital
        if token.lemma_.lower() in self.facility_words or token.lower_ in self.facility_words:
            return True
        if (
            token.pos_ == "NOUN"
            and token.lower_ in self.own_premises
            and any(c.dep_ in ("det", "poss") and c.i < token.i for c in token.children)
        ):
            return True  # "at his home", "at a hospital"; not "under house arrest", "went home"
        if (
            token.pos_ == "NOUN"
            and token.lemma_.lower() in self.premises_nouns
            and any(
                c.dep_ == "compound"
                and c.pos_ == "PROPN"
                and (c.ent_type_ in ("GPE", "LOC") or (c.ent_type_ == "" and self.known_place(c, LARGE_CITY)))
                for c in token.children
            )
        ):
            return True  # "the Kampala office of the party", not "the Riverton killings"
        if token.pos_ == "NOUN" and self.located_by_reference(token):
            return True  # "in a parking lot outside of X": a spot the town it is near places
        return (
            any(t.lower_ in self.facility_words for t in token.subtree)
            and token.pos_ in ("PROPN", "NOUN")
            and token.ent_type_ in ("ORG", "FAC", "")
        )

    def reference_objects(self, token: Token) -> list[Token]:
        """The objects of the reference phrases right of `token`: "near X", "outside X" and
        "outside of X" (the parser makes "outside" an adverb there, with "of" under it)."""
        found = []
        for child in token.rights:
            if child.lower_ in self.reference_preps and child.dep_ in ("prep", "advmod"):
                found += syntax.children(child, "pobj")
                for of in syntax.children(child, "prep"):
                    if of.lower_ == "of":
                        found += syntax.children(of, "pobj")
        return found

    def located_by_reference(self, token: Token) -> bool:
        """ "a parking lot outside of X", "a farm near X": a determined common noun that a
        reference phrase to a place locates is where the act happened (GUIDELINES D29 keeps the
        whole phrase); a bare noun ("fire near X") is not."""
        return any(c.dep_ == "det" and c.i < token.i for c in token.children) and any(
            self.is_place(far, direct=False) for far in self.reference_objects(token)
        )

    def name_start(self, token: Token) -> int:
        """The first word of the proper name `token` ends ("San" of "San Carlos")."""
        doc = token.doc
        start = token.i
        while (
            start > 0
            and doc[start - 1].pos_ == "PROPN"
            and doc[start - 1].dep_ in ("compound", "flat")
            and start <= doc[start - 1].head.i <= token.i
        ):
            start -= 1
        return start

    def known_place(self, token: Token, min_population: int = 0) -> bool:
        """The gazetteer knows the proper name `token` ends as a country or a city."""
        return known_name(fold(token.doc[self.name_start(token) : token.i + 1].text), min_population)

    @staticmethod
    def gazetteer_name(token: Token) -> bool:
        """The word alone is a country, a city or a region the gazetteer knows by that name."""
        key = fold(token.text)
        return bool(key) and (subdivision_country(key) is not None or known_name(key, LARGE_CITY))

    def named_place(self, token: Token, direct: bool) -> bool:
        """A proper name the tagger missed or took for a person or an organisation that names
        a place: one the gazetteer knows, or, directly after "in" or "at" on the verb, any name
        that the phrase does not mark as a person's, an organisation's, a date or a number
        ("held in El Helicoide", tagged ORG)."""
        if not self.shaped_as_place_name(token):
            return False
        if self.known_place(token):
            return True
        prep = token.head if token.dep_ == "pobj" else None
        # "at" also governs people ("shot at X"): there only a name the tagger did not call a person
        return (
            direct
            and prep is not None
            and (
                (prep.lower_ == "in" and token.ent_type_ in ("", "PERSON", "ORG"))
                or (prep.lower_ == "at" and token.ent_type_ in ("", "ORG"))
            )
        )

    def shaped_as_place_name(self, token: Token) -> bool:
        """A capitalised proper name that nothing in the phrase marks as a person's, an
        organisation's, a date or a number."""
        if token.pos_ != "PROPN" or not token.text[:1].isupper() or token.ent_type_ in NOT_PLACE_LABELS:
            return False
        words = token.doc[self.name_start(token) : token.i + 1]
        if any(
            w.lower_ in self.not_place_names
            or w.lower_ in self.org_words
            or w.lower_.rstrip(".") in self.titles
            or not w.is_alpha
            for w in words
        ):
            return False
        if any(c.dep_ in ("nummod", "case", "appos") or c.like_num for c in token.children):
            return False  # "Article 19", "Bako's", "Ruiz, a lawyer"
        return not (find_date_spans(words.text) or self.in_person_phrase(token))

    def is_destination(self, token: Token, direct: bool = True) -> bool:
        """Where a person was sent: a place entity or known place, or "the border", "the country"."""
        if token.ent_type_ in PLACE_LABELS or token.lemma_.lower() in self.destination_nouns:
            return True
        if not self.shaped_as_place_name(token):
            return False
        # "deported X to Riverland": a name straight after "to" on the verb, not a person's
        return self.known_place(token) or (
            direct and token.head.lower_ in ("to", "into") and token.ent_type_ in ("", "ORG")
        )

    def place_span(self, prep: Token | None, obj: Token) -> tuple[int, int]:
        """The words of a place: its noun phrase, a reference point it is near ("a checkpoint near
        X"), and the preposition when that makes the phrase a reference point ("near X")."""
        start, end = syntax.noun_phrase(obj)
        for child in obj.rights:
            if (
                child.dep_ == "appos"
                and child.left_edge.i == end + 1
                and obj.doc[end].text == ","
                and (child.ent_type_ in ("GPE", "LOC") or child.lemma_.lower() in self.place_nouns)
            ):
                end = syntax.noun_phrase(child)[1]  # "San Cristobal, Tachira State"
            if child.dep_ in ("prep", "advmod") and child.lower_ in self.reference_preps and child.i == end:
                for far in self.reference_objects(obj):
                    if far.i > child.i and self.is_place(far, direct=False):
                        end = max(end, syntax.noun_phrase(far)[1])
        if prep is not None and (prep.lower_ in self.reference_preps or prep.i < start - 1):
            start = prep.i  # "near X"; "in front of X" (prep, relation noun, "of")
        return start, self.town_after(prep, obj, end)

    def town_after(self, prep: Token | None, obj: Token, end: int) -> int:
        """ "held at Kirov prison in Dunmore": the parser hangs the town of a building on the verb,
        right after the building's phrase; it is part of the place (GUIDELINES D29 keeps
        "Nefas Mewcha prison in South Gondar Zone"), and the geocoder needs it."""
        doc = obj.doc
        if prep is None or obj.pos_ != "NOUN" or end >= len(doc):
            return end
        after = doc[end]
        if after.dep_ != "prep" or after.lower_ != "in" or after.head.i != prep.head.i:
            return end
        for town in syntax.children(after, "pobj"):
            if town.pos_ == "PROPN" and self.is_place(town, direct=False):
                return max(end, syntax.noun_phrase(town)[1])
        return end

    def place_object(self, prep: Token, obj: Token, test, direct: bool) -> tuple[int, int] | None:
        """The place a prepositional object gives, if any: the object itself, or the object
        of its relation noun ("in front of the embassy", "on the outskirts of X")."""
        if (
            prep.lower_ in self.relation_preps
            and obj.lower_ not in self.relation_nouns
            and not (obj.pos_ == "PROPN" and obj.lemma_.lower() in self.surface_nouns)
        ):
            return None  # "on" sets a place only as "on the outskirts of X" or "on X Square"
        if obj.lower_ in self.relation_nouns:
            for of in syntax.children(obj, "prep"):
                for target in syntax.children(of, "pobj"):
                    if of.lower_ == "of" and test(target, direct):
                        return self.place_span(prep, target)[0], self.place_span(None, target)[1]
            return None
        if test(obj, direct):
            return self.place_span(prep, obj)
        if test == self.is_destination and any(
            t.dep_ == "pobj" and t.i != obj.i and self.is_destination(t) for t in obj.subtree
        ):
            return syntax.subtree_phrase(obj)  # "to checkpoint X at the border with Y"
        return None

    def attached_prep(
        self, anchor: Token, governor: Token | None, preps: list[str], test, own: frozenset[int] = frozenset()
    ) -> tuple[int, int] | None:
        """A place-like object of one of `preps` on the trigger, outside its own words, or on a
        word of its own that completes the verb ("went missing from X": the parser hangs the
        phrase on "missing")."""
        completing = [
            anchor.doc[i]
            for i in sorted(own)
            if anchor.doc[i].head.i == anchor.i
            and anchor.doc[i].dep_ in ("acomp", "advcl", "xcomp", "oprd")
            and anchor.doc[i].pos_ in ("VERB", "ADJ")
        ]
        for host in (anchor, governor, *completing):
            if host is None or not preps:
                continue
            for prep, obj in syntax.prep_objects(host, tuple(preps)):
                if obj.i not in own:
                    found = self.place_object(prep, obj, test, True)
                    if found is not None:
                        return found
        if anchor.pos_ not in syntax.VERBAL or not preps:
            return None
        # The parser often hangs "in <place>" on the object or an adverbial ("arrested six
        # members without warrant in the Welega Zone"): search the verb phrase, outside
        # embedded clauses.
        found = self.phrase_place(anchor, preps, test, own)
        if found is None and anchor.dep_ == "xcomp" and anchor.head.pos_ in syntax.VERBAL:
            # "used force to arrest A ... in front of X": the verb the infinitive completes
            # shares its place (the parser often hangs the phrase there)
            found = self.phrase_place(anchor.head, preps, test, own)
        if found is None:
            sharer = self.shared_phrase_verb(anchor)
            if sharer is not None:
                found = self.phrase_place(sharer, preps, test, own)
        return found

    @staticmethod
    def shared_phrase_verb(anchor: Token) -> Token | None:
        """ "kidnapped and killed X in Y", "was detained and beaten in Y": a verb with nothing
        after it but the conjunction shares the object and the place phrase that the next verb
        of its coordination carries (the parser hangs them on the last verb)."""
        verbs = sorted([anchor, *anchor.conjuncts], key=lambda t: t.i)
        later = [v for v in verbs if v.i > anchor.i]
        if not later or any(v.pos_ not in syntax.VERBAL for v in later):
            return None
        for verb in [anchor, *later[:-1]]:
            # bare: only a conjunction, a comma, an adverb or the next conjunct after it
            if any(c.i > verb.i and c.dep_ not in ("cc", "conj", "punct", "advmod", "prt") for c in verb.children):
                return None
            if syntax.children(verb, "dobj"):
                return None
        return later[-1]

    def phrase_place(self, verb: Token, preps: list[str], test, own: frozenset[int]) -> tuple[int, int] | None:
        """The first place of `preps` in the verb's phrase, outside embedded clauses, outside
        what describes a person ("arrested A, a filmmaker in X, at his home": an apposition),
        and outside what the act was about ("for criticizing ... in X", "after taking part
        in protests in X": a gerund's clause; "over his posts about the war in X": a topic)."""
        stop = {"relcl", "acl", "advcl", "ccomp", "xcomp", "conj", "nsubj", "nsubjpass", "appos"}
        stack = [c for c in verb.children if c.dep_ not in stop]
        # "beaten while reporting in X": a clause of the same moment happens in the same place.
        # Its infinitive too: "when he tried to call for help at X, officers beat him".
        moments = [c for c in verb.children if self.same_moment(c)]
        stack += moments + [x for c in moments for x in syntax.children(c, "xcomp")]
        leaves: set[int] = set()
        closing: set[int] = set()
        while stack:
            token = stack.pop(0)
            if token.dep_ == "prep" and token.lower_ in preps:
                for obj in syntax.children(token, "pobj"):
                    if obj.i not in own:
                        # on the verb, or on its object ("held Mora in X": the parser's attachment)
                        direct = (
                            token.i in closing
                            or token.head.i == verb.i
                            or (token.head.head.i == verb.i and token.head.dep_ in ("dobj", "nsubjpass"))
                        )
                        found = self.place_object(token, obj, test, direct)
                        if found is not None:
                            return found
            if token.dep_ == "prep" and token.lower_ in self.topic_preps:
                continue
            if (
                token.dep_ == "prep"
                and token.lower_ in self.elsewhere_preps
                and token.lower_ not in preps
                and not syntax.children(token, "pcomp")
            ):
                # "while traveling to a meeting in X", "detained following a protest in X",
                # "charged for the killing of X at Y": a gerund's own phrase is read below
                continue
            if token.dep_ == "pcomp" and token.head.lower_ != "of":
                # "for criticizing X in Y", "after taking part in protests in Y": what the gerund
                # is about is not where the act happened, only its own place phrase is ("summoned
                # for questioning at the X police station"); the parser hangs the act's own place
                # on "charges of spreading ... in Y"
                if not any(c.dep_ == "dobj" for c in token.children):  # what the gerund acts on
                    leaves.update(c.i for c in token.children if c.dep_ == "prep" and c.lower_ in preps)
                stack.extend(c for c in token.children if c.i in leaves)
                continue
            if token.i in leaves:
                continue  # the gerund's place phrase was tested above; nothing below it
            if token.dep_ == "pobj" and token.lower_ in self.topic_nouns:
                continue  # "in connection with his posts on X", "in response to ...": what it was about
            stack.extend(c for c in token.children if c.dep_ not in stop)
            if token.i != verb.i and token.dep_ in ("dobj", "nsubjpass", "pobj", "appos", "conj"):
                for appos in syntax.children(token, "appos"):
                    found_prep = self.closing_prep(appos)
                    if found_prep is not None:
                        closing.add(found_prep.i)
                        stack.append(found_prep)
        return None

    @staticmethod
    def closing_prep(appos: Token) -> Token | None:
        """ "arrested X, alias 'Y', in Z", "detained X, a reporter for Radio Y, at his home": the
        parser hangs the verb's place phrase on the apposition before it. A phrase after the
        comma that closes the apposition, at its end, is the verb's; one inside it ("X, a
        filmmaker in Z, ...") describes the person."""
        doc = appos.doc
        for prep in appos.subtree:
            if prep.dep_ != "prep" or prep.i <= appos.i:
                continue
            before = prep.i - 1
            while before > appos.i and doc[before].is_quote:
                before -= 1
            if doc[before].text != ",":
                continue
            # what follows is this phrase or further phrases beside it ("in Z on charges of ...")
            inside = {t.i for p in prep.head.children if p.dep_ == "prep" and p.i >= prep.i for t in p.subtree}
            if all(t.i < prep.i or t.i in inside or t.is_punct for t in appos.subtree):
                return prep
        return None

    def same_moment(self, clause: Token) -> bool:
        """An adverbial clause of the same moment ("while reporting", "as she left her home",
        "when the military raided X"): it happens when and where its main clause does."""
        return clause.dep_ == "advcl" and any(
            m.dep_ in ("mark", "advmod") and m.lower_ in self.same_place_marks and m.i < clause.i
            for m in clause.children
        )

    def chained_destination(self, governor: Token | None, preps: list[str]) -> tuple[int, int] | None:
        """ "forced her into a car, drove her to the border and told her to leave": a verb
        coordinated with the one that sends the person away, with the same object, says where to."""
        if governor is None or not preps:
            return None
        objects = {c.lower_ for c in governor.children if c.dep_ == "dobj"}
        top = governor
        while top.dep_ == "conj" and top.head.i != top.i:
            top = top.head
        for verb in [top, *top.conjuncts]:
            if verb.i == governor.i or verb.pos_ not in syntax.VERBAL:
                continue
            if objects & {c.lower_ for c in verb.children if c.dep_ == "dobj"}:
                found = self.phrase_place(verb, preps, self.is_destination, frozenset())
                if found is not None:
                    return found
        return None

    def relative_place(self, anchor: Token) -> tuple[int, int] | None:
        """ "took him to the headquarters, where he was beaten": a relative clause opened by
        "where" (or "in which") happens in the place its noun names."""
        clause = anchor
        while clause.dep_ in ("conj", "xcomp") and clause.head.i != clause.i:
            clause = clause.head
        if clause.dep_ != "relcl":
            return None
        noun = clause.head
        # "where" may hang on a later conjunct ("where he was questioned and later jailed")
        opened = any(
            t.lower_ in self.relative_adverbs and noun.i < t.i < clause.i and t.head in clause.subtree
            for t in noun.doc[noun.i + 1 : clause.i]
        ) or any(
            c.dep_ == "prep" and c.lower_ in self.setting_preps and any(o.lower_ == "which" for o in c.children)
            for c in clause.children
        )
        if opened and noun.pos_ in ("NOUN", "PROPN") and self.is_place(noun, direct=False):
            return self.place_span(None, noun)
        return None

    def setting(self, anchor: Token, own: frozenset[int]) -> tuple[int, int] | None:
        """ "In X, police arrested A and beat him"; "In X, police said they had detained A": a
        place phrase fronted before the subject of a clause that governs the trigger sets
        the acts of that clause and of the clauses it governs."""
        clause = anchor
        while clause.dep_ in ("conj", "ccomp", "xcomp", "advcl") and clause.head.i != clause.i:
            clause = clause.head
            if clause.pos_ not in syntax.VERBAL:
                continue
            subjects = [c.i for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
            for prep in clause.children:
                if (
                    prep.dep_ == "prep"
                    and prep.lower_ in self.setting_preps
                    and prep.i < clause.i
                    and (not subjects or prep.i < min(subjects))
                ):
                    for obj in syntax.children(prep, "pobj"):
                        if obj.i not in own and self.is_place(obj, direct=True):
                            return self.place_span(prep, obj)
        return None

    def place(
        self, rule: TriggerRule, anchor: Token, governor: Token | None, trigger, own: frozenset[int]
    ) -> tuple[int, int] | None:
        """Where the act happened, nearest first: a place phrase of the trigger's clause, the
        noun a "where" clause describes, where the perpetrators are, the sentence's setting.
        The destination's words are never also the place ("forced into exile in X")."""
        if not rule.place_preps:
            return None
        destination = trigger.get("destination")
        if destination is not None:
            own = own | frozenset(range(*destination))
        extra = (self.reference_preps | self.relation_preps) - set(rule.place_preps)
        preps = [*rule.place_preps, *sorted(extra)]
        if rule.action in self.clause_only_actions and rule.anchor_head:
            return None  # "arrested him in X on smuggling charges": the verb's place is the arrest's
        if rule.action in self.clause_only_actions and anchor.pos_ == "NOUN":
            # "was detained on charges of ... in X": a charge named under another act's verb
            # is not laid where that act happened
            governor = None
        own_clause = self.attached_prep(anchor, governor, preps, self.is_place, own)
        if own_clause is None and rule.action in self.own_words_place_actions:
            own_clause = self.own_words_place(anchor, own, preps)
        if own_clause is None:
            own_clause = self.place_left(anchor, own)
        if own_clause is None:
            own_clause = self.place_taken_to(anchor, own)
        if own_clause is None and rule.action not in self.clause_only_actions:
            own_clause = self.result_clause_place(anchor, preps, own)
        if own_clause is None and rule.action in self.paragraph_setting_actions:
            own_clause = self.earlier_conjunct_place(anchor, preps, own)
        if own_clause is None and rule.action in self.clause_only_actions and anchor.pos_ in syntax.VERBAL:
            # "authorities in X charged A": the clause's own agent says where they acted, unless
            # it is a court (GUIDELINES D29: a court's name is a national body's, no place)
            perpetrator = trigger["perpetrator"]
            agent = anchor.doc[perpetrator[0] : perpetrator[1]].root if perpetrator is not None else None
            if agent is not None and agent.lemma_.lower() not in self.court_words:
                own_clause = self.perpetrator_place(perpetrator, anchor.doc)
        if own_clause is not None or rule.action in self.clause_only_actions:
            return own_clause
        return (
            self.relative_place(anchor)
            or self.perpetrator_place(trigger["perpetrator"], anchor.doc)
            or self.setting(anchor, own)
            or (self.paragraph_setting(anchor) if rule.action in self.paragraph_setting_actions else None)
        )

    def place_left(self, anchor: Token, own: frozenset[int]) -> tuple[int, int] | None:
        """ "forced the reporter to leave X", "made him quit X": a verb of leaving names the
        place the act removes the person from as its object. A country left is no place of
        the act (GUIDELINES D29/D30: "forced to leave Belarus" has none); a town or a
        facility is."""
        if anchor.lemma_.lower() not in self.departure_lemmas or anchor.pos_ not in syntax.VERBAL:
            return None
        for obj in syntax.children(anchor, "dobj"):
            if obj.i in own or obj.lower_ in self.destination_nouns:
                continue
            start, end = syntax.noun_phrase(obj)
            if fold(anchor.doc[start:end].text) in gazetteer().country_names:
                continue
            if self.is_place(obj, direct=True):
                return start, end
        return None

    def place_taken_to(self, anchor: Token, own: frozenset[int]) -> tuple[int, int] | None:
        """ "was taken to the police station in X and charged", "brought him to the base and
        beat him": an act coordinated after a verb that conveys the person happens where
        that verb took them."""
        if anchor.dep_ != "conj" or anchor.pos_ not in syntax.VERBAL:
            return None
        verb = anchor.head
        if verb.pos_ not in syntax.VERBAL or verb.lemma_.lower() not in self.conveying_lemmas or verb.i > anchor.i:
            return None
        for prep, obj in syntax.prep_objects(verb, ("to", "into")):
            if obj.i not in own:
                found = self.place_object(prep, obj, self.is_place, True)
                if found is not None:
                    return found
        return None

    def result_clause_place(self, anchor: Token, preps: list[str], own: frozenset[int]) -> tuple[int, int] | None:
        """ "Police opened fire at a protest in X, killing A": a participle clause after its main
        verb, with no conjunction and no subject of its own, tells what the main act did, so it
        happened where the main clause says. A charge or a sentence is not laid there
        (`clause_only_actions`, the caller's test)."""
        head = anchor.head
        if (
            anchor.dep_ != "advcl"
            or anchor.tag_ != "VBG"
            or anchor.i < head.i
            or head.pos_ not in syntax.VERBAL
            or any(c.dep_ in ("mark", "nsubj", "nsubjpass") for c in anchor.children)
        ):
            return None
        return self.phrase_place(head, preps, self.is_place, own)

    def earlier_conjunct_place(self, anchor: Token, preps: list[str], own: frozenset[int]) -> tuple[int, int] | None:
        """ "Police raided a meeting in X and arrested A", "opened fire in X and killed A": an act
        of the incident coordinated after a verb, naming no place of its own, goes on in the
        place that verb's phrase names (the scene carries over, GUIDELINES D29). Only a verb
        with an object of its own: one that shares the subject ("was disappeared in X and was
        tortured") goes on with the person, who is no longer there. Custody, charges and
        releases do not (`paragraph_setting_actions`, the caller's test)."""
        head = anchor.head
        if anchor.dep_ != "conj" or anchor.pos_ not in syntax.VERBAL or head.pos_ not in syntax.VERBAL:
            return None
        if head.i > anchor.i or not syntax.children(anchor, "dobj"):
            return None
        if head.dep_ in ("relcl", "acl"):
            return None  # "arrested citizens who were employed at X and detained them": a person's description
        return self.phrase_place(head, preps, self.is_place, own)

    def own_words_place(self, anchor: Token, own: frozenset[int], preps: list[str]) -> tuple[int, int] | None:
        """ "died in prison", "died in military custody": the place the trigger's own words
        name, when they hold a place phrase."""
        doc = anchor.doc
        for i in sorted(own):
            prep = doc[i]
            if prep.dep_ != "prep" or prep.lower_ not in preps:
                continue
            for obj in syntax.children(prep, "pobj"):
                if obj.i in own and (obj.lower_ in self.custody_places or self.is_place(obj, direct=False)):
                    start, end = syntax.noun_phrase(obj)
                    return max(start, prep.i + 1), end
        return None

    def dated(self, sent: Span) -> bool:
        """The sentence gives a date (not a duration): it opens an incident of its own."""
        return any(
            ent.label_ in ("DATE", "TIME") and not is_duration(self.date_words(ent)) and find_date_spans(ent.text)
            for ent in self.sent_ents(sent)
        )

    def paragraph_setting(self, anchor: Token) -> tuple[int, int] | None:
        """ "On 10 May police surrounded a crowd in front of the X office in Y. They arrested A.
        Police beat B.": a sentence that names no place and no date goes on with the incident
        the paragraph's last dated sentence set, and takes that sentence's first place."""
        sent = anchor.sent
        if (
            anchor.pos_ not in syntax.VERBAL
            or self.dated(sent)
            or any(ent.label_ in PLACE_LABELS for ent in self.sent_ents(sent))
        ):
            return None  # a noun ("mass arrests of protesters") sums up acts; it tells no incident
        doc = anchor.doc
        start = sent.start
        while start > 0 and not (doc[start - 1].is_space and doc[start - 1].text.count("\n") >= 2):
            before = doc[start - 1].sent
            if self.dated(before):
                found = self.first_place(before)
                if found is None or fold(doc[found[0] : found[1]].text) in gazetteer().country_names:
                    return None  # the country is the report's setting, not the incident's
                return found
            start = before.start
        return None

    def first_place(self, sent: Span) -> tuple[int, int] | None:
        """The first place phrase of a sentence, by the place test of the verb phrase's words."""
        preps = self.setting_preps | self.reference_preps
        for token in sent:
            if token.dep_ == "prep" and token.lower_ in preps:
                if any(a.dep_ == "prep" and a.lower_ in self.elsewhere_preps for a in token.ancestors):
                    continue  # "following a protest in X": the earlier event's place
                for obj in syntax.children(token, "pobj"):
                    found = self.place_object(token, obj, self.is_place, False)
                    if found is not None:
                        return found
        return None

    def perpetrator_place(self, perpetrator: TokenSpan | None, doc: Doc) -> TokenSpan | None:
        """ "Yaounde gendarmes arrested X", "officers in Bafoussam shot X": where the
        perpetrators acted, when the sentence says where they are."""
        if perpetrator is None:
            return None
        head = doc[perpetrator[0] : perpetrator[1]].root
        # the phrase itself, not a clause about the perpetrators ("citizens who worked at X")
        clauses = {t.i for c in head.children if c.dep_ in ("relcl", "acl", "advcl") for t in c.subtree}
        # a time phrase of the perpetrators' noun is no place of theirs ("Hours after the X
        # killings, a bodyguard in Y killed": the parser's subject)
        clauses |= {
            t.i
            for c in head.subtree
            if c.dep_ == "prep" and c.lower_ not in self.perpetrator_place_preps
            for t in c.subtree
        }
        # where they are ("a bodyguard in X") before what a name says of them ("X police")
        for token in sorted(head.subtree, key=lambda t: t.dep_ != "pobj"):
            if token.i in clauses:
                continue
            if token.dep_ == "compound" and self.country_in_compound(token):
                continue  # "Kenya Defense Forces personnel": a national body (GUIDELINES D29)
            if token.dep_ == "compound" and token.pos_ == "PROPN" and token.lemma_.lower() in self.facility_words:
                return token.left_edge.i, token.i + 1  # "Kitalya Prison authorities transferred him"
            if (
                token.dep_ == "pobj"
                and token.head.lower_ in self.setting_preps
                and token.pos_ == "PROPN"
                and token.lemma_.lower() in self.place_nouns
                and self.is_place(token, direct=False)
            ):
                return self.place_span(None, token)  # "authorities in X State": a name the tagger took for a building
            if token.dep_ == "pobj" and token.head.lower_ in self.setting_preps and token.pos_ == "NOUN":
                if self.is_place(token, direct=False):
                    return self.place_span(None, token)  # "police in the state of Zulia"
                continue
            if token.dep_ not in ("compound", "pobj", "nmod"):
                continue
            if token.pos_ != "PROPN":
                if token.dep_ == "nmod" and token.is_title and self.gazetteer_name(token):
                    return token.i, token.i + 1  # "Oromia regional forces": the tagger read a verb
                continue
            if token.dep_ == "pobj" and token.head.lower_ not in ("in", "at", "from", "of"):
                continue
            if token.ent_type_ in ("GPE", "LOC"):
                start, end = token.i, token.i + 1
                while (start > 0 and doc[start - 1].ent_iob_ == "I") or (start > 0 and doc[start].ent_iob_ == "I"):
                    start -= 1
                while end < len(doc) and doc[end].ent_iob_ == "I" and doc[end].pos_ == "PROPN":
                    end += 1  # ("gunmen in Srinagar shot and killed": the verb is no part of the name)
                owner = next((t for t in doc[start:end] if t.dep_ == "poss"), None)
                if owner is not None and owner.head.pos_ in ("PROPN", "NOUN") and owner.head.i >= end:
                    return syntax.noun_phrase(owner.head)  # "in Oromia Region's West Wellega Zone"
                return start, end
            # "Yaounde gendarmes", "security forces in Yaounde": a town the tagger missed
            if (
                token.ent_type_ in ("", "ORG", "PERSON" if token.dep_ == "pobj" else "")
                and self.named_place(token, direct=False)
                and (token.dep_ != "compound" or self.known_place(token, LARGE_CITY))
            ):
                return self.name_start(token), token.i + 1
        return None

    def country_in_compound(self, token: Token) -> bool:
        """A name in a compound before a common noun that is a country's ("Kenya Defense Forces
        personnel"), not a name inside a longer name ("Oromia" of "Oromia Region's X Zone").
        Only the whole name counts here, unlike `entities.names_a_country`, which also takes a
        span that ends in a country's name."""
        noun = token
        while noun.dep_ == "compound" and noun.head.i != noun.i:
            noun = noun.head
        if noun.pos_ != "NOUN":
            return False
        return fold(token.doc[self.name_start(token) : token.i + 1].text) in gazetteer().country_names

    def date_span(self, anchor: Token, sent: Span, anchors: set[int], nominal: bool = False) -> tuple[int, int] | None:
        """The date attached to the trigger's clause; else the sentence's single date."""
        dates = [
            ent
            for ent in self.sent_ents(sent)
            if ent.label_ in ("DATE", "TIME")
            and not is_duration(self.date_words(ent))
            and not (
                ent.root.dep_ in ("compound", "amod", "nmod")
                and not find_date_spans(ent.text)
                and not self.stranded_date_prep(ent)
            )
        ]
        dates = [
            ent
            for ent in dates
            if not (
                ent.label_ == "TIME"
                and not any(c.isdigit() for c in ent.text)
                and "morning" not in ent.text.lower()
                and not hours_later(ent.text)
            )
        ]
        # "remanded X until June 17": the end of the period the act lasts is not when it
        # happened; another act's clause ("..., when it released them") may be dated by it.
        dates = [ent for ent in dates if not self.ends_period_of(ent, anchor)]
        dates = [ent for ent in dates if not self.dates_a_thing(ent, anchor)]
        if nominal:
            # "On May 21 the court cancelled the sentence against X": the date of the verb
            # is not the date of the act a noun names; only a date in the noun's own phrase is.
            inside = {t.i for t in anchor.subtree}
            dates = [ent for ent in dates if ent.root.i in inside]
        if not dates:
            return None
        stranded = self.stranded_auxiliary(anchor)
        if stranded is not None:
            own = next((e for e in dates if e.root.head.head.i == stranded.i and e.root.head.dep_ == "prep"), None)
            if own is not None:  # "had on 2 April detained X": the auxiliary's date is the act's
                return own.root.head.i, own.end  # with its preposition
        # "until June 17, when it released them": a clause that relates to a date happened on it;
        # "the 2020 incident where police killed X": one that tells a dated incident, on its date
        relative = first_conjunct(anchor)
        related = next(
            (
                e
                for e in dates
                if relative.dep_ == "relcl"
                and (e.start <= relative.head.i < e.end or self.dates_noun(e, relative.head))
            ),
            None,
        )
        if related is not None:
            return related.start, related.end
        clause = {anchor.i}
        walker = anchor
        while (
            walker.dep_ in ("conj", "xcomp", "pobj", "prep", "acl", "amod", "dobj", "nsubjpass", "nsubj", "compound")
            and walker.head.i != walker.i
        ):
            walker = walker.head
            clause.add(walker.i)
            if walker.pos_ in syntax.VERBAL and walker.dep_ not in ("conj", "xcomp"):
                break
        sharer = self.shared_phrase_verb(anchor)
        if sharer is not None:
            clause.add(sharer.i)  # "beaten up and detained during the May 4 protests": one phrase for both
        # A date on the trigger's own verb comes before one that reaches its clause through the
        # verb it is coordinated with ("arrested X on 3 May and released him in late October").
        best: tuple[tuple[bool, int], Span] | None = None
        # Dates that belong to another trigger's clause, or to a verb governing this one
        # ("On September 9, the newspaper reported that gendarmes detained him on September 4").
        claimed: set[int] = set()
        governing = {a.i for a in anchor.ancestors} - clause
        reported: list[Span] = []  # the date of the report of the act: a last resort
        for ent in dates:
            for distance, ancestor in enumerate(ent.root.ancestors, start=1):
                if ancestor.i in clause:
                    rank = (ancestor.i != anchor.i, distance)
                    if best is None or rank < best[0]:
                        best = (rank, ent)
                    break
                if self.same_moment(ancestor) and ancestor.head.i in clause and not states_only(ancestor):
                    # "arrested X as she left her home on May 4": the clause's moment; not a
                    # state seen at a time ("released A, while B remained in detention at
                    # year's end")
                    continue
                if ancestor.i in anchors and ancestor.i not in clause:
                    claimed.add(ent.start)
                    if ancestor.i == anchor.head.i and anchor.dep_ in ("advcl", "conj", "xcomp"):
                        # "In December, authorities released him after a court acquitted him":
                        # the governing act's date scopes the clause under it, if nothing closer
                        reported.append(ent)
                    break
                if time_frame(ancestor):
                    continue  # "Beginning on November 30, police detained X"
                if ancestor.i not in governing and heads_other_clause(ancestor):
                    # "..., and his next hearing was scheduled for December", "X, who joined
                    # the campaign in May, ...": the date of another clause's verb
                    claimed.add(ent.start)
                    break
                if ancestor.i in governing and ancestor.pos_ in syntax.VERBAL:
                    claimed.add(ent.start)
                    if not (
                        states_only(ancestor)
                        or tells(ancestor)
                        or told_below(anchor, ancestor)
                        or verb_between(anchor, ancestor)
                    ):
                        reported.append(ent)
                    break
        chosen = best[1] if best is not None else None
        if chosen is None:
            free = [ent for ent in dates if ent.start not in claimed]
            preceding = [ent for ent in free if ent.end <= anchor.i]
            if preceding or len(free) == 1:
                chosen = preceding[-1] if preceding else free[0]
        if chosen is None and len(reported) == 1 and len(dates) == 1:
            chosen = reported[0]
        if chosen is None:
            return None
        start = (
            chosen.start - 1
            if chosen.start > 0 and chosen.doc[chosen.start - 1].lower_ in self.date_preps
            else chosen.start
        )
        return start, chosen.end

    @staticmethod
    def dates_noun(ent: Span, noun: Token) -> bool:
        """The date is a modifier of the noun ("the 2020 incident", "a May 5 hearing")."""
        return (
            ent.root.head.i == noun.i and ent.root.dep_ in ("compound", "amod", "nmod", "nummod") and ent.end <= noun.i
        )

    def dates_a_thing(self, ent: Span, anchor: Token) -> bool:
        """ "2010 presidential candidate X", "after announcing his run in the 2020 election": a
        date inside a noun phrase dates what the noun names, a role or another event, not the
        act, unless the noun is the act's own ("the 2019 arrest of X"), the occasion the act's
        verb sets it in ("killed in a 2015 drone strike", "detained during the May protests"),
        or a relative clause of the act tells of it ("the 2020 incident where ..."). A date
        after a preposition of time is the clause's, wherever the parser hung it ("In January
        2018 special forces")."""
        noun = ent.root.head
        if noun.pos_ not in ("NOUN", "PROPN") or noun.i == anchor.i or not self.dates_noun(ent, noun):
            return False
        relative = first_conjunct(anchor)
        if relative.dep_ == "relcl" and relative.head.i == noun.i:
            return False
        if noun.dep_ == "pobj" and noun.head.lower_ in self.occasion_preps:
            host = noun.head.head
            if host in (anchor, relative, self.shared_phrase_verb(anchor)) or host.pos_ not in syntax.VERBAL:
                # "killed in a 2015 drone strike", "detained during the May 2019 protests",
                # "detained: 17 on the 4 October protests alone"; not another verb's occasion
                # ("announced he would run in the 2020 election")
                return False
        if ent.start == ent.sent.start or self.stranded_date_prep(ent):
            return False
        return ent.doc[ent.start - 1].lower_ not in self.date_preps

    def stranded_date_prep(self, ent: Span) -> bool:
        """ "In May authorities charged X": the parser made the month a modifier of the next
        noun and left the preposition before it without an object; the month is the date."""
        if ent.start == 0:
            return False
        before = ent.doc[ent.start - 1]
        return (
            before.lower_ in self.date_preps
            and before.dep_ == "prep"
            and not any(c.dep_ in ("pobj", "pcomp") for c in before.children)
        )

    def ends_period_of(self, ent: Span, anchor: Token) -> bool:
        """The date closes a period ("until June 17") that the trigger's own verb spans."""
        before = ent.doc[ent.start - 1] if ent.start > 0 else None
        return before is not None and before.lower_ in self.end_preps and before.head.i == anchor.i

    def date_words(self, ent: Span) -> str:
        """The date with its preposition: "after four days" is a date, "four days" a duration."""
        before = ent.doc[ent.start - 1].lower_ if ent.start > 0 else ""
        return f"{before} {ent.text}" if before in self.date_preps else ent.text

    def __call__(self, doc: Doc) -> Doc:
        anchors = {trigger["anchor"] for trigger in triggers_of(doc)}
        for trigger in triggers_of(doc):
            rule = self.rules[trigger["rule"]]
            anchor = doc[trigger["anchor"]]
            governor = doc[trigger["governor"]] if trigger["governor"] is not None else None
            head = self.victim_head(rule, anchor, governor)
            if rule.forbid_complement_lemmas and other_sense(anchor, rule.forbid_complement_lemmas):
                trigger["victims"] = []
                continue
            if head is not None and (rule.require_patient_lemmas or rule.forbid_patient_lemmas):
                lemma = head.lemma_.lower()
                if rule.require_patient_lemmas and lemma not in rule.require_patient_lemmas:
                    # "raided activist X's home": the parser made the role noun the object
                    # and hung the required noun below it.
                    below = next((t for t in head.subtree if t.lemma_.lower() in rule.require_patient_lemmas), None)
                    if below is not None and below.pos_ == "NOUN":
                        head, lemma = below, below.lemma_.lower()
                if rule.require_patient_lemmas and lemma not in rule.require_patient_lemmas:
                    trigger["victims"] = []
                    continue
                if lemma in rule.forbid_patient_lemmas:
                    trigger["victims"] = []
                    continue
                if rule.require_patient_lemmas and lemma in self.case_nouns:
                    # "dropped the case against X", with "against" on the noun or on the verb
                    head = self.noun_possessor(rule, head) or head
            seen: set[int] = set()
            fallback = False
            # The rule says whether its noun, definite or plural, still belongs to the clause's
            # person ("always": the ground of the clause's act, "on trumped-up charges") or only
            # when it does not point to an act told elsewhere ("indefinite"); see TriggerRule.
            takes_subject = rule.subject_fallback == "always" or (
                rule.subject_fallback == "indefinite"
                and not self.refers_elsewhere(anchor)
                and not self.names_offence(anchor)
            )
            # a rule that names the noun its act needs ("increased the sentence") never takes
            # the clause's subject for a missing object ("the number of women increased")
            if head is None and takes_subject and not rule.require_patient_lemmas:
                head = self.fallback_head(anchor)
                fallback = head is not None
            victims = self.victims_from(head, seen) if head is not None else []
            if (
                not victims
                and head is not None
                and rule.victim == "object_or_subject"
                and not fallback
                and head.lemma_.lower() in self.property_words
            ):
                # "X awaits trial on charges of ...": the object is a thing, so the subject is meant
                subject = syntax.subject(governor if governor is not None else anchor)
                if subject is not None and subject.i != head.i:
                    head = subject
                    victims = self.victims_from(head, seen)
            if (
                not victims
                and head is not None
                and not fallback
                and rule.subject_fallback
                and head.pos_ == "NOUN"
                and anchor.dep_ in ("acl", "advcl", "xcomp")
                and not (anchor.dep_ == "acl" and head.i == anchor.head.i and head.tag_ == "NNS")
                and self.role_of_subject(head)
            ):
                # ("hundreds of persons convicted": the participle's own noun is the patient,
                # so the subject of the clause above, who granted them amnesty, is not.)
                clause_subject = self.fallback_head(anchor)
                if clause_subject is not None and clause_subject.i != head.i:
                    victims = self.victims_from(clause_subject, seen)
                    fallback = bool(victims)
            if head is not None:
                victims.extend(self.colon_list(head, seen))
            if head is not None and not any(v["kind"] == "name" for v in victims):
                victims.extend(self.named_later(head, seen))
            # "including X" hangs on the anchor or, after a fixed phrase, on its last word
            # ("dozens remain behind bars, including X")
            own_words = [anchor, *(doc[i] for i in trigger["words"] if i != anchor.i)]
            for prep in (p for word in own_words for p in syntax.children(word, "prep")):
                if prep.lower_ in self.inclusion:
                    for obj in syntax.children(prep, "pobj"):
                        victims.extend(self.victims_from(obj, seen))
            if head is not None and not any(v["kind"] == "name" for v in victims):
                victims.extend(self.inclusion_above(anchor, head, seen))
            victims.extend(self.covictims(anchor, seen))
            if head is not None and not fallback:
                victims.extend(self.stranded_conjuncts(anchor, governor, head, seen))
            if rule.person_agent_blocks and self.done_by_a_person(anchor):
                victims = []
            victim_tokens = {i for v in victims for i in range(v["start"], v["end"])} | seen
            trigger["victims"] = victims
            trigger["victim_head"] = head.i if head is not None else None  # for group victims (SPEC 7)
            trigger["fallback"] = fallback
            trigger["perpetrator"] = self.perpetrator(
                rule, anchor, governor, victim_tokens, frozenset(trigger["words"])
            )
            if rule.agent_blocks and self.done_by(trigger["perpetrator"], doc, rule.agent_blocks):
                if rule.agent_action is not None:
                    trigger["action"] = rule.agent_action  # D11: the state's abduction is an arrest
                else:
                    trigger["victims"] = []
                    trigger["victim_head"] = None
            own = frozenset(trigger["words"])
            trigger["destination"] = self.attached_prep(
                anchor, governor, rule.destination_preps, self.is_destination
            ) or self.chained_destination(governor, rule.destination_preps)
            # "was shot on May 1 outside his home and died hours later": a trigger coordinated
            # after its governing verb continues that verb's act, whose clause says when and where
            continues = governor is not None and anchor.dep_ == "conj" and anchor.head.i == governor.i
            scene = governor if governor is not None and continues else anchor
            trigger["place"] = self.place(rule, scene, governor, trigger, own)
            trigger["detail"] = None
            for _prep, obj in syntax.prep_objects(anchor, tuple(rule.detail_preps)):
                trigger["detail"] = syntax.subtree_phrase(obj)
                break
            # a noun ("the sentence against X") or a state ("self-exiled X") names the act;
            # the clause's date belongs to the clause's own verb
            # (a noun the rule finds only under a governing verb, "the body of X was found",
            # is dated by that verb's clause)
            nominal = (
                rule.victim == "possessor" and anchor.pos_ == "NOUN" and trigger["governor"] is None
            ) or not rule.clause_date
            trigger["date"] = self.date_span(scene, scene.sent, anchors, nominal)
            words = set(trigger["words"])
            words |= {
                c.i
                for c in anchor.children
                if c.dep_ in ("auxpass", "aux") and c.i < anchor.i and c.lower_ in self.auxiliaries
            }
            trigger["words"] = sorted(words)
        return doc


def known_name(key: str, min_population: int = 0) -> bool:
    """The folded name is a country's, or a primary city's of at least `min_population`."""
    if not key:
        return False
    gaz = gazetteer()
    return key in gaz.country_names or any(c.primary and c.population >= min_population for c in gaz.cities(key))


def other_sense(verb: Token, lemmas: list[str]) -> bool:
    """The trigger word has a dependent that gives it another sense ("held accountable", "held
    off", "held X captive", "cardiac arrest"); the parser may hang an object's complement on
    the object ("held X responsible": "responsible" an adjective of X)."""
    found = [child for child in verb.children if child.dep_ in SENSE_COMPLEMENT_DEPS]
    found += [
        grandchild
        for child in verb.children
        if child.dep_ in ("dobj", "nsubjpass")
        for grandchild in child.children
        if grandchild.dep_ in ("amod", "acomp") and grandchild.i > child.i
    ]
    # a particle the parser reads as a preposition because a second one follows it
    # ("kicked out of the party", "kicked X out of the flat"): "out" heads "of", not a noun
    found += [
        child for child in verb.children if child.dep_ == "prep" and any(g.dep_ == "prep" for g in child.children)
    ]
    # ("held up to two months": "up" begins a length, which the tagger marks as a date)
    return any(token.lemma_.lower() in lemmas and token.ent_type_ not in LENGTH_LABELS for token in found)


# Entity labels of a length or amount: a word inside one is no particle of the verb's sense.
LENGTH_LABELS = frozenset({"DATE", "TIME", "CARDINAL", "QUANTITY"})
# Dependencies by which a verb heads a clause of its own: a date under such a verb dates that
# clause's act, not a trigger outside it.
OWN_CLAUSE_DEPS = frozenset({"relcl", "acl", "advcl", "ccomp", "csubj", "pcomp", "parataxis"})


def first_conjunct(verb: Token) -> Token:
    """The first verb of a coordination ("shot" of "shot and killed"): it holds the clause's
    relation to what is around it (a relative clause's noun)."""
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    return verb


def states_only(verb: Token) -> bool:
    """A verb of lasting ("a hearing remained pending at year's end"): its date is when the state
    was seen, which dates no act under it. The copula is left out: "It was on 5 May that ..."."""
    lemma = verb.lemma_.lower()
    return lemma != "be" and lemma in date_words().narrative.state_lemmas


def time_frame(verb: Token) -> bool:
    """A participle that only frames a time ("Beginning on November 30, ...", "Starting in
    May, ..."): its date is the time of the clause it modifies, not of a clause of its own."""
    return (
        verb.dep_ == "advcl"
        and verb.tag_ in ("VBG", "VBN")
        and all(c.dep_ in ("prep", "punct", "advmod") for c in verb.children)
        and any(
            c.dep_ == "prep" and any(o.dep_ == "pobj" and o.ent_type_ == "DATE" for o in c.children)
            for c in verb.children
        )
    )


def tells(verb: Token) -> bool:
    """A verb of telling ("X told media on June 15 that guards moved him"): its date is when
    the act was told, which dates no act under it."""
    return verb.lemma_.lower() in date_words().narrative.reporting_lemmas


def told_below(anchor: Token, verb: Token) -> bool:
    """A verb of telling stands between the act and a verb above it ("On May 2 experts released
    a letter alleging that X was tortured"): the upper verb's date is the telling's time."""
    for token in anchor.ancestors:
        if token.i == verb.i:
            return False
        if token.pos_ in syntax.VERBAL and tells(token):
            return True
    return False


def verb_between(anchor: Token, verb: Token) -> bool:
    """Another verb stands between the act and the dated verb above it ("On July 20 the court
    ruled that the agency violated rights in the arrest of X", "On June 4 the judge found cause
    to try X, accused of ordering ..."): the date is the upper verb's, two clauses away from
    the act, and not the act's last-resort date. The verbs the act's own verb is coordinated
    with ("shot and killed") are not other verbs."""
    own = {anchor.i}
    walker = anchor
    while walker.dep_ == "conj" and walker.head.i != walker.i:
        walker = walker.head
        own.add(walker.i)
    for token in anchor.ancestors:
        if token.i == verb.i:
            return False
        if token.pos_ == "VERB" and token.i not in own:
            return True
    return False


def heads_other_clause(token: Token) -> bool:
    """A verb heading a clause of its own: subordinate (relative, participial, adverbial,
    complement) or a coordinated clause with its own subject ("X was charged, and his hearing
    was scheduled for December")."""
    if token.pos_ not in syntax.VERBAL:
        return False
    if token.dep_ in OWN_CLAUSE_DEPS:
        return True
    return token.dep_ == "conj" and any(child.dep_ in syntax.SUBJECTS for child in token.children)


@Language.factory(
    "hrevents_arguments",
    default_config={"lexicon": "lexicon.yaml"},
    assigns=["doc._.hr_triggers"],
    requires=["doc._.hr_triggers", "doc.ents", "doc.sents", "token.lemma", "token.pos", "token.tag", "token.dep"],
)
def make_argument_finder(nlp: Language, name: str, lexicon: str) -> ArgumentFinder:
    """Shares the rules of the pipeline's trigger component (added before this one); a
    pipeline without one has no triggers, so no rules are needed."""
    matcher = next((pipe for _, pipe in nlp.pipeline if isinstance(pipe, TriggerMatcher)), None)
    return ArgumentFinder(matcher.rules if matcher is not None else {}, lexicon)
