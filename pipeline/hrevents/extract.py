"""The extractor: report in, events out. Wires reader output, repair, the first pass, spaCy
and assembly.

A report goes: repair -> the first pass (`hrevents.prefilter`: only the sentences that can hold
an act, with the context they need) -> pieces of bounded size (`hrevents.chunks`) -> spaCy ->
assembly. A component that fails on one piece loses only that piece's paragraph where it
failed: the piece is annotated again paragraph by paragraph, and the paragraph that still
fails becomes a warning naming the report, the characters and the component, while the
report's other events are kept.
"""

from __future__ import annotations

import contextlib
import itertools
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from spacy.language import Language
from spacy.tokens import Doc

from hrevents.assemble import assemble, combine, covered_year, last_year
from hrevents.chunks import paragraph_pieces, pieces
from hrevents.geo import geocode_events
from hrevents.nlp import DEFAULT_MODEL, build_pipeline
from hrevents.prefilter import Prefilter, prefilter_enabled
from hrevents.repair import Repaired, repair
from hrevents_models import Event, Report

C = TypeVar("C")
PIECE_CHARS = 20_000
KEYS = itertools.count(1)


class PassageFailures:
    """spaCy error handler that records which component failed on which doc, by the doc's
    context key, instead of stopping the stream (spaCy then drops that doc). Docs that are
    not the extractor's (no key) fail as spaCy would fail them."""

    def __init__(self) -> None:
        self.pending: set[int] = set()
        self.failed: dict[int, tuple[str, BaseException]] = {}

    def __call__(self, name: str, component: object, docs: list[Doc], error: Exception) -> None:
        keys: list[int] = [getattr(doc, "_context", -1) for doc in docs]
        if not keys or any(key not in self.pending for key in keys):
            raise error
        for key in keys:
            self.failed[key] = (name, error)


def component_warnings(doc: Doc, report: Report, part: Repaired) -> list[str]:
    """Failures a component caught itself and left on `doc._.hr_warnings` (the trained
    candidates component keeps the rules' events when it fails), naming report and passage."""
    if not Doc.has_extension("hr_warnings"):
        return []
    start, end = part.original_span(0, len(part.text))
    return [f"{report.report_id}: characters {start}-{end}: {message}" for message in doc._.hr_warnings or []]


def _install_handler(nlp: Language) -> PassageFailures:
    """One `PassageFailures` per pipeline, shared by the extractors that use it. Components
    spaCy compiled without an `error_handler` slot (the parser in spaCy 3.8) keep raising; a
    failure there fails the batch's report, as before."""
    handler = nlp.default_error_handler
    if isinstance(handler, PassageFailures):
        return handler
    handler = PassageFailures()
    nlp.default_error_handler = handler
    for _, component in nlp.pipeline:
        if hasattr(component, "set_error_handler"):
            with contextlib.suppress(AttributeError):
                component.set_error_handler(handler)
    return handler


@dataclass
class Extracted(Generic[C]):
    """One report's result: its events, the warnings a user must see, the caller's context."""

    report: Report
    events: list[Event]
    warnings: list[str]
    context: C


@dataclass
class _Piece(Generic[C]):
    key: int
    report: Report
    part: Repaired
    context: C
    last: bool
    warnings: list[str]


@dataclass
class _Progress:
    """What is carried from piece to piece of one report: events so far (small) and the year."""

    found: list[list[Event]] = field(default_factory=list)
    year: int | None = None


@dataclass
class Counts:
    """Words the first pass saw and kept, since the extractor was made (for benchmarks)."""

    words: int = 0
    kept: int = 0


