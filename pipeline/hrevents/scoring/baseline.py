"""The keyword baseline: every PERSON in a sentence with an action keyword is an event.

It shows what the rules add: syntax for who did what to whom, modality, coreference,
dates. It uses the same spaCy model but none of the extractor's components.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from importlib import resources

import spacy
import yaml
from spacy.language import Language

from hrevents_models import Event, Report, load_actions


@lru_cache(maxsize=1)
def keywords() -> dict[str, str]:
    data = yaml.safe_load(resources.files("hrevents.scoring").joinpath("baseline_keywords.yaml").read_text("utf-8"))
    actions = load_actions()
    return {lemma: action for action, lemmas in data.items() if action in actions for lemma in lemmas}


def load_baseline_model(model: str) -> Language:
    return spacy.load(model)


def baseline_events(nlp: Language, report: Report) -> list[Event]:
    body = report.text[report.body_start :]
    doc = nlp(body)
    actions = load_actions()
    table = keywords()
    events: dict[tuple[str, str], Event] = {}
    for sent in doc.sents:
        found = {table[t.lemma_.lower()] for t in sent if t.lemma_.lower() in table}
        people = [ent for ent in sent.ents if ent.label_ == "PERSON"]
        for action in sorted(found):
            for person in people:
                key = (action, person.text)
                if key in events:
                    continue
                start, end = report.body_start + sent.start_char, report.body_start + sent.end_char
                events[key] = Event(
                    event_id=hashlib.sha1(f"{report.report_id}|{action}|{person.text}".encode()).hexdigest()[:16],
                    report_id=report.report_id,
                    action=action,
                    trigger="",
                    cameo=actions[action].cameo or "",
                    victim=person.text,
                    evidence=" ".join(report.text[start:end].split()),
                    start_char=start,
                    end_char=end,
                    confidence=0.5,
                    rule="baseline",
                )
    return list(events.values())
