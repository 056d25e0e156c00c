"""The extractor: report in, events out. Wires reader output, repair, spaCy and assembly."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TypeVar

from spacy.language import Language

from hrevents.assemble import assemble
from hrevents.geo import geocode_events
from hrevents.models import Event, Report
from hrevents.nlp import DEFAULT_MODEL, build_pipeline
from hrevents.repair import Repaired, repair

C = TypeVar("C")


class Extractor:
    """Holds one loaded pipeline; reuse it across reports (loading costs seconds)."""

    def __init__(self, model: str = DEFAULT_MODEL, nlp: Language | None = None) -> None:
        self.model = model
        self.nlp = nlp if nlp is not None else build_pipeline(model)

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

        def texts() -> Iterator[tuple[str, tuple[Report, Repaired, C]]]:
            for report, context in items:
                repaired = repair(report.text, report.body_start)
                yield repaired.text, (report, repaired, context)

        docs = self.nlp.pipe(texts(), as_tuples=True, batch_size=batch_size, n_process=n_process)
        for doc, (report, repaired, context) in docs:
            yield report, geocode_events(assemble(doc, report, repaired), report), context
