"""Worked examples: five people from outside the sector, matched and planned on a small hand-written
catalogue. The reasoning behind each expected number is written next to it.

Weights: essential 1.0, optional 0.4. Fit = sum(w * min(e, L) / L) / sum(w).
"""

from __future__ import annotations

from datetime import date

import pytest

from skillsnet.engine import (
    CourseSkill,
    CourseSpec,
    Evidence,
    Profile,
    Provenance,
    Requirement,
    RoleMatch,
    RoleSpec,
    RunSpec,
    SkillSpec,
    TransferSpec,
    build_catalogue,
    match,
    plan,
    profile_from_occupations,
)

ESSENTIAL, OPTIONAL = True, False

SKILLS = [
    SkillSpec("gmp", "Good manufacturing practice", ("GMP",)),
    SkillSpec("documentation", "Good documentation practice", ("batch records",)),
    SkillSpec("cleanroom", "Cleanroom gowning and behaviour", ("gowning",)),
    SkillSpec("aseptic", "Aseptic technique", ("aseptic processing",)),
    SkillSpec("cell-culture", "Cell culture"),
    SkillSpec("fermentation", "Fermentation"),
    SkillSpec("cip", "Clean in place"),
    SkillSpec("chromatography", "Chromatography"),
    SkillSpec("deviations", "Deviations and CAPA"),
    SkillSpec("auditing", "Quality auditing"),
    SkillSpec("pcr", "Polymerase chain reaction"),
    SkillSpec("elisa", "ELISA"),
    SkillSpec("flow-cytometry", "Flow cytometry"),
    SkillSpec("microbiology", "Microbiology"),
    SkillSpec("em", "Environmental monitoring"),
    SkillSpec("sample-handling", "Clinical sample handling"),
    SkillSpec("equipment-maintenance", "Equipment maintenance"),
    SkillSpec("process-control", "Statistical process control"),
    # skills people bring from other sectors
    SkillSpec("hygiene", "Hygienic food processing"),
    SkillSpec("haccp", "Hazard analysis and critical control point"),
    SkillSpec("food-safety", "Food safety standards"),
    SkillSpec("iso-15189", "Accredited laboratory quality (ISO 15189)"),
    SkillSpec("clinical-care", "Patient care"),
    SkillSpec("infection-control", "Infection prevention and control"),
    SkillSpec("semi-cleanroom", "Semiconductor cleanroom protocols"),
]

ROLES = [
    RoleSpec(
        "atmp-technician",
        "ATMP manufacturing technician",
        "manufacturing",
        3,
        (
            Requirement("gmp", 3, ESSENTIAL),
            Requirement("cleanroom", 3, ESSENTIAL),
            Requirement("aseptic", 3, ESSENTIAL),
            Requirement("cell-culture", 2, ESSENTIAL),
            Requirement("documentation", 2, ESSENTIAL),
            Requirement("deviations", 2, OPTIONAL),
        ),
    ),
    RoleSpec(
        "qc-analyst",
        "QC analyst",
        "quality-control",
        6,
        (
            Requirement("gmp", 2, ESSENTIAL),
            Requirement("pcr", 3, ESSENTIAL),
            Requirement("elisa", 3, ESSENTIAL),
            Requirement("documentation", 3, ESSENTIAL),
            Requirement("flow-cytometry", 2, OPTIONAL),
            Requirement("deviations", 2, OPTIONAL),
        ),
    ),
    RoleSpec(
        "qc-microbiologist",
        "QC microbiologist",
        "quality-control",
        6,
        (
            Requirement("microbiology", 3, ESSENTIAL),
            Requirement("em", 3, ESSENTIAL),
            Requirement("aseptic", 2, ESSENTIAL),
            Requirement("gmp", 2, ESSENTIAL),
            Requirement("documentation", 2, ESSENTIAL),
        ),
    ),
    RoleSpec(
        "qa-officer",
        "QA officer",
        "quality-assurance",
        6,
        (
            Requirement("gmp", 3, ESSENTIAL),
            Requirement("deviations", 3, ESSENTIAL),
            Requirement("auditing", 3, ESSENTIAL),
            Requirement("documentation", 3, ESSENTIAL),
        ),
    ),
    RoleSpec(
        "vaccine-technician",
        "Vaccine bioprocess technician",
        "manufacturing",
        3,
        (
            Requirement("fermentation", 3, ESSENTIAL),
            Requirement("cip", 2, ESSENTIAL),
            Requirement("gmp", 2, ESSENTIAL),
            Requirement("documentation", 2, ESSENTIAL),
            Requirement("chromatography", 2, OPTIONAL),
        ),
    ),
    RoleSpec(
        "gmp-operative",
        "GMP production operative",
        "manufacturing",
        2,
        (
            Requirement("gmp", 2, ESSENTIAL),
            Requirement("cleanroom", 2, ESSENTIAL),
            Requirement("documentation", 1, ESSENTIAL),
            Requirement("cip", 1, OPTIONAL),
        ),
    ),
    RoleSpec(
        "supply-chain",
        "CGT supply chain coordinator",
        "supply-chain",
        3,
        (
            Requirement("sample-handling", 3, ESSENTIAL),
            Requirement("gmp", 2, ESSENTIAL),
            Requirement("documentation", 2, ESSENTIAL),
            Requirement("clinical-care", 1, OPTIONAL),
        ),
    ),
    RoleSpec(
        "maintenance-technician",
        "Engineering maintenance technician",
        "engineering",
        3,
        (
            Requirement("equipment-maintenance", 3, ESSENTIAL),
            Requirement("cleanroom", 2, ESSENTIAL),
            Requirement("gmp", 1, ESSENTIAL),
            Requirement("process-control", 1, OPTIONAL),
        ),
    ),
]

