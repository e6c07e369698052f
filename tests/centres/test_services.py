"""Booking, waiting list, offers, approval, prerequisites and attendance, through the services."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from skillsnet.accounts.models import AuditEntry, Role
from skillsnet.centres import selectors, services
from skillsnet.centres.holidays import easter_sunday, is_closed, uk_bank_holidays
from skillsnet.centres.models import (
    Approval,
    Booking,
    BookingStatus,
    CourseRun,
    PracticalQualification,
    RunSession,
    RunStatus,
)
from skillsnet.centres.services import BookingError


@pytest.fixture
def people(make_user):
    return [make_user(f"person{i}@example.com", full_name=f"Person {i}") for i in range(6)]


def statuses(run):
    return {b.learner.email: b.status for b in Booking.objects.filter(run=run).select_related("learner")}


def test_it_confirms_seats_until_full_then_waitlists_in_order(make_run, people, now):
    run = make_run(capacity=2)
    made = [services.booking_create(run=run, learner=p, now=now + timedelta(seconds=i)) for i, p in enumerate(people)]
    assert [b.status for b in made[:2]] == [BookingStatus.CONFIRMED] * 2
    assert [b.status for b in made[2:]] == [BookingStatus.WAITLISTED] * 4
    assert [selectors.waitlist_position(b) for b in made[2:]] == [1, 2, 3, 4]
    assert selectors.availability(run, now=now).seats_left == 0
    assert selectors.waitlist_position(made[0]) is None


def test_cancelling_offers_the_seat_to_the_first_waiting_for_48_hours(make_run, people, now):
    run = make_run(capacity=1)
    first, second, third = (services.booking_create(run=run, learner=p, now=now) for p in people[:3])
    services.booking_cancel(booking=first, actor=people[0], now=now)
    second.refresh_from_db()
    third.refresh_from_db()
    assert second.status == BookingStatus.OFFERED
    assert second.offer_expires_at == now + timedelta(hours=48)
    assert third.status == BookingStatus.WAITLISTED
    assert selectors.waitlist_position(third) == 1
    # The live offer holds the seat: a newcomer joins the queue behind the others.
    late = services.booking_create(run=run, learner=people[3], now=now)
    assert late.status == BookingStatus.WAITLISTED
    assert selectors.waitlist_position(late) == 2


def test_the_offer_window_comes_from_the_run_or_the_setting(make_run, people, now, settings):
    settings.CENTRES_OFFER_HOURS = 24
    run = make_run(capacity=1)
    own = make_run(capacity=1, offer_hours=6)
    for r in (run, own):
        holder = services.booking_create(run=r, learner=people[0], now=now)
        services.booking_create(run=r, learner=people[1], now=now)
        services.booking_cancel(booking=holder, actor=people[0], now=now)
    assert Booking.objects.get(run=run, learner=people[1]).offer_expires_at == now + timedelta(hours=24)
    assert Booking.objects.get(run=own, learner=people[1]).offer_expires_at == now + timedelta(hours=6)


def test_accepting_an_offer_confirms_the_place(make_run, people, now):
    run = make_run(capacity=1)
    holder, waiting = (services.booking_create(run=run, learner=p, now=now) for p in people[:2])
    services.booking_cancel(booking=holder, actor=people[0], now=now)
    accepted = services.offer_accept(booking=waiting, actor=people[1], now=now + timedelta(hours=1))
    assert accepted.status == BookingStatus.CONFIRMED
    assert accepted.offer_expires_at is None
    assert AuditEntry.objects.filter(action="centres.booking.accepted", subject=people[1]).exists()


def test_declining_an_offer_passes_it_to_the_next_person(make_run, people, now):
    run = make_run(capacity=1)
    holder, second, _third = (services.booking_create(run=run, learner=p, now=now) for p in people[:3])
    services.booking_cancel(booking=holder, actor=people[0], now=now)
    services.offer_decline(booking=second, actor=people[1], now=now)
    assert statuses(run) == {
        people[0].email: BookingStatus.CANCELLED,
        people[1].email: BookingStatus.DECLINED,
        people[2].email: BookingStatus.OFFERED,
    }


def test_an_unanswered_offer_expires_and_passes_on_once(make_run, people, now):
    run = make_run(capacity=1)
    holder, second, third = (services.booking_create(run=run, learner=p, now=now) for p in people[:3])
    services.booking_cancel(booking=holder, actor=people[0], now=now)
    assert services.offers_expire(now=now + timedelta(hours=47)) == 0
    later = now + timedelta(hours=49)
    assert services.offers_expire(now=later) == 1
    assert services.offers_expire(now=later) == 0  # idempotent
    second.refresh_from_db()
    third.refresh_from_db()
    assert second.status == BookingStatus.EXPIRED
    assert third.status == BookingStatus.OFFERED
    assert third.offer_expires_at == later + timedelta(hours=48)
    assert AuditEntry.objects.filter(action="centres.booking.expired", subject=people[1]).count() == 1


def test_accepting_too_late_is_refused_and_the_place_passes_on(make_run, people, now):
    run = make_run(capacity=1)
    holder, second, third = (services.booking_create(run=run, learner=p, now=now) for p in people[:3])
    services.booking_cancel(booking=holder, actor=people[0], now=now)
    with pytest.raises(BookingError, match="expired"):
        services.offer_accept(booking=second, actor=people[1], now=now + timedelta(hours=50))
    # The refusal still committed the expiry and the next offer.
    assert Booking.objects.get(pk=second.pk).status == BookingStatus.EXPIRED
    assert Booking.objects.get(pk=third.pk).status == BookingStatus.OFFERED


def test_an_offer_never_outlives_the_start_of_the_run(make_run, people, now):
    run = make_run(capacity=1, starts_in=timedelta(days=1), booking_closes_at=now + timedelta(hours=1))
    holder, second = (services.booking_create(run=run, learner=p, now=now) for p in people[:2])
    services.booking_cancel(booking=holder, actor=people[0], now=now)
    second.refresh_from_db()
    assert second.offer_expires_at == run.sessions.first().starts_at


def test_one_person_cannot_hold_two_places_on_a_run(make_run, learner, now):
    run = make_run(capacity=5)
    booking = services.booking_create(run=run, learner=learner, now=now)
    with pytest.raises(BookingError, match="already have a place") as refused:
        services.booking_create(run=run, learner=learner, now=now)
    assert refused.value.code == "duplicate"
    # The database enforces it too, whatever path the write takes.
    with pytest.raises(IntegrityError), transaction.atomic():
        Booking.objects.create(run=run, learner=learner, status=BookingStatus.WAITLISTED)
    # After cancelling, booking again is fine.
    services.booking_cancel(booking=booking, actor=learner, now=now)
    assert services.booking_create(run=run, learner=learner, now=now).status == BookingStatus.CONFIRMED


@pytest.mark.parametrize(
    ("window", "message"),
    [
        ({"booking_opens_at_in": timedelta(days=2)}, "opens on"),
        ({"booking_closes_at_in": timedelta(hours=-1)}, "has closed"),
    ],
)
def test_it_refuses_outside_the_booking_window(make_run, learner, now, window, message):
    fields = {}
    if "booking_opens_at_in" in window:
        fields["booking_opens_at"] = now + window["booking_opens_at_in"]
    else:
        fields["booking_opens_at"] = now - timedelta(days=5)
        fields["booking_closes_at"] = now + window["booking_closes_at_in"]
    run = make_run(**fields)
    with pytest.raises(BookingError, match=message) as refused:
        services.booking_create(run=run, learner=learner, now=now)
    assert refused.value.code == "closed"
    assert not Booking.objects.exists()


def test_it_refuses_a_cancelled_run(make_run, learner, other_learner, centre_manager, now):
    run = make_run(capacity=3)
    booked = services.booking_create(run=run, learner=other_learner, now=now)
    assert services.run_cancel(run=run, actor=centre_manager, now=now) == 1
    booked.refresh_from_db()
    assert booked.status == BookingStatus.CANCELLED
    with pytest.raises(BookingError, match="cancelled"):
        services.booking_create(run=run, learner=learner, now=now)
    assert CourseRun.objects.get(pk=run.pk).status == RunStatus.CANCELLED


def test_missing_prerequisites_block_booking_naming_the_course(make_run, learner, now):
    run = make_run(course="gowning")
    with pytest.raises(BookingError, match="Complete “Cleanroom fundamentals” first") as refused:
        services.booking_create(run=run, learner=learner, now=now)
    assert refused.value.code == "prerequisites"


def _complete_online(learner, course):
    """Study `course` to completion through the learning app's services."""
    from skillsnet.learning import services as learning
    from skillsnet.learning.models import ContentStatus

    module = learning.module_save(course=course, title="Basics", status=ContentStatus.PUBLISHED)
    lesson = learning.lesson_save(module=module, title="Why", body="Because.", status=ContentStatus.PUBLISHED)
    enrolment = learning.enrolment_create(learner=learner, course=course)
    learning.lesson_start(enrolment=enrolment, lesson=lesson)
    learning.lesson_complete(enrolment=enrolment, lesson=lesson)
    enrolment.refresh_from_db()
    assert enrolment.completed_at is not None


