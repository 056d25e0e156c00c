"""From annotated Docs to Event records: realis filter, dates in document order, merge.

This is the only place pydantic records are built from the plain data the components
leave on the Doc.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc, Span, Token

from hrevents.components.contract import Trigger, triggers_of
from hrevents.components.groups import group_event_key, group_id_key, settle
from hrevents.components.paragraphs import wrapped_paragraph_ends
from hrevents.components.people import fold
from hrevents.dates import (
    DateReading,
    NarrativeCues,
    date_words,
    end_of_length,
    is_duration,
    months_on,
    read_date,
    start_of_length,
)
from hrevents.repair import Repaired
from hrevents.rules.schema import load_lexicon
from hrevents_models import Event, Report, load_actions

YEAR_IN_TEXT = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
PRESENT_TAGS = frozenset({"VBP", "VBZ"})
# A month without a year this close to a month its sentence writes with one shares that year.
SAME_STRETCH_MONTHS = 3
# Rule id added to an event whose date is the paragraph's, not words of its own clause: the
# date is inferred, and says so (SPEC 6.5: a date the text does not give is flagged).
PARAGRAPH_DATE_RULE = "date.paragraph"
WHITESPACE = re.compile(r"\s+")


@dataclass
class Mention:
    """One victim of one trigger, before merging."""

    action: str
    victim: str
    trigger: str
    rule: str
    perpetrator: str
    place: str
    destination: str
    detail: str
    date: str
    date_text: str
    start: int
    end: int
    paragraph: int
    confidence: float
    own_date: bool = False
    date_inherited: bool = False  # the paragraph's date, not words of the act's own clause
    asserted: bool = True
    repeated: bool = False  # the words say the act happened again ("re-arrested", "again")
    sources: list[str] = field(default_factory=list)
    victim_group: str = ""  # a group event (SPEC 7): empty victim, the group as written
    victim_count: int | None = None
    group_key: str = ""  # what makes two group mentions the same act (see components/groups.py)


def event_id(report_id: str, action: str, victim: str, number: int = 0) -> str:
    """Stable across runs and machines: depends only on what the event is (and, for a
    repeated act such as a re-arrest, which occurrence it is)."""
    key = f"{report_id}|{action}|{fold(victim)}" + (f"|{number}" if number else "")
    return hashlib.sha1(key.encode()).hexdigest()[:16]


def compatible_dates(kept: Mention, new: Mention) -> bool:
    """Two mentions are one act unless the later one says the act happened again after the
    first ("was rearrested", "detained him again": GUIDELINES D22, dated or not) or asserts the
    act anew with a date of its own that differs ("detained on June 8" ... "detained on August 19");
    a back-reference ("after detaining him for four months", "after her disappearance")
    never starts a new event."""
    if new.repeated and not kept.repeated:
        return False  # GUIDELINES D22: a re-arrest after the arrest is a new event
    if not (new.asserted and kept.own_date and new.own_date):
        return True
    return kept.date.startswith(new.date) or new.date.startswith(kept.date)


def covered_year(report: Report) -> int | None:
    match = YEAR_IN_TEXT.search(report.meta.covers or "")
    return int(match.group(1)) if match else None


def is_adverbial(ent: Span) -> bool:
    """A date that places the narrative in time ("in August 2020", "On 10 August"), not
    one that names something ("the 2015 Nobel Prize")."""
    if ent.root.dep_ in ("compound", "amod", "nummod", "poss", "nmod"):
        return False
    if ent.start > 0 and ent.doc[ent.start - 1].lower_ in ("the", "a", "an", "'s", "’s"):
        return not YEAR_IN_TEXT.fullmatch(ent.text.strip())
    return True


def in_background(ent: Span) -> bool:
    """ "X, arrested on May 29, was beaten", "X, who was detained in 2019, ...": a date in a
    clause describing someone named dates their past, not the narrative's present; it does
    not become the paragraph's reference; nor does one in what an act was for ("convicted X
    for organizing protests in 2020")."""
    reasons = set(date_words().narrative.reason_prepositions)
    for ancestor in ent.root.ancestors:
        if ancestor.pos_ == "ADP" and ancestor.lower_ in reasons:
            return True
        if ancestor.pos_ in ("VERB", "AUX") and ancestor.dep_ == "pcomp":
            continue  # the gerund of a phrase ("in organizing protests in 2020"): look above it
        if ancestor.pos_ in ("VERB", "AUX"):
            return ancestor.dep_ in ("acl", "relcl") and (
                ancestor.head.ent_type_ == "PERSON" or ancestor.head.pos_ == "PROPN"
            )
    return False


def stated_month(ents: Iterable[Span], story: Narrative) -> tuple[int, int] | None:
    """(year, month) of the sentence's first date, when it writes its year and dates the main
    clause ("died on December 14, 2021, after his arrest on December 10"): the year a later
    date without one in the same sentence is read in, when the two lie close together. A date
    in a clause about a person ("X, arrested in May 2019, was sentenced on March 3") is the
    person's past, and the end of a period ("until April 2020") is not where it starts: they
    give no year to the rest of the sentence."""
    dates = [ent for ent in ents if ent.label_ == "DATE" and not is_duration(ent.text)]
    if not dates:
        return None
    first = dates[0]  # the year is written where the stretch of time is first named
    before = first.doc[first.start - 1].lower_ if first.start > 0 else ""
    if (
        not YEAR_IN_TEXT.search(first.text)
        or not is_adverbial(first)
        or before in load_lexicon().date_end_prepositions
        or any(a.dep_ in ("acl", "relcl", "appos") for a in first.root.ancestors)
        or not _modifies_a_verb(first)
    ):
        return None
    reading = read_date(first.text, published=story.published)
    if reading is not None and len(reading.value) >= 7 and reading.value[:4].isdigit():
        return int(reading.value[:4]), int(reading.value[5:7])
    return None


