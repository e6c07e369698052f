"""What a course may claim to teach, given how it teaches.

Two rules, shared by the dataset validator (`dataset.py`), the provider publishing services and the
credentials (`learning`), so that the catalogue, a course page and a credential never claim more than
the teaching and the assessment can support:

1. **Practical skills need practice.** An online course can raise a hands-on skill (aseptic and cleanroom
   work, clinical procedures, laboratory and bioprocess techniques) to awareness (level 1) at most.
   Working level and above need supervised practice: an on-site or blended course.
2. **Regulated clinical skills belong to the regulated professions.** No course in this catalogue raises
   a regulated clinical skill (giving medicines, venepuncture, apheresis, ...) above awareness: in the UK
   competence in them comes with professional registration (NMC, GPhC, HCPC) and the employer's own
   sign-off, which a catalogue course cannot confer. Roles that need them carry the registration as an
   entry requirement.

Levels: 0 none, 1 awareness, 2 working, 3 practitioner, 4 expert (`models.LEVEL_LABELS`).
"""

from __future__ import annotations

from dataclasses import dataclass

AWARENESS = 1

# Skill categories (data/skills.yaml `category`) whose *skills* (kind: skill, not knowledge) are done with
# the hands: they are learned by supervised practice, not by reading and quizzes.
PRACTICAL_CATEGORIES = frozenset(
    {
        "aseptic-cleanroom",
        "clinical",
        "cell-biology",
        "molecular-biology",
        "bioprocess-upstream",
        "bioprocess-downstream",
        "analytical",
        "microbiology",
    }
)

# Skills in those categories that are desk work: recording, analysing and planning. Their hands-on parts
# are the techniques they use (HPLC, ELISA, culture...), which rule 1 covers on their own.
DESK_SKILLS = frozenset(
    {
        "record-test-data",
        "analyse-lab-data",
        "analytical-method-validation",  # protocol design and statistics (ICH Q2); the assays are capped
        "stability-testing",  # study design, pulls and trending; the tests are capped
        "clinical-record-keeping",
        "communicate-in-healthcare",
        "clinical-trials",  # GCP paperwork and trial conduct
    }
)

# Clinical acts that in UK practice belong to registered professionals (nurses, pharmacists, biomedical
# scientists) working under their employer's competency framework.
REGULATED_CLINICAL_SKILLS = frozenset(
    {
        "medication-administration",
        "venepuncture",
        "apheresis",
        "patient-monitoring",
        "clinical-aseptic-technique",
        "medicines-dispensing",
        "pharmacy-aseptic-compounding",
    }
)


def is_practical(skill_slug: str, category: str, kind: str) -> bool:
    """A hands-on skill: a `skill` (not knowledge) in a practical category, and not desk work."""
    if skill_slug in REGULATED_CLINICAL_SKILLS:
        return True
    return kind == "skill" and category in PRACTICAL_CATEGORIES and skill_slug not in DESK_SKILLS


def max_claimable_level(*, skill_slug: str, category: str, kind: str, mode: str) -> int:
    """The highest level a course of this `mode` may claim to raise the skill to (1-4)."""
    if skill_slug in REGULATED_CLINICAL_SKILLS:
        return AWARENESS
    if mode == "online" and is_practical(skill_slug, category, kind):
        return AWARENESS
    return 4


@dataclass(frozen=True)
class ClaimProblem:
    skill: str
    to_level: int
    allowed: int
    reason: str

    def __str__(self) -> str:
        return f"'{self.skill}' is raised to level {self.to_level}, but {self.reason}: at most {self.allowed}"


def claim_problem(*, skill_slug: str, category: str, kind: str, mode: str, to_level: int) -> ClaimProblem | None:
    """Why a course may not raise `skill_slug` to `to_level`, or None when it may."""
    allowed = max_claimable_level(skill_slug=skill_slug, category=category, kind=kind, mode=mode)
    if to_level <= allowed:
        return None
    if skill_slug in REGULATED_CLINICAL_SKILLS:
        reason = (
            "it is a regulated clinical skill: competence comes with professional registration and the "
            "employer's sign-off, so a course raises it to awareness"
        )
    else:
        reason = "it is a practical skill and an online course cannot give supervised practice"
    return ClaimProblem(skill_slug, to_level, allowed, reason)


# ---------------------------------------------------------------- what an assessment supports

# A knowledge check (multiple-choice questions) with fewer questions than this is a quick comprehension
# check: it supports awareness only.
KNOWLEDGE_CHECK_MIN_QUESTIONS = 10


def supported_level(
    *, to_level: int, practical: bool, mode: str, questions: int, attended: bool = False, example: bool = False
) -> int:
    """The level a completion actually evidences for one skill the course raises.

    - Example content evidences nothing (0).
    - Attendance at every session of an on-site or blended course supports the course's level (the
      practical is the assessment, observed by the trainers).
    - An online completion is evidenced by its knowledge checks: a practical skill at most awareness;
      another skill up to working level (2) with at least KNOWLEDGE_CHECK_MIN_QUESTIONS questions passed,
      otherwise awareness.
    """
    if example:
        return 0
    if attended and mode in ("on-site", "blended"):
        return to_level
    if practical:
        return min(to_level, AWARENESS)
    ceiling = 2 if questions >= KNOWLEDGE_CHECK_MIN_QUESTIONS else AWARENESS
    return min(to_level, ceiling)