TRANSFERS = [
    TransferSpec("hygiene", "aseptic", 0.5, "hygienic food handling habits carry over to aseptic working"),
    TransferSpec("hygiene", "cleanroom", 0.5, "hygiene zoning and protective clothing"),
    TransferSpec("haccp", "deviations", 0.5, "critical-control-point failures are handled like deviations"),
    TransferSpec("food-safety", "gmp", 0.5, "a food quality system is a close cousin of GMP"),
    TransferSpec("iso-15189", "gmp", 0.5, "an accredited lab quality system maps onto GMP"),
    TransferSpec("clinical-care", "sample-handling", 0.75, "handling patient samples"),
    TransferSpec("infection-control", "aseptic", 0.5, "aseptic non-touch technique on the ward"),
    TransferSpec("infection-control", "cleanroom", 0.5, "contamination control on the ward"),
    TransferSpec("semi-cleanroom", "cleanroom", 0.75, "ISO-classified cleanroom discipline"),
]

COURSES = [
    CourseSpec("gmp-awareness", "GMP awareness", "online", 2, 0, (CourseSkill("gmp", 1),)),
    CourseSpec(
        "gmp-fundamentals",
        "GMP fundamentals",
        "online",
        6,
        50,
        (CourseSkill("gmp", 2), CourseSkill("documentation", 2)),
    ),
    CourseSpec(
        "gmp-advanced",
        "GMP in practice",
        "online",
        20,
        200,
        (CourseSkill("gmp", 3, 2),),
        ("gmp-fundamentals",),
    ),
    CourseSpec(
        "cleanroom-gowning",
        "Cleanroom gowning and behaviour",
        "on-site",
        14,
        400,
        (CourseSkill("cleanroom", 3),),
        ("gmp-fundamentals",),
    ),
    CourseSpec(
        "aseptic-processing",
        "Aseptic processing",
        "on-site",
        21,
        900,
        (CourseSkill("aseptic", 3, 1),),
        ("cleanroom-gowning",),
    ),
    CourseSpec(
        "deviations-capa",
        "Deviations, root cause and CAPA",
        "online",
        12,
        150,
        (CourseSkill("deviations", 3),),
    ),
    CourseSpec("cell-culture-basics", "Cell culture basics", "blended", 16, 500, (CourseSkill("cell-culture", 2),)),
]

