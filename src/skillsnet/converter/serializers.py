"""Plain-data shapes of profiles, matches and plans: the JSON API and `skillsnet convert --json` print these
same dictionaries, and the pages render them, so all three say the same thing."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.urls import NoReverseMatch, reverse

from skillsnet import engine
from skillsnet.catalogue.requirements import ENTRY_REQUIREMENTS
from skillsnet.catalogue.snapshot import Snapshot, engine_snapshot
from skillsnet.converter.selectors import family_label
from skillsnet.converter.services import Found, PlanResult, ProfileResult, RolesAssessment

READINESS_LABELS = {
    "ready-now": "Ready now",
    "short-training": "Ready after short training",
    "stretch": "A stretch",
}
READINESS_TAGS = {"ready-now": "tag--green", "short-training": "tag--yellow", "stretch": "tag--grey"}


def _round(x: float) -> float:
    return round(float(x), 3)


def level_word(level: float) -> str:
    index = max(0, min(4, int(level)))
    return engine.LEVEL_NAMES[index]


def requirement_text(code: str) -> str:
    """The plain-English sentence for a hard entry requirement code."""
    requirement = ENTRY_REQUIREMENTS.get(code)
    return requirement.sentence if requirement else code


def found_dict(found: Found) -> dict[str, Any]:
    return {
        "skill": found.skill,
        "name": found.name,
        "level": found.level,
        "evidence": found.evidence,
        "level_reason": found.level_reason,
        "suggested_by": found.suggested_by,
    }


def profile_list(result: ProfileResult) -> list[dict[str, Any]]:
    return [
        {
            "skill": row.skill,
            "name": row.name,
            "level": row.level,
            "provenance": row.provenance,
            "sources": [{"provenance": s.provenance, "detail": s.detail, "level": s.level} for s in row.sources],
        }
        for row in result.rows
    ]


def match_dict(match: engine.RoleMatch, snapshot: Snapshot | None = None) -> dict[str, Any]:
    snap = snapshot or engine_snapshot()
    return {
        "role": match.role,
        "title": match.title,
        "family": match.family,
        "family_label": family_label(match.family),
        "entry_level": match.entry_level,
        "score": _round(match.score),
        "essential_coverage": _round(match.essential_coverage),
        "readiness": match.readiness,
        "readiness_label": READINESS_LABELS[match.readiness],
        "gap_hours": match.gap_hours,
        "overqualified": match.overqualified,
        "within_reach": match.within_reach,
        "step_up": match.step_up,
        "route": {"name": match.route.name, "rationale": match.route.rationale} if match.route else None,
        "missing_requirements": [{"code": code, "text": requirement_text(code)} for code in match.missing_requirements],
        "met": [
            {
                "skill": m.skill,
                "name": snap.skill_name(m.skill),
                "level": m.level,
                "required_level": m.required_level,
                "provenance": m.provenance.value if m.provenance else None,
                "essential": m.essential,
            }
            for m in match.met
        ],
        "transferred": [
            {
                "skill": t.skill,
                "name": snap.skill_name(t.skill),
                "from_skill": t.from_skill,
                "from_name": snap.skill_name(t.from_skill),
                "credit": _round(t.credit),
                "level_gained": _round(t.level_gained),
                "required_level": t.required_level,
                "fully_met": t.fully_met,
                "rationale": t.rationale,
                "essential": t.essential,
            }
            for t in match.transferred
        ],
        "gaps": [
            {
                "skill": g.skill,
                "name": snap.skill_name(g.skill),
                "required_level": g.required_level,
                "current_level": _round(g.current_level),
                "essential": g.essential,
            }
            for g in match.gaps
        ],
    }


def route_hints(routes: Iterable[engine.CareerRoute], snapshot: Snapshot) -> list[dict[str, Any]]:
    """Where people from the person's previous jobs usually start, with the roles' titles: the routes'
    roles a ranked list does not show (all of them when the evidence is thin, else those at 0%)."""
    cat = snapshot.catalogue
    return [
        {
            "name": route.name,
            "rationale": route.rationale,
            "roles": [{"role": slug, "title": cat.role(slug).title} for slug in route.roles if slug in cat.role_index],
        }
        for route in routes
    ]


def matches_dict(result: ProfileResult, assessed: RolesAssessment, snapshot: Snapshot | None = None) -> dict[str, Any]:
    """The answer of `POST /api/v1/converter/matches` and `skillsnet convert --json`."""
    snap = snapshot or engine_snapshot()
    return {
        "profile": profile_list(result),
        "assessable": assessed.assessable,
        "message": assessed.message,
        "usual_first_roles": route_hints(assessed.routes, snap),
        "matches": [
            {**match_dict(m, snap), "tied": tied} for m, tied in zip(assessed.matches, assessed.tied, strict=True)
        ],
    }


def step_url(step: engine.PlanStep) -> str | None:
    """Where to act on a plan step: the course page to enrol (online) or the run's page to book a place."""
    try:
        if step.run_id is not None and step.run_id.isdigit():
            return reverse("centres:run", args=[int(step.run_id)])
        if step.run_id is None:
            return reverse("learning:course", args=[step.course])
    except NoReverseMatch:
        pass
    return None


def plan_dict(result: PlanResult, snapshot: Snapshot | None = None) -> dict[str, Any]:
    snap = snapshot or engine_snapshot()
    plan = result.plan
    return {
        "role": result.match.role,
        "title": result.match.title,
        "start_date": result.start.isoformat(),
        "hours_per_week": result.hours_per_week,
        "deadline": result.deadline.isoformat() if result.deadline else None,
        "centres": list(result.centres),
        "region": result.region,
        "steps": [
            {
                "course": s.course,
                "title": s.title,
                "mode": s.mode,
                "run_id": s.run_id,
                "centre": s.centre,
                "centre_name": result.centre_names.get(s.centre, s.centre) if s.centre else None,
                "starts": s.starts.isoformat(),
                "ends": s.ends.isoformat(),
                "hours": s.hours,
                "cost": s.cost,
                "closes": [{"skill": c, "name": snap.skill_name(c)} for c in s.closes],
                "reason": s.reason,
                "example": s.course in snap.example_courses,
                "book_from": s.book_from.isoformat() if s.book_from else None,
                "book_by": s.book_by.isoformat() if s.book_by else None,
                "url": step_url(s),
                "booked": result.booked.get(s.course) if s.run_id is not None else None,
            }
            for s in plan.steps
        ],
        "total_hours": plan.total_hours,
        "total_cost": plan.total_cost,
        "finish_date": plan.finish_date.isoformat() if plan.finish_date else None,
        "uncovered": [
            {
                "skill": u.skill,
                "name": snap.skill_name(u.skill),
                "required_level": u.required_level,
                "reason": u.reason,
                "kind": u.kind,
                # kind "travel": the centres beyond the person's travel with a run that would close the gap
                "centres": [{"slug": c, "name": name, "region": region} for c, name, region in u.centres],
            }
            for u in plan.uncovered
        ],
        "method": plan.method,
        "greedy_hours": plan.greedy_hours,
        "greedy_cost": plan.greedy_cost,
        "saving_hours": result.saving_hours,
        "runs_published": True,  # kept for API clients: the centres publish their runs
    }