def _modifies_a_verb(ent: Span) -> bool:
    """The date hangs on a verb, itself or by its preposition ("died on December 14, 2021"),
    not inside a noun phrase ("Following the October 2018 killing of X, a court ...")."""
    head = ent.root.head
    if head.dep_ == "prep" and head.i != ent.root.i:
        head = head.head
    return head.pos_ in ("VERB", "AUX")


def sets_occasion(ent: Span) -> bool:
    """ "In a July 13 session, the minister said ...": a day or month that dates the occasion
    the sentence is set at places the narrative in time too, for relative words that follow
    ("arrested him that same day"); one in a clause about something else ("observers who
    served during the May 15 elections") and a bare year naming a thing do not. The acts
    after it are told as what was said at the occasion, so they do not take its date
    without such words (Narrative.occasion)."""
    noun = ent.root.head
    prep = noun.head
    return (
        not YEAR_IN_TEXT.fullmatch(ent.text.strip())
        and noun.i != ent.root.i
        and noun.pos_ == "NOUN"
        and noun.dep_ == "pobj"
        and prep.lower_ in date_words().narrative.occasion_prepositions
        and ((prep.head.pos_ in ("VERB", "AUX") and prep.head.dep_ == "ROOT") or prep.i == prep.sent.start)
    )


def last_year(doc: Doc, report: Report) -> int | None:
    """The last year the narrative names in this text, to carry into the next piece."""
    published = report.meta.published
    years = narrative_years(doc, published.year if published else None)
    return years[-1][1] if years else None


def narrative_years(doc: Doc, latest: int | None) -> list[tuple[int, int]]:
    """(character offset, year) of explicit years in the text, for dates without a year."""
    found = []
    for ent in doc.ents:
        if ent.label_ != "DATE" or not is_adverbial(ent):
            continue
        for match in YEAR_IN_TEXT.finditer(ent.text):
            year = int(match.group(1))
            if latest is None or year <= latest:
                found.append((ent.start_char, year))
    return found


def _ents_by_sentence(doc: Doc, sentences: list[Span]) -> dict[int, list[Span]]:
    """The entities inside each sentence, keyed by its first token, in one pass over both:
    `Span.ents` scans every entity of the document for each sentence, which on a whole
    country report cost as much as a pipe of its own."""
    found: dict[int, list[Span]] = {}
    ents = doc.ents
    i = 0
    for sent in sentences:
        while i < len(ents) and ents[i].start < sent.start:
            i += 1
        j = i
        while j < len(ents) and ents[j].start < sent.end:
            if ents[j].end <= sent.end:
                found.setdefault(sent.start, []).append(ents[j])
            j += 1
        i = j
    return found


def _is_length(ent: Span) -> bool:
    """ "for approximately 24 hours", "for two days": how long a custody lasted."""
    before = ent.doc[ent.start - 1].lower_ if ent.start > 0 else ""
    return before == "for" and is_duration(ent.text)


def _repaired_positions(repaired: Repaired, positions: list[int]) -> list[int]:
    """Where original offsets (line breaks) are in the repaired text; those it dropped are left out."""
    found = []
    for position in positions:
        index = bisect.bisect_left(repaired.offsets, position)
        if index < len(repaired.text) and repaired.offsets[index] == position:
            found.append(index)
    return found


def _span_text(doc: Doc, span: list[int] | tuple[int, int] | None) -> str:
    return doc[span[0] : span[1]].text if span else ""


def assemble(doc: Doc, report: Report, repaired: Repaired, year_before: int | None = None) -> list[Event]:
    """Events of one report (or one piece of it), merged so each act appears once.

    `year_before` is the last year the narrative named before this piece of the report.
    """
    covers = covered_year(report)
    published = report.meta.published
    years = narrative_years(doc, published.year if published else None)
    paragraph_breaks = sorted(
        [m.start() for m in re.finditer(r"\n\s*\n", repaired.text)]
        + _repaired_positions(repaired, wrapped_paragraph_ends(report.text))
    )

    def year_at(offset: int) -> int | None:
        if covers is not None:
            return covers
        if published is not None:
            # news: a date without a year takes the paragraph's own year, else the nearest
            # such date up to the publication date (dates.read_date), not an earlier paragraph's
            return None
        earlier = [year for start, year in years if start <= offset]
        if earlier:
            return earlier[-1]
        if year_before is not None:
            return year_before
        if years:
            return years[0][1]
        return published.year if published else None

    by_sentence: dict[int, list[Trigger]] = {}
    for trigger in triggers_of(doc):
        by_sentence.setdefault(doc[trigger["anchor"]].sent.start, []).append(trigger)

    mentions: list[Mention] = []
    story = Narrative(published.isoformat() if published else None)
    sentences = list(doc.sents)
    ents_of = _ents_by_sentence(doc, sentences)
    for sent in sentences:
        paragraph = bisect.bisect_left(paragraph_breaks, sent.start_char)
        story.enter(paragraph, year_at(sent.start_char))
        story.sentence_month = stated_month(ents_of.get(sent.start, ()), story)
        for trigger in by_sentence.get(sent.start, []):
            _add_mentions(doc, trigger, sent, story, repaired, mentions)
        story.sentence_month = None
        custody = any(t["action"] in date_words().narrative.custody_actions for t in by_sentence.get(sent.start, []))
        for ent in ents_of.get(sent.start, ()):
            if ent.label_ == "DATE" and is_adverbial(ent) and not is_duration(ent.text):
                story.resolve(ent.text, move=not in_background(ent))
            elif ent.label_ == "DATE" and sets_occasion(ent) and not is_duration(ent.text):
                story.mark_occasion(ent.text)
            elif ent.label_ in ("DATE", "TIME") and custody and _is_length(ent):
                story.lengths[story.paragraph] = ent.text
        story.leave()
    return _merge(mentions, report)


