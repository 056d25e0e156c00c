"""The Doc contract (hrevents.components.contract) matches what the components really write,
and every component declares to spaCy what it reads and writes."""

from __future__ import annotations

import pytest

from hrevents.components.contract import GroupVictim, ModifierHit, PeopleTable, ResolvedPerson, Trigger, VictimMention
from hrevents.nlp import OUR_COMPONENTS

SENTENCES = [
    "Police arrested Ali Musa and Sara Bello in Lakeside on 3 May 2021. They were charged.",
    "Officers detained 24 students on Monday. The students were released.",
    "Soldiers allegedly beat him. Police did not arrest Maria Ostrova.",
]


def keys(record: type) -> frozenset[str]:
    return frozenset(record.__required_keys__ | record.__optional_keys__)  # type: ignore[attr-defined]


@pytest.mark.model
@pytest.mark.parametrize("text", SENTENCES)
def test_records_on_the_doc_have_only_contract_keys(nlp, text):
    doc = nlp(text)
    assert doc._.hr_triggers
    for trigger in doc._.hr_triggers:
        assert trigger.keys() <= keys(Trigger)
        assert Trigger.__required_keys__ <= trigger.keys()  # type: ignore[attr-defined]
        for victim in trigger.get("victims", []):
            assert victim.keys() == keys(VictimMention)
        for hit in trigger.get("modifiers", []):
            assert hit.keys() == keys(ModifierHit)
        for person in trigger.get("people", []):
            assert person.keys() == keys(ResolvedPerson)
        for group in trigger.get("groups", []):
            assert group.keys() <= keys(GroupVictim)
    assert doc._.hr_people.keys() == keys(PeopleTable)


@pytest.mark.model
def test_every_component_declares_what_it_assigns_and_requires(nlp):
    summary = nlp.analyze_pipes(pretty=False)
    for name in ("hrevents_paragraphs", *OUR_COMPONENTS):
        assert summary["summary"][name]["assigns"], name
    # The model's attribute_ruler sets token.pos without declaring it; nothing else is unmet.
    unmet = {attr for attrs in summary["problems"].values() for attr in attrs}
    assert unmet <= {"token.pos"}
