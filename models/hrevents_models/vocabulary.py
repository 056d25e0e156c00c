"""The action vocabulary of SPEC section 2, read from package data.

Keeping the vocabulary in a data file means a new action is a data change; every record
that names an action is validated against this one table.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

import yaml
from pydantic import BaseModel, ConfigDict, Field


class Action(BaseModel):
    """One row of the SPEC's action table."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(pattern=r"^[a-z_]+$")
    description: str
    cameo: str | None = None


@lru_cache(maxsize=1)
def load_actions() -> dict[str, Action]:
    """Return the vocabulary keyed by action name (cached: the file never changes in a run)."""
    text = resources.files("hrevents_models").joinpath("actions.yaml").read_text("utf-8")
    rows = [Action.model_validate(row) for row in yaml.safe_load(text)]
    return {row.name: row for row in rows}


def check_action(value: str) -> str:
    """Validator shared by event and gold records."""
    if value not in load_actions():
        raise ValueError(f"unknown action {value!r}; known: {', '.join(load_actions())}")
    return value