class Extractor:
    """Holds one loaded pipeline; reuse it across reports (loading costs seconds).

    `piece_chars` bounds the text spaCy sees at once: longer texts are annotated in pieces
    (see `hrevents.chunks`), which keeps memory flat whatever the report's length.
    `prefilter=False` sends every sentence through the pipeline (the slow path, to compare);
    left out, the `HREVENTS_PREFILTER` environment variable decides (`0` turns it off), so
    that pool workers follow `hrevents extract --no-prefilter`.
    """

    def __init__(
        self,
        model: str = DEFAULT_MODEL,
        nlp: Language | None = None,
        piece_chars: int = PIECE_CHARS,
        prefilter: bool | None = None,
    ) -> None:
        self.model = model
        self.nlp = nlp if nlp is not None else build_pipeline(model)
        self.piece_chars = piece_chars
        self.prefilter = Prefilter(self.nlp, enabled=prefilter_enabled() if prefilter is None else prefilter)
        self.counts = Counts()
        self.failures = _install_handler(self.nlp)

    def extract(self, report: Report) -> list[Event]:
        return next(self.pipe([report]))[1]

    def pipe(
        self, reports: Iterable[Report], batch_size: int = 8, n_process: int = 1
    ) -> Iterator[tuple[Report, list[Event]]]:
        """Events per report, in input order, streaming (memory does not grow with the batch)."""
        for result in self.pipe_results(((r, None) for r in reports), batch_size, n_process):
            yield result.report, result.events

    def pipe_with_context(
        self, items: Iterable[tuple[Report, C]], batch_size: int = 8, n_process: int = 1
    ) -> Iterator[tuple[Report, list[Event], C]]:
        """As `pipe`, carrying a caller's context object along with each report."""
        for result in self.pipe_results(items, batch_size, n_process):
            yield result.report, result.events, result.context

    def plan(self, report: Report) -> tuple[list[Repaired], list[str]]:
        """The pieces of text the pipeline must annotate for this report, and warnings."""
        selection = self.prefilter.select(repair(report.text, report.body_start), covered_year(report) is not None)
        kept, words = selection.words()
        self.counts.words += words
        self.counts.kept += kept
        warnings = [
            f"{report.report_id}: characters {start}-{end} not annotated: {why}"
            for start, end, why in selection.dropped
        ]
        return list(pieces(selection.text(), self.piece_chars)), warnings

    def pipe_results(
        self, items: Iterable[tuple[Report, C]], batch_size: int = 8, n_process: int = 1
    ) -> Iterator[Extracted[C]]:
        """Events and warnings per report, in input order, streaming."""
        pending: deque[_Piece[C]] = deque()

        def texts() -> Iterator[tuple[str, int]]:
            for report, context in items:
                parts, warnings = self.plan(report)
                for number, part in enumerate(parts, start=1):
                    key = next(KEYS)
                    self.failures.pending.add(key)
                    pending.append(_Piece(key, report, part, context, number == len(parts), warnings))
                    yield part.text, key

        progress = _Progress()
        docs = self.nlp.pipe(texts(), as_tuples=True, batch_size=batch_size, n_process=n_process)
        for doc, key in docs:
            while pending[0].key != key:  # spaCy dropped the docs a component failed on
                yield from self._finish(pending.popleft(), None, progress)
            yield from self._finish(pending.popleft(), doc, progress)
        while pending:
            yield from self._finish(pending.popleft(), None, progress)

    def _finish(self, piece: _Piece[C], doc: Doc | None, progress: _Progress) -> Iterator[Extracted[C]]:
        self.failures.pending.discard(piece.key)
        failure = self.failures.failed.pop(piece.key, None)
        if doc is not None:
            try:
                progress.found.append(assemble(doc, piece.report, piece.part, progress.year))
                progress.year = last_year(doc, piece.report) or progress.year
            except Exception as error:
                failure = ("assemble", error)
            piece.warnings.extend(component_warnings(doc, piece.report, piece.part))
        if failure is not None:
            self._by_paragraph(piece, progress)
        if not piece.last:
            return
        report = piece.report
        events = combine(progress.found, report.report_id)
        try:
            events = geocode_events(events, report)
        except Exception as error:
            piece.warnings.append(f"{report.report_id}: places not geocoded: {type(error).__name__}: {error}")
        progress.found, progress.year = [], None
        yield Extracted(report, events, piece.warnings, piece.context)

    def _by_paragraph(self, piece: _Piece[C], progress: _Progress) -> None:
        """Annotate a failed piece again paragraph by paragraph; warn for each that still fails."""
        report = piece.report
        for part in paragraph_pieces(piece.part):
            key = next(KEYS)
            self.failures.pending.add(key)
            failure: tuple[str, BaseException] | None = None
            try:
                docs = list(self.nlp.pipe([(part.text, key)], as_tuples=True))
                if docs:
                    doc = docs[0][0]
                    progress.found.append(assemble(doc, report, part, progress.year))
                    progress.year = last_year(doc, report) or progress.year
                    piece.warnings.extend(component_warnings(doc, report, part))
            except Exception as problem:
                failure = ("assemble", problem)
            self.failures.pending.discard(key)
            failure = self.failures.failed.pop(key, None) or failure
            if failure is not None:
                name, error = failure
                start, end = part.original_span(0, len(part.text))
                piece.warnings.append(
                    f"{report.report_id}: characters {start}-{end}: {name} failed: {type(error).__name__}: "
                    f"{' '.join(str(error).split())}; this passage's events are missing, the others are kept"
                )
