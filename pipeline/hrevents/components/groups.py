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
from collections.abc import Iterable
from typing import Protocol, TypeVar

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from hrevents.components.triggers import ensure_extensions
from hrevents.rules.schema import GroupLexicon, load_lexicon

DIGITS = re.compile(r"^\d{1,3}(,\d{3})+$|^\d+$")
# Children of a group head that belong to the phrase as written ("more than 100 OFDM members").
PHRASE_DEPS = frozenset({"det", "predet", "nummod", "quantmod", "amod", "compound", "poss", "nmod", "advmod", "case"})
DEFINITE = frozenset({"the", "these", "those", "their", "its", "his", "her"})


def parse_number(words: list[str], lex: GroupLexicon) -> int | None:
    """The integer written by consecutive number words or digits ("1,671", "twenty-four",
    "five thousand", "a dozen"); None when the words hold no number."""
    total = current = 0
    seen = False
    for word in words:
        if word == "-":
            continue  # "twenty-four"
        if DIGITS.match(word):
            current += int(word.replace(",", ""))
            seen = True
        elif word in lex.units:
            current += lex.units[word]
            seen = True
        elif word in lex.multipliers:
            factor = lex.multipliers[word]
            if factor >= 1000:
                total += (current or 1) * factor
                current = 0
            else:
                current = (current or 1) * factor
            seen = True
        elif seen:
            break
    return total + current if seen else None


def count_words(words: list[str], lex: GroupLexicon) -> int | None:
    """SPEC 7's count for the words before a group head: the number given, whether exact,
    a bound ("at least 12") or an approximation ("some 200"); None for a vague quantity."""
    numbers = [i for i, word in enumerate(words) if DIGITS.match(word) or word in lex.units or word in lex.multipliers]
    if not numbers:
        return None
    first = numbers[0]
    if words[first] in lex.multipliers and words[first].endswith("s"):
        return None
    start = first - 1 if first > 0 and words[first - 1] in ("a", "an") else first
    # "dozens", "hundreds" written as plurals are vague: only the singular multiplies.
    if any(word.endswith("s") and word[:-1] in lex.multipliers for word in words[start:]):
        return None
    return parse_number(words[start:], lex)