class Narrative:
    """Reference time and agents as a paragraph tells its story.

    The reference date is the last date the paragraph mentioned: events without their own
    date take it, relative dates ("the same day") count from it, and a coarser date of the
    same period ("at year's end" after "In November") does not blur it. An act told
    without its agent has none (SPEC 6.5), unless a participle refers back to an act the
    paragraph told with one ("Police arrested ten journalists. The detained journalists
    included A and B"): that act's agent is given to it; "other people arrested" are not
    the people of that act, and take no agent from it.
    """

    def __init__(self, published: str | None = None) -> None:
        self.published = published
        self.guess = False
        self.dates: dict[int, tuple[str, str]] = {}
        self.agents: dict[tuple[int, str], str] = {}
        self.paragraph = 0
        self.year: int | None = None
        self.current: tuple[str, str] | None = None
        # the actions whose own words set `current` ("" for a date of no act): an act of one of
        # them continues it ("On April 12 a court sentenced X ... It convicted him of ..."); a
        # verb of two acts ("convicted": a charge and a sentence) sets both ("On December 14 a
        # court convicted A. B was sentenced to 16 years": the same proceeding, D26)
        self.current_actions: frozenset[str] = frozenset()
        self.actions: dict[int, frozenset[str]] = {}
        self.background_date = False
        self.lengths: dict[int, str] = {}  # the stated length of the paragraph's last custody
        # the date of an occasion told after the reference ("In a July 13 session, ..."):
        # relative words count from it, but acts without date words keep the reference
        self.occasion: tuple[str, str] | None = None
        self.occasions: dict[int, tuple[str, str] | None] = {}
        # people of each paragraph whose own dated background was told after its reference
        # date ("On April 18 A died ... B, arrested on May 29, was beaten. ... his beating"):
        # their later acts do not take that reference, until a date sets the time anew
        self.backgrounds: dict[int, set[str]] = {}
        # (year, month) the sentence being read writes out in its main clause (stated_month)
        self.sentence_month: tuple[int, int] | None = None
        # (date, words) read with an inferred year: as a reference they give no year (read_date)
        self.guessed: set[tuple[str, str]] = set()

    def enter(self, paragraph: int, year: int | None) -> None:
        self.paragraph, self.year = paragraph, year
        self.current = self.dates.get(paragraph)
        self.current_actions = self.actions.get(paragraph, frozenset())
        self.occasion = self.occasions.get(paragraph)
        # a sentence that dates a person's background ("X, arrested on May 29, was beaten")
        # has a time of its own: its other acts take no date from the paragraph
        self.background_date = False

    def agent(self, action: str, perpetrator: str, anchor: Token) -> str:
        if perpetrator:
            self.agents[(self.paragraph, action)] = perpetrator
            return perpetrator
        if anchor.tag_ == "VBN" and anchor.dep_ in ("amod", "acl") and not _other_people(anchor):
            return self.agents.get((self.paragraph, action), "")
        return ""

    def leave(self) -> None:
        if self.current:
            self.dates[self.paragraph] = self.current
            self.actions[self.paragraph] = self.current_actions
        self.occasions[self.paragraph] = self.occasion

    def mark_occasion(self, words: str) -> None:
        """A dated occasion ("at a May 5 hearing"), the reference of relative words after it."""
        found = self.resolve(words, move=False)
        if found is not None:
            self.occasion = found

    def in_sentence_year(self, words: str, reading: DateReading | None) -> DateReading | None:
        """A month without a year, a few months from the month its sentence writes out with a
        year ("on December 14, 2021, after his arrest on December 10"), belongs to that
        stretch of time, not to the period the report covers."""
        if reading is None or self.sentence_month is None or YEAR_IN_TEXT.search(words) or len(reading.value) < 7:
            return reading
        year, month = self.sentence_month
        value_month = int(reading.value[5:7])
        for candidate in (year, year - 1, year + 1):
            if abs((candidate * 12 + value_month) - (year * 12 + month)) <= SAME_STRETCH_MONTHS:
                if candidate == int(reading.value[:4]):
                    return reading
                return DateReading(f"{candidate:04d}{reading.value[4:]}", reading.guess, reading.note)
        return reading

    def resolve(self, words: str, move: bool, action: str = "") -> tuple[str, str] | None:
        """(ISO date, words) for date words, or None; `move` advances the reference.

        Relative words count from this paragraph's own reference only, deictic ones ("on
        Tuesday", "last year") from the publication date; `guess` tells whether the words
        left the value open (an inferred year, an ambiguous numeric date)."""
        reference = self.occasion or self.current
        reading = read_date(
            words,
            reference=reference[0] if reference else None,
            year=self.year,
            published=self.published,
            latest=self.published,
            reference_guessed=reference in self.guessed,
        )
        reading = self.in_sentence_year(words, reading)
        self.guess = bool(reading and reading.guess)
        if reading is None:
            return None
        value = reading.value
        if reading.guess:
            self.guessed.add((value, words))
        if move and not (self.current and len(value) < len(self.current[0]) and self.current[0].startswith(value)):
            if self.current is None or value != self.current[0]:
                self.current_actions = frozenset({action})
            else:
                self.current_actions |= {action}
            self.current = (value, words)
            self.occasion = None
            self.backgrounds.pop(self.paragraph, None)
        return value, words


