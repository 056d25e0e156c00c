"""Helpers shared by test modules (pytest puts tests/ on the path; the package never imports
this): one way to build an `Event` record, with a plain default for every required field so that
a test names only the fields its check is about, and one way to import a script of `scripts/`.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType
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


SCRIPTS = Path(__file__).resolve().parent.parent / "scripts"


def load_script(name: str) -> ModuleType:
    """`scripts/<name>.py` as a module: the scripts are not a package, and their dataclasses look
    their module up in `sys.modules` while the file runs."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, SCRIPTS / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module
