"""One way for tests to build an `Event` record: every required field has a plain default, and a
test names only the fields its check is about. Imported by test modules (pytest puts tests/ on
the path), never by the package."""

from __future__ import annotations

from typing import Any

from hrevents_models import Event

DEFAULTS: dict[str, Any] = {
    "event_id": "x",
    "report_id": "r1",
    "action": "arrest",
    "trigger": "arrested",
    "evidence": "e",
    "start_char": 0,
    "end_char": 1,
    "confidence": 1.0,
    "rule": "test",
}


def make_event(**fields: Any) -> Event:
    """An event record with `fields` over the defaults. There is no default victim: a test says
    whether its event is named (`victim`) or a group (`victim_group`, SPEC 7)."""
    return Event.model_validate(DEFAULTS | fields)
