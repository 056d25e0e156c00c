"""Mapping tables kept as data: our actions to PLOVER, ACLED and HURIDOCS, and the word lists
the geocoder reads (country aliases and demonyms, administrative and generic words).

Every YAML file here is validated by a pydantic model with ``extra="forbid"``, so a typo in
a table fails loudly when it is loaded; every action of ``models/actions.yaml`` must have
exactly one row in each action table (checked on load and in the tests).
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from typing import Annotated, Any, Literal, Protocol, TypeVar, overload

import yaml
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from hrevents_models.vocabulary import check_action, load_actions

PLOVER_EVENT_TYPES = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)
# POLECAT's quad classes of the PLOVER event types: 1 verbal cooperation, 2 material
# cooperation, 3 verbal conflict, 4 material conflict.
PLOVER_QUAD_CODES: dict[str, int] = {
    **dict.fromkeys(("AGREE", "CONSULT", "SUPPORT"), 1),
    **dict.fromkeys(("CONCEDE", "COOPERATE", "AID", "RETREAT"), 2),
    **dict.fromkeys(("REQUEST", "ACCUSE", "REJECT", "THREATEN"), 3),
    **dict.fromkeys(("PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"), 4),
}

# ACLED codebook: event type -> its sub-event types, and the disorder type it belongs to.
ACLED_SUB_EVENT_TYPES: dict[str, tuple[str, ...]] = {
    "Battles": ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
    "Explosions/Remote violence": (
        "Chemical weapon",
        "Air/drone strike",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
    ),
    "Violence against civilians": ("Sexual violence", "Attack", "Abduction/forced disappearance"),
    "Protests": ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": (
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    ),
}
ACLED_DISORDER_TYPES: dict[str, str] = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Protests": "Demonstrations",
    "Riots": "Demonstrations",
    "Strategic developments": "Strategic developments",
}


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _check_regex(value: str) -> str:
    try:
        re.compile(value)
    except re.error as error:
        raise ValueError(f"trigger pattern {value!r} is not a valid regular expression: {error}") from error
    return value


# --- PLOVER -------------------------------------------------------------------------------


class PloverRefine(Strict):
    """A more specific mode when the trigger words match (e.g. 'tortured' -> ASSAULT/torture).

    With `after_trigger` the pattern is also searched in the words of the evidence that follow
    the trigger, to the end of its sentence: the content of a threat ("threatened her with
    arrest") comes after the verb."""

    trigger: str
    event_type: Literal[PLOVER_EVENT_TYPES] | None = None  # type: ignore[valid-type]
    mode: str = Field(pattern=r"^[a-z_-]*$")
    after_trigger: bool = False

    _regex = field_validator("trigger")(classmethod(lambda cls, v: _check_regex(v)))


class PloverRow(Strict):
    id: str = Field(pattern=r"^plover-[a-z_]+$")
    action: str
    event_type: Literal[PLOVER_EVENT_TYPES]  # type: ignore[valid-type]
    mode: str = Field("", pattern=r"^[a-z_-]*$")
    contexts: list[Annotated[str, Field(pattern=r"^[a-z_]+$")]] = []
    note: str = ""
    refine: list[PloverRefine] = []

    _action = field_validator("action")(classmethod(lambda cls, v: check_action(v)))

    @model_validator(mode="after")
    def _id_names_action(self) -> PloverRow:
        if self.id != f"plover-{self.action}":
            raise ValueError(f"id {self.id!r} must be 'plover-{self.action}'")
        return self


# --- ACLED --------------------------------------------------------------------------------


class AcledRefine(Strict):
    trigger: str
    event_type: str
    sub_event_type: str

    _regex = field_validator("trigger")(classmethod(lambda cls, v: _check_regex(v)))

    @model_validator(mode="after")
    def _known_pair(self) -> AcledRefine:
        _check_acled_pair(self.event_type, self.sub_event_type)
        return self


def _check_acled_pair(event_type: str, sub_event_type: str) -> None:
    if event_type not in ACLED_SUB_EVENT_TYPES:
        raise ValueError(f"unknown ACLED event_type {event_type!r}")
    if sub_event_type not in ACLED_SUB_EVENT_TYPES[event_type]:
        raise ValueError(f"{sub_event_type!r} is not a sub_event_type of {event_type!r}")


class AcledRow(Strict):
    id: str = Field(pattern=r"^acled-[a-z_]+$")
    action: str
    disorder_type: str
    event_type: str
    sub_event_type: str
    fatalities: int = Field(0, ge=0)
    note: str = ""
    refine: list[AcledRefine] = []

    _action = field_validator("action")(classmethod(lambda cls, v: check_action(v)))

    @model_validator(mode="after")
    def _consistent(self) -> AcledRow:
        if self.id != f"acled-{self.action}":
            raise ValueError(f"id {self.id!r} must be 'acled-{self.action}'")
        _check_acled_pair(self.event_type, self.sub_event_type)
        if ACLED_DISORDER_TYPES[self.event_type] != self.disorder_type:
            raise ValueError(
                f"disorder_type {self.disorder_type!r} does not go with {self.event_type!r}"
                f" (expected {ACLED_DISORDER_TYPES[self.event_type]!r})"
            )
        return self


# --- HURIDOCS -----------------------------------------------------------------------------


class Term(Strict):
    """One term of a HURIDOCS Micro-thesaurus: its 12-digit HURIDOCS code and English label."""

    huri_code: str = Field(pattern=r"^\d{12}$")
    term: str = Field(min_length=1)


class HuridocsRefine(Strict):
    trigger: str
    type_of_act: Term

    _regex = field_validator("trigger")(classmethod(lambda cls, v: _check_regex(v)))


class HuridocsRow(Strict):
    id: str = Field(pattern=r"^huridocs-[a-z_]+$")
    action: str
    type_of_act: Term | None
    reason: str = ""  # why an action has no Type of Act (it is then exported as a proceeding)
    note: str = ""
    refine: list[HuridocsRefine] = []

    _action = field_validator("action")(classmethod(lambda cls, v: check_action(v)))

    @model_validator(mode="after")
    def _consistent(self) -> HuridocsRow:
        if self.id != f"huridocs-{self.action}":
            raise ValueError(f"id {self.id!r} must be 'huridocs-{self.action}'")
        if self.type_of_act is None and not self.reason.strip():
            raise ValueError(f"{self.id}: an action left without a Type of Act must say why (reason)")
        return self


class PerpetratorType(Strict):
    """Type of Perpetrator (Micro-thesaurus 24) chosen when the perpetrator text matches."""

    id: str = Field(pattern=r"^perp-[a-z_]+$")
    pattern: str
    type_of_perpetrator: Term

    _regex = field_validator("pattern")(classmethod(lambda cls, v: _check_regex(v)))


class HuridocsTable(Strict):
    acts: list[HuridocsRow]
    perpetrator_types: list[PerpetratorType]
    counting_unit_individual: Term
    counting_unit_group: Term
    degree_of_involvement: Term
    # None where the thesaurus has no term: an exact (day) date carries no date type.
    date_types: dict[Literal["day", "month", "year"], Term | None]
    # A perpetrator whose name starts with one of these words (or ends in a plural "s") is
    # counted as a group: "the police", "unidentified men", "officers".
    group_first_words: list[str] = Field(min_length=1)


class HuridocsPlaces(Strict):
    """Micro-thesaurus 15 (Geographical Terms) at the country level, keyed by ISO alpha-2 code,
    and the sub-regions above them keyed by the first four digits of their code."""

    countries: dict[Annotated[str, Field(pattern=r"^[A-Z]{2}$")], Term]
    regions: dict[Annotated[str, Field(pattern=r"^\d{4}$")], Term]

    def region(self, country: str) -> Term | None:
        """The sub-region (UN M49, as in the thesaurus) of an ISO alpha-2 country code."""
        term = self.countries.get(country)
        return self.regions.get(term.huri_code[:4]) if term else None

    @model_validator(mode="after")
    def _codes_unique(self) -> HuridocsPlaces:
        codes = [term.huri_code for term in self.countries.values()]
        duplicates = sorted({c for c in codes if codes.count(c) > 1})
        if duplicates:
            raise ValueError(f"HURIDOCS codes given to two countries: {duplicates}")
        return self


ACLED_REGIONS = (
    "Western Africa",
    "Middle Africa",
    "Eastern Africa",
    "Southern Africa",
    "Northern Africa",
    "South Asia",
    "Southeast Asia",
    "East Asia",
    "Caucasus and Central Asia",
    "Middle East",
    "Europe",
    "Caribbean",
    "Central America",
    "South America",
    "North America",
    "Oceania",
    "Antarctica",
)
ACLED_SOURCE_SCALES = ("Local", "Subnational", "National", "Regional", "International", "New media", "Other")


class SourceScale(Strict):
    pattern: str
    scale: Literal[ACLED_SOURCE_SCALES]  # type: ignore[valid-type]

    _regex = field_validator("pattern")(classmethod(lambda cls, v: _check_regex(v)))


class AcledContext(Strict):
    """ACLED's region of a country and source scale of a publisher (acled_context.yaml)."""

    subregions: dict[str, Literal[ACLED_REGIONS]]  # type: ignore[valid-type]
    countries: dict[Annotated[str, Field(pattern=r"^[A-Z]{2}$")], Literal[ACLED_REGIONS]]  # type: ignore[valid-type]
    source_scales: list[SourceScale]

    def region(self, country: str) -> str:
        """ACLED's region of an ISO alpha-2 country code, or "" when the tables do not say."""
        if not country:
            return ""
        if country in self.countries:
            return str(self.countries[country])
        subregion = load_huridocs_places().region(country)
        return str(self.subregions.get(subregion.term, "")) if subregion else ""

    def source_scale(self, text: str) -> str:
        for row in self.source_scales:
            if re.search(row.pattern, text, flags=re.IGNORECASE):
                return str(row.scale)
        return ""


# --- geocoder word lists ------------------------------------------------------------------


class CountryNames(Strict):
    """Extra names for one country beyond pycountry's: aliases (short or former names) and demonyms."""

    id: str = Field(pattern=r"^[A-Z]{2}$")
    aliases: list[str] = []
    demonyms: list[str] = []


class PlacesTable(Strict):
    countries: list[CountryNames]
    ambiguous_country_names: list[str]
    admin_words: list[str]
    relation_words: list[str]
    generic_words: list[str]
    connectors: list[str]

    @model_validator(mode="after")
    def _unique(self) -> PlacesTable:
        ids = [row.id for row in self.countries]
        duplicates = {i for i in ids if ids.count(i) > 1}
        if duplicates:
            raise ValueError(f"countries listed twice: {sorted(duplicates)}")
        return self


# --- loading ------------------------------------------------------------------------------


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C loader when PyYAML has it: ~10x faster


def _read(name: str) -> Any:
    """The YAML data of one mapping file (validated by the caller's pydantic model)."""
    return yaml.load(resources.files("hrevents.mappings").joinpath(name).read_text("utf-8"), Loader=_LOADER)


class _ActionRow(Protocol):
    @property
    def action(self) -> str: ...


R = TypeVar("R", bound=_ActionRow)


def _one_row_per_action(rows: list[R], table: str) -> dict[str, R]:
    by_action: dict[str, R] = {}
    for row in rows:
        if row.action in by_action:
            raise ValueError(f"{table}: action {row.action!r} is mapped twice")
        by_action[row.action] = row
    missing = sorted(set(load_actions()) - set(by_action))
    if missing:
        raise ValueError(f"{table}: no row for action(s) {missing}")
    return by_action


@lru_cache(maxsize=1)
def load_plover() -> dict[str, PloverRow]:
    """PLOVER event type and mode per action, keyed by action."""
    rows = [PloverRow.model_validate(row) for row in _read("plover.yaml")]
    return _one_row_per_action(rows, "plover.yaml")


@lru_cache(maxsize=1)
def load_acled() -> dict[str, AcledRow]:
    """ACLED disorder, event and sub-event type per action, keyed by action."""
    rows = [AcledRow.model_validate(row) for row in _read("acled.yaml")]
    return _one_row_per_action(rows, "acled.yaml")


@lru_cache(maxsize=1)
def load_huridocs() -> HuridocsTable:
    """HURIDOCS Types of Acts per action plus the other Micro-thesaurus terms the export uses."""
    table = HuridocsTable.model_validate(_read("huridocs.yaml"))
    _one_row_per_action(table.acts, "huridocs.yaml")
    return table


@lru_cache(maxsize=1)
def load_huridocs_places() -> HuridocsPlaces:
    """The Geographical Terms (Micro-thesaurus 15) of countries, by ISO alpha-2 code."""
    return HuridocsPlaces.model_validate(_read("huridocs_places.yaml"))


@lru_cache(maxsize=1)
def load_acled_context() -> AcledContext:
    """ACLED regions and source scales (acled_context.yaml), checked against the thesaurus's sub-regions."""
    context = AcledContext.model_validate(_read("acled_context.yaml"))
    known = {term.term for term in load_huridocs_places().regions.values()}
    unknown = sorted(set(context.subregions) - known)
    if unknown:
        raise ValueError(f"acled_context.yaml: sub-regions not in huridocs_places.yaml: {unknown}")
    return context


def huridocs_acts() -> dict[str, HuridocsRow]:
    return {row.action: row for row in load_huridocs().acts}


@lru_cache(maxsize=1)
def load_places() -> PlacesTable:
    """Country aliases and demonyms and the word lists of the geocoder."""
    return PlacesTable.model_validate(_read("places.yaml"))


def refined_plover(row: PloverRow, trigger: str, evidence: str = "") -> PloverRefine | None:
    """The first PLOVER refinement that matches the trigger, or (with `after_trigger`) the
    words of `evidence` after the trigger up to the end of that sentence."""
    start = evidence.lower().find(trigger.lower()) if trigger else -1
    after = ""
    if start >= 0:
        after = re.split(r"(?<=[.!?])\s", evidence[start + len(trigger) :], maxsplit=1)[0]
    for refinement in row.refine:
        text = f"{trigger} {after}" if refinement.after_trigger else trigger
        if re.search(refinement.trigger, text, flags=re.IGNORECASE):
            return refinement
    return None


@overload
def refined(row: PloverRow, trigger: str) -> PloverRefine | None: ...
@overload
def refined(row: AcledRow, trigger: str) -> AcledRefine | None: ...
@overload
def refined(row: HuridocsRow, trigger: str) -> HuridocsRefine | None: ...
def refined(
    row: PloverRow | AcledRow | HuridocsRow, trigger: str
) -> PloverRefine | AcledRefine | HuridocsRefine | None:
    """The first refinement of `row` whose pattern matches the trigger words, if any."""
    refinements: list[PloverRefine] | list[AcledRefine] | list[HuridocsRefine] = row.refine
    for refinement in refinements:
        if re.search(refinement.trigger, trigger, flags=re.IGNORECASE):
            return refinement
    return None


__all__ = [
    "ACLED_DISORDER_TYPES",
    "ACLED_SUB_EVENT_TYPES",
    "PLOVER_EVENT_TYPES",
    "AcledRow",
    "HuridocsPlaces",
    "HuridocsRow",
    "HuridocsTable",
    "PlacesTable",
    "PloverRow",
    "Term",
    "huridocs_acts",
    "load_acled",
    "load_acled_context",
    "load_huridocs",
    "load_huridocs_places",
    "load_places",
    "load_plover",
    "refined",
    "refined_plover",
]
