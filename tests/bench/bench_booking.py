"""Booking under concurrency: 500 attempts at once against one run on PostgreSQL (a benchmark, not a test).

Creates a scratch database (dropped at the end), migrates it, and fires 500 bookings by 500 people at
one run of 50 seats from a pool of threads, each thread with its own connection. Tasks go to the
database queue, as in production. Prints overbookings (must be 0), bookings per second and p50/p95
latency per attempt.

Run: .venv/bin/python tests/bench/bench_booking.py
PostgreSQL: $BENCH_POSTGRES_URL, default postgres://postgres@127.0.0.1:5432/postgres (the server; the
scratch database is created beside it). Skipped with a message when nothing answers there.
"""

from __future__ import annotations

import os
import statistics
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "src"))

ATTEMPTS = 500
SEATS = 50
WORKERS = int(
    os.environ.get("BENCH_WORKERS", "48")
)  # below PostgreSQL's default max_connections (100), leaving room for other sessions
SERVER = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")


def _admin_connect():  # type: ignore[no-untyped-def]
    import psycopg

    return psycopg.connect(SERVER, connect_timeout=3, autocommit=True)


def main() -> int:
    try:
        admin = _admin_connect()
    except Exception as exc:
        print(f"SKIPPED bench_booking: no PostgreSQL server answers at {SERVER} ({exc.__class__.__name__}).")
        return 0
    scratch = f"skillsnet_bench_booking_{os.getpid()}"
    admin.execute(f'CREATE DATABASE "{scratch}"')
    try:
        return _bench(scratch)
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{scratch}" WITH (FORCE)')
        admin.close()


def _bench(scratch: str) -> int:
    os.environ["DATABASE_URL"] = SERVER.rsplit("/", 1)[0] + f"/{scratch}"
    os.environ.setdefault("SKILLSNET_ENV", "test")
    os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
    os.environ["TASKS_BACKEND"] = "django_tasks_db.DatabaseBackend"
    os.environ["DJANGO_SETTINGS_MODULE"] = "skillsnet.settings"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connections
    from django.utils import timezone

    from skillsnet.accounts.models import User
    from skillsnet.catalogue.models import Course, Provider
    from skillsnet.centres import selectors, services
    from skillsnet.centres.models import Booking, BookingStatus, Centre, CourseRun, RunSession

    call_command("migrate", verbosity=0)
    now = timezone.now()
    provider = Provider.objects.create(slug="bench", name="Bench provider")
    course = Course.objects.create(
        slug="bench-course", title="Bench course", provider=provider, mode="on-site", hours=7, level=3, description="."
    )
    centre = Centre.objects.create(
        slug="bench-centre",
        name="Bench centre",
        organisation="Bench",
        address="1 Bench Road",
        region="Nowhere",
        latitude=55.0,
        longitude=-3.0,
    )
    run = CourseRun.objects.create(
        course=course,
        centre=centre,
        capacity=SEATS,
        booking_opens_at=now - timedelta(days=1),
        booking_closes_at=now + timedelta(days=10),
    )
    starts = now + timedelta(days=14)
    RunSession.objects.create(run=run, starts_at=starts, ends_at=starts + timedelta(hours=7))
    User.objects.bulk_create(User(email=f"bench{i}@example.com", password="!") for i in range(ATTEMPTS))
    people = list(User.objects.order_by("pk"))
    connections.close_all()

    latencies: list[float] = []
    failures: list[str] = []
    lock = threading.Lock()
    gate = threading.Event()

    def attempt(person: User) -> None:
        gate.wait()
        t0 = time.perf_counter()
        try:
            services.booking_create(run=run, learner=person)
        except Exception as exc:
            with lock:
                failures.append(f"{exc.__class__.__name__}: {exc}")
        finally:
            with lock:
                latencies.append(time.perf_counter() - t0)

    with ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="booker") as pool:
        futures = [pool.submit(attempt, p) for p in people]
        started = time.perf_counter()
        gate.set()
        for f in futures:
            f.result()
        # Each pool thread opened its own connection: the barrier makes every thread close its own.
        everyone = threading.Barrier(WORKERS)

        def close_mine() -> None:
            everyone.wait()
            connections.close_all()

        for f in [pool.submit(close_mine) for _ in range(WORKERS)]:
            f.result()
    wall = time.perf_counter() - started

    confirmed = Booking.objects.filter(run=run, status=BookingStatus.CONFIRMED).count()
    waitlisted = Booking.objects.filter(run=run, status=BookingStatus.WAITLISTED).count()
    positions = sorted(selectors.waitlist_positions([run.pk]).values())
    overbooked = max(0, confirmed - SEATS)
    latencies.sort()
    p50 = statistics.median(latencies)
    p95 = latencies[int(0.95 * (len(latencies) - 1))]
    print(f"bench_booking: {ATTEMPTS} concurrent attempts, {SEATS} seats, {WORKERS} threads, PostgreSQL")
    print(f"  confirmed {confirmed}, waitlisted {waitlisted}, failed {len(failures)}")
    print(f"  overbookings: {overbooked}")
    print(f"  waiting-list positions 1..{len(positions)} distinct: {positions == list(range(1, waitlisted + 1))}")
    print(f"  throughput: {ATTEMPTS / wall:.0f} bookings/s ({wall:.2f} s wall)")
    print(
        f"  latency per attempt (from its start in a thread, lock wait included): p50 {p50 * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms"
    )
    for failure in failures[:5]:
        print(f"  failure: {failure}")
    connections.close_all()
    ok = overbooked == 0 and not failures and confirmed + waitlisted == ATTEMPTS
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
