"""A web page's main text and its dates, for `hrevents.formats.html_report`.

Hand-made rules ("take `<main>`, else the largest `<article>`, else `<body>`") keep what a
div-based news page puts around its story: cookie banner, menu, share bar, a "Related
stories" sidebar whose teaser links read like events ("Police arrest activist …"), footer.
trafilatura is built and evaluated for exactly this (main-text extraction), so it decides
what the story is; this module turns its XML into the report text, one paragraph per block,
so a heading never runs into the sentence after it.

Dates: `published` comes from the page's JSON-LD `datePublished`, then its meta tags, then
htmldate (which reads many more places, but may prefer a "modified" date); `covers` from a
heading that names the year reported on (`mappings/covers.yaml`). Both are recorded with
where they came from (`ReportMeta.extra["published_from"]`, `["covers_from"]`), because a
wrong year silently shifts every date written without one.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field

HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
META_DATES = (
    {"property": "article:published_time"},
    {"name": "date"},
    {"name": "dcterms.date"},
    {"name": "DC.date"},
    {"itemprop": "datePublished"},
)
LINE = "\u2028"  # a `<br>`: the XML's own line breaks are only indentation
BLOCKS = frozenset({"head", "p", "item", "quote", "code", "row"})


class CoversExample(BaseModel):
    model_config = ConfigDict(extra="forbid")
    heading: str
    covers: str


class CoversRule(BaseModel):
    """A heading pattern whose `year` group (plus `offset`) is the year a report covers."""

    model_config = ConfigDict(extra="forbid")
    id: str
    source: str
    pattern: str
    offset: int = 0
    examples: list[CoversExample] = Field(min_length=1)

    def covers(self, heading: str) -> str | None:
        match = re.search(self.pattern, " ".join(heading.split()), re.I)
        return str(int(match.group("year")) + self.offset) if match else None


@lru_cache(maxsize=1)
def covers_rules() -> tuple[CoversRule, ...]:
    text = resources.files("hrevents.mappings").joinpath("covers.yaml").read_text(encoding="utf-8")
    return tuple(CoversRule.model_validate(row) for row in yaml.safe_load(text))


def covers_from_headings(headings: list[str]) -> tuple[str, str] | None:
    """(covered year, where it came from) from the first heading a rule recognises."""
    for heading in headings:
        for rule in covers_rules():
            year = rule.covers(heading)
            if year is not None:
                return year, f"heading {' '.join(heading.split())!r} ({rule.id})"
    return None


@dataclass(frozen=True)
class PageDate:
    value: dt.date
    source: str


def published_date(soup: Any, html: Callable[[], str]) -> PageDate | None:
    """The page's publication date: JSON-LD `datePublished`, meta tags, then htmldate.
    `html` gives the page's markup, which only htmldate reads: serialising a whole country
    report costs a tenth of a second, and most pages give their date before it is needed."""
    for script in soup.find_all("script", attrs={"type": "application/ld+json"}):
        for value in _json_ld_values(script.get_text(), "datePublished"):
            day = _iso_day(value)
            if day is not None:
                return PageDate(day, "JSON-LD datePublished")
    for attrs in META_DATES:
        tag = soup.find("meta", attrs=attrs)
        day = _iso_day(str(tag.get("content", ""))) if tag else None
        if day is not None:
            key, value = next(iter(attrs.items()))
            return PageDate(day, f"meta {key}={value}")
    import htmldate

    # extensive_search would read dates out of the report's own text (the events' dates).
    found = htmldate.find_date(html(), original_date=True, extensive_search=False)
    day = _iso_day(found or "")
    return PageDate(day, "htmldate (original date)") if day is not None else None


def _json_ld_values(text: str, key: str) -> Iterator[str]:
    try:
        data = json.loads(text)
    except ValueError:
        return
    stack = [data]
    while stack:
        item = stack.pop(0)
        if isinstance(item, dict):
            if isinstance(item.get(key), str):
                yield item[key]
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def _iso_day(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def main_text(soup: Any) -> str:
    """The story of the page as text: paragraphs (and headings, list items, table rows) apart."""
    import trafilatura

    # A heading's id is an anchor for the page's table of contents ("report-toc__section-1" on
    # state.gov); trafilatura's discard rules read "toc" in it and dropped every section of the
    # report with its heading. What a heading is called says nothing about boilerplate.
    for tag in soup.find_all(HEADINGS):
        tag.attrs = {}
    xml = trafilatura.extract(
        str(soup), output_format="xml", include_tables=True, include_comments=False, config=_trafilatura_config()
    )
    if not xml:
        return ""
    from lxml import etree

    root = etree.fromstring(xml.encode("utf-8"))
    body = root.find("main")
    return "\n\n".join(_blocks(body if body is not None else root))


@lru_cache(maxsize=1)
def _trafilatura_config() -> Any:
    """trafilatura's defaults, except that a short story is still a story.

    Below MIN_EXTRACTED_SIZE (250 characters) it falls back to a "baseline" that returns the
    whole page as one paragraph, menus included; a short press release is a report too.
    """
    from trafilatura.settings import use_config

    config = use_config()
    config.set("DEFAULT", "MIN_EXTRACTED_SIZE", "1")
    config.set("DEFAULT", "MIN_OUTPUT_SIZE", "1")
    return config


def _blocks(element: Any) -> Iterator[str]:
    for child in element:
        if child.tag in BLOCKS:
            text = _block_text(child)
            if text:
                yield text
        elif child.tag in ("list", "table", "div"):
            yield from _blocks(child)
        else:
            text = _block_text(child)
            if text:
                yield text


def _block_text(element: Any) -> str:
    """A block's words, `<lb/>` (a `<br>` in the page) kept as a line break."""
    parts: list[str] = []

    def walk(node: Any) -> None:
        if node.tag == "lb":
            parts.append(LINE)
        elif node.text:
            parts.append(node.text)
        for child in node:
            walk(child)
            if child.tail:
                parts.append(child.tail)
        if node.tag == "cell":
            parts.append(" ")

    walk(element)
    lines = (" ".join(line.split()) for line in "".join(parts).split(LINE))
    return "\n".join(line for line in lines if line)