def test_prerequisites_completed_online_allow_booking(make_run, catalogue, learner, now):
    _complete_online(learner, catalogue["fundamentals"])
    run = make_run(course="gowning")
    assert services.booking_create(run=run, learner=learner, now=now).status == BookingStatus.CONFIRMED


def test_overlapping_runs_give_a_warning_not_a_refusal(make_run, learner, now):
    first = make_run(course="aseptic", centre="roslinct", days=2)
    second = make_run(course="gowning", centre="nhc", starts_in=timedelta(days=21))
    from skillsnet.learning.selectors import missing_prerequisites

    services.booking_create(run=first, learner=learner, now=now)
    assert selectors.clashes_for(learner=learner, run=second) == [
        "It overlaps your booking for Aseptic processing in practice at RoslinCT."
    ]
    assert missing_prerequisites(learner, second.course)  # still blocked for another reason
    third = make_run(course="aseptic", centre="nhc", starts_in=timedelta(days=21))
    assert services.booking_create(run=third, learner=learner, now=now).status == BookingStatus.CONFIRMED
    rows = {r.booking.run_id: r.clashes for r in selectors.bookings_for_learner(learner)}
    assert rows[first.pk]
    assert rows[third.pk]


def test_pending_approval_holds_a_seat_until_centre_staff_decide(
    make_run, learner, other_learner, centre_manager, make_user, now
):
    run = make_run(capacity=1, requires_approval=Approval.CENTRE)
    pending = services.booking_create(run=run, learner=learner, now=now)
    assert pending.status == BookingStatus.PENDING_APPROVAL
    waiting = services.booking_create(run=run, learner=other_learner, now=now)
    assert waiting.status == BookingStatus.WAITLISTED

    elsewhere = make_user("sam.staff@example.com", roles=[(Role.CENTRE_STAFF, "national-horizons-centre")])
    with pytest.raises(BookingError, match="cannot approve") as refused:
        services.booking_approve(booking=pending, actor=elsewhere, now=now)
    assert refused.value.code == "forbidden"
    with pytest.raises(BookingError, match="cannot approve"):
        services.booking_approve(booking=pending, actor=other_learner, now=now)

    services.booking_reject(booking=pending, actor=centre_manager, now=now)
    waiting.refresh_from_db()
    assert waiting.status == BookingStatus.OFFERED
    accepted = services.offer_accept(booking=waiting, actor=other_learner, now=now)
    assert accepted.status == BookingStatus.PENDING_APPROVAL
    approved = services.booking_approve(booking=accepted, actor=centre_manager, now=now)
    assert approved.status == BookingStatus.CONFIRMED
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"centres.booking.rejected", "centres.booking.approved", "centres.booking.offered"} <= actions


