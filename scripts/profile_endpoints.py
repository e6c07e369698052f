"""Where the CPU goes, per endpoint of the `make load` scenario (run by `scripts/load.sh --profile`).

Every request of tests/load/locustfile.py is made in this one process through Django's test client (all the
middleware, sessions, templates), against the database load.sh prepared, with production settings. For each
endpoint: a few warm-up requests, then REPEAT timed ones, each counted in CPU time (time.process_time, so
other work on the machine does not count), with its SQL queries, under cProfile. Prints per endpoint the
median CPU ms, the queries per request and the functions with the most own time, then the scenario's
weighted mean CPU per request (the weights are the request counts of the last `make load`, var/load).

    PROFILE_REPEAT=20 PROFILE_TOP=8 PROFILE_OUT=var/load/profile.txt
"""

from __future__ import annotations

import cProfile
import csv
import io
import os
import pstats
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "skillsnet.settings")
django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

REPEAT = int(os.environ.get("PROFILE_REPEAT", "20"))
TOP = int(os.environ.get("PROFILE_TOP", "8"))
OUT = Path(os.environ.get("PROFILE_OUT", "var/load/profile.txt"))
HOST = os.environ.get("PROFILE_HOST", "127.0.0.1")
OCCUPATIONS = ["pharma-production-operator", "pharma-qc-chemist", "pharma-validation-engineer"]


def client() -> Client:
    return Client(HTTP_HOST=HOST, enforce_csrf_checks=False)


