"""Hard entry requirements: what an employer checks before anything else, and rejects an applicant without.

A role lists the codes it requires (`Role.entry_requirements`); a source occupation lists the ones that
holding the job implies (`SourceOccupation.credentials`: a registered nurse has NMC registration). Skills
can be trained; these cannot be earned on a short course, so the Converter states them apart from the skill
gap. The vocabulary is fixed here: the dataset validator refuses any other code. Sources: data/SOURCES.md.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError


@dataclass(frozen=True)
class EntryRequirement:
    code: str
    label: str
    sentence: str


ENTRY_REQUIREMENTS: dict[str, EntryRequirement] = {
    r.code: r
    for r in (
        EntryRequirement(
            "science-degree",
            "Science degree",
            "A bachelor's degree in a life science, chemistry, or a related science or engineering subject.",
        ),
        EntryRequirement(
            "postgraduate-science",
            "Postgraduate science qualification",
            "A master's degree or PhD in a relevant science.",
        ),
        EntryRequirement(
            "nmc-registration",
            "NMC registration",
            "Registration as a nurse with the Nursing and Midwifery Council (NMC).",
        ),
        EntryRequirement(
            "gphc-registration",
            "GPhC registration",
            "Registration as a pharmacist with the General Pharmaceutical Council (GPhC).",
        ),
        EntryRequirement(
            "hcpc-registration",
            "HCPC registration",
            "Registration with the Health and Care Professions Council (HCPC) as a biomedical or clinical scientist.",
        ),
        EntryRequirement(
            "qp-eligibility",
            "Qualified Person eligibility",
            "Eligibility to act as a Qualified Person: a relevant degree, at least two years in authorised "
            "medicines manufacturing, and assessment by the joint professional bodies (RSB, RSC or RPS).",
        ),
        EntryRequirement(
            "management-experience",
            "Management experience",
            "Several years leading a team or department in a regulated (GMP) environment.",
        ),
    )
}

REQUIREMENT_CODES: tuple[str, ...] = tuple(ENTRY_REQUIREMENTS)


def describe(codes: list[str]) -> list[EntryRequirement]:
    """The requirements behind `codes`, in the vocabulary's order; unknown codes are left out."""
    wanted = set(codes)
    return [requirement for code, requirement in ENTRY_REQUIREMENTS.items() if code in wanted]


def validate_requirement_codes(value: object) -> None:
    """Model-field validator (the admin): a list of known codes, each once."""
    if not isinstance(value, list) or not all(isinstance(code, str) for code in value):
        raise ValidationError('Give a list of requirement codes, such as ["science-degree"].')
    unknown = [code for code in value if code not in ENTRY_REQUIREMENTS]
    if unknown:
        raise ValidationError(
            "Unknown requirement code(s): %(unknown)s. Use any of: %(known)s.",
            params={"unknown": ", ".join(unknown), "known": ", ".join(REQUIREMENT_CODES)},
        )
    if len(set(value)) != len(value):
        raise ValidationError("Each requirement code may appear only once.")
