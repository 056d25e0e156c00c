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
from hrevents.dates import find_date_spans, is_duration
from hrevents.rules.schema import Lexicon, TriggerRule, load_lexicon

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Labels the small model often gives to people's names; the others never name a person.
NAME_LIKE_LABELS = frozenset({"ORG", "GPE", "LOC", "NORP"})
MAX_VICTIM_DEPTH = 6


class ArgumentFinder:
    """Reads the trigger rules the trigger component loaded (one rule set for the
    pipeline), so a trigger and its arguments always come from the same records."""

    def __init__(self, rules: Mapping[str, TriggerRule], lexicon: str) -> None:
        ensure_extensions()
        self.rules = rules
        self.lex: Lexicon = load_lexicon(lexicon)
        self.titles = frozenset(self.lex.titles)
        self.org_words = frozenset(self.lex.organisation_words)
        self.property_words = frozenset(self.lex.property_words)
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
        self.case_nouns = frozenset(self.lex.case_nouns)
        self.place_nouns = frozenset(self.lex.place_nouns)
        self.place_preps = frozenset(self.lex.place_prepositions)
        self.same_place_marks = frozenset(self.lex.clause_marks_same_place)
        self.covictim_heads = frozenset(phrase.split()[-1] for phrase in self.lex.covictim_words)

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
            for ent in doc.ents:
                if ent.start <= token.i < ent.end:
                    return ent
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
            and doc[start - 1].dep_ == "compound"
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
        if len(words) < 2:
            return None
        name = doc[words[0].i : words[-1].i + 1]
        return None if names_a_country(name) else name  # "Northern Ghana", "Digicel Ghana"

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
            owner = syntax.possessor(head, ("of",))
            if owner is not None:
                found.extend(self.victims_from(owner, seen, depth + 1))
        for child in head.children:
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
                found.extend(self.victims_from(child, seen, depth + 1))
            elif (child.dep_ == "prep" and child.lower_ in self.inclusion) or (
                child.dep_ == "prep" and child.lower_ == "as" and head.lower_ == "such"
            ):
                for obj in syntax.children(child, "pobj"):
                    found.extend(self.victims_from(obj, seen, depth + 1))
            elif child.dep_ == "acl" and child.lower_ in self.inclusion:
                for obj in syntax.children(child, "dobj", "pobj"):
                    found.extend(self.victims_from(obj, seen, depth + 1))
        if name is None and head.dep_ == "compound" and head.head.pos_ == "PROPN":
            found.extend(self.victims_from(head.head, seen, depth + 1))
        if name is None and head.dep_ == "appos" and depth == 0:
            # "Massok, a political activist arrested in Douala, and X, a singer arrested ...":
            # the participle describes the one name its noun stands beside, not its coordinates.
            found.extend(self.victims_from(head.head, seen, depth + 1, coordinated=False))
        if name is None and not found and depth == 0:
            found.extend(self.names_in_phrase(head, seen))
        return found

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

    def victim_head(self, rule: TriggerRule, anchor: Token, governor: Token | None) -> Token | None:
        verb = governor if governor is not None else anchor
        if rule.victim == "patient":
            head = syntax.patient(verb)
            if head is None and rule.ccomp_subject:
                for clause in syntax.children(verb, "ccomp"):
                    head = syntax.subject(clause)
            if head is None and anchor.pos_ == "NOUN":
                head = syntax.possessor(anchor)
            return head
        if rule.victim == "subject":
            if anchor.pos_ in ("NOUN", "PROPN") and anchor.dep_ in ("attr", "appos", "pobj", "dobj"):
                verb = syntax.governing_verb(anchor) or anchor
            return syntax.subject(verb)
        if rule.victim == "possessor":
            return syntax.possessor(anchor)
        if rule.victim == "recipient":
            return syntax.recipient(verb)
        return syntax.patient(verb) or syntax.subject(verb)

    def done_by_a_person(self, anchor: Token) -> bool:
        """The active verb's subject is an individual: a named person or "he"/"she"."""
        if anchor.pos_ not in syntax.VERBAL or syntax.is_passive(anchor):
            return False
        doer = syntax.subject(anchor)
        return doer is not None and (
            doer.ent_type_ == "PERSON" or (doer.pos_ == "PRON" and doer.lower_ in self.pronouns - self.plural_pronouns)
        )

    def fallback_head(self, anchor: Token) -> Token | None:
        """A trigger in a non-finite clause or a bare noun takes the clause's subject
        ("upon release", "as a suspect facing charges")."""
        if anchor.dep_ in ("pobj", "advcl", "acl", "xcomp", "prep", "dobj") or anchor.pos_ == "NOUN":
            verb = syntax.governing_verb(anchor)
            if verb is not None:
                return syntax.subject(verb)
        return None

    # ------------------------------------------------------------------ other arguments
    def perpetrator(
        self, rule: TriggerRule, anchor: Token, governor: Token | None, victim_tokens: set[int]
    ) -> tuple[int, int] | None:
        verb = governor if governor is not None else anchor
        doer = syntax.agent(anchor) or (syntax.agent(verb) if governor is not None else None)
        if (
            doer is None
            and rule.victim in ("patient", "possessor", "object_or_subject")
            and anchor.pos_ in syntax.VERBAL
            and not syntax.is_passive(verb)
        ):
            doer = syntax.subject(verb)
        if doer is not None and doer.lower_ in self.institution_pronouns and doer.pos_ == "PRON":
            doer = self.authority_antecedent(doer)
        if doer is None or doer.i in victim_tokens or (doer.pos_ == "PRON" and doer.lower_ in self.non_agents):
            return None
        if doer.ent_type_ == "PERSON" and rule.victim == "object_or_subject":
            return None
        return syntax.noun_phrase(doer)

    def authority_antecedent(self, pronoun: Token) -> Token | None:
        """ "Authorities detained him ...; they released him": the nearest earlier
        authority noun in this or the previous sentence."""
        doc = pronoun.doc
        sent = pronoun.sent
        start = doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
        for token in reversed(doc[start : pronoun.i]):
            if (
                token.pos_ in ("NOUN", "PROPN")
                and token.lemma_.lower() in self.authority_words
                and token.dep_ in ("nsubj", "nsubjpass", "pobj", "dobj")
            ):
                return token
        return None

    def is_place(self, token: Token) -> bool:
        if token.ent_type_ in ("DATE", "TIME", "PERSON", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"):
            return False
        if token.ent_type_ in PLACE_LABELS:
            return True
        if token.lemma_.lower() in self.place_nouns and (
            token.pos_ == "PROPN" or any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in token.children)
        ):
            return True  # "in Kasubi Town", "in Krobei Riel commune", "Siem Reap Province" (tagged ORG)
        if token.lemma_.lower() in self.facility_words or token.lower_ in self.facility_words:
            return True
        return (
            any(t.lower_ in self.facility_words for t in token.subtree)
            and token.pos_ in ("PROPN", "NOUN")
            and token.ent_type_ in ("ORG", "FAC", "")
        )

    def attached_prep(
        self, anchor: Token, governor: Token | None, preps: list[str], test, own: frozenset[int] = frozenset()
    ) -> tuple[int, int] | None:
        """A place-like object of one of `preps` on the trigger, outside its own words."""
        for host in (anchor, governor):
            if host is None or not preps:
                continue
            for _prep, obj in syntax.prep_objects(host, tuple(preps)):
                if obj.i not in own and test(obj):
                    return syntax.noun_phrase(obj)
        if anchor.pos_ not in syntax.VERBAL or not preps:
            return None
        # The parser often hangs "in <place>" on the object or an adverbial ("arrested six
        # members without warrant in the Welega Zone"): search the verb phrase, outside
        # embedded clauses.
        stop = {"relcl", "acl", "advcl", "ccomp", "xcomp", "conj", "nsubj", "nsubjpass"}
        stack = [c for c in anchor.children if c.dep_ not in stop]
        # "beaten while reporting in X": a clause of the same moment happens in the same place.
        stack += [
            c
            for c in anchor.children
            if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in self.same_place_marks for m in c.children)
        ]
        while stack:
            token = stack.pop(0)
            if token.dep_ == "prep" and token.lower_ in preps:
                for obj in syntax.children(token, "pobj"):
                    if obj.i not in own and test(obj):
                        return syntax.noun_phrase(obj)
            stack.extend(c for c in token.children if c.dep_ not in stop)
        return None

    def perpetrator_place(self, perpetrator: TokenSpan | None, doc: Doc) -> TokenSpan | None:
        """ "Yaounde gendarmes arrested X", "officers in Bafoussam shot X": where the
        perpetrators acted, when the sentence says where they are."""
        if perpetrator is None:
            return None
        head = doc[perpetrator[0] : perpetrator[1]].root
        for token in head.subtree:
            if token.dep_ == "compound" and token.pos_ == "PROPN" and token.lemma_.lower() in self.facility_words:
                return token.left_edge.i, token.i + 1  # "Kitalya Prison authorities transferred him"
            if (
                token.ent_type_ in ("GPE", "LOC")
                and token.dep_ in ("compound", "pobj", "nmod")
                and token.pos_ == "PROPN"
            ):
                if token.dep_ == "pobj" and token.head.lower_ not in ("in", "at", "from", "of"):
                    continue
                start, end = token.i, token.i + 1
                while (start > 0 and doc[start - 1].ent_iob_ == "I") or (start > 0 and doc[start].ent_iob_ == "I"):
                    start -= 1
                while end < len(doc) and doc[end].ent_iob_ == "I":
                    end += 1
                return start, end
        return None

    def date_span(self, anchor: Token, sent: Span, anchors: set[int], nominal: bool = False) -> tuple[int, int] | None:
        """The date attached to the trigger's clause; else the sentence's single date."""
        dates = [
            ent
            for ent in sent.ents
            if ent.label_ in ("DATE", "TIME")
            and not is_duration(self.date_words(ent))
            and not (ent.root.dep_ in ("compound", "amod", "nmod") and not find_date_spans(ent.text))
        ]
        dates = [
            ent
            for ent in dates
            if not (
                ent.label_ == "TIME" and not any(c.isdigit() for c in ent.text) and "morning" not in ent.text.lower()
            )
        ]
        # "remanded X until June 17": the end of the period the act lasts is not when it
        # happened; another act's clause ("..., when it released them") may be dated by it.
        dates = [ent for ent in dates if not self.ends_period_of(ent, anchor)]
        if nominal:
            # "On May 21 the court cancelled the sentence against X": the date of the verb
            # is not the date of the act a noun names; only a date in the noun's own phrase is.
            inside = {t.i for t in anchor.subtree}
            dates = [ent for ent in dates if ent.root.i in inside]
        if not dates:
            return None
        # "until June 17, when it released them": a clause that relates to a date happened on it
        related = next((e for e in dates if anchor.dep_ == "relcl" and e.start <= anchor.head.i < e.end), None)
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
        best: tuple[int, Span] | None = None
        # Dates that belong to another trigger's clause, or to a verb governing this one
        # ("On September 9, the newspaper reported that gendarmes detained him on September 4").
        claimed: set[int] = set()
        governing = {a.i for a in anchor.ancestors} - clause
        reported: list[Span] = []  # the date of the report of the act: a last resort
        for ent in dates:
            for distance, ancestor in enumerate(ent.root.ancestors, start=1):
                if ancestor.i in clause:
                    if best is None or distance < best[0]:
                        best = (distance, ent)
                    break
                if ancestor.i in anchors and ancestor.i not in clause:
                    claimed.add(ent.start)
                    break
                if ancestor.i in governing and ancestor.pos_ in syntax.VERBAL:
                    claimed.add(ent.start)
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
            if head is not None and (rule.require_patient_lemmas or rule.forbid_patient_lemmas):
                lemma = head.lemma_.lower()
                if rule.require_patient_lemmas and lemma not in rule.require_patient_lemmas:
                    trigger["victims"] = []
                    continue
                if lemma in rule.forbid_patient_lemmas:
                    trigger["victims"] = []
                    continue
                if rule.require_patient_lemmas and lemma in self.case_nouns:
                    # "dropped the case against X", with "against" on the noun or on the verb
                    head = syntax.possessor(head) or syntax.possessor(anchor, ("against",)) or head
            seen: set[int] = set()
            fallback = False
            if head is None:
                head = self.fallback_head(anchor)
                fallback = head is not None
            victims = self.victims_from(head, seen) if head is not None else []
            if (
                not victims
                and head is not None
                and not fallback
                and head.pos_ == "NOUN"
                and anchor.dep_ in ("acl", "advcl", "xcomp")
                and not (anchor.dep_ == "acl" and head.i == anchor.head.i and head.tag_ == "NNS")
            ):
                # ("hundreds of persons convicted": the participle's own noun is the patient,
                # so the subject of the clause above, who granted them amnesty, is not.)
                clause_subject = self.fallback_head(anchor)
                if clause_subject is not None and clause_subject.i != head.i:
                    victims = self.victims_from(clause_subject, seen)
                    fallback = bool(victims)
            if head is not None:
                victims.extend(self.colon_list(head, seen))
            for prep in syntax.children(anchor, "prep"):
                if prep.lower_ in self.inclusion:
                    for obj in syntax.children(prep, "pobj"):
                        victims.extend(self.victims_from(obj, seen))
            victims.extend(self.covictims(anchor, seen))
            if rule.person_agent_blocks and self.done_by_a_person(anchor):
                victims = []
            victim_tokens = {i for v in victims for i in range(v["start"], v["end"])} | seen
            trigger["victims"] = victims
            trigger["victim_head"] = head.i if head is not None else None  # for group victims (SPEC 7)
            trigger["fallback"] = fallback
            trigger["perpetrator"] = self.perpetrator(rule, anchor, governor, victim_tokens)
            own = frozenset(trigger["words"])
            trigger["place"] = self.attached_prep(anchor, governor, rule.place_preps, self.is_place, own)
            if trigger["place"] is None and rule.place_preps:
                trigger["place"] = self.perpetrator_place(trigger["perpetrator"], doc)
            trigger["destination"] = self.attached_prep(
                anchor,
                governor,
                rule.destination_preps,
                lambda t: t.ent_type_ in PLACE_LABELS or t.lemma_.lower() in ("border", "country", "abroad"),
            )
            trigger["detail"] = None
            for _prep, obj in syntax.prep_objects(anchor, tuple(rule.detail_preps)):
                trigger["detail"] = syntax.subtree_phrase(obj)
                break
            # a noun ("the sentence against X") or a state ("self-exiled X") names the act;
            # the clause's date belongs to the clause's own verb
            nominal = (rule.victim == "possessor" and anchor.pos_ == "NOUN") or not rule.clause_date
            trigger["date"] = self.date_span(anchor, anchor.sent, anchors, nominal)
            words = set(trigger["words"])
            words |= {
                c.i
                for c in anchor.children
                if c.dep_ in ("auxpass", "aux") and c.i < anchor.i and c.lower_ in self.auxiliaries
            }
            trigger["words"] = sorted(words)
        return doc


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