def _other_people(participle: Token) -> bool:
    """ "Other leaders arrested included A and B": the participle's noun says its people are
    not those of the act told before, so it does not refer back to that act or its agent."""
    other = set(load_lexicon().roles.other_set_words)
    return any(c.dep_ in ("amod", "det") and c.lower_ in other for c in participle.head.children)


def _add_mentions(
    doc: Doc, trigger: Trigger, sent: Span, story: Narrative, repaired: Repaired, mentions: list[Mention]
) -> None:
    """Mentions of one trigger, one per victim, with the narrative filling gaps."""
    if any(m["blocks"] for m in trigger.get("modifiers", [])):
        return
    perpetrator = story.agent(trigger["action"], _span_text(doc, trigger.get("perpetrator")), doc[trigger["anchor"]])
    own_words = _span_text(doc, trigger.get("date"))
    confidence = trigger["confidence"]
    anchor = doc[trigger["anchor"]]
    cues = date_words().narrative
    state = is_state(anchor, cues)
    if state and own_words and not _gives_start(own_words, cues):
        own_words = ""  # "remained in detention at year's end": a state seen, not an act dated
    span = trigger.get("date")
    # ("was shot on May 1 and died hours later": a trigger that continues its governing verb's
    # act is dated by that verb's clause, arguments.py)
    governor = trigger.get("governor")
    scene = doc[governor] if governor is not None and continues_governor(doc, trigger) else anchor
    if own_words and span and is_sequenced(anchor, cues) and not (scene.left_edge.i <= span[0] <= scene.right_edge.i):
        own_words = ""  # "arrested X that day and later accused him": the date is the first verb's
    if (
        own_words
        and span
        and _after_own_act(anchor, cues)
        and not (anchor.left_edge.i <= span[0] <= anchor.right_edge.i)
    ):
        # "arrested X in March and released her two months after her arrest": the release is
        # counted from the person's own arrest, not dated by the verb it is coordinated with
        own_words = ""
    # a clause about a person ("X, arrested on May 29, was beaten", "X, who was detained in
    # 2019, ...") dates its own act only: it does not set the time of the acts around it
    background = anchor.dep_ in ("acl", "relcl")
    dated = story.resolve(own_words, move=not background, action=trigger["action"]) if own_words else None
    story.background_date = story.background_date or (background and dated is not None)
    if background and dated is not None:
        story.backgrounds.setdefault(story.paragraph, set()).update(
            _person_key(person["name"]) for person in trigger.get("people", []) if person.get("name")
        )
    if dated is not None and story.guess:
        confidence *= 0.85
    inherited = False
    if dated is None:
        before = _length_before_dated_act(anchor, cues)
        if before is not None:
            reading = story.resolve(before[1], move=False)
            began = start_of_length(reading[0], f"for {before[0]}") if reading else None
            dated, inherited = ((began, before[1]), True) if began else (None, False)
    length = story.lengths.get(story.paragraph, "")
    if dated is None and length and trigger["action"] in cues.release_actions and story.current:
        ended = end_of_length(story.current[0], length)
        dated, inherited = ((ended, story.current[1]), True) if ended else (None, False)
    if (
        dated is None
        and story.current
        and not story.background_date
        and (
            trigger["action"] not in cues.later_stage_actions
            or trigger["action"] in story.current_actions
            or within_custody(anchor, cues)
        )
        and not (state or is_present(anchor) or is_sequenced(anchor, cues))
        and not (told_at_a_date(anchor, cues) or has_length(anchor, trigger["action"], cues))
        and not (trigger["action"] in cues.lasting_actions and anchor.lemma_.lower() in cues.holding_lemmas)
    ):
        dated, inherited = story.current, True
        confidence *= 0.9
    date, date_text = dated if dated else ("", "")
    if not trigger.get("people") and not trigger.get("groups"):
        return
    if any(m["category"] == "alleged" for m in trigger.get("modifiers", [])):
        confidence *= 0.85
    if trigger.get("fallback"):
        confidence *= 0.8
    start, end = repaired.original_span(sent.start_char, sent.end_char)
    words = " ".join(doc[i].text for i in trigger["words"])
    # Asserted as a new act: a finite clause of its own, or marked as a repetition.
    repeated = any(t.lower_ in load_lexicon().repetition_cues for t in anchor.children) or trigger.get(
        "repetition", False
    )
    asserted = repeated or (anchor.pos_ in ("VERB", "AUX") and anchor.dep_ in ("ROOT", "conj", "ccomp"))
    # a ResolvedPerson or a GroupVictim; read alike, by the keys each may have
    victims: list[Mapping[str, Any]] = [*trigger.get("people", []), *trigger.get("groups", [])]
    after = _after_own_act(anchor, cues) if dated is None or inherited else None
    listed = _listed_dates(doc, trigger, story, move=not background)
    for person in victims:
        if after is not None and person.get("name"):
            counted = _dated_from_own_act(mentions, person["name"], after[0], cues)
            if counted:
                date, date_text, inherited = counted, after[1], True
        # a listed victim with its own date ("... and B on 15 June") is dated by it alone
        own = _listed_date_of(listed, person["name"]) if listed and person.get("name") else None
        own_past = (
            own is None
            and inherited
            and story.current is not None
            and date == story.current[0]
            and bool(person.get("name"))
            and _person_key(person["name"]) in story.backgrounds.get(story.paragraph, ())
        )  # the person's own past was dated since the reference: it is not their time
        mentions.append(
            Mention(
                action=trigger["action"],
                victim=person.get("name", ""),
                victim_group=person.get("group", ""),
                victim_count=person.get("count"),
                group_key=group_event_key(person, story.paragraph),
                trigger=words,
                rule=trigger["rule"],
                perpetrator=perpetrator,
                place=_span_text(doc, trigger.get("place")),
                destination=_span_text(doc, trigger.get("destination")),
                detail=_span_text(doc, trigger.get("detail")),
                date=own[0] if own else "" if own_past else date,
                date_text=own[1] if own else "" if own_past else date_text,
                own_date=own is not None or (bool(own_words) and dated is not None and dated[1] == own_words),
                date_inherited=own is None and inherited and not own_past,
                start=start,
                end=end,
                paragraph=story.paragraph,
                confidence=round(confidence * (0.85 if person["how"] != "name" else 1.0), 3),
                asserted=asserted,
                repeated=repeated,
            )
        )