def main() -> int:
    from skillsnet.accounts.models import User

    random.seed(7)
    anon = client()
    roles = [r["slug"] for r in anon.get("/api/v1/roles").json()["items"]]
    courses = [c["slug"] for c in anon.get("/api/v1/courses?limit=100").json()["items"]]
    runs = [r["id"] for r in anon.get("/api/v1/runs?limit=100").json()["items"]]
    centres = sorted({r["centre"]["slug"] for r in anon.get("/api/v1/runs?limit=100").json()["items"]})

    learner = client()
    user = User.objects.order_by("id").first()
    assert user is not None, "no accounts: run through scripts/load.sh --profile"
    learner.force_login(user)
    booked = 0
    for run in runs:  # a few bookings, as a learner of the scenario has after a while
        answer = learner.post(f"/api/v1/runs/{run}/book", {}, content_type="application/json")
        booked += answer.status_code == 201
        if booked == 6:
            break

    # A new visitor each time, without a new Client: a new test client loads the middleware again (WhiteNoise
    # then indexes every static file), which a running worker does once.
    fresh_client = client()

    def fresh() -> Client:
        fresh_client.cookies.clear()
        return fresh_client

    def converter_session() -> Any:
        return fresh().post("/career-converter/from/jobs/", {"key": random.choice(OCCUPATIONS)})

    journey = client()
    journey.post("/career-converter/from/jobs/", {"key": OCCUPATIONS[0]})

    endpoints: list[tuple[str, Callable[[], Any]]] = [
        ("GET /", lambda: anon.get("/")),
        ("GET /roles/", lambda: anon.get("/roles/")),
        ("GET /roles/[slug]/", lambda: anon.get(f"/roles/{random.choice(roles)}/")),
        ("GET /training/", lambda: anon.get("/training/")),
        ("GET /training/courses/[slug]/", lambda: anon.get(f"/training/courses/{random.choice(courses)}/")),
        ("GET /training-centres/", lambda: anon.get("/training-centres/")),
        ("GET /training-centres/runs/[id]/", lambda: anon.get(f"/training-centres/runs/{random.choice(runs)}/")),
        ("GET /centres/[slug]/", lambda: anon.get(f"/centres/{random.choice(centres)}/")),
        ("GET /api/v1/roles", lambda: anon.get("/api/v1/roles")),
        ("GET /api/v1/courses", lambda: anon.get("/api/v1/courses?limit=20")),
        ("GET /api/v1/runs", lambda: anon.get("/api/v1/runs?limit=20")),
        ("GET /api/v1/runs/[id]", lambda: learner.get(f"/api/v1/runs/{random.choice(runs)}")),
        ("GET /career-converter/", lambda: fresh().get("/career-converter/")),
        ("GET /career-converter/from/jobs/?q=", lambda: fresh().get("/career-converter/from/jobs/?q=operator")),
        ("POST /career-converter/from/jobs/ (add)", converter_session),
        ("GET /career-converter/results/", lambda: journey.get("/career-converter/results/")),
        (
            "GET /career-converter/results/[role]/",
            lambda: journey.get(f"/career-converter/results/{random.choice(roles)}/"),
        ),
        (
            "POST /api/v1/converter/matches",
            lambda: anon.post(
                "/api/v1/converter/matches",
                {"occupations": [random.choice(OCCUPATIONS)], "skills": [{"skill": "gmp", "level": 2}], "limit": 10},
                content_type="application/json",
            ),
        ),
        (
            "POST /api/v1/converter/plan",
            lambda: anon.post(
                "/api/v1/converter/plan",
                {"occupations": [random.choice(OCCUPATIONS)], "role": random.choice(roles)},
                content_type="application/json",
            ),
        ),
        ("GET /account/sign-in/", lambda: fresh().get("/account/sign-in/")),
        ("GET /api/v1/bookings", lambda: learner.get("/api/v1/bookings")),
        ("GET /bookings/", lambda: learner.get("/bookings/")),
        ("GET /training/dashboard/", lambda: learner.get("/training/dashboard/")),
        ("GET /training/plan/", lambda: learner.get("/training/plan/")),
        ("GET /api/v1/openapi.json", lambda: anon.get("/api/v1/openapi.json")),
    ]

    weights = _weights()
    lines: list[str] = []
    table: list[tuple[str, float, int, int]] = []
    for name, call in endpoints:
        for _ in range(3):
            call()
        profiler = cProfile.Profile()
        cpu: list[float] = []
        queries: list[int] = []
        status = 0
        for _ in range(REPEAT):
            with CaptureQueriesContext(connection) as captured:
                started = time.process_time()
                profiler.enable()
                response = call()
                profiler.disable()
                cpu.append((time.process_time() - started) * 1000)
            queries.append(len(captured))
            status = getattr(response, "status_code", 0)
        median = statistics.median(cpu)
        table.append((name, median, int(statistics.median(queries)), status))
        buffer = io.StringIO()
        stats = pstats.Stats(profiler, stream=buffer)
        stats.sort_stats("tottime").print_stats(TOP)
        lines.append(f"\n### {name}: CPU p50 {median:.1f} ms, {int(statistics.median(queries))} queries, {status}")
        lines.extend(_compact(buffer.getvalue(), REPEAT))

    print(f"\n{'endpoint':44} {'CPU p50 ms':>10} {'queries':>7} {'status':>6}")
    total_weight = 0.0
    weighted = 0.0
    for name, median, count, status in table:
        print(f"{name[:44]:44} {median:10.1f} {count:7d} {status:6d}")
        weight = weights.get(name, 0.0)
        total_weight += weight
        weighted += weight * median
    if total_weight:
        mean = weighted / total_weight
        print(f"\nscenario mean CPU per request (weighted by the last load run's counts): {mean:.1f} ms")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text("\n".join(lines) + "\n")
    print(f"top functions per endpoint (own time): {OUT}")
    return 0


def _compact(text: str, repeat: int) -> list[str]:
    """pstats' table, keeping only the rows, with own time per request."""
    rows = []
    started = False
    for line in text.splitlines():
        if line.strip().startswith("ncalls"):
            started = True
            rows.append("  own ms/req  calls/req  function")
            continue
        if started and line.strip():
            parts = line.split(None, 5)
            if len(parts) == 6:
                calls = parts[0].split("/")[0]
                rows.append(f"  {float(parts[1]) * 1000 / repeat:10.2f} {int(calls) / repeat:10.1f}  {parts[5]}")
    return rows


def _weights() -> dict[str, float]:
    path = Path(os.environ.get("PROFILE_WEIGHTS", "var/load/load_stats.csv"))
    if not path.exists():
        return {}
    weights = {}
    for row in csv.DictReader(path.open()):
        if row["Name"] != "Aggregated":
            weights[f"{row['Type']} {row['Name']}"] = float(row["Request Count"])
    return weights


if __name__ == "__main__":
    sys.exit(main())