def test_the_named_employer_approves_employer_runs(make_run, learner, employer, employers, now):
    run = make_run(capacity=2, requires_approval=Approval.EMPLOYER)
    with pytest.raises(BookingError, match="Name your employer"):
        services.booking_create(run=run, learner=learner, now=now)
    pending = services.booking_create(run=run, learner=learner, employer="Demo-Biotech", now=now)
    assert pending.employer == "demo-biotech"
    assert list(selectors.pending_for_employer(["demo-biotech"])) == [pending]
    assert services.booking_approve(booking=pending, actor=employer, now=now).status == BookingStatus.CONFIRMED


def test_attending_every_session_completes_and_issues_the_qualification(make_run, learner, centre_manager, now):
    run = make_run(course="aseptic", capacity=3, days=2, qualification_valid_months=12)
    booking = services.booking_create(run=run, learner=learner, now=now)
    day1, day2 = run.sessions.all()
    after = day2.ends_at + timedelta(hours=1)
    with pytest.raises(BookingError, match="once the session has started"):
        services.attendance_record(session=day1, marks={booking.pk: "present"}, actor=centre_manager, now=now)
    assert services.attendance_record(session=day1, marks={booking.pk: "late"}, actor=centre_manager, now=after) == 1
    assert Booking.objects.get(pk=booking.pk).status == BookingStatus.CONFIRMED
    services.attendance_record(session=day2, marks={booking.pk: "present"}, actor=centre_manager, now=after)
    booking.refresh_from_db()
    assert booking.status == BookingStatus.ATTENDED
    qualification = PracticalQualification.objects.get(booking=booking)
    assert qualification.issued_on == services.timezone.localdate(day2.ends_at)
    assert qualification.expires_on == services.add_months(qualification.issued_on, 12)
    assert selectors.attended_course_slugs(learner) == {"aseptic-processing-practical"}
    skills = selectors.verified_skills(learner)
    assert [(slug, level) for slug, level, _ in skills] == [("aseptic-technique", 2), ("cleanroom-gowning", 2)]
    assert "Attended Aseptic processing in practice at RoslinCT" in skills[0][2]
    assert AuditEntry.objects.filter(action="centres.qualification.issued", subject=learner).count() == 1
    # Recording the same mark again changes nothing; a correction undoes the completion.
    assert services.attendance_record(session=day2, marks={booking.pk: "present"}, actor=centre_manager, now=after) == 0
    services.attendance_record(session=day2, marks={booking.pk: "absent"}, actor=centre_manager, now=after)
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CONFIRMED
    assert not PracticalQualification.objects.exists()


