"""The contract ships with the project: docs/SPEC.md stays identical to the shared SPEC.

Users have no ../shared folder, so the README and --help point at docs/SPEC.md; where the shared
copy is present (development machines and CI), any drift between the two is a failure.
"""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "docs" / "SPEC.md"
SHARED = ROOT.parent / "shared" / "SPEC.md"


def test_spec_is_shipped():
    assert SHIPPED.is_file()
    assert "## 7. Group events" in SHIPPED.read_text("utf-8")


@pytest.mark.skipif(not SHARED.is_file(), reason="no ../shared/SPEC.md beside this checkout")
def test_spec_copy_is_identical_to_the_shared_contract():
    assert SHIPPED.read_bytes() == SHARED.read_bytes()
