"""Label Studio import and export: label or correct gold in the tool people already use.

Export (`annotate export`): one Label Studio task per report, its text as `data.text`.
Gold events become an annotation (to correct) and extracted events become predictions
(pre-annotations to accept or fix). Import (`annotate import`): the annotations of a
Label Studio JSON export back into the gold JSONL of SPEC section 5.

How an event is drawn (the labelling config is `label_config()`):

- a span labelled with the action (`arrest`, `release` …): the words that express it;
- spans labelled `VICTIM`, `PERPETRATOR`, `PLACE`, `DESTINATION`, `DATE`, `DETAIL` and
  `EVIDENCE`, each joined to the action span by a relation. One action span with two
  VICTIM spans is two events ("arrested A and B").
- per-region text boxes on the action span: `date_iso` (ISO date, alternatives split by
  `|`) and `extra` (`field: value` lines for values not written as a span); on a VICTIM
  or other argument span, `value` holds the normalised value when it differs from the words
  (the victim's fullest name where the sentence says "Babaryka"), and `aliases` (on VICTIM)
  other spellings, one a line. A per-region choice `optional` marks a borderline event.
- the report-level choice `incomplete` gives `complete: false`.

Offsets in Label Studio are UTF-16 units of `data.text`; they are converted here.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from xml.sax.saxutils import quoteattr

import yaml
from pydantic import ValidationError

from hrevents import __version__
from hrevents.models import Event, GoldEvent, GoldReport, load_actions
from hrevents.reader import read_report
from hrevents.review import (
    code_point_offsets,
    collapse,
    find_passage,
    index_report_files,
    keep_mode,
    passage_offsets,
    utf16_offsets,
)
from hrevents.writers import atomic_path

FROM_NAME = "label"
TO_NAME = "text"
ARGUMENTS = {  # span label -> event field
    "VICTIM": "victim",
    "PERPETRATOR": "perpetrator",
    "PLACE": "place",
    "DESTINATION": "destination",
    "DATE": "date_text",
    "DETAIL": "detail",
    "EVIDENCE": "evidence",
}
FIELD_LABEL = {value: key for key, value in ARGUMENTS.items()}
COLOURS = {
    "VICTIM": "#aa9cfc",
    "PERPETRATOR": "#7aecec",
    "PLACE": "#feca74",
    "DESTINATION": "#ff9561",
    "DATE": "#bfe1d9",
    "DETAIL": "#e4e7d2",
    "EVIDENCE": "#d9d9d9",
}
ACTION_COLOUR = "#ffeb80"
EXTRA_FIELDS = ("victim", "perpetrator", "place", "destination", "detail")
SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s+|\n\s*\n")
ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


class AnnotationError(ValueError):
    """A Label Studio file that cannot be used at all."""


# ---------------------------------------------------------------- the labelling config


def label_config() -> str:
    """The Label Studio labelling interface (XML) that the exported tasks are made for."""
    actions = load_actions()
    labels = [
        f"    <Label value={quoteattr(name)} background={quoteattr(ACTION_COLOUR)} hint={quoteattr(action.description)}/>"
        for name, action in actions.items()
    ]
    labels += [f"    <Label value={quoteattr(name)} background={quoteattr(COLOURS[name])}/>" for name in ARGUMENTS]
    relations = "".join(f'\n    <Relation value="{name.lower()}"/>' for name in ARGUMENTS)
    return f"""<View>
  <Header value="$report_id"/>
  <Labels name="{FROM_NAME}" toName="{TO_NAME}">
{chr(10).join(labels)}
  </Labels>
  <Relations>{relations}
  </Relations>
  <Text name="{TO_NAME}" value="$text"/>
  <View visibleWhen="region-selected">
    <Header value="Selected span"/>
    <TextArea name="date_iso" toName="{TO_NAME}" perRegion="true" editable="true" maxSubmissions="1"
              placeholder="On an action span: the date as YYYY, YYYY-MM or YYYY-MM-DD (alternatives: a | b)"/>
    <TextArea name="value" toName="{TO_NAME}" perRegion="true" editable="true" maxSubmissions="1"
              placeholder="On a VICTIM (or other) span: the value when it differs from the words (fullest name)"/>
    <TextArea name="aliases" toName="{TO_NAME}" perRegion="true" editable="true" maxSubmissions="1"
              placeholder="On a VICTIM span: other spellings in the report, one a line"/>
    <TextArea name="extra" toName="{TO_NAME}" perRegion="true" editable="true" maxSubmissions="1"
              placeholder="On an action span: field: value lines for values not marked as spans"/>
    <Choices name="flags" toName="{TO_NAME}" perRegion="true" choice="multiple">
      <Choice value="optional"/>
    </Choices>
  </View>
  <Choices name="report" toName="{TO_NAME}" choice="single">
    <Choice value="incomplete" hint="Only some events of this report are labelled"/>
  </Choices>
</View>
"""


# ---------------------------------------------------------------- export


@lru_cache_keywords := None  # placeholder replaced below (keeps mypy quiet about redefinition)
