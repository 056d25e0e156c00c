"""Shared fixtures: the real pipeline is loaded once per session, never at import."""

from __future__ import annotations

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
