"""The extractor: report in, events out. Wires reader output, repair, spaCy and assembly."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TypeVar

from spacy.language import Language

from hrevents.assemble import assemble, combine, last_year
from hrevents.chunks import pieces
from hrevents.geo import geocode_events
from hrevents.nlp import DEFAULT_MODEL, build_pipeline
from hrevents.repair import Repaired, repair
from hrevents_models import Event, Report

C = TypeVar("C")
PIECE_CHARS = 100_000


class Extractor:
    """Holds one loaded pipeline; reuse it across reports (loading costs seconds).

    `piece_chars` bounds the text spaCy sees at once: longer reports are annotated in
    pieces (see `hrevents.chunks`), which keeps memory flat whatever the report's length.
    """

    def __init__(self, model: str = DEFAULT_MODEL, nlp: Language | None = None, piece_chars: int = PIECE_CHARS) -> None:
        self.model = model
        self.nlp = nlp if nlp is not None else build_pipeline(model)
        self.piece_chars = piece_chars

    def extract(self, report: Report) -> list[Event]:
        return next(self.pipe([report]))[1]

    def pipe(
        self, reports: Iterable[Report], batch_size: int = 8, n_process: int = 1
    ) -> Iterator[tuple[Report, list[Event]]]:
        """Events per report, in input order, streaming (memory does not grow with the batch)."""
        for report, events, _ in self.pipe_with_context(((r, None) for r in reports), batch_size, n_process):
            yield report, events

    def pipe_with_context(
        self, items: Iterable[tuple[Report, C]], batch_size: int = 8, n_process: int = 1
    ) -> Iterator[tuple[Report, list[Event], C]]:
        """As `pipe`, carrying a caller's context object along with each report."""

        def texts() -> Iterator[tuple[str, tuple[Report, Repaired, C, bool]]]:
            for report, context in items:
                parts = list(pieces(repair(report.text, report.body_start), self.piece_chars))
                for number, part in enumerate(parts, start=1):
                    yield part.text, (report, part, context, number == len(parts))

        found: list[list[Event]] = []
        year: int | None = None
        docs = self.nlp.pipe(texts(), as_tuples=True, batch_size=batch_size, n_process=n_process)
        for doc, (report, part, context, last) in docs:
            found.append(assemble(doc, report, part, year))
            year = last_year(doc, report) or year
            if last:
                yield report, geocode_events(combine(found, report.report_id), report), context
                found, year = [], None