def _listed_dates(doc: Doc, trigger: Trigger, story: Narrative, move: bool) -> dict[str, tuple[str, str] | None]:
    """(ISO date, words) by folded victim words for the victims of a list that each have their
    own date ("killed A on 7 January and B on 15 June"); None for those the trigger's own date,
    already read, dates."""
    found: dict[str, tuple[str, str] | None] = {}
    own = tuple(trigger.get("date") or ())
    for start, end, span in _victim_dates(doc, trigger, date_words().narrative):
        read = None if span == own else story.resolve(_span_text(doc, span), move=move, action=trigger["action"])
        found[fold(doc[start:end].text)] = read
    return found


def _listed_date_of(listed: dict[str, tuple[str, str] | None], name: str) -> tuple[str, str] | None:
    """The listed date of the person: by the words that named them, else by their last name
    when no other listed victim shares it ("killed Aly Dominguez on 7 January and Oqueli
    Dominguez on 15 June" are two people)."""
    folded = fold(name)
    if folded in listed:
        return listed[folded]
    key = _person_key(name)
    same = [words for words in listed if _person_key(words) == key]
    return listed[same[0]] if len(same) == 1 else None


def _victim_dates(doc: Doc, trigger: Trigger, cues: NarrativeCues) -> list[tuple[int, int, tuple[int, int]]]:
    """(victim start, end, date span) for a list of named victims each followed by its own
    date: "killed A on 7 January and B on 15 June", "detained A in March, B in May and C in
    July", "A was arrested on 2 May and B on 5 May". A run of victims before a date shares it
    ("abducted A and B on 4 April and C on 9 April"). Only a strict alternation counts, every
    date a time phrase of the verb (its preposition on the verb or inside the list) right
    after its victims, none before the first: "On 2 May police arrested A and B" and "arrested
    A and B on 2 May" keep one date for both."""
    names = sorted((v for v in trigger.get("victims", []) if v["kind"] == "name"), key=lambda v: v["start"])
    if len(names) < 2:
        return []
    anchor = doc[trigger["anchor"]]
    listed = {i for v in names for i in range(v["start"], v["end"])}
    dates: list[tuple[int, int]] = []
    for ent in anchor.sent.ents:
        if ent.label_ != "DATE" or ent.start == 0:
            continue
        prep = doc[ent.start - 1]
        if prep.lower_ not in cues.listed_date_prepositions or ent.root.head.i != prep.i:
            continue
        if is_duration(f"{prep.lower_} {ent.text}") or (prep.head.i != anchor.i and prep.head.i not in listed):
            continue
        dates.append((prep.i, ent.end))
    if len(dates) < 2 or dates[0][0] < names[0]["start"]:
        return []
    found: list[tuple[int, int, tuple[int, int]]] = []
    pending: list[tuple[int, int]] = []

    def follows(date: tuple[int, int]) -> bool:
        """The date comes right after the victims or their own words ("B, her husband, on 5
        May"), or after the verb they are the subject of and its agent."""
        if not pending:
            return False
        last = pending[-1][1]
        if last <= anchor.i:  # ("A was arrested by police on 2 May and B on 5 May")
            agent = {t.i for c in anchor.children if c.dep_ == "agent" for t in c.subtree}
            return date[0] > anchor.i and all(i in agent for i in range(anchor.i + 1, date[0]))
        described = {t.i for t in doc[last - 1].subtree}
        return all(doc[i].is_punct or i in described for i in range(last, date[0]))

    rest = list(dates)
    for victim in names:
        while rest and rest[0][0] < victim["start"]:
            if not follows(rest[0]):
                return []
            found.extend((start, end, rest[0]) for start, end in pending)
            pending = []
            rest.pop(0)
        pending.append((victim["start"], victim["end"]))
    if len(rest) != 1 or not follows(rest[0]):
        return []
    found.extend((start, end, rest[0]) for start, end in pending)
    return found


