"""Statements on whole country-report pages that name no act done to a person (invented sentences)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


@pytest.mark.parametrize(
    "sentence",
    [
        # a law's penalty is no sentence
        "The law provides for sentences of up to 10 years for anyone who insults President Mara Velt.",
        "Under the law, penalties include imprisonment of up to five years, according to Minister Jonas Berg.",
        "Penalties include imprisonment for up to three years, said Jonas Berg.",
        "Convictions carry sentences of up to five years, lawyer Ana Lind said.",
        "The penal code prescribes sentences of life imprisonment for treason, Attorney General Tomas Reyes noted.",
        # what a law or an authority makes possible is no act
        "The Special Powers Act permits authorities to arrest and detain an individual without a warrant.",
        "The decree empowers police to detain Jonas Berg without charge.",
        "The emergency law authorizes security forces to arrest Mara Velt and other suspects.",
        # releasing a video, a report or a statement frees no one
        "On May 3, Ana Lind released a video describing her detention.",
        "Human rights activist Mara Velt released a statement condemning the arrests.",
        "The group of lawyer Jonas Berg released a report on torture in May.",
        "On May 3, the army released photographs of Mara Velt in custody.",
        # a trigger word inside an institution's name is no act
        "Prisons were monitored by the Parliamentary Commission for Investigating Human Rights, chaired by Ana Lind.",
        "Jonas Berg heads the Committee for the Release of Political Prisoners.",
    ],
)
def test_no_event(extract_text, sentence: str) -> None:
    assert [(e.action, e.victim) for e in extract_text(sentence) if e.victim] == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("On June 2, police released Jonas Berg on bail.", [("release", "Jonas Berg")]),
        ("The ministry released a statement saying police had arrested Tomas Reyes.", [("arrest", "Tomas Reyes")]),
        ("Under the law, journalist Ana Lind was sentenced to 10 years in prison.", [("sentence", "Ana Lind")]),
        ("Police arrested Ana Lind, although the law permits no arrest without a warrant.", [("arrest", "Ana Lind")]),
        ("Police arrested Mara Velt under the Prevention of Terrorism Act.", [("arrest", "Mara Velt")]),
        (
            "Ana Lind served three years in prison before she was released; she was permitted to leave in June.",
            [("detention", "Ana Lind"), ("release", "Ana Lind")],
        ),
        ("The Association of Arrested Journalists said police detained Tomas Reyes.", [("arrest", "Tomas Reyes")]),
        ("Arrested in May, Ana Lind was released in June.", [("arrest", "Ana Lind"), ("release", "Ana Lind")]),
    ],
)
def test_the_act_itself_still_counts(extract_text, sentence: str, expected: list[tuple[str, str]]) -> None:
    assert [(e.action, e.victim) for e in extract_text(sentence) if e.victim] == expected
