"""A report as read from disk: its text, its front matter and its identity."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, field_validator


class ReportMeta(BaseModel):
    """Front matter of SPEC section 3; every key optional, unknown keys kept in `extra`."""

    model_config = ConfigDict(extra="forbid")

    title: str | None = None
    published: dt.date | None = None
    covers: str | None = None
    source: str | None = None
    licence: str | None = None
    extra: dict[str, str] = {}

    @field_validator("covers", mode="before")
    @classmethod
    def _covers_as_text(cls, value: object) -> object:
        # YAML reads `covers: 2005` as an int; the SPEC defines it as text ("2004", "2019-2020").
        return str(value) if isinstance(value, int) else value


class Report(BaseModel):
    """The report text exactly as read (front matter included, so offsets match the file)."""

    model_config = ConfigDict(extra="forbid")

    report_id: str
    path: str
    text: str
    body_start: int = 0
    meta: ReportMeta = ReportMeta()
    encoding: str = "utf-8"