def _after_own_act(anchor: Token, cues: NarrativeCues) -> tuple[str, str] | None:
    """ "released X several hours after his arrest": the words of the length ("several hours",
    "" when none is given) by which the act follows the person's own custody, and the whole
    phrase, or None."""
    for prep in anchor.children:
        if prep.dep_ != "prep" or prep.lower_ not in cues.own_act_prepositions:
            continue
        for noun in prep.children:
            if (
                noun.dep_ == "pobj"
                and noun.lemma_.lower() in cues.custody_nouns
                and any(c.dep_ == "poss" and c.pos_ == "PRON" for c in noun.children)
            ):
                lengths = [c for c in prep.children if c.dep_ == "npadvmod"]
                first = lengths[0].left_edge.i if lengths else prep.i
                # a bound the parser left outside the length ("over two months after") is
                # still the length's, as the date entity over both shows
                # ("more than", "up to"; not a word the entity took in error, "freed her three")
                entity = next((e for e in prep.doc.ents if e.start <= first < e.end), None) if lengths else None
                while (
                    entity is not None
                    and entity.label_ == "DATE"
                    and entity.start < first
                    and prep.doc[first - 1].pos_ in ("ADP", "ADV", "ADJ", "SCONJ")
                ):
                    first -= 1
                length = prep.doc[first : lengths[0].right_edge.i + 1].text if lengths else ""
                return length, prep.doc[first : prep.right_edge.i + 1].text
    return None


def _person_key(name: str) -> str:
    """The last name, folded: how one person is told again in a paragraph."""
    words = fold(name).split()
    return words[-1] if words else ""


def _length_before_dated_act(anchor: Token, cues: NarrativeCues) -> tuple[str, str] | None:
    """ "On April 18 X died 72 hours after his arrest": a custody noun a stated length before
    an act its clause dates; (the length, the date words of that clause), or None."""
    prep = anchor.head
    if anchor.dep_ != "pobj" or anchor.lemma_.lower() not in cues.custody_nouns:
        return None
    if prep.lower_ not in cues.own_act_prepositions or prep.head.pos_ not in ("VERB", "AUX"):
        return None
    lengths = [c for c in prep.children if c.dep_ == "npadvmod"]
    if not lengths:
        return None
    length = " ".join(t.text for t in lengths[0].subtree)
    for child in prep.head.children:
        if _dated_prep(child):
            return length, anchor.doc[child.i : child.right_edge.i + 1].text
    return None


def _dated_from_own_act(mentions: list[Mention], victim: str, length: str, cues: NarrativeCues) -> str | None:
    """The date of the person's last custody told before, moved on by `length` where it
    counts whole days ("two days after"); hours or no length keep its day."""
    key = fold(victim).split()[-1:]
    for earlier in reversed(mentions):
        if earlier.action in cues.custody_actions and earlier.date and fold(earlier.victim).split()[-1:] == key:
            ended = (
                (end_of_length(earlier.date, f"for {length}") or months_on(earlier.date, length)) if length else None
            )
            if ended:
                return ended
            if not length or "hour" in length.lower():
                return earlier.date
            return None
    return None


def _clause_words(anchor: Token) -> list[Token]:
    """The trigger's word, the verb it completes ("continued to keep", "are suspects") and their
    auxiliaries: where a clause shows its tense and aspect."""
    words = [anchor]
    if anchor.dep_ in ("xcomp", "attr", "acomp", "oprd") and anchor.head.i != anchor.i:
        words.append(anchor.head)
    return words + [c for w in list(words) for c in w.children if c.dep_ in ("aux", "auxpass")]


def is_state(anchor: Token, cues: NarrativeCues) -> bool:
    """The clause tells a state ("remained in custody", "was under investigation", "continued
    to keep him in detention", "was still detained", "jailed economist X"), not an act that
    happened on a day."""
    lemmas = {anchor.lemma_.lower()}
    if anchor.dep_ == "xcomp":
        lemmas.add(anchor.head.lemma_.lower())
    if anchor.dep_ == "pobj" and anchor.head.dep_ == "prep" and anchor.head.head.pos_ in ("VERB", "AUX"):
        # "remained in prison", "stayed under house arrest", "she was in custody": the noun of
        # custody is the state of the verb it completes
        lemmas.add(anchor.head.head.lemma_.lower())
    if described_in_custody(anchor):
        return True
    if any(c.dep_ == "advmod" and c.lower_ in cues.state_adverbs for c in anchor.children):
        return True  # "was still detained at year's end": custody seen, not its start
    if anchor.pos_ == "PRON" and any(
        c.dep_ == "prep"
        and c.lower_ in cues.state_prepositions
        and any(o.lemma_.lower() in cues.state_places for o in c.children)
        for c in anchor.children
    ):
        return True  # "those in detention at year's end": people described by their custody
    return bool(lemmas & set(cues.state_lemmas)) or in_state_setting(anchor, cues)


def described_in_custody(anchor: Token) -> bool:
    """ "included jailed economist X", "his imprisoned brother": a participle that describes a
    person tells what they are, not an act on the paragraph's day. A definite noun phrase refers
    back to the act just told ("The detained journalists included A and B", GUIDELINES D26), and
    a participle right after a noun or a conjunction is a verb the parser misread ("a court
    convicted popstar X", "... and acquitted managers A and B")."""
    if anchor.dep_ != "amod" or anchor.tag_ != "VBN" or anchor.head.i <= anchor.i:
        return False
    if anchor.i > anchor.sent.start and anchor.doc[anchor.i - 1].pos_ in ("NOUN", "PROPN", "CCONJ"):
        return False
    definite = set(load_lexicon().definite_group_determiners)
    return not any(c.dep_ in ("det", "predet") and c.lower_ in definite for c in anchor.head.children)


