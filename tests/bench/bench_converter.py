"""Career Converter benchmark: server time of the journey's pages through Django's test client.

Run: .venv/bin/python tests/bench/bench_converter.py   (needs no server; builds a scratch SQLite database)

The curated dataset is loaded; ESCO too when $ESCO_DIR (default data/esco) holds the ESCO v1.1.1 CSV export
(`skillsnet import_esco`), and the report says which. Each page is requested many times after one warm-up
(the engine snapshot is built once per catalogue version, as on a running server); p50 and p95 are of the
wall-clock time of the whole request, middleware and session included. Target: results page p95 < 150 ms.
"""

from __future__ import annotations

import os
import shutil
import statistics
import sys
import tempfile
import time
from io import StringIO
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))
SCRATCH = Path(tempfile.mkdtemp(prefix="bench-converter-"))
os.environ["DATABASE_URL"] = f"sqlite:///{SCRATCH / 'bench.sqlite3'}"
os.environ["SKILLSNET_ENV"] = "test"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "skillsnet.settings")
os.environ.setdefault("LOG_LEVEL", "WARNING")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

ITERATIONS = int(os.environ.get("BENCH_ITERATIONS", "200"))
TARGET_P95_MS = 150.0
ESCO_DIR = Path(os.environ.get("ESCO_DIR") or Path(__file__).resolve().parents[2] / "data" / "esco")


def timed(client: Client, method: str, path: str, n: int, **kwargs: object) -> list[float]:
    call = getattr(client, method)
    response = call(path, **kwargs)
    assert response.status_code == 200, (path, response.status_code)
    samples = []
    for _ in range(n):
        started = time.perf_counter()
        response = call(path, **kwargs)
        samples.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (path, response.status_code)
    return samples


def percentile(samples: list[float], p: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def main() -> None:
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    call_command("load_dataset", stdout=StringIO())
    print(f"curated dataset loaded in {time.perf_counter() - started:.1f} s")
    with_esco = ESCO_DIR.exists() and any(ESCO_DIR.iterdir())
    if with_esco:
        started = time.perf_counter()
        bridge = ESCO_DIR.parent / "esco_bridge.csv"  # data/esco_bridge.csv beside data/esco
        extra = ["--bridge", str(bridge)] if bridge.is_file() else []
        call_command("import_esco", str(ESCO_DIR), *extra, stdout=StringIO(), stderr=StringIO())
        print(f"ESCO imported from {ESCO_DIR} in {time.perf_counter() - started:.1f} s")
    else:
        print(f"ESCO not found at {ESCO_DIR}: figures are WITHOUT ESCO")

    from skillsnet.catalogue.models import Skill, SourceOccupation

    print(f"catalogue: {Skill.objects.count():,} skills, {SourceOccupation.objects.count():,} source occupations")

    client = Client()
    client.post("/career-converter/from/jobs/", {"action": "add", "key": "brew-house-operator"})
    client.post("/career-converter/from/jobs/", {"action": "add", "key": "biomedical-scientist"})
    client.post(
        "/career-converter/from/cv/",
        {"text": "Five years running fermenters. I led the HACCP team and trained staff in CIP and GMP."},
    )
    client.post("/career-converter/from/skills/", {"action": "add", "skill": "teamwork", "level": "3"})

    body = {
        "occupations": ["brew-house-operator", "biomedical-scientist"],
        "skills": [{"skill": "teamwork", "level": 3}],
    }
    cases = [
        ("results page (2 jobs, CV, 1 rating)", "get", "/career-converter/results/", {}),
        ("results page, all roles", "get", "/career-converter/results/", {"data": {"show": "all"}}),
        ("role page with plan", "get", "/career-converter/results/atmp-manufacturing-technician/", {}),
        (
            "job suggestions (htmx), 'operator'",
            "get",
            "/career-converter/from/jobs/suggest/",
            {"data": {"q": "operator"}},
        ),
        (
            "API POST /converter/matches",
            "post",
            "/api/v1/converter/matches",
            {"data": body, "content_type": "application/json"},
        ),
    ]
    from django.conf import settings

    settings.CONVERTER_ANON_RATE_PER_MINUTE = 10**9
    rows = []
    for label, method, path, kwargs in cases:
        n = ITERATIONS if "plan" not in label else max(20, ITERATIONS // 4)
        samples = timed(client, method, path, n, **kwargs)
        rows.append((label, n, statistics.median(samples), percentile(samples, 95)))

    print()
    print(f"| request | n | p50 ms | p95 ms |  ({'with' if with_esco else 'WITHOUT'} ESCO, {os.cpu_count()} cores)")
    print("| --- | ---: | ---: | ---: |")
    for label, n, p50, p95 in rows:
        print(f"| {label} | {n} | {p50:.1f} | {p95:.1f} |")
    results_p95 = rows[0][3]
    verdict = "meets" if results_p95 < TARGET_P95_MS else "MISSES"
    print(f"\nresults page p95 {results_p95:.1f} ms {verdict} the {TARGET_P95_MS:.0f} ms target")


if __name__ == "__main__":
    try:
        main()
    finally:
        shutil.rmtree(SCRATCH, ignore_errors=True)