def test_attendance_completion_records_one_attended_statement(make_run, learner, centre_manager, now):
    from skillsnet.learning import xapi
    from skillsnet.learning.models import Statement

    run = make_run(course="aseptic", capacity=3, days=2)
    booking = services.booking_create(run=run, learner=learner, now=now)
    day1, day2 = run.sessions.all()
    after = day2.ends_at + timedelta(hours=1)
    services.attendance_record(session=day1, marks={booking.pk: "present"}, actor=centre_manager, now=after)
    assert not Statement.objects.filter(learner=learner, verb="attended").exists()
    services.attendance_record(session=day2, marks={booking.pk: "present"}, actor=centre_manager, now=after)
    services.attendance_record(session=day2, marks={booking.pk: "late"}, actor=centre_manager, now=after)
    statement = Statement.objects.get(learner=learner, verb="attended")
    assert statement.object_id == xapi.course_activity(run.course).id
    assert statement.timestamp == day2.ends_at
    assert statement.data["verb"]["id"] == xapi.VERB_IRIS["attended"]


def test_attendance_is_only_for_confirmed_places_and_known_marks(make_run, learner, other_learner, centre_manager, now):
    run = make_run(capacity=1, starts_in=timedelta(days=2))
    booked = services.booking_create(run=run, learner=learner, now=now)
    waiting = services.booking_create(run=run, learner=other_learner, now=now)
    session = run.sessions.get()
    after = session.ends_at
    with pytest.raises(BookingError, match="confirmed place"):
        services.attendance_record(session=session, marks={waiting.pk: "present"}, actor=centre_manager, now=after)
    with pytest.raises(BookingError, match="not an attendance mark"):
        services.attendance_record(session=session, marks={booked.pk: "asleep"}, actor=centre_manager, now=after)


