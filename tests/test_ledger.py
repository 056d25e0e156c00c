"""The pipeline version: from an allowlist of what shapes extraction, so other edits keep results current."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import hrevents
import hrevents_models
from hrevents.ledger import IN_VERSION, source_digest, version_files

PACKAGES = {"hrevents": Path(hrevents.__file__).parent, "hrevents_models": Path(hrevents_models.__file__).parent}


@pytest.fixture
def packages(tmp_path: Path) -> dict[str, Path]:
    """A copy of both packages' folders, to edit."""
    copies = {}
    for name, root in PACKAGES.items():
        copies[name] = tmp_path / name
        shutil.copytree(root, copies[name], ignore=shutil.ignore_patterns("__pycache__"))
    return copies


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text("utf-8") + text, encoding="utf-8")


@pytest.mark.parametrize(
    "edited",
    ["review.py", "batch.py", "writers.py", "cli.py", "scoring/scorer.py", "scoring/geo.py", "mappings/acled.yaml"],
)
def test_editing_what_does_not_shape_events_keeps_the_version(packages: dict[str, Path], edited: str) -> None:
    before = source_digest(packages)
    append(packages["hrevents"] / edited, "\n# an edit\n")
    assert source_digest(packages) == before


@pytest.mark.parametrize(
    ("package", "edited"),
    [
        ("hrevents", "rules/triggers.yaml"),
        ("hrevents", "components/people.py"),
        ("hrevents", "assemble.py"),
        ("hrevents", "geo/phrases.py"),
        ("hrevents", "mappings/places.yaml"),
        ("hrevents", "reader.py"),
        ("hrevents_models", "event.py"),
    ],
)
def test_editing_what_shapes_events_changes_the_version(packages: dict[str, Path], package: str, edited: str) -> None:
    before = source_digest(packages)
    append(packages[package] / edited, "\n# an edit\n")
    assert source_digest(packages) != before


def test_every_allowlist_entry_names_something() -> None:
    for name, entries in IN_VERSION.items():
        root = PACKAGES[name]
        for entry in entries:
            assert version_files(root, (entry,)), f"{name}/{entry} in IN_VERSION names no file"


def test_everything_extraction_imports_is_in_the_version() -> None:
    """A module extraction runs but the allowlist misses would leave stale results current."""
    probe = (
        "import json, sys, hrevents.extract, hrevents.nlp, hrevents.reader, hrevents.work\n"
        "import importlib.metadata as m\n"
        "for point in m.entry_points(group='spacy_factories'):\n"
        "    if point.value.startswith('hrevents.'): point.load()\n"
        "print(json.dumps(sorted(n for n in sys.modules if n.split('.')[0] in ('hrevents', 'hrevents_models'))))"
    )
    loaded = json.loads(subprocess.run([sys.executable, "-c", probe], capture_output=True, check=True).stdout)
    # Orchestration around one report's extraction: how it is scheduled and recorded, not what it finds.
    orchestration = {"hrevents.work", "hrevents.ledger", "hrevents.manifest"}
    covered = {path for name, root in PACKAGES.items() for path in version_files(root, IN_VERSION[name])}
    missing = []
    for module in loaded:
        if module in orchestration:
            continue
        spec = sys.modules.get(module) or __import__(module, fromlist=["_"])
        if Path(spec.__file__) not in covered:
            missing.append(module)
    assert missing == []