START = date(2026, 3, 2)
RUNS = [
    RunSpec("gown-nhc-1", "cleanroom-gowning", "nhc", date(2026, 3, 9), date(2026, 3, 10), 4),
    RunSpec("gown-roslin-1", "cleanroom-gowning", "roslinct", date(2026, 3, 16), date(2026, 3, 17), 0),  # full
    RunSpec("gown-nhc-2", "cleanroom-gowning", "nhc", date(2026, 4, 13), date(2026, 4, 14), 6),
    RunSpec("aseptic-nhc-1", "aseptic-processing", "nhc", date(2026, 3, 11), date(2026, 3, 13), 3),  # too soon
    RunSpec("aseptic-nhc-2", "aseptic-processing", "nhc", date(2026, 4, 20), date(2026, 4, 22), 2),
    RunSpec("aseptic-bham-1", "aseptic-processing", "birmingham", date(2026, 5, 11), date(2026, 5, 13), 5),
    RunSpec("cc-roslin-1", "cell-culture-basics", "roslinct", date(2026, 5, 4), date(2026, 5, 6), 8),
]

CATALOGUE = build_catalogue(SKILLS, ROLES, TRANSFERS, COURSES)


def _by_role(matches: list[RoleMatch]) -> dict[str, RoleMatch]:
    return {m.role: m for m in matches}


def _self(levels: dict[str, int]) -> list[Evidence]:
    return [Evidence(s, lv, Provenance.SELF_RATED) for s, lv in levels.items()]


def test_brewery_operator_is_closest_to_vaccine_bioprocessing() -> None:
    # A brewery operator ferments at scale, runs CIP and works to food-safety standards.
    brewer = RoleSpec(
        "brewery-operator",
        "Brewery operator",
        "food",
        2,
        (
            Requirement("fermentation", 3),
            Requirement("cip", 3),
            Requirement("hygiene", 3),
            Requirement("documentation", 2),
            Requirement("food-safety", 2),
        ),
    )
    profile = profile_from_occupations([brewer])
    matches = match(CATALOGUE, profile)
    # The best fit is vaccine bioprocessing (0.80). The GMP operative role fits almost as well (0.78) and
    # starts at the brewer's own level, so it is listed first: one level up must fit 8 points better.
    assert [m.role for m in matches[:2]] == ["gmp-operative", "vaccine-technician"]
    best = max(matches, key=lambda m: m.score)
    # Vaccine technician: fermentation 3/3 (1.0), CIP 3>=2 (1.0), documentation 2/2 (1.0),
    # GMP only through food safety: 0.5 x 2 = 1 of 2 (0.5), chromatography (optional, 0.4) missing.
    # fit = (1 + 1 + 1 + 0.5 + 0) / 4.4 = 0.7955; essential = 3.5 / 4 = 0.875.
    assert best.role == "vaccine-technician"
    assert best.score == pytest.approx(3.5 / 4.4)
    assert best.essential_coverage == pytest.approx(0.875)
    # GMP is the only essential gap; "GMP fundamentals" (6 h) takes it to 2: 6 h of training, but
    # essential coverage is under 0.9, so not ready now: short training.
    assert best.gap_hours == 6
    assert best.readiness == "short-training"
    [transferred] = best.transferred
    assert (transferred.skill, transferred.from_skill, transferred.level_gained) == (
        "gmp",
        "food-safety",
        1.0,
    )
    assert {g.skill for g in best.gaps} == {"gmp", "chromatography"}
    assert {m.skill for m in best.met} == {"fermentation", "cip", "documentation"}
    # Their previous job is their evidence: every met skill quotes the occupation.
    assert all(m.provenance is Provenance.OCCUPATION for m in best.met)
    # Seniority 2 vs entry 3: not over-qualified.
    assert not best.overqualified


