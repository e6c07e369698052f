"""After the scale-out load run (scripts/scaleout.sh): do two gunicorn groups behave as one server?

Run by scaleout.sh with the service's environment (database, Redis). Each check prints one line; exit 1 when
any fails.
- **Sessions**: signed in through nginx, the same cookie is signed in on each group directly.
- **Rate limits**: 40 sign-in attempts from one address, alternating between the groups, against a limit of
  20 a minute: exactly 20 reach the form and 20 get 429, as on one server (the counts live in Redis).
- **Shared page cache**: a public page built by group A is served by group B with the same ETag.
- **Bookings**: on every run, the bookings holding a seat are no more than its capacity (no overbooking), and
  each person holds at most one live booking per run.
- **Tasks**: the db_worker drains the queue (the booking emails the load enqueued); none failed.
"""

from __future__ import annotations

import os
import re
import sys
import time
import uuid
from typing import Any

import django
import requests

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "skillsnet.settings")
django.setup()

from django.db.models import Count, Q  # noqa: E402
from django.utils import timezone  # noqa: E402

GROUPS = [int(p) for p in os.environ.get("SCALEOUT_GROUPS", "8091 8092").split()]
FRONT = f"http://127.0.0.1:{os.environ.get('LOAD_PORT', '8078')}"
PASSWORD = os.environ.get("LOAD_PASSWORD", "load-test-password-1")
failures: list[str] = []


def report(ok: bool, line: str) -> None:
    print(f"  {'ok  ' if ok else 'FAIL'} {line}")
    if not ok:
        failures.append(line)


class Browser:
    """A visitor through plain HTTP that keeps its cookies, Secure ones included (production sets the flag)."""

    def __init__(self, address: str) -> None:
        self.cookies: dict[str, str] = {}
        self.headers = {"X-Forwarded-For": address}

    def request(self, method: str, url: str, **kwargs: Any) -> requests.Response:
        answer = requests.request(
            method, url, cookies=self.cookies, headers=self.headers, allow_redirects=False, timeout=15, **kwargs
        )
        self.cookies.update({c.name: c.value or "" for c in answer.cookies})
        return answer

    def sign_in(self, base: str, email: str, password: str) -> int:
        page = self.request("GET", f"{base}/account/sign-in/")
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
        form = {"csrfmiddlewaretoken": match.group(1) if match else "", "username": email, "password": password}
        return self.request("POST", f"{base}/account/sign-in/", data=form).status_code


def check_sessions() -> None:
    browser = Browser("203.0.113.10")
    signed_in = browser.sign_in(FRONT, "load0@example.com", PASSWORD)
    statuses = [browser.request("GET", f"http://127.0.0.1:{port}/api/v1/bookings").status_code for port in GROUPS]
    report(
        signed_in == 302 and all(s == 200 for s in statuses),
        f"sessions: signed in through nginx ({signed_in}); the same cookie on each group directly: {statuses}",
    )


def check_rate_limits() -> None:
    address = f"198.51.100.{uuid.uuid4().int % 200 + 1}"
    answers: dict[int, list[int]] = {port: [] for port in GROUPS}
    for attempt in range(40):
        port = GROUPS[attempt % len(GROUPS)]
        browser = Browser(f"{address}, 127.0.0.1")  # as nginx passes it on
        code = browser.sign_in(f"http://127.0.0.1:{port}", f"nobody{attempt}@example.com", "wrong-password-1")
        answers[port].append(code)
    refused = sum(code == 429 for codes in answers.values() for code in codes)
    reached = sum(code == 200 for codes in answers.values() for code in codes)
    by_group = ", ".join(f"group :{p} {sum(c == 429 for c in codes)} × 429" for p, codes in answers.items())
    report(
        reached == 20 and refused == 20,
        f"rate limits: 40 sign-ins from {address} alternating between the groups, limit 20/min: "
        f"{reached} reached the form, {refused} × 429 ({by_group})",
    )


def check_shared_cache() -> None:
    first = requests.get(f"http://127.0.0.1:{GROUPS[0]}/roles/", timeout=10)
    second = requests.get(f"http://127.0.0.1:{GROUPS[1]}/roles/", timeout=10)
    etags = (first.headers.get("ETag"), second.headers.get("ETag"))
    report(
        bool(etags[0]) and etags[0] == etags[1],
        f"shared cache: /roles/ from group A then B, ETag {etags[0]} / {etags[1]}",
    )


def check_bookings() -> None:
    from skillsnet.centres.models import ACTIVE_STATUSES, Booking, CourseRun
    from skillsnet.centres.selectors import holds_seat

    now = timezone.now()
    runs = CourseRun.objects.annotate(held=Count("bookings", filter=_prefixed(holds_seat(now))))
    over = [(run.pk, run.held, run.capacity) for run in runs if run.held > run.capacity]
    total = Booking.objects.count()
    live = Booking.objects.filter(status__in=[s.value for s in ACTIVE_STATUSES])
    doubles = live.values("run_id", "learner_id").annotate(n=Count("id")).filter(n__gt=1).count()
    report(
        not over and not doubles,
        f"bookings: {total} made on {runs.count()} runs; runs holding more bookings than seats: {len(over)} "
        f"{over[:5]}; people with two live bookings on one run: {doubles}",
    )


def _prefixed(condition: Q) -> Q:
    """`holds_seat`'s condition on Booking, rewritten to be read from CourseRun through `bookings__`."""
    rewritten = Q()
    rewritten.connector = condition.connector
    rewritten.negated = condition.negated
    for child in condition.children:
        if isinstance(child, Q):
            rewritten.children.append(_prefixed(child))
        else:
            key, value = child
            rewritten.children.append((f"bookings__{key}", value))
    return rewritten


def check_tasks() -> None:
    from django_tasks_db.models import DBTaskResult

    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        waiting = DBTaskResult.objects.filter(status__in=["READY", "RUNNING"]).count()
        if waiting == 0:
            break
        time.sleep(1)
    counts = dict(DBTaskResult.objects.values_list("status").annotate(n=Count("id")).values_list("status", "n"))
    failed = counts.get("FAILED", 0)
    waiting = counts.get("READY", 0) + counts.get("RUNNING", 0)
    report(
        failed == 0 and waiting == 0 and counts.get("SUCCESSFUL", 0) > 0,
        f"tasks: the db_worker ran them all: {counts}",
    )


def main() -> int:
    check_sessions()
    check_rate_limits()
    check_shared_cache()
    check_bookings()
    check_tasks()
    print(f"\nscale-out checks: {'all passed' if not failures else f'{len(failures)} failed'}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
