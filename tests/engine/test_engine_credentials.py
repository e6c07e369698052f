"""Credentials read from CV text: stated as held, never hoped for."""

from __future__ import annotations

import pytest

from skillsnet.engine import extract_credentials


def codes(text: str) -> list[str]:
    return [c.code for c in extract_credentials(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("BSc (Hons) Biomedical Science, University of Leeds, 2014.", ["science-degree"]),
        ("PhD in molecular biology (2019).", ["postgraduate-science", "science-degree"]),
        ("Registered nurse (NMC PIN 12A3456E), Band 6 on a haematology ward.", ["nmc-registration"]),
        ("HCPC registered biomedical scientist since 2017.", ["hcpc-registration"]),
        ("Registered pharmacist (GPhC) in a hospital aseptic unit.", ["gphc-registration"]),
        ("Degree in history and a PGCE.", []),
        ("Currently working towards a BSc in chemistry with the Open University.", []),
        ("No degree, but ten years on the packing line.", []),
        ("Hoping to register with the NMC next year.", []),
    ],
)
def test_it_reads_credentials_stated_as_held(text: str, expected: list[str]) -> None:
    assert codes(text) == expected


def test_the_evidence_is_the_sentence_that_states_it() -> None:
    [found] = extract_credentials("Team player. BSc Chemistry, 2010. Forklift licence.")
    assert found.evidence == "BSc Chemistry, 2010"
