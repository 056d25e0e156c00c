"""Plain pydantic records shared by the extractor, the writers and the scorer.

Nothing here imports spaCy: the scorer and other tools depend on these records only.
"""

from hrevents_models.event import EVENT_COLUMNS, INTERVAL_COLUMNS, OUTPUT_COLUMNS, Event, date_interval
from hrevents_models.gold import GoldEvent, GoldFile, GoldGroupEvent, GoldReport, RejectedEvent, load_gold
from hrevents_models.report import Report, ReportMeta
from hrevents_models.vocabulary import Action, load_actions

__all__ = [
    "EVENT_COLUMNS",
    "INTERVAL_COLUMNS",
    "OUTPUT_COLUMNS",
    "Action",
    "Event",
    "GoldEvent",
    "GoldFile",
    "GoldGroupEvent",
    "GoldReport",
    "RejectedEvent",
    "Report",
    "ReportMeta",
    "date_interval",
    "load_actions",
    "load_gold",
]
