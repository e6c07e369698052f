"""The JSON API for runs and bookings."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from skillsnet.centres import services
from skillsnet.centres.models import Booking, BookingStatus


def test_runs_are_public_with_seats_left_and_filters(client, make_run, make_user, django_assert_max_num_queries):
    roomy = make_run(capacity=3)
    full = make_run(centre="nhc", course="gowning", capacity=1, starts_in=timedelta(days=40))
    Booking.objects.create(run=full, learner=make_user("x@example.com"), status=BookingStatus.CONFIRMED)
    with django_assert_max_num_queries(3):
        data = client.get("/api/v1/runs").json()
    assert data["count"] == 2
    by_id = {item["id"]: item for item in data["items"]}
    assert by_id[roomy.pk]["seats_left"] == 3
    assert by_id[full.pk]["seats_left"] == 0
    assert by_id[roomy.pk]["centre"] == {"slug": "roslinct", "name": "RoslinCT", "region": "Scotland", "example": False}
    assert by_id[roomy.pk]["booking_open"] is True
    assert [i["id"] for i in client.get("/api/v1/runs", {"centre": "roslinct"}).json()["items"]] == [roomy.pk]
    assert [i["id"] for i in client.get("/api/v1/runs", {"region": "North East England"}).json()["items"]] == [full.pk]
    assert [i["id"] for i in client.get("/api/v1/runs", {"course": "cleanroom-gowning-practical"}).json()["items"]] == [
        full.pk
    ]
    cut = (timezone.localdate() + timedelta(days=30)).isoformat()
    assert [i["id"] for i in client.get("/api/v1/runs", {"from": cut}).json()["items"]] == [full.pk]
    assert [i["id"] for i in client.get("/api/v1/runs", {"to": cut}).json()["items"]] == [roomy.pk]
    backwards = client.get("/api/v1/runs", {"from": "2030-01-02", "to": "2030-01-01"})
    assert backwards.status_code == 422
    assert "detail" in backwards.json()
    assert client.get("/api/v1/runs", {"from": "not-a-date"}).status_code == 422


def test_one_run_has_sessions_and_prerequisites(client, make_run):
    run = make_run(course="gowning", days=2)
    data = client.get(f"/api/v1/runs/{run.pk}").json()
    assert len(data["sessions"]) == 2
    assert data["prerequisites"] == ["cleanroom-fundamentals"]
    missing = client.get("/api/v1/runs/999999")
    assert missing.status_code == 404
    assert missing.json() == {"detail": "No such course run."}


def test_booking_needs_a_signed_in_person(client, make_run):
    run = make_run()
    response = client.post(f"/api/v1/runs/{run.pk}/book", content_type="application/json")
    assert response.status_code == 401
    assert response.json() == {"detail": "Sign in to use this endpoint."}
    assert client.get("/api/v1/bookings").status_code == 401


def test_booking_checks_csrf_for_session_callers(signed_in, learner, make_run, client):
    from django.test import Client

    run = make_run()
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(learner, backend="django.contrib.auth.backends.ModelBackend")
    assert strict.post(f"/api/v1/runs/{run.pk}/book", content_type="application/json").status_code == 403
    assert not Booking.objects.exists()


def test_book_then_waitlist_then_refusals(signed_in, learner, other_learner, make_user, make_run):
    run = make_run(capacity=1)
    first = signed_in(learner).post(f"/api/v1/runs/{run.pk}/book", content_type="application/json")
    assert first.status_code == 201
    assert first.json()["status"] == "confirmed"
    assert first.json()["calendar_url"].endswith("/calendar.ics")
    again = signed_in(learner).post(f"/api/v1/runs/{run.pk}/book", content_type="application/json")
    assert again.status_code == 409
    assert "already have a place" in again.json()["detail"]
    waiting = signed_in(other_learner).post(f"/api/v1/runs/{run.pk}/book", content_type="application/json")
    assert waiting.status_code == 201
    assert waiting.json()["status"] == "waitlisted"
    assert waiting.json()["waitlist_position"] == 1
    assert waiting.json()["calendar_url"] is None


def test_refusals_are_json_with_a_clear_detail(signed_in, learner, make_run, now):
    client = signed_in(learner)
    gowning = make_run(course="gowning")
    response = client.post(f"/api/v1/runs/{gowning.pk}/book", content_type="application/json")
    assert response.status_code == 422, response.content
    assert "Cleanroom fundamentals" in response.json()["detail"]
    closed = make_run(booking_opens_at=now - timedelta(days=9), booking_closes_at=timezone.now() - timedelta(hours=1))
    response = client.post(f"/api/v1/runs/{closed.pk}/book", content_type="application/json")
    assert response.status_code == 409
    assert response.json()["detail"] == "Booking for this run has closed. Choose another date."
    assert client.post("/api/v1/runs/999999/book", content_type="application/json").status_code == 404


def test_my_bookings_and_changing_them(signed_in, learner, other_learner, make_run):
    run = make_run(capacity=1)
    held = services.booking_create(run=run, learner=other_learner)
    mine = services.booking_create(run=run, learner=learner)
    client = signed_in(learner)
    listed = client.get("/api/v1/bookings").json()
    assert [(b["id"], b["status"], b["waitlist_position"]) for b in listed["items"]] == [(mine.pk, "waitlisted", 1)]
    assert client.post(f"/api/v1/bookings/{mine.pk}/accept", content_type="application/json").status_code == 409
    services.booking_cancel(booking=held, actor=other_learner)
    assert client.get("/api/v1/bookings").json()["items"][0]["status"] == "offered"
    accepted = client.post(f"/api/v1/bookings/{mine.pk}/accept", content_type="application/json")
    assert accepted.status_code == 200
    assert accepted.json()["status"] == "confirmed"
    cancelled = client.post(f"/api/v1/bookings/{mine.pk}/cancel", content_type="application/json")
    assert cancelled.json()["status"] == "cancelled"


def test_declining_through_the_api(signed_in, learner, other_learner, make_run):
    run = make_run(capacity=1)
    held = services.booking_create(run=run, learner=other_learner)
    mine = services.booking_create(run=run, learner=learner)
    services.booking_cancel(booking=held, actor=other_learner)
    response = signed_in(learner).post(f"/api/v1/bookings/{mine.pk}/decline", content_type="application/json")
    assert response.status_code == 200
    assert response.json()["status"] == "declined"


def test_other_peoples_bookings_are_404(signed_in, learner, other_learner, make_run):
    run = make_run()
    booking = services.booking_create(run=run, learner=learner)
    client = signed_in(other_learner)
    for action in ("cancel", "accept", "decline"):
        response = client.post(f"/api/v1/bookings/{booking.pk}/{action}", content_type="application/json")
        assert response.status_code == 404
        assert response.json() == {"detail": "No such booking."}
    assert client.get("/api/v1/bookings").json() == {"count": 0, "items": []}
    assert Booking.objects.get(pk=booking.pk).status == BookingStatus.CONFIRMED


def test_employer_runs_take_the_employer_in_the_body(signed_in, learner, make_run, employers):
    from skillsnet.centres.models import Approval

    run = make_run(requires_approval=Approval.EMPLOYER)
    client = signed_in(learner)
    missing = client.post(f"/api/v1/runs/{run.pk}/book", content_type="application/json")
    assert missing.status_code == 422
    assert "Name your employer" in missing.json()["detail"]
    unknown = client.post(
        f"/api/v1/runs/{run.pk}/book", {"employer": "no-such-employer"}, content_type="application/json"
    )
    assert unknown.status_code == 422
    assert "There is no employer with the code ‘no-such-employer’" in unknown.json()["detail"]
    assert not Booking.objects.exists()  # no seat held for an employer no one can be
    booked = client.post(f"/api/v1/runs/{run.pk}/book", {"employer": "demo-biotech"}, content_type="application/json")
    assert booked.status_code == 201
    assert booked.json()["status"] == "pending_approval"
    assert Booking.objects.get().employer == "demo-biotech"
