"""Tuning aid for the Converter that scores DEV jobs only (the dev part and dev3; never test or holdout).

    EVAL_DB=/tmp/eval.sqlite3 .venv/bin/python -m tests.eval.converter_dev      # dev figures and every miss
    EVAL_DB=/tmp/eval.sqlite3 .venv/bin/python -m tests.eval.converter_dev -q   # dev figures only

The test jobs are dropped as soon as the labels are read; only `make eval` scores them, in aggregate. Each
miss prints the job, its rationale, the top five roles with their fits and flags, and the labels, so a change
can be reasoned about from the dev part alone.
"""

from __future__ import annotations

import sys
from collections import Counter
from typing import Any

from tests.eval import run_eval
from tests.eval.metrics import judge, rates, split_of


def dev_jobs() -> list[dict[str, Any]]:
    """The dev part of the first labels, then the second dev part (drawn at random from ESCO, all dev)."""
    first = [job for job in run_eval.load("converter/jobs.yaml") if split_of(job["esco_uri"]) == "dev"]
    return first + [dict(job, part="dev3") for job in run_eval.load("converter/dev3.yaml")]


def flags(match: Any) -> str:
    marks = [
        name
        for name, on in (
            ("stretch", not match.within_reach),
            ("up", match.step_up),
            ("down", match.step_down),
            ("unproven", match.specialist_unproven),
        )
        if on
    ]
    return ",".join(marks)


def main() -> None:
    run_eval.setup()
    from skillsnet.catalogue.models import SourceOccupation
    from skillsnet.converter import services

    quiet = "-q" in sys.argv
    results: dict[str, list[Any]] = {"dev": [], "dev3": []}
    wrong_top: Counter[str] = Counter()
    missed: Counter[str] = Counter()
    for job in dev_jobs():
        profile = services.profile_build(occupations=[job["esco_uri"]]).profile
        assessed = services.roles_assess(profile=profile, limit=5)
        top = [m.role for m in assessed.matches] if assessed.assessable else []
        verdict = judge(top, job["plausible"], job["wrong"])
        results[job.get("part", "dev")].append(verdict)
        if verdict.sensible:
            continue
        if top and top[0] not in job["plausible"]:
            wrong_top[top[0]] += 1
        for role in job["plausible"]:
            if role not in top[:3]:
                missed[role] += 1
        if quiet:
            continue
        title = SourceOccupation.objects.filter(esco_uri=job["esco_uri"]).values_list("title", flat=True).first()
        print(
            f"\n{'WRONG' if verdict.wrong else 'miss '} {title} [{job.get('part', 'dev')}, {job.get('sector', '')}]"
            f" — {job.get('rationale', '')}"
        )
        if not assessed.assessable:
            print(f"   not assessable: {assessed.message[:120]}")
        for m in assessed.matches:
            mark = "+" if m.role in job["plausible"] else ("-" if m.role in job["wrong"] else " ")
            print(f"   {mark} {m.role:40s} {m.score:.2f} ess {m.essential_coverage:.2f} L{m.entry_level} {flags(m)}")
        print(f"   plausible: {', '.join(job['plausible'])}")
    print()
    for part, verdicts in results.items():
        figures = rates(verdicts)
        print(
            f"{part:<4} n={len(verdicts)}  sensible@3 {figures['sensible@3']:.1%}  wrong@3 {figures['wrong@3']:.1%}  "
            f"labelled-wrong {figures['labelled-wrong in top 3']:.1%}"
        )
    print("top-1 not plausible, by role:", ", ".join(f"{r} {n}" for r, n in wrong_top.most_common(12)))
    print("plausible role missing from top 3:", ", ".join(f"{r} {n}" for r, n in missed.most_common(12)))


if __name__ == "__main__":
    main()
