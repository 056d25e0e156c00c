"""Pseudonymised exports: every victim's name replaced by a stable pseudonym, reversibly for the key holder.

Victims' names can put them at risk once a file leaves the organisation. A plain hash of a
name is no protection (names are guessable: hash a list of names and compare), so the
pseudonym is an HMAC-SHA256 of the name under a secret key that stays on the user's machine
(`default_key_path`, created on first use, readable by its owner only). The same name under
the same key always gives the same pseudonym, so a pseudonymised file can still be counted
and joined; without the key nobody can test a guess.

The replacement is done on the exported file's text, after the exporter wrote it, so every
field of every format (evidence, trigger, detail, notes, titles …) is covered: each victim's
full name and each part of it ("Dyleusky" alone) wherever it stands as a word. The
pseudonym-to-name table is written only where asked (`--names-table`); with it
`reidentify_text` gives back the original text exactly.
"""

from __future__ import annotations

import csv
import hashlib
import hmac
import io
import os
import re
import secrets
from collections.abc import Iterable
from pathlib import Path

from hrevents_models import Event

PREFIX = "Person-"
DIGEST_CHARS = 12
PSEUDONYM = re.compile(rf"{PREFIX}[0-9a-f]{{{DIGEST_CHARS}}}")
KEY_ENV = "HREVENTS_PSEUDONYM_KEY"
TABLE_HEADER = ("pseudonym", "name")
# A name part shorter than this ("A.", "de") would replace ordinary words and initials.
MIN_PART_CHARS = 3


def default_key_path() -> Path:
    """`$HREVENTS_PSEUDONYM_KEY`, else `~/.config/hrevents/pseudonym.key` (XDG_CONFIG_HOME respected)."""
    if os.environ.get(KEY_ENV):
        return Path(os.environ[KEY_ENV])
    config = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
    return config / "hrevents" / "pseudonym.key"


def load_key(path: Path | None = None, create: bool = True) -> bytes:
    """The secret key (32 random bytes, stored as hex); created with mode 0600 when missing."""
    path = Path(path) if path else default_key_path()
    if not path.exists():
        if not create:
            raise ValueError(f"{path}: no pseudonym key")
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w", encoding="ascii") as handle:
            handle.write(secrets.token_hex(32) + "\n")
    text = path.read_text("ascii").strip()
    try:
        key = bytes.fromhex(text)
    except ValueError as error:
        raise ValueError(f"{path}: not a pseudonym key (64 hexadecimal digits)") from error
    if len(key) < 16:
        raise ValueError(f"{path}: the pseudonym key is too short")
    return key


def pseudonym(key: bytes, name: str) -> str:
    return PREFIX + hmac.new(key, name.encode("utf-8"), hashlib.sha256).hexdigest()[:DIGEST_CHARS]


def names_to_hide(events: Iterable[Event]) -> list[str]:
    """Every victim's name and its parts, longest first (so a full name goes before its parts)."""
    names: set[str] = set()
    for event in events:
        if not event.victim:
            continue
        names.add(event.victim)
        for part in re.split(r"[\s,]+", event.victim):
            part = part.strip(".,;:()[]\"'")
            if len(part) >= MIN_PART_CHARS and any(ch.isalpha() for ch in part):
                names.add(part)
    return sorted(names, key=lambda name: (-len(name), name))


def pseudonymise_text(text: str, key: bytes, names: list[str]) -> tuple[str, dict[str, str]]:
    """`text` with each name (as a whole word) replaced by its pseudonym; and the pseudonym-to-name table."""
    if PSEUDONYM.search(text):
        raise ValueError("the file already contains pseudonyms; re-identify it first")
    if not names:
        return text, {}
    table = {pseudonym(key, name): name for name in names}
    by_name = {name: code for code, name in table.items()}
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(name) for name in names) + r")(?!\w)")
    return pattern.sub(lambda match: by_name[match.group(0)], text), table


def reidentify_text(text: str, table: dict[str, str]) -> str:
    """The inverse of `pseudonymise_text` with its table."""

    def restore(match: re.Match[str]) -> str:
        code = match.group(0)
        if code not in table:
            raise ValueError(f"pseudonym {code} is not in the names table (another key?)")
        return table[code]

    return PSEUDONYM.sub(restore, text)


def write_table(path: Path, table: dict[str, str]) -> None:
    """The pseudonym-to-name table as CSV, readable by its owner only: it undoes the protection."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(TABLE_HEADER)
    writer.writerows(sorted(table.items()))
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8", newline="") as handle:
        handle.write(buffer.getvalue())


def read_table(path: Path) -> dict[str, str]:
    with Path(path).open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    if not rows or tuple(rows[0]) != TABLE_HEADER:
        raise ValueError(f"{path}: not a names table (header {','.join(TABLE_HEADER)})")
    return {row[0]: row[1] for row in rows[1:] if len(row) == 2}


def pseudonymise_file(path: Path, events: list[Event], key: bytes) -> dict[str, str]:
    """Rewrite an exported file in place with pseudonyms; returns the table."""
    from hrevents.writers import atomic_path

    text, table = pseudonymise_text(Path(path).read_text("utf-8"), key, names_to_hide(events))
    with atomic_path(Path(path)) as temporary:
        temporary.write_text(text, encoding="utf-8")
    return table


def reidentify_file(source: Path, table_path: Path, out: Path) -> Path:
    from hrevents.writers import atomic_path

    text = reidentify_text(Path(source).read_text("utf-8"), read_table(table_path))
    with atomic_path(Path(out)) as temporary:
        temporary.write_text(text, encoding="utf-8")
    return Path(out)