def in_state_setting(anchor: Token, cues: NarrativeCues) -> bool:
    """ "X continued serving his term in Y prison, where he was held in a cell": a relative
    clause about the place of a state tells that state, not an act on a day. The copula is
    left out ("X was a teacher in Y, where he was arrested")."""
    clause = anchor
    while clause.dep_ in ("conj", "xcomp") and clause.head.i != clause.i:
        clause = clause.head
    adverbs = set(load_lexicon().places.relative_adverbs)
    if clause.dep_ != "relcl" or not any(t.lower_ in adverbs for t in clause.doc[clause.head.i + 1 : clause.i]):
        return False  # "X, who was arrested in 2004, remained in detention": about the person
    if any(c.ent_type_ == "DATE" and c.dep_ in ("nummod", "compound", "amod", "nmod") for c in clause.head.children):
        return False  # "continued into the 2020 incident where police killed X": a dated incident told
    lemmas: set[str] = set()
    for verb in clause.head.ancestors:
        if verb.pos_ in ("VERB", "AUX"):
            lemmas.add(verb.lemma_.lower())
            if verb.dep_ != "xcomp":
                break
    return bool(lemmas & (set(cues.state_lemmas) - {"be"}))


def continues_governor(doc: Doc, trigger: Trigger) -> bool:
    """The trigger's word is coordinated after the verb that governs it ("was shot and died"),
    so it continues that verb's act."""
    governor = trigger.get("governor")
    anchor = doc[trigger["anchor"]]
    return governor is not None and anchor.dep_ == "conj" and anchor.head.i == governor


def is_present(anchor: Token) -> bool:
    """Present tense or present perfect ("are suspects", "is now facing charges", "has been
    held"): true at the time of writing, not at the paragraph's date."""
    return any(word.tag_ in PRESENT_TAGS for word in _clause_words(anchor))


def is_sequenced(anchor: Token, cues: NarrativeCues) -> bool:
    """The act is placed after or before the narrative's time without a date ("later accused",
    "was subsequently arrested", "had earlier been fired")."""
    adverbs = set(cues.sequence_adverbs)
    return any(
        child.dep_ == "advmod" and child.lower_ in adverbs for word in _clause_words(anchor) for child in word.children
    )


def told_at_a_date(anchor: Token, cues: NarrativeCues) -> bool:
    """ "X told media on June 15 that guards transferred him", "In March monitors reported
    police held X": the sentence dates the telling, so the act under it has no date of its own
    and none from the paragraph either (the telling's date was refused in arguments.py). An
    act told second hand ("He added that officers beat him", "Media published evidence that
    police tortured him", "According to the NGO, X was killed") is the teller's account,
    given at a time the paragraph does not set: it takes no date from the paragraph, dated
    telling or not (GUIDELINES D45)."""
    if told_second_hand(anchor, cues):
        return True
    telling = False
    for verb in anchor.ancestors:
        if verb.pos_ in ("VERB", "AUX") and verb.lemma_.lower() in cues.reporting_lemmas:
            telling = True
        # ("On May 2 experts released a letter alleging that X was tortured": the verb above
        # the telling dates it too)
        if telling and verb.pos_ in ("VERB", "AUX"):
            dates = [t for t in verb.children if t.ent_type_ == "DATE" or _dated_prep(t)]
            if dates:
                return True
    return False


def told_second_hand(anchor: Token, cues: NarrativeCues) -> bool:
    """The act is the object of a verb of telling or believing ("X said police beat him",
    "it was believed that she was in custody"), or its clause names its source ("According
    to the NGO, X was killed")."""
    tellers = set(cues.reporting_lemmas) | set(cues.hearsay_lemmas)
    if any(verb.pos_ in ("VERB", "AUX") and verb.lemma_.lower() in tellers for verb in anchor.ancestors):
        return True
    adverbs = set(cues.hearsay_adverbs)
    if any(c.dep_ == "advmod" and c.lower_ in adverbs for word in _clause_words(anchor) for c in word.children):
        return True  # "reportedly interrogated them", "was allegedly beaten"
    sources = set(cues.source_prepositions)
    return any(
        child.dep_ == "prep" and child.lower_ in sources
        for word in [anchor, *anchor.ancestors]
        for child in word.children
    )


def _dated_prep(token: Token) -> bool:
    if token.dep_ != "prep":
        return False
    if any(c.dep_ == "pobj" and c.ent_type_ == "DATE" for c in token.children):
        return True
    # "On 2 May experts released ...": the parser hung the date on the next noun and left the
    # preposition without an object
    following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    return not any(c.dep_ in ("pobj", "pcomp") for c in token.children) and (
        following is not None and following.ent_type_ == "DATE" and following.ent_iob_ == "B"
    )


def has_length(anchor: Token, anchor_action: str, cues: NarrativeCues) -> bool:
    """ "held X incommunicado for five days": custody told by its length is a stretch of time,
    not an act on the paragraph's day (an arrest "for five hours" still happened on one)."""
    return anchor_action in cues.lasting_actions and any(
        prep.dep_ == "prep"
        and prep.lower_ in cues.length_prepositions
        and is_duration(prep.doc[prep.i : prep.right_edge.i + 1].text)
        for word in _clause_words(anchor)
        for prep in word.children
    )


def within_custody(anchor: Token, cues: NarrativeCues) -> bool:
    """The act is told as happening within the custody the paragraph told ("During his latest
    detention, police accused him"): it shares that custody's date."""
    return any(
        child.dep_ == "prep"
        and child.lower_ in cues.within_prepositions
        and any(o.dep_ == "pobj" and o.lemma_.lower() in cues.custody_nouns for o in child.children)
        for word in _clause_words(anchor)
        for child in word.children
    )