def test_biomedical_scientist_is_ready_now_for_qc_analyst() -> None:
    # An NHS biomedical scientist: PCR, ELISA, flow, microbiology, ISO 15189 accredited lab.
    profile = Profile.from_evidence(
        _self(
            {
                "pcr": 3,
                "elisa": 3,
                "flow-cytometry": 2,
                "microbiology": 3,
                "documentation": 3,
                "iso-15189": 3,
                "sample-handling": 3,
            }
        )
    )
    qc = _by_role(match(CATALOGUE, profile))["qc-analyst"]
    # GMP 2 needed, ISO 15189 gives 0.5 x 3 = 1.5 -> 0.75 coverage; PCR, ELISA, documentation met;
    # flow (optional) met; deviations (optional) missing.
    # fit = (0.75 + 1 + 1 + 1 + 0.4 + 0) / 4.8 = 0.8646; essential = 3.75 / 4 = 0.9375.
    assert qc.score == pytest.approx(4.15 / 4.8)
    assert qc.essential_coverage == pytest.approx(0.9375)
    # Essential gap = GMP to level 2: 6 h of GMP fundamentals, under 8 h, with >= 0.9 essential cover.
    assert qc.gap_hours == 6
    assert qc.readiness == "ready-now"
    # The partial transfer appears both as transferred (named source) and as a gap at 1.5.
    [t] = qc.transferred
    assert (t.skill, t.from_skill, t.fully_met) == ("gmp", "iso-15189", False)
    gmp_gap = next(g for g in qc.gaps if g.skill == "gmp")
    assert gmp_gap.current_level == 1.5
    assert qc.plan_gaps() == {"gmp": (1, 2), "deviations": (0, 2)}
    assert match(CATALOGUE, profile, limit=1)[0].role == "qc-analyst"


def test_nurse_matches_supply_chain_and_is_not_flagged_over_qualified() -> None:
    # A senior nurse (entry level 6) with patient care, infection control and sample handling.
    nurse_job = RoleSpec(
        "nurse",
        "Adult nurse",
        "health",
        6,
        (
            Requirement("clinical-care", 4),
            Requirement("infection-control", 3),
            Requirement("sample-handling", 3),
            Requirement("documentation", 3),
        ),
    )
    profile = profile_from_occupations([nurse_job])
    assert profile.seniority == 6
    by_role = _by_role(match(CATALOGUE, profile))
    chain = by_role["supply-chain"]
    # Sample handling 3 (met; clinical care would also give 0.75 x 4 = 3, but own level is shown),
    # documentation 3 >= 2 met, clinical care 4 >= 1 met (optional), GMP missing.
    # fit = (1 + 0 + 1 + 0.4) / 3.4 = 0.7059; essential = 2 / 3.
    assert chain.score == pytest.approx(2.4 / 3.4)
    assert chain.essential_coverage == pytest.approx(2 / 3)
    # Seniority 6 is 3 above the role's entry level 3, but with a third of the essentials missing
    # this is a real move, not a step down: no over-qualification flag.
    assert not chain.overqualified
    assert chain.readiness == "short-training"
    # Infection control transfers to aseptic technique at 0.5 x 3 = 1.5, short of 3 for ATMP work.
    atmp = by_role["atmp-technician"]
    aseptic = next(t for t in atmp.transferred if t.skill == "aseptic")
    assert aseptic.from_skill == "infection-control"
    assert aseptic.rationale == "aseptic non-touch technique on the ward"


def test_semiconductor_technician_transfers_cleanroom_discipline() -> None:
    profile = Profile.from_levels(
        {"semi-cleanroom": 4, "equipment-maintenance": 3, "process-control": 3, "documentation": 2}
    )
    best = match(CATALOGUE, profile)[0]
    # Maintenance technician: equipment 3 met, cleanroom 2 fully met through 0.75 x 4 = 3, GMP 1 missing,
    # process control (optional) met. fit = (1 + 1 + 0 + 0.4) / 3.4; essential = 2 / 3.
    assert best.role == "maintenance-technician"
    assert best.score == pytest.approx(2.4 / 3.4)
    [t] = best.transferred
    assert (t.skill, t.from_skill, t.fully_met, t.level_gained) == ("cleanroom", "semi-cleanroom", True, 3.0)
    assert "cleanroom" not in {g.skill for g in best.gaps}
    # Only GMP level 1 is missing: the 2 h awareness module. Essential cover 0.67 keeps it "short".
    assert best.gap_hours == 2
    assert best.readiness == "short-training"


