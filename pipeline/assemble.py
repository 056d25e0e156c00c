"""From annotated Docs to Event records: realis filter, dates in document order, merge.

This is the only place pydantic records are built from the plain data the components
leave on the Doc.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from hrevents.components.people import fold
from hrevents.dates import PartialDate, is_duration, normalise
from hrevents.models import Event, Report, load_actions
from hrevents.repair import Repaired

REPETITION_CUES = frozenset({"again", "anew"})
YEAR_IN_TEXT = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
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
    asserted: bool = True
    sources: list[str] = field(default_factory=list)


def event_id(report_id: str, action: str, victim: str, number: int = 0) -> str:
    """Stable across runs and machines: depends only on what the event is (and, for a
    repeated act such as a re-arrest, which occurrence it is)."""
    key = f"{report_id}|{action}|{fold(victim)}" + (f"|{number}" if number else "")
    return hashlib.sha1(key.encode()).hexdigest()[:16]


def compatible_dates(kept: Mention, new: Mention) -> bool:
    """Two mentions are one act unless the later one asserts the act anew with a date of
    its own that differs ("detained on June 8" ... "detained him again on August 19");
    a back-reference ("after detaining him for four months", "after her disappearance")
    never starts a new event."""
    if not (new.asserted and kept.date_text and new.date_text and kept.date and new.date):
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


def _span_text(doc: Doc, span: list[int] | tuple[int, int] | None) -> str:
    return doc[span[0] : span[1]].text if span else ""


def _more_precise(a: str, b: str) -> bool:
    return len(b) > len(a)


def assemble(doc: Doc, report: Report, repaired: Repaired) -> list[Event]:
    """Events of one report, merged so each (action, victim) appears once."""
    covers = covered_year(report)
    published = report.meta.published
    years = narrative_years(doc, published.year if published else None)
    paragraph_breaks = [m.start() for m in re.finditer(r"\n\s*\n", repaired.text)]

    def year_at(offset: int) -> int | None:
        if covers is not None:
            return covers
        earlier = [year for start, year in years if start <= offset]
        if earlier:
            return earlier[-1]
        if years:
            return years[0][1]
        return published.year if published else None

    by_sentence: dict[int, list[dict]] = {}
    for trigger in doc._.hr_triggers or []:
        by_sentence.setdefault(doc[trigger["anchor"]].sent.start, []).append(trigger)

    # Reference time: the last date the narrative mentioned in this paragraph. Events
    # without their own date take it; relative dates ("the same day") count from it.
    mentions: list[Mention] = []
    narrative: dict[int, str] = {}
    agents: dict[tuple[int, str], str] = {}
    for sent in doc.sents:
        paragraph = sum(1 for b in paragraph_breaks if b < sent.start_char)
        year = year_at(sent.start_char)
        current = narrative.get(paragraph)
        for trigger in by_sentence.get(sent.start, []):
            current = _add_mentions(doc, trigger, sent, year, current, paragraph, repaired, mentions, agents)
        for ent in sent.ents:
            if ent.label_ == "DATE" and is_adverbial(ent) and not is_duration(ent.text):
                value = normalise(ent.text, current or (str(year) if year else None), year)
                current = advance(current, value)
        if current:
            narrative[paragraph] = current
    return _merge(mentions, report)


def _add_mentions(
    doc: Doc,
    trigger: dict,
    sent: Span,
    year: int | None,
    current: str | None,
    paragraph: int,
    repaired: Repaired,
    mentions: list[Mention],
    agents: dict[tuple[int, str], str],
) -> str | None:
    """Mentions of one trigger (one per victim); returns the updated reference date.

    An act told without its agent ("The detained journalists included ...", "he was
    arrested") takes the agent of the same act last told in the same paragraph.
    """
    if any(m["blocks"] for m in trigger.get("modifiers", [])):
        return current
    perpetrator = _span_text(doc, trigger.get("perpetrator"))
    if perpetrator:
        agents[(paragraph, trigger["action"])] = perpetrator
    else:
        perpetrator = agents.get((paragraph, trigger["action"]), "")
    date_text = _span_text(doc, trigger.get("date"))
    confidence = trigger["confidence"]
    date = ""
    if date_text:
        date = normalise(date_text, current or (str(year) if year else None), year) or ""
    if not date and current:
        date = current
        confidence *= 0.9
    if not trigger.get("people"):
        return advance(current, date) if date_text else current
    if any(m["category"] == "alleged" for m in trigger.get("modifiers", [])):
        confidence *= 0.85
    if trigger.get("fallback"):
        confidence *= 0.8
    start, end = repaired.original_span(sent.start_char, sent.end_char)
    words = " ".join(doc[i].text for i in trigger["words"])
    anchor = doc[trigger["anchor"]]
    # Asserted as a new act: a finite clause of its own, or marked as a repetition.
    asserted = any(t.lower_ in REPETITION_CUES for t in anchor.children) or trigger["rule"].endswith("rearrest") or (
        anchor.pos_ in ("VERB", "AUX") and anchor.dep_ in ("ROOT", "conj", "ccomp")
    )
    for person in trigger["people"]:
        mentions.append(
            Mention(
                action=trigger["action"],
                victim=person["name"],
                trigger=words,
                rule=trigger["rule"],
                perpetrator=perpetrator,
                place=_span_text(doc, trigger.get("place")),
                destination=_span_text(doc, trigger.get("destination")),
                detail=_span_text(doc, trigger.get("detail")),
                date=date,
                date_text=date_text,
                start=start,
                end=end,
                paragraph=paragraph,
                confidence=round(confidence * (0.85 if person["how"] != "name" else 1.0), 3),
                asserted=asserted,
            )
        )
    return advance(current, date) if date_text else current


def advance(current: str | None, value: str | None) -> str | None:
    """The new reference date; "at year's end" does not blur "2005-11" into "2005"."""
    if not value:
        return current
    if current and len(value) < len(current) and current.startswith(value):
        return current
    return value


def _merge(mentions: list[Mention], report: Report) -> list[Event]:
    """One event per (action, person): the most precise date, the first of other fields."""
    actions = load_actions()
    text = report.text
    merged: dict[tuple[str, str], list[Mention]] = {}
    for mention in mentions:
        key = (mention.action, fold(mention.victim))
        same = merged.setdefault(key, [])
        kept = next((m for m in same if compatible_dates(m, mention)), None)
        if kept is None:
            mention.sources = [mention.rule]
            same.append(mention)
            continue
        if _more_precise(kept.date, mention.date):
            kept.date, kept.date_text = mention.date, mention.date_text
        for name in ("perpetrator", "place", "destination", "detail"):
            if not getattr(kept, name) and getattr(mention, name):
                setattr(kept, name, getattr(mention, name))
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
                event_id=event_id(report.report_id, mention.action, mention.victim, number),
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
                rule="+".join(mention.sources),
            )
        )
    return events


__all__ = ["PartialDate", "assemble", "event_id"]
