"""The pages: finding a run, booking, my bookings, the calendar file and the centre staff dashboard."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from skillsnet.accounts.models import Role
from skillsnet.centres import services
from skillsnet.centres.ics import session_uid
from skillsnet.centres.models import Approval, Attendance, Booking, BookingStatus


def test_the_finder_lists_runs_with_places_in_words(client, make_run, make_user, django_assert_max_num_queries):
    roomy = make_run(capacity=3)
    full = make_run(centre="nhc", capacity=1, starts_in=timedelta(days=30))
    services.booking_create(run=full, learner=make_user("a@example.com"))
    with django_assert_max_num_queries(6):
        response = client.get(reverse("centres-placeholder"))
    body = response.content.decode()
    assert response.status_code == 200
    assert body.count("<h1") == 1
    assert "3 places left" in body
    assert "Full – join the waiting list" in body
    assert reverse("centres:run", args=[roomy.pk]) in body
    assert "2 upcoming runs" in body


def test_the_finder_filters_by_centre_region_course_and_dates(client, make_run):
    here = make_run(centre="roslinct", starts_in=timedelta(days=10))
    there = make_run(centre="nhc", course="gowning", starts_in=timedelta(days=40))
    url = reverse("centres:find")

    def found(**params):
        body = client.get(url, params).content.decode()
        return {pk for pk in (here.pk, there.pk) if reverse("centres:run", args=[pk]) in body}

    assert found() == {here.pk, there.pk}
    assert found(centre="national-horizons-centre") == {there.pk}
    assert found(region="Scotland") == {here.pk}
    assert found(course="cleanroom-gowning-practical") == {there.pk}
    start = (timezone.localdate() + timedelta(days=20)).isoformat()
    assert found(start=start) == {there.pk}
    assert found(until=start) == {here.pk}


def test_the_finder_explains_a_backwards_date_range(client, make_run):
    make_run()
    response = client.get(reverse("centres:find"), {"start": "2030-05-02", "until": "2030-05-01"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in body
    assert "must be the same as or after" in body


def test_a_run_page_shows_sessions_prerequisites_and_a_book_button(signed_in, learner, make_run, catalogue):
    from skillsnet.learning.models import Enrolment

    run = make_run(course="gowning", days=2)
    Enrolment.objects.create(learner=learner, course=catalogue["fundamentals"], completed_at=timezone.now())
    body = signed_in(learner).get(reverse("centres:run", args=[run.pk])).content.decode()
    assert "Cleanroom fundamentals" in body
    assert "Completed" in body
    assert body.count("<tr><td>") == 2
    assert '<button type="submit" class="button">Book a place</button>' in body
    assert "warning-text" not in body


def test_a_run_page_warns_before_booking_that_a_prerequisite_is_missing(signed_in, learner, make_run):
    run = make_run(course="gowning")
    response = signed_in(learner).get(reverse("centres:run", args=[run.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Not completed" in body
    warning = body[body.index('class="warning-text"') :]
    assert "You cannot book this run until you have completed this course" in warning
    prerequisite = reverse("learning:course", args=["cleanroom-fundamentals"])
    assert f'<a href="{prerequisite}">Cleanroom fundamentals</a>' in warning
    assert 'action="' + reverse("centres:book", args=[run.pk]) + '"' not in body  # no button that would be refused


def test_cancelling_asks_first_and_only_the_confirming_post_cancels(signed_in, learner, make_run):
    run = make_run()
    booking = services.booking_create(run=run, learner=learner)
    client = signed_in(learner)
    listing = client.get(reverse("centres:my-bookings")).content.decode()
    confirm = reverse("centres:cancel", args=[booking.pk])
    assert f'<a href="{confirm}" class="button button--warning"' in listing  # a link to a page, not a POST
    response = client.get(confirm)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Are you sure you want to cancel your booking?" in body
    assert "Aseptic processing in practice" in body
    assert "RoslinCT" in body
    assert f'<form method="post" action="{confirm}">' in body
    assert reverse("centres:my-bookings") in body  # "No, keep my booking"
    assert Booking.objects.get(pk=booking.pk).status == BookingStatus.CONFIRMED
    response = client.post(confirm, follow=True)
    assert "Your booking is cancelled" in response.content.decode()
    assert Booking.objects.get(pk=booking.pk).status == BookingStatus.CANCELLED
    closed = client.get(confirm)
    assert closed.status_code == 409
    assert "nothing to cancel" in closed.content.decode()


def test_leaving_the_waiting_list_asks_in_its_own_words(signed_in, learner, other_learner, make_run):
    run = make_run(capacity=1)
    services.booking_create(run=run, learner=other_learner)
    waiting = services.booking_create(run=run, learner=learner)
    body = signed_in(learner).get(reverse("centres:cancel", args=[waiting.pk])).content.decode()
    assert "Are you sure you want to leave the waiting list?" in body
    assert "Leave the waiting list" in body


def test_anonymous_people_are_asked_to_sign_in_to_book(client, make_run):
    run = make_run()
    body = client.get(reverse("centres:run", args=[run.pk])).content.decode()
    assert "Sign in to book a place" in body
    response = client.post(reverse("centres:book", args=[run.pk]))
    assert response.status_code == 302
    assert reverse("accounts:sign-in") in response["Location"]
    assert not Booking.objects.exists()


def test_booking_from_the_run_page_then_seeing_it_in_my_bookings(signed_in, learner, make_run):
    run = make_run(capacity=1)
    client = signed_in(learner)
    response = client.post(reverse("centres:book", args=[run.pk]), follow=True)
    body = response.content.decode()
    assert "Your place is booked" in body
    assert "Aseptic processing in practice" in body
    booking = Booking.objects.get()
    assert booking.status == BookingStatus.CONFIRMED
    assert reverse("centres:calendar", args=[booking.pk]) in body


def test_a_full_run_offers_the_waiting_list_and_nearer_runs(signed_in, learner, other_learner, make_run):
    full = make_run(capacity=1)
    other = make_run(centre="nhc", starts_in=timedelta(days=25))
    services.booking_create(run=full, learner=other_learner)
    client = signed_in(learner)
    body = client.get(reverse("centres:run", args=[full.pk])).content.decode()
    assert "Join the waiting list" in body
    assert reverse("centres:run", args=[other.pk]) in body
    assert "km away" in body
    response = client.post(reverse("centres:book", args=[full.pk]), follow=True)
    assert "waiting list at number 1" in response.content.decode()
    assert "Waiting list: number 1" in response.content.decode()


def test_a_refused_booking_shows_the_reason(signed_in, learner, make_run):
    run = make_run(course="gowning")
    response = signed_in(learner).post(reverse("centres:book", args=[run.pk]))
    assert response.status_code == 409
    body = response.content.decode()
    assert "There is a problem" in body
    assert "Complete “Cleanroom fundamentals” first" in body


def test_employer_runs_ask_for_the_employer_code(signed_in, learner, make_run, employers):
    run = make_run(requires_approval=Approval.EMPLOYER)
    client = signed_in(learner)
    response = client.post(reverse("centres:book", args=[run.pk]), {"employer": ""})
    assert response.status_code == 422
    assert "Choose your employer" in response.content.decode()
    assert "Demo Biotech (example)" in response.content.decode()  # chosen from the real organisations
    response = client.post(reverse("centres:book", args=[run.pk]), {"employer": "no-such-employer"})
    assert response.status_code == 422
    assert "Choose your employer from the list" in response.content.decode()
    assert not Booking.objects.exists()
    client.post(reverse("centres:book", args=[run.pk]), {"employer": "demo-biotech"})
    assert Booking.objects.get().status == BookingStatus.PENDING_APPROVAL


def test_my_bookings_cancel_accept_and_decline(signed_in, learner, other_learner, make_run):
    run = make_run(capacity=1)
    held = services.booking_create(run=run, learner=other_learner)
    mine = services.booking_create(run=run, learner=learner)
    services.booking_cancel(booking=held, actor=other_learner)
    client = signed_in(learner)
    body = client.get(reverse("centres:my-bookings")).content.decode()
    assert "Place offered until" in body
    client.post(reverse("centres:accept", args=[mine.pk]))
    assert Booking.objects.get(pk=mine.pk).status == BookingStatus.CONFIRMED
    client.post(reverse("centres:cancel", args=[mine.pk]))
    assert Booking.objects.get(pk=mine.pk).status == BookingStatus.CANCELLED
    response = client.post(reverse("centres:cancel", args=[mine.pk]))
    assert response.status_code == 409
    assert "nothing to cancel" in response.content.decode()


def test_other_peoples_bookings_are_not_found(signed_in, learner, other_learner, make_run):
    run = make_run()
    booking = services.booking_create(run=run, learner=learner)
    client = signed_in(other_learner)
    for name in ("cancel", "accept", "decline"):
        assert client.post(reverse(f"centres:{name}", args=[booking.pk])).status_code == 404
    assert client.get(reverse("centres:calendar", args=[booking.pk])).status_code == 404
    assert Booking.objects.get(pk=booking.pk).status == BookingStatus.CONFIRMED


def test_the_calendar_file_has_one_event_per_session(signed_in, learner, make_run):
    run = make_run(days=2)
    booking = services.booking_create(run=run, learner=learner)
    response = signed_in(learner).get(reverse("centres:calendar", args=[booking.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert "attachment" in response["Content-Disposition"]
    cal = Calendar.from_ical(response.content)
    assert str(cal["METHOD"]) == "PUBLISH"
    events = cal.walk("VEVENT")
    sessions = list(run.sessions.all())
    assert [str(e["UID"]) for e in events] == [session_uid(booking.pk, s.pk) for s in sessions]
    for event, session in zip(events, sessions, strict=True):
        assert event.decoded("DTSTART") == session.starts_at
        assert event.decoded("DTSTART").utcoffset() == timedelta(0)
        assert event.decoded("DTEND") == session.ends_at
        assert "DTSTAMP" in event
        assert "Aseptic processing in practice" in str(event["SUMMARY"])
        assert "Somewhere Road" in str(event["LOCATION"])
    # Downloading again gives the same UIDs, so calendars update rather than duplicate.
    again = Calendar.from_ical(signed_in(learner).get(reverse("centres:calendar", args=[booking.pk])).content)
    assert [str(e["UID"]) for e in again.walk("VEVENT")] == [str(e["UID"]) for e in events]


def test_a_waitlisted_booking_has_no_calendar_file(signed_in, learner, other_learner, make_run):
    run = make_run(capacity=1)
    services.booking_create(run=run, learner=other_learner)
    waiting = services.booking_create(run=run, learner=learner)
    assert signed_in(learner).get(reverse("centres:calendar", args=[waiting.pk])).status_code == 404


def test_centre_pages_show_facilities_accessibility_and_runs(client, make_run, centres):
    run = make_run()
    body = client.get(reverse("centres:centres")).content.decode()
    assert "RoslinCT" in body
    assert "National Horizons Centre" in body
    body = client.get(reverse("centres:centre", args=["roslinct"])).content.decode()
    assert "Cleanroom training suite" in body
    assert "Step-free access." in body
    assert "training@roslinct.example.com" in body
    assert reverse("centres:run", args=[run.pk]) in body
    assert client.get(reverse("centres:centre", args=["nowhere"])).status_code == 404


@pytest.mark.parametrize("persona", ["learner", "provider_staff"])
def test_people_without_the_role_cannot_manage_a_centre(signed_in, request, persona, centres):
    client = signed_in(request.getfixturevalue(persona))
    assert client.get(reverse("centres:manage", args=["roslinct"])).status_code == 403


def test_staff_of_another_centre_cannot_manage_this_one(signed_in, make_user, make_run, learner):
    run = make_run()
    booking = services.booking_create(run=run, learner=learner)
    other = make_user("sam.staff@example.com", roles=[(Role.CENTRE_STAFF, "national-horizons-centre")])
    client = signed_in(other)
    assert client.get(reverse("centres:manage", args=["roslinct"])).status_code == 403
    assert client.get(reverse("centres:manage-run", args=["roslinct", run.pk])).status_code == 403
    # Their own centre's page does not reveal this centre's runs either.
    assert client.get(reverse("centres:manage-run", args=["national-horizons-centre", run.pk])).status_code == 404
    session = run.sessions.get()
    url = reverse("centres:manage-attendance", args=["national-horizons-centre", run.pk, session.pk])
    assert client.post(url, {f"s{session.pk}-booking_{booking.pk}": "present"}).status_code == 404
    assert not Attendance.objects.exists()


def test_anonymous_people_are_sent_to_sign_in_for_management(client, centres):
    response = client.get(reverse("centres:manage", args=["roslinct"]))
    assert response.status_code == 302


def test_centre_staff_see_runs_and_approve(signed_in, centre_manager, learner, make_run, django_assert_max_num_queries):
    run = make_run(capacity=2, requires_approval=Approval.CENTRE)
    pending = services.booking_create(run=run, learner=learner)
    client = signed_in(centre_manager)
    with django_assert_max_num_queries(12):
        body = client.get(reverse("centres:manage", args=["roslinct"])).content.decode()
    assert "Lee Learner" in body
    assert "1 to approve" in body
    assert "Employer: " not in body  # centre approval: no employer named
    response = client.post(reverse("centres:manage-decide", args=["roslinct", pending.pk, "approve"]), follow=True)
    assert "Lee Learner&#x27;s booking is approved" in response.content.decode()
    assert Booking.objects.get(pk=pending.pk).status == BookingStatus.CONFIRMED
    again = client.post(reverse("centres:manage-decide", args=["roslinct", pending.pk, "approve"]))
    assert again.status_code == 409


def test_programme_admins_can_manage_any_centre(signed_in, programme_admin, centres):
    assert signed_in(programme_admin).get(reverse("centres:manage", args=["roslinct"])).status_code == 200


def test_centre_staff_record_attendance_with_the_form(signed_in, centre_manager, learner, make_run, now):
    run = make_run(capacity=2, starts_in=timedelta(days=2))
    booking = services.booking_create(run=run, learner=learner, now=now)
    session = run.sessions.get()
    client = signed_in(centre_manager)
    body = client.get(reverse("centres:manage-run", args=["roslinct", run.pk])).content.decode()
    assert "once this session has started" in body
    # Move the session into the past to take attendance.
    session.starts_at = timezone.now() - timedelta(hours=2)
    session.ends_at = timezone.now() - timedelta(hours=1)
    session.save(update_fields=["starts_at", "ends_at"])
    body = client.get(reverse("centres:manage-run", args=["roslinct", run.pk])).content.decode()
    assert "Attendance for Lee Learner" in body
    url = reverse("centres:manage-attendance", args=["roslinct", run.pk, session.pk])
    response = client.post(url, {f"s{session.pk}-booking_{booking.pk}": "present"}, follow=True)
    assert "Attendance saved: 1 change." in response.content.decode()
    assert Booking.objects.get(pk=booking.pk).status == BookingStatus.ATTENDED
    bad = client.post(url, {f"s{session.pk}-booking_{booking.pk}": "asleep"})
    assert "Choose one of the options listed" in bad.content.decode()


def test_employers_approve_their_staff(signed_in, employer, learner, make_run, employers):
    run = make_run(requires_approval=Approval.EMPLOYER)
    pending = services.booking_create(run=run, learner=learner, employer="demo-biotech")
    other = services.booking_create(run=run, learner=employer, employer="someone-else")
    client = signed_in(employer)
    body = client.get(reverse("centres:approvals")).content.decode()
    assert "Lee Learner" in body
    assert client.post(reverse("centres:approvals-decide", args=[other.pk, "approve"])).status_code == 404
    client.post(reverse("centres:approvals-decide", args=[pending.pk, "reject"]))
    assert Booking.objects.get(pk=pending.pk).status == BookingStatus.REJECTED


def test_organisations_are_shown_by_name(signed_in, centre_manager, make_run, learner, employers):
    from skillsnet.accounts.selectors import roles_of

    run = make_run(requires_approval=Approval.CENTRE)
    booking = services.booking_create(run=run, learner=learner)
    Booking.objects.filter(pk=booking.pk).update(employer="demo-biotech")
    body = signed_in(centre_manager).get(reverse("centres:manage", args=["roslinct"])).content.decode()
    assert "Employer: Demo Biotech (example)" in body
    assert ("Training-centre staff", "RoslinCT") in roles_of(centre_manager)


def test_learners_have_no_approvals_page(signed_in, learner):
    assert signed_in(learner).get(reverse("centres:approvals")).status_code == 404


def test_the_finder_pages_long_lists_keeping_the_filters(client, make_run, monkeypatch):
    from skillsnet.centres import views

    monkeypatch.setattr(views, "RUNS_PER_PAGE", 2)
    runs = [make_run(starts_in=timedelta(days=10 + i)) for i in range(3)]
    first = client.get(reverse("centres:find"), {"centre": "roslinct"}).content.decode()
    assert "3 upcoming runs" in first
    assert "Page 1 of 2" in first
    assert "centre=roslinct&amp;page=2" in first
    second = client.get(reverse("centres:find"), {"centre": "roslinct", "page": "2"}).content.decode()
    assert reverse("centres:run", args=[runs[2].pk]) in second
    assert reverse("centres:run", args=[runs[0].pk]) not in second
    assert client.get(reverse("centres:find"), {"page": "nonsense"}).status_code == 200


def test_a_cancelled_future_booking_is_not_an_upcoming_booking_on_the_learning_dashboard(
    client, make_run, learner, now
):
    dropped = services.booking_create(run=make_run(centre="roslinct"), learner=learner, now=now)
    services.booking_cancel(booking=dropped, actor=learner, now=now)
    kept = services.booking_create(run=make_run(centre="nhc", starts_in=timedelta(days=30)), learner=learner, now=now)
    client.force_login(learner)
    body = client.get("/training/dashboard/").content.decode()
    assert reverse("centres:run", args=[kept.run_id]) in body
    assert reverse("centres:run", args=[dropped.run_id]) not in body
    assert "RoslinCT" not in body
