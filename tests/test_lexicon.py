"""The lexicon holds the English word lists the components use, and only those: every
entry is read by some part of the package (no dead lists, no lists left in Python)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from hrevents.rules.schema import Lexicon, load_lexicon

PACKAGE = Path(__file__).resolve().parent.parent / "pipeline" / "hrevents"


def _sources() -> str:
    return "\n".join(path.read_text("utf-8") for path in PACKAGE.rglob("*.py") if path.name != "schema.py")


@pytest.mark.parametrize("field", sorted(Lexicon.model_fields))
def test_every_lexicon_entry_is_read_by_the_package(field):
    assert re.search(rf"\.{field}\b", _sources()), f"lexicon entry {field!r} is read by nothing"


def test_lexicon_entries_are_lower_case_words():
    lexicon = load_lexicon()
    for field in Lexicon.model_fields:
        value = getattr(lexicon, field)
        if field == "tokenizer_special_cases" or not isinstance(value, list | dict):
            continue  # nested records carry their own checks
        words = [word for word in value if isinstance(word, str)]
        assert all(word == word.lower() for word in words), field