class GroupFinder:
    """Finds group victims in the victim slots the argument component recorded."""

    def __init__(self, lexicon: str) -> None:
        ensure_extensions()
        self.lex: GroupLexicon = load_lexicon(lexicon).groups
        self.heads = frozenset(self.lex.heads)
        self.singles = frozenset(self.lex.single_person_nouns)
        self.quantities = frozenset(self.lex.quantity_nouns)
        self.generic = frozenset(self.lex.generic_cues)

    # ------------------------------------------------------------------ phrases
    def words(self, tokens: Iterable[Token]) -> list[str]:
        return [t.lower_ for t in tokens if not (t.is_punct and t.text != "-")]

    def left_edge(self, head: Token) -> int:
        left = [c for c in head.lefts if c.dep_ in PHRASE_DEPS]
        return min((c.left_edge.i for c in left), default=head.i)

    def right_edge(self, head: Token) -> int:
        """The head and an "of" phrase after it ("members of the opposition")."""
        end = head.i
        for child in head.rights:
            if child.dep_ == "prep" and child.lower_ == "of":
                end = max(end, child.right_edge.i)
        return end

    def phrase(self, token: Token) -> dict | None:
        """The group a victim-slot token heads, with its count, or None."""
        doc = token.doc
        head = token
        quantity: Token | None = None
        if token.lemma_.lower() in self.quantities and token.pos_ in ("NOUN", "NUM"):
            of = [c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"]
            inner = next((o for c in of for o in c.children if o.dep_ == "pobj"), None)
            if inner is None or inner.lemma_.lower() not in self.heads:
                return None
            head, quantity = inner, token
        lemma = head.lemma_.lower()
        if head.pos_ not in ("NOUN", "PROPN") or head.ent_type_ in ("PERSON", "ORG", "GPE"):
            return None
        start = self.left_edge(quantity if quantity is not None else head)
        end = self.right_edge(head) + 1
        before = self.words(doc[start : head.i])
        plural = head.tag_ in ("NNS", "NNPS") or lemma in ("people", "staff", "family")
        determiners = {c.lower_ for c in head.children if c.dep_ in ("det", "predet", "poss")}
        if quantity is not None:
            count = count_words(self.words(doc[start : quantity.i + 1]), self.lex)
            inner_count = count_words(self.words(doc[self.left_edge(head) : head.i]), self.lex)
            count = inner_count if inner_count is not None else count
        elif plural and lemma in self.heads:
            count = count_words(before, self.lex)
        elif (
            not plural
            and lemma in self.singles
            and (
                determiners & set(self.lex.single_determiners)
                or any(c.dep_ == "poss" and c.pos_ in ("NOUN", "PROPN") for c in head.children)
            )
        ):
            count = 1
        else:
            return None
        text = doc[start:end].text
        definite = quantity is None and count is None and bool(determiners & DEFINITE)
        return {
            "start": start,
            "end": end,
            "group": text,
            "count": count,
            "head": lemma,
            "definite": definite,
            "how": "group",
        }

    # ------------------------------------------------------------------ triggers
    def candidates(self, head: Token) -> list[Token]:
        """The slot's head and what is coordinated with it ("A and 20 others")."""
        return [head, *head.conjuncts]

    def named_members(self, group: Token, names: list[Span]) -> int:
        """How many of the names the phrase itself lists as the group's members: in its
        appositions or "including" phrases, or after a colon that follows it."""
        doc = group.doc
        own = {t.i for t in group.subtree} - {t.i for c in group.children if c.dep_ == "conj" for t in c.subtree}
        colon = next((t.i for t in doc[group.i : min(group.i + 30, len(doc))] if t.text == ":"), None)
        return sum(1 for name in names if name.root.i in own or (colon is not None and name.start > colon))

    def is_generic(self, trigger: dict, doc: Doc) -> bool:
        anchor = doc[trigger["anchor"]]
        hosts = [anchor] + ([anchor.head] if anchor.dep_ == "conj" else [])
        return any(c.lower_ in self.generic for host in hosts for c in host.children if c.dep_ == "advmod")

    def __call__(self, doc: Doc) -> Doc:
        for trigger in doc._.hr_triggers or []:
            trigger["groups"] = []
            index = trigger.get("victim_head")
            if index is None or self.is_generic(trigger, doc):
                continue
            names = [doc[v["start"] : v["end"]] for v in trigger.get("victims", []) if v["kind"] == "name"]
            name_tokens = {t.i for name in names for t in name}
            for token in self.candidates(doc[index]):
                if token.i in name_tokens:
                    continue
                found = self.phrase(token)
                if found is None:
                    continue
                members = self.named_members(token, names)
                if members and (found["count"] is None or members >= found["count"]):
                    continue  # all named: named events only (SPEC 7)
                trigger["groups"].append(found)
        return doc


@Language.factory("hrevents_groups", default_config={"lexicon": "lexicon.yaml"})
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


def group_event_key(victim: dict, paragraph: int) -> str:
    """What makes two group mentions one act: the same action (compared by the caller), the
    same paragraph, the same head and the same count. "" for a named victim."""
    if "group" not in victim:
        return ""
    count = victim["count"]
    return "|".join(("group", str(paragraph), victim["head"], "the" if victim["definite"] else str(count or "")))


def _key_parts(mention: GroupMention) -> tuple[str, str, str]:
    _, paragraph, head, count = mention.group_key.split("|")
    return paragraph, head, count


M = TypeVar("M", bound=GroupMention)


def settle(mentions: list[M]) -> list[M]:
    """Group mentions as acts, before merging: a definite reference ("the students were
    detained") is the act of the group the paragraph last counted with that head; a counted
    group that the following sentences of its paragraph detail with at least as many names
    of the same act is dropped, so nobody is counted twice (SPEC 7)."""
    last: dict[tuple[str, str, str], str] = {}
    for mention in mentions:
        if mention.victim:
            continue
        paragraph, head, count = _key_parts(mention)
        if count == "the":
            mention.group_key = last.get((mention.action, paragraph, head), mention.group_key)
        else:
            last[(mention.action, paragraph, head)] = mention.group_key
    kept: list[M] = []
    for index, mention in enumerate(mentions):
        if not mention.victim and mention.victim_count is not None:
            named: set[str] = set()
            for later in mentions[index + 1 :]:
                if later.paragraph != mention.paragraph or later.action != mention.action:
                    continue
                if not later.victim and later.start > mention.start:
                    break  # the next group of this act in the paragraph
                if later.victim and later.start > mention.start:
                    named.add(later.victim)
            if len(named) >= mention.victim_count:
                continue
        kept.append(mention)
    return kept


def group_id_key(mention: GroupMention) -> str:
    """What a group event's stable id depends on: where the act is first told and the group
    as written (a group has no name to key on, and its paragraph number is per piece)."""
    return f"group {mention.start} {mention.victim_group}"
