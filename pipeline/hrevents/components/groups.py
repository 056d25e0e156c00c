"""Group victims (SPEC section 7): acts done to people a report counts but does not name.

"Police arrested 24 students", "more than 100 protesters were detained", "dozens of
journalists", "a shopkeeper": the victim slot the argument component found holds a group
noun phrase instead of a name. This component reads that phrase, as written, and its count
normalised to an integer (exact; the number for "at least / more than / over N"; none for
"dozens", "several"; 1 for one unnamed person), and leaves plain dicts on the trigger under
`groups`, beside the named `people`. All words come from the `groups` section of the
lexicon; nothing here is an English word list.

No one is counted twice: a group whose members the same phrase names ("six members: A, B,
C, D, E, F") gives no group, and a coordinated group beside a name ("A and 20 others") is a
group of its own. Groups that later sentences detail with names are settled when events are
assembled (`settle`), because that needs the whole report.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any, Protocol, TypeVar

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from hrevents.components.contract import GroupVictim, Trigger, ensure_extensions, triggers_of
from hrevents.dates import is_duration
from hrevents.rules.schema import GroupLexicon, load_lexicon

YEAR = re.compile(r"\b(?:19|20)\d\d\b")
DIGITS = re.compile(r"^\d{1,3}(,\d{3})+$|^\d+$")
# Children of a group head that belong to the phrase as written ("more than 100 OFDM members").
PHRASE_DEPS = frozenset({"det", "predet", "nummod", "quantmod", "amod", "compound", "poss", "nmod", "advmod", "case"})
DEFINITE = frozenset({"the", "these", "those", "their", "its", "his", "her"})
PLURAL_PRONOUNS = frozenset({"they", "them", "their"})
# Slots a noun fills: a word there that the tagger read as a verb is still the noun.
NOMINAL_DEPS = frozenset({"pobj", "dobj", "nsubj", "nsubjpass", "conj", "appos", "attr"})
# Slots where a number alone stands for people ("seven were released", "killed 12").
NUMBER_SLOTS = frozenset({"nsubj", "nsubjpass", "dobj"})
# Entity types of numbers that count no people ("killed in 2019", "fined 500 dollars").
NOT_PEOPLE_NUMBERS = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"})


def _dated_occasion(ent: Span) -> bool:
    """A date that modifies the noun of a prepositional phrase ("in the wake of the February
    unrest", "during the May 4 protests"): the sentence is tied to a dated occasion, though
    the date is the occasion's and not the act's (arguments.py does not give it to the act)."""
    noun = ent.root.head
    return (
        ent.label_ == "DATE"
        and ent.root.dep_ in ("compound", "amod", "nmod", "nummod")
        and noun.pos_ == "NOUN"
        and noun.dep_ == "pobj"
        and ent.end <= noun.i
        and not is_duration(ent.text)
    )


def _first_conjunct(token: Token) -> Token:
    """The first of coordinated verbs ("arrested or charged") or nouns ("politicians,
    journalists and activists"): the one the parser attaches."""
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return token


def _number_word(word: str, lex: GroupLexicon) -> bool:
    return bool(DIGITS.match(word)) or word in lex.units or word in lex.multipliers


def number_runs(words: list[str], lex: GroupLexicon) -> list[tuple[int, int]]:
    """(start, end) of each run of number words; a hyphen joins "twenty-four" but
    separates a range ("30-200")."""
    runs: list[tuple[int, int]] = []
    i = 0
    while i < len(words):
        if not _number_word(words[i], lex):
            i += 1
            continue
        j = i + 1
        while j < len(words):
            if _number_word(words[j], lex):
                j += 1
            elif (
                words[j] == "-"
                and j + 1 < len(words)
                and lex.units.get(words[j - 1], 0) >= 20
                and 0 < lex.units.get(words[j + 1], 0) < 10
            ):
                j += 2
            else:
                break
        runs.append((i, j))
        i = j
    return runs


def parse_number(words: list[str], lex: GroupLexicon) -> int | None:
    """The integer one run of number words or digits writes ("1,671", "twenty-four",
    "five thousand", "a dozen"); None when the words hold no number."""
    total = current = 0
    seen = False
    for word in words:
        if word == "-":
            continue  # "twenty-four"
        if DIGITS.match(word):
            current += int(word.replace(",", ""))
        elif word in lex.units:
            current += lex.units[word]
        elif word in lex.multipliers:
            factor = lex.multipliers[word]
            if factor >= 1000:
                total += (current or 1) * factor
                current = 0
            else:
                current = (current or 1) * factor
        else:
            continue
        seen = True
    return total + current if seen else None


def count_words(words: list[str], lex: GroupLexicon) -> int | None:
    """SPEC 7's count for the words before a group head: the number given, whether exact,
    a bound ("at least 12") or an approximation ("some 200"); the lower bound of a range
    ("three to four thousand" is 3000); None for a vague quantity ("dozens", "several
    hundred")."""
    runs = number_runs(words, lex)
    if not runs:
        return None
    start, end = runs[0]
    if words[start] in lex.multipliers and (start == 0 or words[start - 1] not in ("a", "an", "one")):
        return None  # "several hundred", "many thousand"
    value = parse_number(words[start:end], lex)
    if value is None:
        return None
    if len(runs) > 1 and runs[1][0] == end + 1 and words[end] in lex.range_words:
        upper = [lex.multipliers[w] for w in words[runs[1][0] : runs[1][1]] if w in lex.multipliers]
        mine = [lex.multipliers[w] for w in words[start:end] if w in lex.multipliers]
        if upper and max(upper) > max(mine, default=1):
            value *= max(upper)
    return value


class GroupFinder:
    """Finds group victims in the victim slots the argument component recorded."""

    def __init__(self, lexicon: str) -> None:
        ensure_extensions()
        self.lex: GroupLexicon = load_lexicon(lexicon).groups
        self.heads = frozenset(self.lex.heads)
        self.singles = frozenset(self.lex.single_person_nouns)
        self.quantities = frozenset(self.lex.quantity_nouns)
        self.partitives = frozenset(self.lex.partitive_words)
        self.generic = frozenset(self.lex.generic_cues)
        self.irrealis = frozenset(self.lex.irrealis_governors)
        self.negated_nouns = frozenset(self.lex.negated_nouns)
        self.anaphoric = frozenset(self.lex.anaphoric_heads)
        self.periods = frozenset(self.lex.period_words)
        self.case_nouns = frozenset(self.lex.case_nouns)

    # ------------------------------------------------------------------ phrases
    def words(self, tokens: Iterable[Token]) -> list[str]:
        return [t.lower_ for t in tokens if not (t.is_punct and t.text != "-")]

    def left_edge(self, head: Token) -> int:
        """Where the phrase a head noun ends starts; a noun before its number belongs to
        something else ("detained without charge 11 members")."""
        number = min((c.i for c in head.lefts if c.dep_ == "nummod"), default=-1)
        left = [
            c for c in head.lefts if c.dep_ in PHRASE_DEPS and not (c.dep_ in ("nmod", "compound") and c.i < number)
        ]
        return min((c.left_edge.i for c in left), default=head.i)

    def right_edge(self, head: Token) -> int:
        """The head and an "of" phrase after it ("members of the opposition")."""
        end = head.i
        for child in head.rights:
            if child.dep_ == "prep" and child.lower_ in ("of", "for"):
                end = max(end, child.right_edge.i)
        return end

    def of_object(self, token: Token) -> Token | None:
        """The group in "<quantity> of <group>" ("dozens of journalists", "six of the men")."""
        of = [c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"]
        inner = next((o for c in of for o in c.children if o.dep_ == "pobj"), None)
        if inner is None or not self.is_head(inner):
            return None
        return inner

    def is_head(self, token: Token) -> bool:
        """A noun for people: a group head, or a nationality ("14 Sudanese")."""
        if token.lemma_.lower() in self.heads or token.lower_ in self.heads:
            return True
        return token.ent_type_ == "NORP" and token.pos_ in ("PROPN", "NOUN", "ADJ")

    def phrase(self, token: Token) -> GroupVictim | None:
        """The group a victim-slot token heads, with its count, or None."""
        doc = token.doc
        head = token
        quantity: Token | None = None
        lower = token.lower_
        if lower == "those":
            return self.those_phrase(token)
        if (token.lemma_.lower() in self.quantities and token.pos_ in ("NOUN", "NUM")) or (
            (token.pos_ == "NUM" or lower in self.partitives) and token.dep_ != "nummod"
        ):
            inner = self.of_object(token)
            if inner is None:
                return self.number_phrase(token)
            head, quantity = inner, token
        lemma = head.lemma_.lower()
        # "the release of 1,600 inmates", with "inmates" tagged as a verb: a head noun in a noun's slot
        mistagged = head.pos_ == "VERB" and head.dep_ in NOMINAL_DEPS and self.is_head(head)
        if head.ent_type_ in ("PERSON", "ORG", "GPE") or not (
            head.pos_ in ("NOUN", "PROPN") or head.ent_type_ == "NORP" or mistagged
        ):
            return None
        start = self.left_edge(quantity if quantity is not None else head)
        if any(t.tag_ in ("WRB", "WDT") for t in doc[start : head.i]):
            return None  # "how many detainees died": a question, not a group
        if any(c.dep_ == "det" and c.lower_ in self.lex.negative_determiners for c in head.children):
            return None  # "no journalists were detained": the act is denied (SPEC 1)
        of = head.head if head.dep_ == "pobj" else None
        if of is not None and of.lower_ == "of" and of.head.lemma_.lower() in self.lex.statistic_nouns:
            return None  # "60 percent of the 12,000 inmates": a statistic, not an act
        if start > 0 and doc[start - 1].lower_ == "between":
            start -= 1  # "between 10,000 and 20,000 Ethiopians": the range as written
        end = self.right_edge(head) + 1
        before = self.words(doc[self.left_edge(head) : head.i])
        # "accused persons", "detained journalists": a participle alone leaves a plural bare
        described = [
            t for t in doc[self.left_edge(head) : head.i] if not (t.dep_ == "amod" and t.tag_ in ("VBN", "VBD"))
        ]
        nationality = head.ent_type_ == "NORP"
        plural = (
            head.tag_ in ("NNS", "NNPS")
            or lemma in ("people", "staff")
            or nationality
            or (mistagged and head.tag_ == "VBZ")
        )
        determiners = {c.lower_ for c in head.children if c.dep_ in ("det", "predet", "poss")}
        possessed = any(
            c.dep_ == "poss" and (c.pos_ in ("NOUN", "PROPN") or c.lower_ in self.lex.single_possessives)
            for c in head.children
        )
        restricted = any(c.dep_ == "prep" and c.lower_ in ("of", "for") for c in head.children)
        if quantity is not None:
            own = count_words(self.words(doc[start : quantity.i + 1]), self.lex)
            within = count_words(before, self.lex)
            count = own if own is not None else within
            if quantity.lower_ in self.partitives:
                count = None
        elif plural and self.is_head(head):
            count = count_words(before, self.lex)
            aside = self.parenthesised_count(head) if count is None else None
            if aside is not None:
                count, end = aside
            cases = self.cases_of(head) if count is None and not determiners else None
            if cases is not None:
                count, start = cases  # "80 cases of individuals killed by police"
            if nationality and count is None and not determiners:
                return None  # "Sudanese authorities", not a group of people
        elif (
            not plural
            and lemma in self.singles
            and (
                determiners & set(self.lex.single_determiners)
                or possessed
                or ("the" in determiners and restricted)
                or count_words(before, self.lex) == 1
            )
        ):
            count = 1
        elif (
            not plural
            and determiners == {"the"}
            and not restricted
            and (lemma in self.anaphoric or lemma in self.singles)
        ):
            count = None  # "the individual was released": one person told of before (`settle`)
        else:
            return None
        if count is None and not plural and quantity is None:
            kind = "anaphoric-sg"
        elif count is not None:
            kind = "counted"
        elif quantity is None and determiners & DEFINITE:
            kind = "anaphoric" if lemma in self.anaphoric else "definite"
        else:
            kind = "vague"
        return {
            "start": start,
            "end": end,
            "group": doc[start:end].text,
            "count": count,
            "head": lemma,
            "kind": kind,
            "bare": quantity is None and count is None and not determiners and not self.words(described),
            "how": "group",
        }

    def parenthesised_count(self, head: Token) -> tuple[int, int] | None:
        """The count a plural gives in brackets after it ("detained protesters (at least 30)",
        "students (about 40) were expelled"), and where the phrase then ends."""
        doc = head.doc
        for child in head.rights:
            if child.dep_ != "appos" or child.pos_ != "NUM" or child.ent_type_ in NOT_PEOPLE_NUMBERS:
                continue
            left, right = child.left_edge.i, child.right_edge.i
            if left == 0 or doc[left - 1].text != "(" or right + 1 >= len(doc) or doc[right + 1].text != ")":
                continue
            count = count_words(self.words(doc[left : right + 1]), self.lex)
            if count is not None:
                return count, right + 2
        return None

    def number_phrase(self, token: Token) -> GroupVictim | None:
        """A number that stands for people in a victim slot: alone ("seven were released",
        "soldiers killed 12", "dozens were detained") or of a group told before ("five of
        them", "seven of the 18"). The number is the count ("dozens" gives none); a number
        of things ("two of the cases") is no group."""
        vague = token.tag_ == "NNS" and token.lemma_.lower() in self.lex.vague_quantity_nouns
        if token.pos_ != "NUM" and not vague and token.lower_ in self.partitives:
            return self.partitive_phrase(token)
        if not (token.pos_ == "NUM" or vague) or token.dep_ not in NUMBER_SLOTS:
            return None
        if token.ent_type_ in NOT_PEOPLE_NUMBERS:
            return None
        doc = token.doc
        of = [c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"]
        inner = [o for c in of for o in c.children if o.dep_ == "pobj"]
        if of and not (len(inner) == 1 and (inner[0].lower_ in PLURAL_PRONOUNS | {"those"} or inner[0].pos_ == "NUM")):
            return None
        if any(
            c.dep_ in ("amod", "compound", "nmod", "poss") and c.lower_ not in self.lex.additive_words
            for c in token.children
        ):
            return None  # "the last 12", "our two": a phrase of its own, not a bare count ("two more" is one)
        if any(c.dep_ == "det" for c in token.children):
            return None  # "the four had been detained": people told of before, whom `people` names
        if any(c.dep_ == "prep" and c.lower_ in self.lex.share_prepositions for c in token.children):
            return None  # "six out of the seven members": a share of a group, not one act's count
        start = self.left_edge(token)
        count = count_words(self.words(doc[start : token.i + 1]), self.lex)
        if count is None and not vague:
            return None
        more = [c.i for c in token.children if c.lower_ in self.lex.additive_words]
        if more and count is None:
            return None  # "injured hundreds more": no count of its own to add
        end = max([token.i, *more] + [c.right_edge.i for c in of]) + 1
        return {
            "start": start,
            "end": end,
            "group": doc[start:end].text,
            "count": count,
            "head": "",
            "kind": "counted" if count is not None else "vague",
            "bare": False,
            "how": "group",
        }

    def described_those(self, token: Token) -> Token | None:
        """The clause that makes "those" a group of people ("those who were deemed unfit",
        "those arrested during the unrest"), or None."""
        if token.lower_ != "those":
            return None
        return next((c for c in token.children if c.dep_ in ("relcl", "acl") and c.pos_ == "VERB"), None)

    def those_phrase(self, token: Token) -> GroupVictim | None:
        """People a relative clause or participle describes, with "those" as their head
        ("those who were deemed unfit for military training were released"): an uncounted
        group; `describes` still drops an act told only by that participle."""
        clause = self.described_those(token)
        if clause is None or token.dep_ not in NUMBER_SLOTS:
            return None
        end = clause.right_edge.i + 1
        return {
            "start": token.i,
            "end": end,
            "group": token.doc[token.i : end].text,
            "count": None,
            "head": "those",
            "kind": "vague",
            "bare": False,
            "how": "group",
        }

    def partitive_phrase(self, token: Token) -> GroupVictim | None:
        """A part of a group told before, standing alone in a victim slot ("most were
        released", "many of whom remained in prison", "some of them"): `settle` finds the
        group it is part of; the part has no count of its own (GUIDELINES 8.3)."""
        if token.dep_ not in NUMBER_SLOTS or any(c.dep_ in ("det", "poss", "amod", "nummod") for c in token.children):
            return None  # "the rest", "the majority": the people component reads these
        of = [c for c in token.children if c.dep_ == "prep"]
        inner = [o for c in of for o in c.children if o.dep_ == "pobj"]
        if of and not (
            [c.lower_ for c in of] == ["of"]
            and len(inner) == 1
            and (inner[0].lower_ in PLURAL_PRONOUNS | {"those", "whom"})
        ):
            return None  # "most of the cases", "some in prison": not a part of people told before
        if inner and self.described_those(inner[0]) is not None:
            return None  # "many of those executed during the year": a share of people told elsewhere
        end = max([token.i] + [c.right_edge.i for c in of]) + 1
        return {
            "start": token.i,
            "end": end,
            "group": token.doc[token.i : end].text,
            "count": None,
            "head": "",
            "kind": "partitive",
            "bare": False,
            "how": "group",
        }

    def pronouns(self, trigger: Trigger, doc: Doc) -> list[GroupVictim]:
        """Victim pronouns the people component left unresolved ("they remained in
        detention" after "approximately nine journalists"): `settle` looks for their group."""
        if trigger.get("people"):
            return []
        found: list[GroupVictim] = []
        for victim in trigger.get("victims", []):
            word = doc[victim["start"]].lower_
            earlier = self.object_before(doc[victim["start"]]) if word in PLURAL_PRONOUNS else None
            if earlier is not None:
                return [earlier]
            if victim["kind"] == "pronoun" or (victim["kind"] == "group" and word in ("both", "two")):
                number = "pronoun-pl" if word in PLURAL_PRONOUNS or victim["kind"] == "group" else "pronoun-sg"
                found.append(
                    {
                        "start": victim["start"],
                        "end": victim["end"],
                        "group": doc[victim["start"] : victim["end"]].text,
                        "count": None,
                        "head": "",
                        "kind": number,
                        "how": "group",
                    }
                )
        return found[:1]

    def object_before(self, pronoun: Token) -> GroupVictim | None:
        """The group a plural pronoun object points to in its own sentence: the object of the
        verb it is coordinated with ("took 3,000 residents from their homes and detained them"),
        which need not be an act itself."""
        verb = pronoun.head
        if pronoun.dep_ != "dobj" or verb.dep_ != "conj" or verb.head.pos_ != "VERB":
            return None
        obj = next((c for c in verb.head.children if c.dep_ == "dobj"), None)
        found = self.phrase(obj) if obj is not None else None
        if found is None or found["kind"] not in ("counted", "vague"):
            return None
        return {**found, "group": f"{found['group']} ({pronoun.text})"}

    # ------------------------------------------------------------------ triggers
    def candidates(self, trigger: Trigger, doc: Doc) -> list[Token]:
        """The slot's head and what is coordinated with it or with a name in it ("A and 20
        others", "the journalist A and his wife"); with no
        slot, a range the parser hung on the verb ("detained between 10 and 18 thousand youths")."""
        index = trigger.get("victim_head")
        if index is not None:
            found = [doc[index], *doc[index].conjuncts]
            found += self.companions(doc[trigger["anchor"]], doc[index])
            found += self.light_verb_targets(doc[trigger["anchor"]], doc[index])
            if doc[index].dep_ == "dobj":
                # "held incommunicado at least one member": a word the parser took for a second object
                found += [c for c in doc[index].head.children if c.dep_ == "dobj" and c.i > index]
            # "the journalist A and his wife": the parser coordinates the group with the name
            roots = [doc[v["start"] : v["end"]].root for v in trigger.get("victims", []) if v["kind"] == "name"]
            seen = {t.i for t in found}
            found += [c for root in roots for c in root.conjuncts if c.i not in seen and c.ent_type_ != "PERSON"]
            # "arrested A and a dozen others", where the parser coordinates the group with the verb
            anchor = doc[trigger["anchor"]]
            end = doc[index].right_edge.i
            stray = [
                c
                for c in anchor.children
                if c.dep_ == "conj"
                and c.pos_ == "NOUN"
                and c.left_edge.i == end + 2
                and doc[end + 1].dep_ == "cc"  # "A and a dozen others", not "A, but defenders said"
            ]
            return found + [c for c in stray if c.i not in {t.i for t in found}]
        anchor = doc[trigger["anchor"]]
        sufferers = self.victims_of(anchor)
        if sufferers:
            return sufferers
        shared = self.shared_object(anchor)
        if shared is not None:
            return [shared, *shared.conjuncts]
        ranges = [o for c in anchor.children if c.dep_ == "prep" and c.lower_ == "between" for o in c.children]
        return ranges or self.shifted_objects(anchor) or self.shared_of(anchor)

    def victims_of(self, anchor: Token) -> list[Token]:
        """The people a copula calls victims of an act noun ("16 persons were victims of
        enforced disappearances", "dozens of students became victims of torture")."""
        of = anchor.head
        if anchor.dep_ != "pobj" or of.lower_ != "of" or of.head.lemma_.lower() not in self.lex.victim_nouns:
            return []
        holder = of.head
        if holder.dep_ != "attr":
            return []
        subject = next((c for c in holder.head.children if c.dep_ == "nsubj"), None)
        return [] if subject is None else [subject, *subject.conjuncts]

    def companions(self, anchor: Token, victim: Token) -> list[Token]:
        """People taken with the victim of the act ("detained A along with a group of farmers",
        "was arrested with his colleagues"): the object of "with" on the verb or the victim,
        also under "along" or "together". `phrase` keeps only groups of people, so an
        instrument or a charge ("with batons", "charged with fraud") gives nothing."""
        preps = [c for host in (anchor, victim) for c in host.children if c.dep_ == "prep"]
        preps += [g for c in preps if c.lower_ in self.lex.comitative_modifiers for g in c.children if g.dep_ == "prep"]
        return [
            o
            for prep in preps
            if prep.lower_ in self.lex.comitative_prepositions
            for o in prep.children
            if o.dep_ == "pobj"
            and o.i != victim.i
            and not any(c.dep_ in ("acl", "relcl") and c.pos_ == "VERB" for c in o.subtree)
        ]

    def light_verb_targets(self, anchor: Token, slot: Token) -> list[Token]:
        """The people of a light verb coordinated with the act ("arrested and brought charges
        against hundreds of protesters"), where the parser gives the act the light verb's
        object ("charges") and hangs the people in a preposition of that verb."""
        verb = slot.head
        if slot.dep_ != "dobj" or verb.i == anchor.i or verb.dep_ != "conj" or verb.head.i != anchor.i:
            return []
        return [
            o
            for host in (verb, slot)
            for prep in host.children
            if prep.dep_ == "prep" and prep.lower_ in self.lex.target_prepositions
            for o in prep.children
            if o.dep_ == "pobj"
        ]

    def shared_of(self, anchor: Token) -> list[Token]:
        """The "of" group that coordinated act nouns share, which the parser hangs on the
        first of them ("arbitrary arrests and torture of suspected rebels")."""
        if anchor.pos_ != "NOUN" or anchor.dep_ != "conj" or anchor.head.pos_ != "NOUN":
            return []
        of = [c for c in anchor.head.children if c.dep_ == "prep" and c.lower_ == "of" and c.i > anchor.i]
        return [o for c in of for o in c.children if o.dep_ == "pobj"]

    def shifted_objects(self, anchor: Token) -> list[Token]:
        """A counted object after an adverbial phrase ("beat with batons at least 20
        journalists", "detained without charge 11 members"), which the parser hangs in that
        phrase; only counted people of an active verb that has no object of its own."""
        if anchor.pos_ != "VERB" or any(c.dep_ in ("dobj", "nsubjpass", "auxpass") for c in anchor.children):
            return []
        found: list[Token] = []
        verbs = [anchor, *(c for c in anchor.conjuncts if c.i > anchor.i)]  # "arrested and detained without charge"
        for prep in (c for verb in verbs for c in verb.children):
            if prep.dep_ != "prep" or prep.lower_ in ("of", "by", "between"):
                continue
            for obj in (o for o in prep.children if o.dep_ == "pobj"):
                # "without charge 11 members": the adverbial's noun glued to the object
                glued = [obj] if any(c.dep_ in ("nmod", "compound") and c.i < obj.i - 1 for c in obj.children) else []
                for token in glued + list(obj.conjuncts):
                    group = self.phrase(token)
                    if group is not None and group["count"] is not None:
                        found.append(token)
        return found

    def shared_object(self, anchor: Token) -> Token | None:
        """The object that coordinated verbs share, which the parser hangs on the last
        of them ("charged, detained, and fined dozens of journalists")."""
        if any(c.dep_ == "dobj" for c in anchor.children):
            return None
        later = [c for c in anchor.conjuncts if c.i > anchor.i]
        for verb in reversed(later):
            obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
            if obj is not None:
                return obj
        return None

    def named_members(self, group: Token, names: list[Span], anchor: Token) -> int:
        """How many of the names the phrase itself lists as the group's members: in its
        appositions or "including" phrases (also when the parser hangs "including" on the
        verb), or after a colon that follows it."""
        doc = group.doc
        own = {t.i for t in group.subtree} - {t.i for c in group.children if c.dep_ == "conj" for t in c.subtree}
        own |= {t.i for c in anchor.children if c.dep_ == "prep" and c.lower_ == "including" for t in c.subtree}
        colon = next((t.i for t in doc[group.i : min(group.i + 30, len(doc))] if t.text == ":"), None)
        return sum(1 for name in names if name.root.i in own or (colon is not None and name.start > colon))

    def not_an_act(self, trigger: Trigger, doc: Doc) -> bool:
        """Acts a group trigger only describes, allows or denies: habitual ("regularly
        detained persons"), infinitival ("the authority to arrest suspects", "a force to
        arrest leaders"), governed by a power, rule or plan, or denied by "no reports"."""
        anchor = doc[trigger["anchor"]]
        hosts = [anchor] + ([anchor.head] if anchor.dep_ == "conj" else [])
        if any(c.lower_ in self.generic for host in hosts for c in host.children if c.dep_ == "advmod"):
            return True
        verb = next((t for t in [anchor, *anchor.ancestors] if t.pos_ in ("VERB", "AUX")), None)
        verbs = [verb] + ([verb.head] if verb is not None and verb.dep_ == "conj" else []) if verb is not None else []
        if any(v.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in v.children) for v in verbs):
            return True  # "a force to arrest and assassinate leaders"
        if self.over_years(anchor):
            return True
        below = anchor
        for hops, ancestor in enumerate(anchor.ancestors):
            if hops >= 4:
                break
            # "a new law that led to the arrest of three citizens": the noun a relative clause
            # describes does not govern the act the clause tells
            if ancestor.lemma_.lower() in self.irrealis and below.dep_ != "relcl":
                return True
            if ancestor.lemma_.lower() in self.negated_nouns and any(
                c.dep_ == "det" and c.lower_ == "no" for c in ancestor.children
            ):
                return True
            below = ancestor
        return False

    def over_years(self, anchor: Token) -> bool:
        """A trend over an open span of periods ("in recent years there were reports that
        prisoners were kept ..."), on the trigger or a clause above it: no single act."""
        for hops, host in enumerate([anchor, *anchor.ancestors]):
            if hops > 4:
                break
            for prep in host.children:
                if prep.dep_ != "prep":
                    continue
                for obj in prep.children:
                    if (
                        obj.dep_ == "pobj"
                        and obj.tag_ == "NNS"
                        and obj.lemma_.lower() in self.lex.open_period_nouns
                        and any(c.lower_ in self.lex.open_period_modifiers for c in obj.children)
                    ):
                        return True
        return False

    def statistic(self, trigger: Trigger, token: Token, found: GroupVictim) -> bool:
        """Custody as a state of an uncounted, unanchored group ("thousands of suspects
        remained in pretrial detention, some for years"): a statistic on the prison
        population, no act (GUIDELINES 8.2); a counted, restricted or dated group's is one."""
        if found["count"] is not None or found["kind"] != "vague":
            return False
        phrase = range(found["start"], found["end"])
        partitive = token.lower_ in self.partitives  # "most of the persons arrested since 2001"
        if not partitive and any(t.dep_ in ("relcl", "acl") and t.head.i in phrase for t in token.subtree):
            return False  # "persons suspected of links to the rebels remained in detention": these people
        anchor = token.doc[trigger["anchor"]]
        if anchor.lemma_.lower() not in self.lex.state_verbs:
            return False
        date = trigger.get("date")
        if date is None:
            return True
        start = date[0]
        return start > 0 and token.doc[start - 1].lower_ in self.lex.duration_prepositions

    def specific(self, trigger: Trigger, token: Token) -> bool:
        """A bare plural ("detained persons") is one act when it is dated, tied to a period
        or occasion ("during the year", "in some instances") or restricted to certain people
        ("persons who had not completed national service")."""
        if trigger.get("date") is not None:
            return True
        anchor = token.doc[trigger["anchor"]]
        if any(_dated_occasion(ent) and ent.end <= anchor.i for ent in anchor.sent.ents):
            return True  # "in the wake of the February unrest, police detained ...": a dated occasion
        own = _first_conjunct(anchor).i
        if any(c.dep_ in ("relcl", "acl") and c.i != own for c in token.children):
            return True  # "persons who had not completed national service", not the act's own participle
        if token.dep_ == "conj" and token.head.ent_type_ == "PERSON":
            return True  # "A and others": the act done to A
        hosts = [anchor] + ([anchor.head] if anchor.dep_ == "conj" else [])
        return any(
            obj.lemma_.lower() in self.periods
            for host in hosts
            for prep in host.children
            if prep.dep_ == "prep" and prep.lower_ not in self.lex.duration_prepositions
            for obj in prep.children
            if obj.dep_ == "pobj"
        )

    def describes(self, trigger: Trigger, token: Token, found: GroupVictim) -> bool:
        """A participle on the group describes it ("the arrested journalists", "persons
        detained by the police"): only a counted group told that way is an act of its own
        ("three children reportedly detained in a camp")."""
        anchor = _first_conjunct(token.doc[trigger["anchor"]])
        if anchor.dep_ == "amod" and anchor.head.i == token.i:
            return True
        if (
            anchor.dep_ in ("acl", "relcl")
            and anchor.head.i == token.i
            and any(c.dep_ == "aux" and c.tag_ == "MD" for c in token.head.children)
        ):
            return True  # "a person accused of a crime may not be held": a rule, not an act
        on_group = anchor.head.i in (token.i, found.get("quantity", -1)) or anchor.head.i == token.head.i
        return anchor.dep_ in ("acl", "relcl") and on_group and found["count"] is None

    def __call__(self, doc: Doc) -> Doc:
        cased = {
            (doc[t["anchor"]].sent.start, t["action"])
            for t in triggers_of(doc)
            if doc[t["anchor"]].pos_ == "NOUN" and self.cases_of(doc[t["anchor"]]) is not None
        }
        for trigger in triggers_of(doc):
            trigger["groups"] = []
            if self.not_an_act(trigger, doc):
                continue
            names = [doc[v["start"] : v["end"]] for v in trigger.get("victims", []) if v["kind"] == "name"]
            name_tokens = {t.i for name in names for t in name}
            referred = set(trigger.get("referred", []))
            lists: dict[int, GroupVictim] = {}
            anchor = doc[trigger["anchor"]]
            # "800 cases of arbitrary arrest during the year in which individuals were detained":
            # the relative clause tells the cases again, which the case noun already counts
            retold = anchor.dep_ == "relcl" and (anchor.sent.start, trigger["action"]) in cased
            for token in self.candidates(trigger, doc):
                if token.i in name_tokens or (token.dep_ == "appos" and token.head.i in name_tokens):
                    continue
                if token.i in referred:
                    continue  # "both men", "the rest": the people component named them
                found = self.phrase(token)
                if found is None or (found["kind"] in ("anaphoric-sg", "partitive") and trigger.get("people")):
                    continue
                if found["kind"] == "partitive" and anchor.pos_ == "NOUN" and anchor not in token.ancestors:
                    continue  # "most were released shortly after arrest": the clause's part, an act told before
                members = self.named_members(token, names, doc[trigger["anchor"]])
                appositions = [c for c in token.children if c.dep_ in ("appos", "compound") and c.ent_type_ == "PERSON"]
                if appositions:
                    # "his colleague Simon Djomo", "two politicians, A and B": named
                    apposed = {t.i for c in appositions for t in [c, *c.conjuncts] if t.ent_type_ == "PERSON"}
                    members = max(members, len(apposed))
                if members and (found["count"] is None or members >= found["count"]):
                    # All named: named events only (SPEC 7); `settle` drops summaries of this act.
                    trigger["groups"].append({**found, "kind": "named", "count": None})
                    continue
                if self.describes(trigger, token, found) or self.statistic(trigger, token, found):
                    continue
                if retold and found["count"] is None:
                    continue
                count = found["count"]
                if members and count is not None:
                    found["count"] = count - members  # "six detainees, including A and B": four unnamed
                acts = self.act_count(trigger, token)
                if found["bare"] and acts is None and not self.specific(trigger, token):
                    continue  # "police detained persons": a practice, not an act
                if found["count"] is None and found["kind"] == "vague":
                    # "politicians, journalists, and activists": an uncounted list is one group
                    root = _first_conjunct(token)
                    first = self.phrase(root) if root.i != token.i else None
                    if first is not None and first["kind"] == "counted" and root.tag_ in ("NNS", "NNPS"):
                        continue  # "more than 30 politicians, lawyers and critics": the number counts the list
                    if root.i in lists:
                        continue
                    lists[root.i] = found
                    listed = [g for g in map(self.phrase, [root, *root.conjuncts]) if g is not None]
                    vague = [g for g in listed if g["count"] is None and g["kind"] == "vague"]
                    found["start"] = min(g["start"] for g in [found, *vague])
                    found["end"] = max(g["end"] for g in [found, *vague])
                    found["group"] = doc[found["start"] : found["end"]].text
                if acts is not None and found["count"] is None:
                    found["count"], found["kind"], found["bare"] = acts, "counted", False
                trigger["groups"].append(found)
            if not trigger["groups"] and trigger.get("victim_head") is None and not trigger.get("victims"):
                counted = self.counted_acts(trigger, doc)
                if counted is not None:
                    trigger["groups"].append(counted)
            trigger["groups"].extend(self.pronouns(trigger, doc))
        return doc

    def case_count(self, noun: Token) -> tuple[int, int] | None:
        """The count a case noun gives ("three cases", "16 incidents", "a minimum of five
        reports") and where its phrase starts; None for an uncounted or dated one."""
        if noun.pos_ != "NOUN" or noun.lemma_.lower() not in self.case_nouns:
            return None
        if not any(c.dep_ == "nummod" and c.ent_type_ not in NOT_PEOPLE_NUMBERS for c in noun.children):
            return None
        if any(c.dep_ == "amod" and c.lower_ in self.lex.pending_case_modifiers for c in noun.children):
            return None  # "2,000 open cases": cases pending in the courts, not acts
        years = {y for ent in noun.sent.ents if ent.label_ == "DATE" for y in YEAR.findall(ent.text)}
        if len(years) > 1:
            return None  # "5,853 cases between February 2014 and June 2016": a statistic over years
        start = self.left_edge(noun)
        count = count_words(self.words(noun.doc[start : noun.i]), self.lex)
        return None if count is None else (count, start)

    def cases_of(self, token: Token) -> tuple[int, int] | None:
        """The count of the case noun whose "of" phrase the token is ("80 cases of persons
        killed by police", "14 cases of arbitrary arrest"): one case is one act done to one
        person, as for a counted act noun."""
        root = _first_conjunct(token)
        of = root.head
        if root.dep_ != "pobj" or of.lower_ != "of":
            return None
        return self.case_count(of.head)

    def involved(self, case: Token) -> GroupVictim | None:
        """The counted people a participle on a case noun, or on its verb, names ("16
        incidents of torture involving at least 35 victims"): they, not the cases, are the
        count of people."""
        hosts = [case, case.head]
        for verb in (c for host in hosts for c in host.children if c.dep_ in ("acl", "advcl")):
            if verb.lemma_.lower() not in self.lex.case_people_verbs:
                continue
            for obj in (c for c in verb.children if c.dep_ == "dobj"):
                found = self.phrase(obj)
                if found is not None and found["count"] is not None:
                    return found
        return None

    def act_cases(self, trigger: Trigger, token: Token) -> int | None:
        """The count of the case noun over an act noun for the uncounted people the act is
        done to ("14 cases of arbitrary arrest or detention of journalists", "16 incidents of
        threats against journalists")."""
        doc = token.doc
        anchor = doc[trigger["anchor"]]
        if anchor.pos_ != "NOUN":
            return None
        cases = self.cases_of(anchor)
        if cases is None:
            return None
        case = _first_conjunct(anchor).head.head
        if not any(a.i == anchor.i for a in token.ancestors) or not any(a.i == case.i for a in token.ancestors):
            return None
        return cases[0]

    def act_count(self, trigger: Trigger, token: Token) -> int | None:
        """The number of acts a counted act noun gives for the uncounted people of its "of"
        phrase ("more than 60 arrests of students", "45 killings of civilians"): one arrest
        or killing is one person, as in `counted_acts`."""
        doc = token.doc
        anchor = doc[trigger["anchor"]]
        cases = self.act_cases(trigger, token)
        if cases is not None:
            return cases
        if anchor.pos_ != "NOUN" or anchor.tag_ != "NNS" or anchor.lemma_.lower() not in self.lex.counted_act_nouns:
            return None
        if not any(c.dep_ == "nummod" and c.ent_type_ != "DATE" for c in anchor.children):
            return None  # "the 2019 killings of activists": a year, not a count
        root = _first_conjunct(token)
        of = root.head
        if root.dep_ != "pobj" or of.lower_ != "of" or of.head.i != anchor.i:
            return None
        return count_words(self.words(doc[self.left_edge(anchor) : anchor.i]), self.lex)

    def counted_acts(self, trigger: Trigger, doc: Doc) -> GroupVictim | None:
        """A count of acts that names no victim ("more than 40 arrests", "177 executions"):
        one arrest or killing is one person, so the number of acts is the group's count
        (SPEC 7); uncounted ("arrests") it is no group. A count of cases ("800 cases of
        arbitrary arrest") counts the acts too, one person each ("three cases of arbitrary
        arrest" is a group of 3)."""
        anchor = doc[trigger["anchor"]]
        cases = self.cases_of(anchor) if anchor.pos_ == "NOUN" else None
        if cases is not None:
            told, begin = cases
            root = _first_conjunct(anchor)
            involved = self.involved(root.head.head)
            if involved is not None:
                return involved  # "16 incidents of torture involving at least 35 victims"
            if any(
                self.is_head(obj)
                for act in [root, *root.conjuncts]
                for prep in act.children
                if prep.dep_ == "prep" and prep.lower_ in ("of", *self.lex.target_prepositions)
                for obj in prep.children
                if obj.dep_ == "pobj"
            ):
                return None  # "14 cases of arrest or detention of journalists": the journalists are counted
            return {
                "start": begin,
                "end": anchor.i + 1,
                "group": doc[begin : anchor.i + 1].text,
                "count": told,
                "head": _first_conjunct(anchor).head.head.lemma_.lower(),
                "kind": "counted",
                "bare": False,
                "how": "group",
            }
        if anchor.pos_ != "NOUN" or anchor.lemma_.lower() not in self.lex.counted_act_nouns:
            return None
        if anchor.tag_ != "NNS" or not any(c.dep_ == "nummod" and c.ent_type_ != "DATE" for c in anchor.children):
            return None
        start = self.left_edge(anchor)
        count = count_words(self.words(doc[start : anchor.i]), self.lex)
        if count is None:
            return None
        return {
            "start": start,
            "end": anchor.i + 1,
            "group": doc[start : anchor.i + 1].text,
            "count": count,
            "head": anchor.lemma_.lower(),
            "kind": "counted",
            "bare": False,
            "how": "group",
        }


@Language.factory(
    "hrevents_groups",
    default_config={"lexicon": "lexicon.yaml"},
    assigns=["doc._.hr_triggers"],
    requires=["doc._.hr_triggers", "doc.ents", "token.lemma", "token.pos", "token.tag", "token.dep"],
)
def make_group_finder(nlp: Language, name: str, lexicon: str) -> GroupFinder:
    return GroupFinder(lexicon)


# ---------------------------------------------------------------------- assembly
class GroupMention(Protocol):
    """What `settle` reads of an assembled mention (hrevents.assemble.Mention)."""

    action: str
    victim: str
    victim_group: str
    victim_count: int | None
    group_key: str
    paragraph: int
    start: int
    end: int


def group_event_key(victim: Mapping[str, Any], paragraph: int) -> str:
    """How `settle` and the merge tell group mentions apart: paragraph, head, kind (counted,
    vague, definite, pronoun, named) and count. "" for a named victim."""
    if "group" not in victim:
        return ""
    count = "" if victim["count"] is None else str(victim["count"])
    return "|".join(("group", str(paragraph), victim["head"], victim["kind"], count))


def _parts(mention: GroupMention) -> tuple[str, str, str]:
    """(paragraph, head, kind) of a group mention."""
    _, paragraph, head, kind, _ = mention.group_key.split("|")
    return paragraph, head, kind


M = TypeVar("M", bound=GroupMention)


def _antecedent(mention: GroupMention, earlier: list[M], head: str, kind: str) -> M | None:
    """The group a back-reference points to: the last one of the paragraph with the same
    head; for "the detainees", "the men" or a pronoun, the last one of the paragraph; for
    "he" or "the individual", the last single unnamed person of the paragraph."""
    paragraph = mention.paragraph
    same = [m for m in earlier if m.paragraph == paragraph]
    if kind in ("definite", "anaphoric"):
        found = next((m for m in reversed(same) if _parts(m)[1] == head), None)
        if found is not None or kind == "definite":
            return found
    if kind in ("pronoun-sg", "anaphoric-sg"):
        same = [m for m in same if m.victim_count == 1]
        found = next((m for m in reversed(same) if _parts(m)[1] == head), None)
        if found is not None:
            return found
    elif kind == "pronoun-pl":
        same = [m for m in same if m.victim_count != 1]
    return same[-1] if same else None


def settle(mentions: list[M]) -> list[M]:
    """Group mentions as acts, before merging (SPEC 7: same act, one event; nobody counted twice).

    - A back-reference ("the detained students", "the men", "they") takes the count of the
      group it points to and, for the same action, is the same act; a pronoun that points
      to no group is dropped (it is no group the report counts).
    - A restatement in the next sentence ("arrested a number of journalists. Approximately
      nine journalists ... were arrested"; "killed demonstrators. The government reported 40
      persons killed") is the same act, with the count it gives; competing figures in that
      sentence ("while officials reported 40, witnesses counted over 100") are the same act
      too, with the lower figure.
    - A counted group that the following sentences of its paragraph detail with at least
      as many names of the same act is dropped; so is an uncounted group of an act and head
      whose members the report lists by name elsewhere ("The detained journalists included: A, B").
    """
    named_groups = {(m.action, _parts(m)[1]) for m in mentions if not m.victim and _parts(m)[2] == "named"}
    mentions = [m for m in mentions if m.victim or _parts(m)[2] != "named"]
    groups: list[M] = []
    kept: list[M] = []
    written: dict[int, str] = {}  # a back-reference's antecedent group, as first written
    restated: dict[int, str] = {}  # mentions that give figures for the act told just before: their head
    restatement_heads = frozenset(load_lexicon().groups.restatement_heads)
    for mention in mentions:
        if mention.victim:
            kept.append(mention)
            continue
        _, head, kind = _parts(mention)
        if kind == "partitive":
            # "most were released": a part, of no count, of the group told before in the paragraph
            wholes = [g for g in groups if _parts(g)[2] != "partitive"]
            found = _antecedent(mention, wholes, head, "pronoun-pl")
            if found is None or found.victim_count == 1:
                continue
            mention.victim_group = f"{written.get(id(found), found.victim_group)} ({mention.victim_group})"
        elif kind == "definite" or kind.startswith("pronoun") or kind.startswith("anaphoric"):
            found = _antecedent(mention, groups, head, kind)
            if found is None and (kind.startswith("pronoun") or kind == "anaphoric-sg"):
                continue  # "the man" with no unnamed man before: a named person, or no one counted
            if found is not None:
                # "a journalist (he)", not "a journalist (the journalist) (he)" down a chain
                written[id(mention)] = written.get(id(found), found.victim_group)
                mention.victim_count = found.victim_count
                mention.victim_group = f"{written[id(mention)]} ({mention.victim_group})"
                mention.group_key = found.group_key
        else:
            before = next((m for m in reversed(groups) if m.action == mention.action), None)
            near = before is not None and before.paragraph == mention.paragraph
            if (
                before is not None
                and near
                and (_parts(before)[1] == head or (head in restatement_heads and before.victim_count is None))
                and 0 <= mention.start - before.end <= 3
                and (before.victim_count is None) != (mention.victim_count is None)
            ):
                if before.victim_count is None:
                    before.victim_count = mention.victim_count
                    if _parts(before)[1] == head:
                        before.victim_group = mention.victim_group
                mention.victim_count, mention.group_key = before.victim_count, before.group_key
                restated[id(mention)] = head
            elif (
                before is not None
                and near
                and restated.get(id(before)) == head
                and before.start == mention.start
                and mention.victim_count is not None
            ):
                # "While officials reported 40 dead, witnesses counted over 30": competing figures
                # for the act just told are one event, with the lower figure (GUIDELINES 8.3)
                first = next(m for m in groups if m.group_key == before.group_key)
                low = min(mention.victim_count, first.victim_count or mention.victim_count)
                for same in [m for m in groups if m.group_key == before.group_key] + [mention]:
                    same.victim_count = low
                mention.group_key = before.group_key
                restated[id(mention)] = head
            elif mention.victim_count is None and (mention.action, head) in named_groups:
                continue
        groups.append(mention)
        kept.append(mention)
    settled: list[M] = []
    for index, mention in enumerate(kept):
        if not mention.victim and mention.victim_count is not None:
            named: set[str] = set()
            for later in kept[index + 1 :]:
                if later.paragraph != mention.paragraph or later.action != mention.action:
                    continue
                if later.start <= mention.start:
                    continue
                if not later.victim and later.group_key != mention.group_key:
                    break  # the next group of this act in the paragraph
                if later.victim:
                    named.add(later.victim)
            if len(named) >= mention.victim_count:
                continue
        settled.append(mention)
    return settled


def group_id_key(mention: GroupMention) -> str:
    """What a group event's stable id depends on: where the act is first told and the group
    as written (a group has no name to key on, and its paragraph number is per piece)."""
    return f"group {mention.start} {mention.victim_group}"
