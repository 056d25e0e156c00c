"""The Doc contract: what the components leave on `Doc._`, as typed plain data.

Everything on the Doc is plain dicts, lists, strings and token indices (never Span or Token
objects), so a parsed Doc survives pickling between processes. The types say which
component writes each key and which later component or `assemble` reads it; a key that
is `NotRequired` is written by a later component than the one that creates the record, or
is skipped on an early exit (a trigger whose patient the rule refuses gets `victims` only).

The pipeline order (`hrevents.nlp.OUR_COMPONENTS`) is: entities, triggers, arguments,
modifiers, people, groups; `assemble` reads the finished records.
"""

# No `from __future__ import annotations`: TypedDict needs the real NotRequired at run time
# to tell required keys from optional ones (the contract test reads them).
from typing import Literal

from spacy.tokens import Doc
from typing_extensions import NotRequired, TypedDict  # typing's own from Python 3.11

# (start, end) token indices of a phrase, end exclusive.
TokenSpan = tuple[int, int]

EXTENSIONS = ("hr_triggers", "hr_people")
# How a victim mention names someone: by name, by a pronoun, by a group reference ("the two").
How = Literal["name", "pronoun", "group"]


class VictimMention(TypedDict):
    """A victim slot's mention (arguments): a name, a pronoun or a group reference ("the two")."""

    start: int
    end: int
    kind: How


class ModifierHit(TypedDict):
    """A ConText modifier that applies to the trigger (modifiers): rule, category, cue token."""

    rule: str
    category: str
    blocks: bool
    cue: int


class ResolvedPerson(TypedDict):
    """A victim as a person's fullest name (people); `how` says how the mention named them."""

    name: str
    how: How


class GroupVictim(TypedDict):
    """A group victim (groups, SPEC 7): the phrase as written and its count.

    `kind` is counted, vague, definite, anaphoric, anaphoric-sg, named, pronoun-sg, pronoun-pl or partitive; `bare`
    (no determiner, count or modifier) is only on phrases, not on pronoun entries.
    `quantity` is read by `GroupFinder.describes` but no component writes it.
    """

    start: int
    end: int
    group: str
    count: int | None
    head: str
    kind: str
    how: Literal["group"]
    bare: NotRequired[bool]
    quantity: NotRequired[int]


class Trigger(TypedDict):
    """One trigger record, created by the trigger component and filled in place.

    triggers: rule .. repetition; arguments: victims .. date (and widens `words` with
    auxiliaries); modifiers: modifiers; people: people, referred; groups: groups.
    """

    # triggers
    rule: str
    action: str
    anchor: int
    start: int
    end: int
    words: list[int]
    governor: int | None
    confidence: float
    repetition: bool
    # arguments
    victims: NotRequired[list[VictimMention]]
    victim_head: NotRequired[int | None]
    fallback: NotRequired[bool]
    perpetrator: NotRequired[TokenSpan | None]
    place: NotRequired[TokenSpan | None]
    destination: NotRequired[TokenSpan | None]
    detail: NotRequired[TokenSpan | None]
    date: NotRequired[TokenSpan | None]
    # modifiers
    modifiers: NotRequired[list[ModifierHit]]
    # people
    people: NotRequired[list[ResolvedPerson]]
    # victim-slot tokens read as a reference to everyone in `people` ("both men", "the rest")
    referred: NotRequired[list[int]]
    # groups
    groups: NotRequired[list[GroupVictim]]


class PeopleTable(TypedDict):
    """`doc._.hr_people` (people): every canonical name, and the other spellings of each."""

    names: list[str]
    aliases: dict[str, list[str]]


def ensure_extensions() -> None:
    """Register the plain-data Doc extensions the components share (idempotent)."""
    for name in EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


def triggers_of(doc: Doc) -> list[Trigger]:
    """`doc._.hr_triggers`, typed; empty before the trigger component has run."""
    triggers: list[Trigger] | None = doc._.hr_triggers
    return triggers or []