def test_attendance_completion_counts_as_a_prerequisite(make_run, learner, centre_manager, now, catalogue):
    from skillsnet.catalogue.models import CoursePrerequisite

    CoursePrerequisite.objects.create(course=catalogue["gowning"], requires=catalogue["aseptic"])
    CoursePrerequisite.objects.filter(course=catalogue["gowning"], requires=catalogue["fundamentals"]).delete()
    first = make_run(course="aseptic", starts_in=timedelta(days=2))
    booking = services.booking_create(run=first, learner=learner, now=now)
    session = first.sessions.get()
    services.attendance_record(
        session=session, marks={booking.pk: "present"}, actor=centre_manager, now=session.ends_at
    )
    later = make_run(course="gowning", starts_in=timedelta(days=30))
    assert services.booking_create(run=later, learner=learner, now=session.ends_at).status == BookingStatus.CONFIRMED


def test_reminders_are_sent_once(make_run, learner, other_learner, centre_manager, now):
    run = make_run(capacity=1, starts_in=timedelta(days=1, hours=12), booking_closes_at=now + timedelta(hours=1))
    holder = services.booking_create(run=run, learner=learner, now=now)
    services.booking_create(run=run, learner=other_learner, now=now)
    assert services.session_reminders_send(now=now - timedelta(days=3)) == 0  # too early
    assert services.session_reminders_send(now=now) == 1
    assert services.session_reminders_send(now=now) == 0
    services.booking_cancel(booking=holder, actor=learner, now=now)
    # The offer runs to the start of the run: warn once when fewer than 12 hours remain.
    starts = run.sessions.get().starts_at
    assert services.offer_expiry_warnings_send(now=starts - timedelta(hours=13)) == 0
    assert services.offer_expiry_warnings_send(now=starts - timedelta(hours=11)) == 1
    assert services.offer_expiry_warnings_send(now=starts - timedelta(hours=10)) == 0


def test_renewal_reminders_go_30_days_before_expiry_once(make_run, learner, centre_manager, now):
    run = make_run(course="aseptic", starts_in=timedelta(days=2), qualification_valid_months=12)
    booking = services.booking_create(run=run, learner=learner, now=now)
    session = run.sessions.get()
    services.attendance_record(
        session=session, marks={booking.pk: "present"}, actor=centre_manager, now=session.ends_at
    )
    qualification = PracticalQualification.objects.get()
    from datetime import datetime, time

    def on(day: date):
        return datetime.combine(day, time(8), tzinfo=now.tzinfo)

    assert services.renewal_reminders_send(now=on(qualification.expires_on - timedelta(days=31))) == 0
    assert services.renewal_reminders_send(now=on(qualification.expires_on - timedelta(days=30))) == 1
    assert services.renewal_reminders_send(now=on(qualification.expires_on - timedelta(days=29))) == 0


def test_add_months_clamps_to_the_end_of_the_month():
    assert services.add_months(date(2027, 1, 31), 1) == date(2027, 2, 28)
    assert services.add_months(date(2027, 11, 15), 12) == date(2028, 11, 15)


def test_demo_schedule_is_deterministic_and_idempotent(centres, now):
    start = date(2027, 3, 1)
    first = services.demo_schedule_create(start=start, months=6)
    assert first.created > 0
    assert first.existing == 0
    again = services.demo_schedule_create(start=start, months=6)
    assert again.created == 0
    assert again.existing == first.created
    runs = CourseRun.objects.all()
    assert runs.count() == first.created
    assert {r.centre.slug for r in runs} == {c.slug for c in centres.values()}
    assert all(8 <= r.capacity <= 16 for r in runs)
    assert all(s.starts_at.weekday() < 5 for s in RunSession.objects.all())
    assert all(r.booking_closes_at > r.booking_opens_at for r in runs)
    # Never on a UK bank holiday or in Christmas week; some runs are over or under way on the start day.
    days = {timezone.localdate(s.starts_at) for s in RunSession.objects.all()}
    assert not any(is_closed(d) for d in days)
    assert any(d < start for d in days)
    assert any(d >= start for d in days)
    # Aseptic processing is 14 hours: two days; the gowning qualification is valid 12 months.
    aseptic = runs.filter(course__slug="aseptic-processing-practical").first()
    assert aseptic.sessions.count() == 2
    assert {r.qualification_valid_months for r in runs.filter(course__slug="cleanroom-gowning-practical")} == {12}
    with pytest.raises(BookingError):
        services.demo_schedule_create(start=start, months=0)