def test_food_qa_auditor_plans_into_qa_officer() -> None:
    profile = Profile.from_levels({"auditing": 3, "haccp": 3, "food-safety": 3, "documentation": 3})
    qa = _by_role(match(CATALOGUE, profile))["qa-officer"]
    # GMP 3 through food safety 0.5 x 3 = 1.5 (0.5), deviations 3 through HACCP 1.5 (0.5),
    # auditing and documentation met: fit = essential = (0.5 + 0.5 + 1 + 1) / 4 = 0.75.
    assert qa.score == pytest.approx(0.75)
    assert qa.essential_coverage == pytest.approx(0.75)
    # Gap hours: GMP to 3 (GMP in practice, 20 h, after its prerequisite GMP fundamentals, 6 h) +
    # deviations to 3 (12 h) = 38 h, the same hours the plan below takes: short training.
    assert qa.gap_hours == 38
    assert qa.readiness == "short-training"

    training = plan(CATALOGUE, gaps=qa.plan_gaps(), held_courses=set(), runs=RUNS, start=START)
    # GMP in practice assumes level 2; the auditor has 1 (1.5 rounded down), so its prerequisite
    # GMP fundamentals (6 h) comes first: 6 + 20 + 12 = 38 h, all online, at 10 h a week.
    # No run needs them, so online courses go in slug order wherever prerequisites allow:
    # deviations (12 h, 2-10 Mar), then GMP fundamentals, then GMP in practice.
    assert [s.course for s in training.steps] == ["deviations-capa", "gmp-fundamentals", "gmp-advanced"]
    assert training.steps[0].starts == START
    assert training.steps[0].ends == date(2026, 3, 10)  # 12 h at 10 h/week = 8.4 days
    assert training.total_hours == 38
    assert training.total_cost == 400
    assert training.uncovered == ()
    assert training.method == "milp"
    fundamentals, advanced = training.steps[1], training.steps[2]
    assert fundamentals.ends <= advanced.starts
    assert "prerequisite for GMP in practice" in fundamentals.reason
    assert advanced.closes == ("gmp",)


def test_brewery_operator_plan_into_atmp_mixes_online_and_runs() -> None:
    profile = Profile.from_levels({"fermentation": 3, "cip": 3, "hygiene": 3, "documentation": 2})
    atmp = _by_role(match(CATALOGUE, profile))["atmp-technician"]
    gaps = atmp.plan_gaps(essential_only=True)
    # GMP 0 -> 3, cleanroom 1 (1.5 from hygiene) -> 3, aseptic 1 -> 3, cell culture 0 -> 2.
    assert gaps == {"gmp": (0, 3), "cleanroom": (1, 3), "aseptic": (1, 3), "cell-culture": (0, 2)}
    training = plan(CATALOGUE, gaps=gaps, held_courses=set(), runs=RUNS, start=START, hours_per_week=10)
    courses = [s.course for s in training.steps]
    # GMP fundamentals (6 h) must come before gowning: at 10 h/week it is done on 6 Mar, so the 9-10 Mar
    # gowning run at NHC fits (the Roslin run is full). Aseptic processing needs gowning first: the
    # 11-13 Mar NHC run starts after gowning ends, and among equal-cost runs the earliest is taken.
    assert courses[0] == "gmp-fundamentals"
    gowning = next(s for s in training.steps if s.course == "cleanroom-gowning")
    aseptic = next(s for s in training.steps if s.course == "aseptic-processing")
    assert gowning.run_id == "gown-nhc-1"
    assert aseptic.run_id == "aseptic-nhc-1"
    assert aseptic.starts > gowning.ends
    assert {"gmp-advanced", "cell-culture-basics"} <= set(courses)
    # Total: 6 + 20 + 14 + 21 + 16 = 77 h, every gap covered.
    assert training.total_hours == 77
    assert training.uncovered == ()
    assert training.total_hours <= training.greedy_hours
    # With a deadline before the cell-culture run, that gap is reported, the rest still planned.
    early = plan(CATALOGUE, gaps=gaps, held_courses=set(), runs=RUNS, start=START, deadline=date(2026, 4, 30))
    assert [(u.skill, u.reason) for u in early.uncovered] == [
        ("cell-culture", "no run with free seats before the deadline")
    ]
    assert {s.course for s in early.steps} >= {"gmp-fundamentals", "cleanroom-gowning", "aseptic-processing"}
    assert all(s.ends <= date(2026, 4, 30) for s in early.steps)
