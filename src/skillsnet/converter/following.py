"""Following a plan from the Converter: which of its steps the person has already started, and acting on
the next one (enrol in its online course, or book the run the plan chose) through the learning and centres
services, which keep their own rules (content to study, prerequisites, seats, waiting lists)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.urls import reverse

from skillsnet.accounts.models import User
from skillsnet.catalogue.models import Course
from skillsnet.centres import services as centres_services
from skillsnet.centres.models import Approval, BookingStatus, CourseRun
from skillsnet.converter.services import PlanResult
from skillsnet.learning import selectors as learning_selectors
from skillsnet.learning import services as learning_services


class FollowError(Exception):
    """The next step could not be taken; the message says why and what to do."""


@dataclass(frozen=True)
class Outcome:
    message: str
    # where to go instead of back to the plan (a run that needs the employer named on its own page)
    redirect_to: str = ""


def step_states(user: User | None, result: PlanResult) -> dict[str, str]:
    """Course slug -> what the person has done about that step: "Enrolled", or their booking's status
    ("Confirmed", "On the waiting list"…). Steps absent are still to do; completed courses are not in
    a plan at all (they count as held)."""
    if user is None or not user.is_authenticated:
        return {}
    online = {s.course for s in result.plan.steps if s.run_id is None}
    enrolled = learning_selectors.enrolments_of(user).filter(course__slug__in=online, completed_at__isnull=True)
    states = dict.fromkeys(enrolled.values_list("course__slug", flat=True), "Enrolled")
    states.update(result.booked)
    return states


def next_step(steps: Sequence[Mapping[str, Any]], states: Mapping[str, str]) -> Mapping[str, Any] | None:
    """The first step of the plan, in its dated order, that the person has not enrolled on or booked."""
    return next((s for s in steps if s["course"] not in states), None)


def follow(*, user: User, result: PlanResult, course: str) -> Outcome:
    """Take the plan's next step for `user`, if it is still `course` (the step the page offered).

    Online: enrol (the learning app refuses a course without content, or with prerequisites to finish).
    On site: book the run the plan chose (the centres app checks it is open, the prerequisites are
    complete, and gives a seat or a waiting-list place). Raises FollowError with a sentence otherwise.
    """
    states = step_states(user, result)
    pending = [s for s in result.plan.steps if s.course not in states]
    if not pending:
        raise FollowError("You have started every step of this plan.")
    step = pending[0]
    if step.course != course:
        raise FollowError("Your plan has changed since the page was shown: check the next step and try again.")
    if step.run_id is None:
        found = Course.objects.filter(slug=step.course).first()
        if found is None:
            raise FollowError(f"‘{step.title}’ is no longer offered.")
        try:
            learning_services.enrolment_create(learner=user, course=found)
        except learning_services.LearningError as exc:
            raise FollowError(str(exc)) from None
        return Outcome(f"You are enrolled on ‘{step.title}’. Study it online, then come back for the next step.")
    run = CourseRun.objects.select_related("centre").filter(pk=int(step.run_id)).first()
    if run is None:
        raise FollowError(f"The run of ‘{step.title}’ the plan chose is no longer offered: update the plan.")
    where = run.centre.name
    if run.requires_approval == Approval.EMPLOYER:
        # The employer who approves the place is named on the run's own page.
        return Outcome(f"Name your employer to book ‘{step.title}’ at {where}.", reverse("centres:run", args=[run.pk]))
    try:
        booking = centres_services.booking_create(run=run, learner=user)
    except centres_services.BookingError as exc:
        raise FollowError(f"We could not book ‘{step.title}’ at {where}: {exc.message}") from None
    place = f"Your place on ‘{step.title}’ at {where}"
    if booking.status == BookingStatus.CONFIRMED:
        day = f"{step.starts.day} {step.starts:%B %Y}"
        return Outcome(f"{place} from {day} is booked. We have emailed you the details.")
    if booking.status == BookingStatus.PENDING_APPROVAL:
        return Outcome(f"{place} is waiting for approval. It holds a place until then.")
    return Outcome(f"‘{step.title}’ at {where} is full, so you are on its waiting list.")
