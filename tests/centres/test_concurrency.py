"""Many people booking the same run at once: never more confirmed than seats, a clean queue, no doubles.

Each attempt runs in its own thread with its own database connection, so the run's row lock (PostgreSQL
`SELECT … FOR UPDATE`) is what keeps them apart. SQLite's test database lives in shared-cache memory,
where table locks fail fast instead of waiting, so there the race is left to the PostgreSQL pass.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection, connections

from skillsnet.accounts.models import User
from skillsnet.centres import selectors, services
from skillsnet.centres.models import ACTIVE_STATUSES, Booking, BookingStatus

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _postgresql_only() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("covered by the PostgreSQL pass (SQLite's shared-cache test database cannot queue writers)")


def race(attempts: list[Callable[[], Any]]) -> list[Any]:
    """Run every attempt at the same moment, each in its own thread and connection; return results in order."""
    results: list[Any] = [None] * len(attempts)
    start = threading.Barrier(len(attempts))

    def run(i: int) -> None:
        try:
            start.wait()
            results[i] = attempts[i]()
        except Exception as exc:  # the assertions below report what went wrong
            results[i] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(attempts))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return results


def test_it_never_overbooks_fifty_people_racing_for_ten_seats(make_run: Any) -> None:
    run = make_run(capacity=10)
    people = [User.objects.create_user(email=f"racer{i}@example.com", password=None) for i in range(50)]
    results = race([lambda p=p: services.booking_create(run=run, learner=p) for p in people])

    errors = [r for r in results if not isinstance(r, Booking)]
    assert errors == []
    bookings = list(Booking.objects.filter(run=run))
    counts = Counter(b.status for b in bookings)
    assert counts == {BookingStatus.CONFIRMED: 10, BookingStatus.WAITLISTED: 40}
    assert len({b.learner_id for b in bookings}) == 50
    positions = selectors.waitlist_positions([run.pk])
    assert sorted(positions.values()) == list(range(1, 41))
    availability = selectors.availability(run)
    assert (availability.held, availability.waiting, availability.seats_left) == (10, 40, 0)


def test_one_person_clicking_ten_times_at_once_gets_one_place(make_run: Any) -> None:
    run = make_run(capacity=10)
    person = User.objects.create_user(email="eager@example.com", password=None)
    results = race([lambda: services.booking_create(run=run, learner=person) for _ in range(10)])

    made = [r for r in results if isinstance(r, Booking)]
    refused = [r for r in results if isinstance(r, services.BookingError)]
    assert len(made) == 1
    assert len(refused) == 9
    assert {r.code for r in refused} == {"duplicate"}
    assert Booking.objects.filter(run=run, learner=person, status__in=ACTIVE_STATUSES).count() == 1
