"""Every shipped rule file validates, and its records are well formed."""

from __future__ import annotations

from importlib import resources

import pytest
import yaml
from pydantic import ValidationError

from hrevents.rules.schema import (
    ModifierFile,
    TriggerFile,
    TriggerRule,
    load_lexicon,
    load_modifiers,
    load_triggers,
)
from hrevents_models import load_actions


def test_trigger_file_validates():
    rules = load_triggers()
    assert len(rules) > 30
    assert {rule.action for rule in rules} == set(load_actions()), "every action has at least one trigger rule"


def test_modifier_and_lexicon_files_validate():
    assert load_modifiers()
    assert load_lexicon().titles


@pytest.mark.parametrize("name", ["triggers.yaml", "modifiers.yaml", "lexicon.yaml"])
def test_rule_files_are_yaml_with_unique_ids(name):
    data = yaml.safe_load(resources.files("hrevents.rules").joinpath(name).read_text("utf-8"))
    records = data.get("triggers") or data.get("modifiers") or []
    ids = [record["id"] for record in records]
    assert len(ids) == len(set(ids))


def test_unknown_field_is_rejected():
    with pytest.raises(ValidationError):
        TriggerRule(id="x.y", action="arrest", pattern=[{"LOWER": "x"}], victim="patient", examples=["x"], colour="red")


def test_unknown_action_is_rejected():
    with pytest.raises(ValidationError):
        TriggerRule(id="x.y", action="scolding", pattern=[{"LOWER": "x"}], victim="patient", examples=["x"])


def test_files_reject_extra_top_level_keys():
    with pytest.raises(ValidationError):
        TriggerFile.model_validate({"triggers": [], "more": 1})
    with pytest.raises(ValidationError):
        ModifierFile.model_validate({"modifiers": [], "more": 1})
