"""Shared fixtures: the real pipeline is loaded once per session, never at import."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"


@pytest.fixture(scope="session")
def nlp():
    """The full pipeline (English model + hrevents components)."""
    from hrevents.nlp import build_pipeline

    return build_pipeline()


@pytest.fixture(scope="session")
def extractor(nlp):
    from hrevents.extract import Extractor

    return Extractor(nlp=nlp)


@pytest.fixture(scope="session")
def extract_text(extractor):
    """Events of a short text, as a report with optional front matter."""
    from hrevents.reader import report_from_text

    def run(text: str, covers: str | None = "2020"):
        front = f'---\ncovers: "{covers}"\n---\n' if covers else ""
        return extractor.extract(report_from_text(front + text, "test"))

    return run


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return CORPUS


MODEL_FIXTURES = frozenset({"nlp", "extractor", "extract_text"})


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A test that asks for the English pipeline is a `model` test even if its module forgot the
    marker, so `-m "not model"` never loads the model."""
    for item in items:
        if MODEL_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.model)


# A report with an emoji (UTF-16 offsets differ from code points), a collapsed line break, an
# optional event with an alias and a choice of dates, and an incomplete report: the hard cases
# of every annotation round trip.
EMOJI_TEXT = "Intro 😀 text.\nOn 7 or 8 September   police\narrested Masha Kolesnikova in Minsk. Dyleusky was fined.\n"
EMOJI_GOLD = {
    "report_id": "r",
    "text_file": "reports/r.txt",
    "published": None,
    "complete": False,
    "events": [
        {
            "action": "arrest",
            "victim": "Maryia Kalesnikava",
            "date": ["2020-09-07", "2020-09-08"],
            "perpetrator": "police",
            "place": "Minsk",
            "destination": None,
            "detail": None,
            "evidence": "police arrested Masha Kolesnikova in Minsk.",
            "optional": True,
            "victim_aliases": ["Masha Kolesnikova"],
        },
        {
            "action": "sentence",
            "victim": "Syarhei Dyleusky",
            "date": None,
            "perpetrator": "a judge",
            "place": None,
            "destination": None,
            "detail": None,
            "evidence": "Dyleusky was fined.",
        },
    ],
}


@pytest.fixture
def write_emoji_gold(tmp_path: Path):
    """Writes the emoji report under tmp_path/reports and its gold (with `rejected` events if
    given); returns the gold's path."""

    def write(rejected: list[dict] | None = None) -> Path:
        (tmp_path / "reports").mkdir(exist_ok=True)
        (tmp_path / "reports" / "r.txt").write_text(EMOJI_TEXT, encoding="utf-8")
        gold = {**EMOJI_GOLD, **({"rejected": rejected} if rejected else {})}
        path = tmp_path / "gold.jsonl"
        path.write_text(json.dumps(gold, ensure_ascii=False) + "\n", encoding="utf-8")
        return path

    return write