def test_demo_runs_skip_christmas_and_bank_holidays(centres, now):
    services.demo_schedule_create(start=date(2026, 12, 1), months=2)
    days = {timezone.localdate(s.starts_at) for s in RunSession.objects.all()}
    for closed in (date(2026, 12, 25), date(2026, 12, 28), date(2027, 1, 1), date(2026, 12, 31)):
        assert closed not in days


def test_uk_bank_holidays_follow_the_published_rules():
    holidays = uk_bank_holidays(2026)
    assert easter_sunday(2026) == date(2026, 4, 5)
    assert {date(2026, 4, 3), date(2026, 4, 6), date(2026, 5, 4), date(2026, 5, 25), date(2026, 8, 31)} <= holidays
    assert date(2026, 12, 28) in holidays  # Boxing Day is a Saturday: the substitute is Monday 28th
    assert date(2026, 7, 13) in holidays  # 12 July is a Sunday in Northern Ireland
    assert date(2026, 11, 30) in holidays  # St Andrew's Day, Scotland
    assert is_closed(date(2026, 12, 29))  # Christmas week
    assert not is_closed(date(2026, 12, 1))


def test_open_runs_for_planning_gives_engine_run_specs(make_run, people, now):
    run = make_run(capacity=2, starts_in=timedelta(days=10))
    make_run(course="gowning", starts_in=timedelta(days=40))
    services.booking_create(run=run, learner=people[0])
    specs = selectors.open_runs_for_planning(start=date.today(), until=None)
    assert [s.course for s in specs] == ["aseptic-processing-practical", "cleanroom-gowning-practical"]
    spec = specs[0]
    assert spec.id == str(run.pk)
    assert spec.centre == "roslinct"
    assert spec.seats_free == 1
    assert spec.starts <= spec.ends
    # the plan must finish prerequisites while booking is still open: the last whole day it is open
    assert spec.booking_closes == timezone.localdate(run.booking_closes_at) - timedelta(days=1)
    assert spec.centre_name == run.centre.name
    only = selectors.open_runs_for_planning(course_slugs={"cleanroom-gowning-practical"}, start=date.today())
    assert [s.course for s in only] == ["cleanroom-gowning-practical"]
    soon = selectors.open_runs_for_planning(start=date.today(), until=date.today() + timedelta(days=20))
    assert [s.id for s in soon] == [str(run.pk)]


def test_every_seat_change_is_audited(make_run, people, now):
    run = make_run(capacity=1)
    holder, _waiting = (services.booking_create(run=run, learner=p, now=now) for p in people[:2])
    services.booking_cancel(booking=holder, actor=people[0], now=now)
    actions = list(AuditEntry.objects.filter(object_type="centres.booking").values_list("action", flat=True))
    assert sorted(actions) == sorted(
        [
            "centres.booking.created",
            "centres.booking.waitlisted",
            "centres.booking.cancelled",
            "centres.booking.offered",
        ]
    )


def test_nearest_alternatives_come_from_the_closest_centre_first(make_run, people, now):
    full = make_run(centre="roslinct", capacity=1)
    services.booking_create(run=full, learner=people[0])
    far = make_run(centre="birmingham", starts_in=timedelta(days=10))
    near = make_run(centre="nhc", starts_in=timedelta(days=30))
    same = make_run(centre="roslinct", starts_in=timedelta(days=40))
    found = [alt.row.run.pk for alt in selectors.alternatives(full)]
    assert found == [same.pk, near.pk, far.pk]
    assert 180 < selectors.haversine_km(55.921, -3.136, 54.526, -1.541) < 190


def test_attending_an_example_course_qualifies_nobody(make_run, learner, centre_manager, now):
    run = make_run(course="aseptic", capacity=3, days=1, qualification_valid_months=12)
    run.course.example = True
    run.course.save(update_fields=["example"])
    booking = services.booking_create(run=run, learner=learner, now=now)
    (day,) = run.sessions.all()
    services.attendance_record(
        session=day, marks={booking.pk: "present"}, actor=centre_manager, now=day.ends_at + timedelta(hours=1)
    )
    assert Booking.objects.get(pk=booking.pk).status == BookingStatus.ATTENDED
    assert not PracticalQualification.objects.exists()
    assert selectors.verified_skills(learner) == []