def _gives_start(words: str, cues: NarrativeCues) -> bool:
    first = words.split()[0].lower() if words.split() else ""
    return first in cues.state_date_prepositions


def _with_date_flag(rule: str, source: str) -> str:
    """`rule` carrying the paragraph-date flag exactly when `source` (whose date is taken) does."""
    kept = [part for part in rule.split("+") if part != PARAGRAPH_DATE_RULE]
    return "+".join(kept + [PARAGRAPH_DATE_RULE] * (PARAGRAPH_DATE_RULE in source.split("+")))


def place_detail(place: str, facilities: frozenset[str]) -> int:
    """How specific a place is: a named place (1) and a facility in it (1 more)."""
    named = any(word[:1].isupper() for word in place.split())
    facility = any(word in facilities for word in re.findall(r"[a-z0-9-]+", place.lower()))
    return int(named) + int(named and facility)


def _merge(mentions: list[Mention], report: Report) -> list[Event]:
    """One event per (action, person): the most precise date, the first of other fields."""
    actions = load_actions()
    text = report.text
    facilities = frozenset(load_lexicon().facility_words)
    merged: dict[tuple[str, str], list[Mention]] = {}
    for mention in settle(mentions):
        key = (mention.action, fold(mention.victim) or mention.group_key)
        same = merged.setdefault(key, [])
        kept = next((m for m in same if compatible_dates(m, mention)), None)
        if kept is None:
            mention.sources = [mention.rule]
            same.append(mention)
            continue
        # A date the mention states beats one it took from the narrative; then precision wins.
        if (mention.own_date, len(mention.date)) > (kept.own_date, len(kept.date)):
            kept.date, kept.date_text, kept.own_date = mention.date, mention.date_text, mention.own_date
            kept.date_inherited = mention.date_inherited
        for name in ("perpetrator", "place", "destination", "detail"):
            if not getattr(kept, name) and getattr(mention, name):
                setattr(kept, name, getattr(mention, name))
        if place_detail(mention.place, facilities) > place_detail(kept.place, facilities):
            kept.place = mention.place  # "SIZO-1 in the capital Minsk" is more specific than "Mazyr"
        kept.confidence = max(kept.confidence, mention.confidence)
        if mention.rule not in kept.sources:
            kept.sources.append(mention.rule)

    ordered = sorted(
        ((number, mention) for group in merged.values() for number, mention in enumerate(group)),
        key=lambda item: (item[1].start, item[1].action),
    )
    events = []
    for number, mention in ordered:
        events.append(
            Event(
                event_id=event_id(report.report_id, mention.action, mention.victim or group_id_key(mention), number),
                report_id=report.report_id,
                action=mention.action,
                trigger=mention.trigger,
                cameo=actions[mention.action].cameo or "",
                victim=mention.victim,
                perpetrator=mention.perpetrator,
                place=mention.place,
                destination=mention.destination,
                date=mention.date,
                date_text=mention.date_text,
                detail=mention.detail,
                evidence=WHITESPACE.sub(" ", text[mention.start : mention.end]).strip(),
                start_char=mention.start,
                end_char=mention.end,
                confidence=min(1.0, mention.confidence),
                rule="+".join(mention.sources + [PARAGRAPH_DATE_RULE] * mention.date_inherited),
                victim_group=mention.victim_group,
                victim_count=mention.victim_count,
            )
        )
    return events


def combine(parts: list[list[Event]], report_id: str) -> list[Event]:
    """Events of a report annotated in pieces, as if annotated whole: names completed
    across pieces ("Babaryka" -> "Viktar Babaryka"), the same act merged, ids renumbered."""
    if len(parts) == 1:
        return parts[0]
    events = [event for part in parts for event in part]
    fullest: dict[str, str] = {}
    named = [event for event in events if event.victim]  # group events (SPEC 7) keep their own ids
    for event in named:
        words = fold(event.victim).split()
        for other in named:
            theirs = fold(other.victim).split()
            same_person = theirs[-1:] == words[-1:] and (
                len(words) == 1 or len(theirs) == 1 or theirs[0][:1] == words[0][:1]
            )
            if same_person and len(theirs) > len(fold(fullest.get(event.victim, event.victim)).split()):
                fullest[event.victim] = other.victim
    kept: list[Event] = []
    for event in events:
        if not event.victim:
            kept.append(event)
            continue
        event = event.model_copy(update={"victim": fullest.get(event.victim, event.victim)})
        same = next(
            (
                k
                for k in kept
                if (k.action, fold(k.victim)) == (event.action, fold(event.victim))
                and (not k.date or not event.date or k.date.startswith(event.date) or event.date.startswith(k.date))
            ),
            None,
        )
        if same is None:
            kept.append(event)
            continue
        update = {
            name: getattr(event, name)
            for name in ("perpetrator", "place", "destination", "detail")
            if not getattr(same, name)
        }
        if len(event.date) > len(same.date):
            update.update(date=event.date, date_text=event.date_text, rule=_with_date_flag(same.rule, event.rule))
        kept[kept.index(same)] = same.model_copy(update=update)
    counts: dict[tuple[str, str], int] = {}
    renumbered = []
    for event in kept:
        if not event.victim:
            renumbered.append(event)
            continue
        key = (event.action, fold(event.victim))
        number = counts.get(key, 0)
        counts[key] = number + 1
        renumbered.append(
            event.model_copy(update={"event_id": event_id(report_id, event.action, event.victim, number)})
        )
    return renumbered
