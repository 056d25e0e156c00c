"""OCR of scanned PDF pages with Debian's tesseract (`tesseract-ocr` + `tesseract-ocr-eng`).

A scan has no text layer; without OCR extraction silently finds nothing, so `pdf_report`
calls `ocr_pages` for image-only pages (mode `auto`, the default), for every page (`always`)
or never (`never`: the "needs OCR" error). The page images are the ones embedded in the PDF
(a scanner writes one per page; pypdf extracts it, no renderer needed), read by the
`tesseract` program through a subprocess, so no Python binding is needed either. The text
layer's provenance goes into the report's metadata (`extra["text_layer"]`).

The mode comes from `hrevents extract --ocr`, which sets `HREVENTS_OCR` in the environment:
reading a report takes only its bytes and name everywhere (pool workers, Dask), and worker
processes inherit the environment.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from hrevents.errors import ReportError

OcrMode = Literal["auto", "always", "never"]
OCR_MODES: tuple[OcrMode, ...] = ("auto", "always", "never")
OCR_ENV = "HREVENTS_OCR"
LANGUAGE = "eng"
INSTALL = "apt-get install tesseract-ocr tesseract-ocr-eng"
# Images smaller than this (either side, in pixels) are logos or rules, not a scanned page.
MIN_IMAGE_SIDE = 200
OCR_TIMEOUT_SECONDS = 300


@dataclass(frozen=True)
class Tesseract:
    program: str
    version: str


def ocr_mode() -> OcrMode:
    value = os.environ.get(OCR_ENV, "auto").strip().lower() or "auto"
    if value not in OCR_MODES:
        raise ValueError(f"{OCR_ENV}={value!r}: use one of {', '.join(OCR_MODES)}")
    return value


def use_ocr_mode(mode: str) -> None:
    """Set the mode for this process and the workers it starts; an unknown mode is a usage error."""
    import typer

    if mode.strip().lower() not in OCR_MODES:
        raise typer.BadParameter(f"{mode!r}: use one of {', '.join(OCR_MODES)}", param_hint="--ocr")
    os.environ[OCR_ENV] = mode.strip().lower()


@lru_cache(maxsize=1)
def find_tesseract() -> Tesseract | None:
    """The tesseract program with English data, or None where either is missing."""
    program = shutil.which("tesseract")
    if program is None:
        return None
    try:
        langs = subprocess.run([program, "--list-langs"], capture_output=True, text=True, timeout=30, check=False)
        version = subprocess.run([program, "--version"], capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    if LANGUAGE not in langs.stdout.split():
        return None
    first = (version.stdout or version.stderr).splitlines()
    return Tesseract(program, first[0].strip() if first else "tesseract")


def missing_tesseract(name: str, reason: str) -> ReportError:
    return ReportError(name, f"{reason}; OCR needs tesseract with its English data: {INSTALL}")


def page_images(page: Any) -> list[Any]:
    """The page's embedded images large enough to be a scan, as PIL images."""
    found = []
    for image in page.images:
        picture = image.image
        if picture is not None and min(picture.size) >= MIN_IMAGE_SIDE:
            found.append(picture)
    return found


def ocr_image(picture: Any, tesseract: Tesseract) -> str:
    with tempfile.TemporaryDirectory(prefix="hrevents-ocr-") as folder:
        path = Path(folder) / "page.png"
        picture.convert("L").save(path)
        # --psm 3: automatic page segmentation (columns found), the default of the command line.
        result = subprocess.run(
            [tesseract.program, str(path), "stdout", "-l", LANGUAGE, "--psm", "3"],
            capture_output=True,
            text=True,
            timeout=OCR_TIMEOUT_SECONDS,
            check=False,
        )
    if result.returncode != 0:
        raise RuntimeError(f"tesseract failed: {result.stderr.strip()[:300]}")
    return result.stdout.replace("\f", "")


def ocr_pages(pdf: Any, pages: list[str], which: list[int], name: str) -> tuple[list[str], str]:
    """`pages` with the pages at `which` replaced by their OCR text; and the provenance note."""
    tesseract = find_tesseract()
    if tesseract is None:
        raise missing_tesseract(name, f"no text layer, needs OCR ({len(which)} of {len(pages)} pages without text)")
    done = list(pages)
    read = []
    for index in which:
        pictures = page_images(pdf.pages[index])
        if not pictures:
            continue
        try:
            done[index] = "\n".join(ocr_image(picture, tesseract).strip("\n") for picture in pictures)
        except (OSError, RuntimeError, subprocess.SubprocessError) as error:
            raise ReportError(name, f"OCR of page {index + 1} failed: {error}") from error
        read.append(index + 1)
    note = f"ocr: {tesseract.version} ({LANGUAGE}), pages {_ranges(read)}" if read else ""
    return done, note


def _ranges(numbers: list[int]) -> str:
    parts: list[str] = []
    for number in numbers:
        if parts and "-" not in parts[-1].split(",")[-1] and int(parts[-1]) == number - 1:
            parts[-1] = f"{parts[-1]}-{number}"
        elif parts and "-" in parts[-1] and int(parts[-1].split("-")[1]) == number - 1:
            parts[-1] = f"{parts[-1].split('-')[0]}-{number}"
        else:
            parts.append(str(number))
    return ", ".join(parts)
