"""Pseudonymised exports: no victim name survives anywhere, re-identification is exact."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hrevents.cli import app
from hrevents.pseudonymise import (
    PSEUDONYM,
    load_key,
    names_to_hide,
    pseudonym,
    pseudonymise_text,
    reidentify_text,
)
from hrevents.writers import write_events
from hrevents_models import Event

# Invented people; the second sentence names the first victim by surname only.
EVIDENCE = "On 3 May police arrested Jana Orlova and the lawyer Petr Malenko in Port Vell."
LATER = "Orlova was released on bail; Malenko's detention was extended."


def events() -> list[Event]:
    common = {
        "report_id": "r",
        "cameo": "173",
        "perpetrator": "police",
        "place": "Port Vell",
        "rule": "test",
        "date": "2021-05-03",
        "confidence": 0.9,
    }
    return [
        Event(
            event_id="a",
            action="arrest",
            trigger="arrested",
            victim="Jana Orlova",
            evidence=EVIDENCE,
            start_char=0,
            end_char=len(EVIDENCE),
            **common,
        ),
        Event(
            event_id="b",
            action="arrest",
            trigger="arrested",
            victim="Petr Malenko",
            evidence=EVIDENCE,
            start_char=0,
            end_char=len(EVIDENCE),
            detail="Malenko held under Article 361",
            **common,
        ),
        Event(
            event_id="c",
            action="release",
            trigger="was released",
            victim="Jana Orlova",
            evidence=LATER,
            start_char=80,
            end_char=80 + len(LATER),
            **{**common, "cameo": "0841"},
        ),
    ]


NAMES = ("Jana", "Orlova", "Petr", "Malenko")


@pytest.fixture
def key_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "config" / "pseudonym.key"
    monkeypatch.setenv("HREVENTS_PSEUDONYM_KEY", str(path))
    return path


def test_names_and_their_parts_longest_first() -> None:
    assert names_to_hide(events()) == ["Petr Malenko", "Jana Orlova", "Malenko", "Orlova", "Jana", "Petr"]


def test_pseudonyms_are_keyed_and_stable(key_file: Path) -> None:
    key = load_key()
    assert key_file.stat().st_mode & 0o777 == 0o600
    assert load_key() == key  # made once, then read
    assert pseudonym(key, "Jana Orlova") == pseudonym(key, "Jana Orlova")
    assert pseudonym(key, "Jana Orlova") != pseudonym(b"another key of 16+ bytes", "Jana Orlova")
    assert PSEUDONYM.fullmatch(pseudonym(key, "Jana Orlova"))


def test_text_round_trip_and_words_only() -> None:
    key = b"k" * 32
    text = "Jana Orlova met Orlova's lawyer; Janay and Petrov are other people."
    hidden, table = pseudonymise_text(text, key, ["Jana Orlova", "Orlova", "Jana"])
    assert "Orlova" not in hidden and "Janay and Petrov" in hidden
    assert reidentify_text(hidden, table) == text
    with pytest.raises(ValueError, match="already contains pseudonyms"):
        pseudonymise_text(hidden, key, ["Jana"])


@pytest.mark.parametrize(
    ("fmt", "suffix"), [("huridocs", ".json"), ("plover", ".csv"), ("acled", ".csv"), ("plover", ".jsonl")]
)
def test_no_name_survives_and_reidentify_is_exact(tmp_path: Path, key_file: Path, fmt: str, suffix: str) -> None:
    source = write_events(events(), tmp_path / "events.csv")
    runner = CliRunner()
    plain = tmp_path / f"plain{suffix}"
    hidden = tmp_path / f"hidden{suffix}"
    table = tmp_path / "names.csv"
    assert runner.invoke(app, ["export", str(source), "--format", fmt, "--out", str(plain)]).exit_code == 0
    result = runner.invoke(
        app,
        ["export", str(source), "--format", fmt, "--out", str(hidden), "--pseudonymise", "--names-table", str(table)],
    )
    assert result.exit_code == 0, result.output
    text = hidden.read_text("utf-8")
    for name in NAMES:
        assert not re.search(rf"\b{name}\b", text, re.IGNORECASE), name  # as a word, in any case
    assert PSEUDONYM.search(text)
    assert table.stat().st_mode & 0o777 == 0o600
    restored = tmp_path / f"restored{suffix}"
    result = runner.invoke(app, ["reidentify", str(hidden), "--names-table", str(table), "--out", str(restored)])
    assert result.exit_code == 0, result.output
    assert restored.read_bytes() == plain.read_bytes()


def test_without_names_table_no_table_is_written(tmp_path: Path, key_file: Path) -> None:
    source = write_events(events(), tmp_path / "events.csv")
    out = tmp_path / "out.csv"
    result = CliRunner().invoke(app, ["export", str(source), "--format", "acled", "--out", str(out), "--pseudonymise"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["config", "datapackage.json", "events.csv", "out.csv"]
