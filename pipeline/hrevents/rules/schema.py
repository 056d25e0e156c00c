"""Pydantic models for the rule files: a typo in a rule fails at load time, not silently.

Every record has an `id` so that an event's `rule` column names the record that made it.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from hrevents_models.vocabulary import check_action

RULE_ID = r"^[a-z0-9_.-]+$"

VictimRole = Literal["patient", "subject", "possessor", "object_or_subject", "recipient"]
SubjectFallback = Literal["always", "indefinite", "never"]
ModifierCategory = Literal["negated", "hypothetical", "attempted", "threatened", "demanded", "alleged"]


class TriggerRule(BaseModel):
    """Words that express an action, and where the victim stands relative to them.

    `pattern` is a spaCy `Matcher` token pattern. The trigger's anchor is the token at
    `anchor` in the match, or that token's syntactic head when `anchor_head` is set ("took
    X into custody" matches "into custody" and anchors on "took"; a preposition in between
    is skipped). `supersedes` names rules whose trigger on the same anchor, or on the noun
    the anchor verb acts on, this one replaces ("beat X to death" is a killing, not also
    ill-treatment; "dropped the case against X" an acquittal, not also an investigation). `context_only`: the
    pattern's words other than the anchor stay free for other triggers ("died after his
    arrest" is a killing and an arrest). `repetition`: the words say the act happened again
    ("re-arrested"), so it is a new event, not a mention of the first. `person_agent_blocks`:
    the act is no event when a person, not an institution, does it ("he accused X of lying"
    is no charge; nor are people holding no office, or a statement: "videos accusing X").
    `agent_blocks`: doers (the head word of the perpetrator, lower case) whose act this is
    not ("authorities abducted X": the authorities' taking of a person is an arrest or a
    disappearance, never an abduction, SPEC 2). `agent_action`: the action the act is when one
    of those doers does it (GUIDELINES D11: "X was abducted by security forces" is an arrest);
    left out, such an act is no event. The event keeps the rule's id, so its provenance shows
    which words it was read from.
    `clause_date: false`: the words name a state ("the exiled editor") that the date of
    their clause does not date. `clause_agent: false`: whoever the clause names as
    doer found or reported the act ("police found X dead"), so it is never the perpetrator.
    `forbid_complement_lemmas`: a complement, particle or modifier of the anchor that gives
    it another sense, in which no one is in custody ("held accountable", "held off", "cardiac
    arrest"), or one another rule reads as its own act ("held hostage" is an abduction):
    with one of them, the trigger is no event.
    `possessor_preps`: the prepositions that name the victim of a noun ("an investigation
    into X", "a raid on X's home"). `subject_fallback`: whether a trigger with no victim in its
    own phrase takes its clause's subject: `always` (the noun is the ground of the clause's own
    act, "X remained in custody on trumped-up charges", so a definite or plural noun still
    belongs to the clause's person), `indefinite` (only a noun that does not point back to an act
    told elsewhere or speak of acts in general: "X was sent to a camp upon release" is X's, "the
    minister condemned the abduction" and "X pledged to end arbitrary arrests" are no one's),
    or `never` ("rights groups condemned a killing"). Left out, it is `always` for the
    `object_or_subject` role, which is that ground reading, and `indefinite` for every other
    role; `false` and `true` are read as `never` and `indefinite`. `xcomp_patient`: a verb with
    no object of its own acts on the object of the infinitive it governs ("threatened to kill X"),
    or, where that object names no one, on the object of the infinitive's `xcomp_preps`
    ("threatened to take measures against X").
    `agent_preps`: the prepositions of the trigger's words that name its doer ("threats
    from officials"). `custodian_compound`: the custody the words state is held by the force
    that modifies its noun ("was in NSS custody", "remained in police custody"); a death "in
    police custody" names no killer, so the rules of other acts leave it out.
    `undone_by`: verbs coordinated with the trigger by "but" that say the act
    did not take effect ("was granted bail but remained in prison": no release).
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=RULE_ID)
    action: str
    pattern: list[dict[str, Any]] = Field(min_length=1)
    anchor: int = 0
    anchor_head: bool = False
    anchor_lemmas: list[str] = []
    supersedes: list[str] = []
    victim: VictimRole
    governor_lemmas: list[str] = []
    require_patient_lemmas: list[str] = []
    forbid_patient_lemmas: list[str] = []
    forbid_complement_lemmas: list[str] = []
    ccomp_subject: bool = False
    xcomp_patient: bool = False
    xcomp_preps: list[str] = []
    context_only: bool = False
    repetition: bool = False
    person_agent_blocks: bool = False
    agent_blocks: list[str] = []
    agent_action: str | None = None
    clause_date: bool = True
    clause_agent: bool = True
    possessor_preps: list[str] = ["of", "against"]
    subject_fallback: SubjectFallback = "indefinite"
    agent_preps: list[str] = []
    custodian_compound: bool = False
    undone_by: list[str] = []
    place_preps: list[str] = ["in", "at"]
    destination_preps: list[str] = []
    detail_preps: list[str] = []
    confidence: float = Field(default=0.85, ge=0.0, le=1.0)
    examples: list[str] = Field(min_length=1)

    @model_validator(mode="before")
    @classmethod
    def _default_fallback(cls, data: Any) -> Any:
        """The role decides the fallback a record does not state (see the class docstring)."""
        if isinstance(data, dict) and data.get("subject_fallback") is None:
            role_default = "always" if data.get("victim") == "object_or_subject" else "indefinite"
            data = {**data, "subject_fallback": role_default}
        return data

    @field_validator("subject_fallback", mode="before")
    @classmethod
    def _fallback_from_bool(cls, value: Any) -> Any:
        """Records written when the fallback was yes/no keep their meaning."""
        if isinstance(value, bool):
            return "indefinite" if value else "never"
        return value

    @property
    def specificity(self) -> int:
        """Ranks rules matching the same anchor: more constrained rules win."""
        return len(self.pattern) + 3 * bool(self.governor_lemmas) + bool(self.require_patient_lemmas)

    @model_validator(mode="after")
    def _check(self) -> TriggerRule:
        check_action(self.action)
        if not 0 <= self.anchor < len(self.pattern):
            raise ValueError(f"{self.id}: anchor {self.anchor} outside the pattern")
        return self


class ModifierRule(BaseModel):
    """A ConText-style cue that changes whether a trigger is a realis event.

    `scope` says how the cue reaches the trigger: `governor` (the cue word governs the
    trigger, "tried to enter", "avoid expulsion"), `child` (a dependent of the trigger,
    "not arrested"), `sentence` (anywhere before the trigger in its sentence), `window`
    (one of the `window` tokens just before it: "court orders to free them", where the
    parser often attaches the infinitive elsewhere). `light_verbs` (child scope): verbs that
    perform a noun trigger ("carry out", "conduct"); a cue on such a verb whose object is the
    trigger modifies it ("had not carried out the execution of X"). `screened_by` (governor
    scope): nouns that, met between the trigger and the cue, take the cue for themselves
    ("demanded an inquiry into the killing of X": the inquiry is demanded, the killing is
    the inquiry's fact).
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=RULE_ID)
    category: ModifierCategory
    scope: Literal["governor", "child", "sentence", "window"]
    window: int = Field(default=0, ge=0, le=5)
    lemmas: list[str] = []
    lower: list[str] = []
    deps: list[str] = []
    light_verbs: list[str] = []
    screened_by: list[str] = []
    blocks: bool = True
    examples: list[str] = Field(min_length=1)

    @model_validator(mode="after")
    def _has_cue(self) -> ModifierRule:
        if not (self.lemmas or self.lower or self.deps):
            raise ValueError(f"{self.id}: a modifier needs lemmas, lower or deps")
        return self


class GroupLexicon(BaseModel):
    """Words for group victims (SPEC section 7): counts, bounds, vague quantities, group heads."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    units: dict[str, int]
    multipliers: dict[str, int]
    bounds: list[str]
    approximations: list[str]
    range_words: list[str]
    partitive_words: list[str]
    quantity_nouns: list[str]
    heads: list[str]
    single_person_nouns: list[str]
    single_determiners: list[str]
    single_possessives: list[str]
    anaphoric_heads: list[str]
    irrealis_governors: list[str]
    negated_nouns: list[str]
    period_words: list[str]
    duration_prepositions: list[str]
    statistic_nouns: list[str]
    open_period_modifiers: list[str]
    open_period_nouns: list[str]
    state_verbs: list[str]
    generic_cues: list[str]
    counted_act_nouns: list[str] = []
    restatement_heads: list[str] = []
    comitative_prepositions: list[str] = []
    comitative_modifiers: list[str] = []
    target_prepositions: list[str] = []
    negative_determiners: list[str] = []
    vague_quantity_nouns: list[str] = []
    victim_nouns: list[str] = []
    share_prepositions: list[str] = []
    # "three cases of arbitrary arrest", "16 incidents of threats against journalists": nouns
    # whose number counts the acts of the act noun in their "of" phrase, one person each.
    case_nouns: list[str] = []
    # "two more were abducted": words after a bare number that add people to those told before.
    additive_words: list[str] = []
    # "2,000 open cases of detention": modifiers that make cases pending in court, not acts.
    pending_case_modifiers: list[str] = []
    # "16 incidents of torture involving 35 victims": participles whose counted object, not the
    # case noun, counts the people.
    case_people_verbs: list[str] = []


class ReferenceLexicon(BaseModel):
    """Words of references to people named elsewhere in the paragraph (people component):
    "the rest", "the remaining two", "those convicted included A and B", "the journalist"."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    rest_heads: list[str]
    rest_modifiers: list[str]
    list_subjects: list[str]
    list_verbs: list[str]
    list_prepositions: list[str]
    generic_plural_heads: list[str]
    quantity_nouns: list[str]
    single_determiners: list[str]
    unnamed_determiners: list[str]
    thing_possessives: list[str]
    plural_auxiliaries: list[str]
    not_epithets: list[str]
    partitive_heads: list[str]
    # "the case was dismissed": actions whose definite case noun naming no one points back,
    # and the acts that open the case it points to, the preferred first (people component)
    case_reference_actions: list[str] = []
    case_referent_actions: list[str] = []
    # "The names of those detained are A and B": nouns for the names of a listed subject
    list_name_nouns: list[str] = []


class PlaceLexicon(BaseModel):
    """Words for where an act happened and where a person was sent (place, destination)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    reference_prepositions: list[str]
    relation_nouns: list[str]
    relation_prepositions: list[str]
    setting_prepositions: list[str]
    destination_nouns: list[str]
    relative_adverbs: list[str]
    not_place_names: list[str]
    clause_only_actions: list[str]
    standalone_places: list[str]
    paragraph_setting_actions: list[str]
    topic_prepositions: list[str]
    topic_nouns: list[str]
    premises_nouns: list[str]
    perpetrator_place_prepositions: list[str]
    custody_places: list[str]
    own_words_place_actions: list[str]
    departure_lemmas: list[str] = []
    determined_premises: list[str] = []
    elsewhere_prepositions: list[str] = []
    conveying_lemmas: list[str] = []
    court_words: list[str] = []
    # Ways and open spaces that "on" places an act on ("on Liberty Square", "on the X Highway"),
    # unlike the "on" of a topic or a date: read only when the noun is also a named place.
    surface_nouns: list[str] = []


class RoleLexicon(BaseModel):
    """Words that decide who in a list or an apposition is a victim (argument component):
    the source of a report is not a victim, and a name that describes a noun names no one."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    reporting_verbs: list[str]
    descriptive_determiners: list[str]
    alias_words: list[str]
    agent_phrases: list[str] = []
    other_set_words: list[str] = []
    statement_nouns: list[str] = []
    document_nouns: list[str] = []
    naming_participles: list[str] = []
    # Names given after the act, for the unnamed group it befell ("Police arrested six
    # activists. They included A and B."): see ArgumentFinder.named_later.
    later_list_subjects: list[str] = []
    later_list_verbs: list[str] = []
    later_list_preps: list[str] = []
    later_list_nouns: list[str] = []
    # Prepositions of a role noun's phrase that may end in the person's name ("head of the
    # department for the region A"): see ArgumentFinder.name_after_role_phrase.
    role_phrase_prepositions: list[str] = []
    # Role nouns of such a phrase that are no person noun elsewhere ("head": "shot in the head").
    role_phrase_nouns: list[str] = []


class NameLexicon(BaseModel):
    """Shapes of person names the English model misses (names component): the particles
    inside a name, the titles a one-word name may follow, the words of an apposition or a list
    of names, and capitalised words that are never a name."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    particles: list[str]
    final_particles: list[str] = []
    honorifics: list[str]
    apposition_determiners: list[str]
    list_joiners: list[str]
    not_name_words: list[str]


class Lexicon(BaseModel):
    """Word lists the argument and people components use (titles, facility nouns, ...)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    titles: list[str]
    organisation_words: list[str]
    facility_words: list[str]
    property_words: list[str]
    group_words: list[str]
    female_cues: list[str]
    male_cues: list[str]
    authority_words: list[str]
    covictim_words: list[str]
    group_reference_words: list[str]
    number_words: dict[str, int]
    date_end_prepositions: list[str]
    place_nouns: list[str]
    place_prepositions: list[str]
    caption_words: list[str]
    clause_marks_same_place: list[str]
    places: PlaceLexicon
    personal_pronouns: list[str]
    pronoun_gender: dict[str, Literal["m", "f"]]
    plural_pronouns: list[str]
    non_agent_pronouns: list[str]
    institution_pronouns: list[str]
    relative_pronouns: list[str]
    object_control_verbs: list[str]
    date_prepositions: list[str]
    inclusion_words: list[str]
    definite_group_determiners: list[str]
    trigger_auxiliaries: list[str]
    case_nouns: list[str]
    repetition_cues: list[str]
    person_nouns: list[str]
    references: ReferenceLexicon
    plural_group_nouns: list[str]
    tokenizer_special_cases: list[str]
    groups: GroupLexicon
    roles: RoleLexicon
    names: NameLexicon
    # Words whose "with", "of" or "for" names an offence ("charged with kidnapping", "guilty of
    # abduction", "arrested for kidnapping", "kidnapping charges"): an act noun there is what
    # the clause's person is accused of, so that person is never its victim (arguments.py).
    offence_heads: list[str] = []


class TriggerFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    triggers: list[TriggerRule]


class ModifierFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    modifiers: list[ModifierRule]


def _read(name: str) -> Any:
    return yaml.safe_load(resources.files("hrevents.rules").joinpath(name).read_text("utf-8"))


def _unique(ids: list[str], name: str) -> None:
    seen: set[str] = set()
    for rule_id in ids:
        if rule_id in seen:
            raise ValueError(f"{name}: duplicate rule id {rule_id!r}")
        seen.add(rule_id)


@cache
def load_triggers(name: str = "triggers.yaml") -> tuple[TriggerRule, ...]:
    rules = TriggerFile.model_validate(_read(name)).triggers
    _unique([rule.id for rule in rules], name)
    return tuple(rules)


@cache
def load_modifiers(name: str = "modifiers.yaml") -> tuple[ModifierRule, ...]:
    rules = ModifierFile.model_validate(_read(name)).modifiers
    _unique([rule.id for rule in rules], name)
    return tuple(rules)


@cache
def load_lexicon(name: str = "lexicon.yaml") -> Lexicon:
    return Lexicon.model_validate(_read(name))
