"""`skillsnet demo_insights`: a demo employer, vacancies and ~60 synthetic learners, so the programme
dashboard, the talent search and the provider statistics show real figures. Development only; idempotent.

Run it after `load_dataset`, `demo_schedule`, `seed_learning_content` and `demo_accounts` (scripts/run.sh
does). Everything goes through the apps' services, so the audit log and credentials are real.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import timezone

from skillsnet.accounts import services as account_services
from skillsnet.accounts.management.commands.demo_accounts import DEMO_PASSWORD
from skillsnet.accounts.models import Role as AccountRole
from skillsnet.accounts.models import RoleGrant, UKRegion, User
from skillsnet.catalogue.models import Course, Origin, Role, SourceOccupation
from skillsnet.catalogue.snapshot import engine_snapshot
from skillsnet.centres import selectors as centre_selectors
from skillsnet.centres import services as centre_services
from skillsnet.centres.models import SEAT_STATUSES, Approval, Booking, BookingStatus, CourseRun, RunStatus
from skillsnet.converter.models import Assessment
from skillsnet.converter.services import ConverterError, assessment_save
from skillsnet.industry import selectors as industry_selectors
from skillsnet.industry import services as industry_services
from skillsnet.industry.models import ContactRequest, Employer, TalentConsent, Vacancy
from skillsnet.insights import services as insight_services
from skillsnet.learning import selectors as learning_selectors
from skillsnet.learning import services as learning_services
from skillsnet.learning.models import Enrolment

EMPLOYER_SLUG = "demo-biotech"  # the scope of employer@example.com in demo_accounts
EMAIL = "demo-learner-{:02d}@example.com"
# More people in the regions with the most advanced-therapy jobs; everyone else spread thinly.
REGION_WEIGHTS = {
    UKRegion.NORTH_EAST: 8,
    UKRegion.SCOTLAND: 8,
    UKRegion.EAST_OF_ENGLAND: 9,
    UKRegion.LONDON: 6,
    UKRegion.SOUTH_EAST: 6,
    UKRegion.WEST_MIDLANDS: 7,
    UKRegion.NORTH_WEST: 4,
    UKRegion.YORKSHIRE: 3,
    UKRegion.WALES: 3,
    UKRegion.EAST_MIDLANDS: 2,
    UKRegion.SOUTH_WEST: 2,
    UKRegion.NORTHERN_IRELAND: 2,
}
VACANCY_FAMILIES = ("manufacturing", "quality-control", "digital-data")


def _rng(learner: int, step: str) -> random.Random:
    """The same choices for the same learner and step on every run, whatever earlier runs already made."""
    return random.Random(f"demo-insights:{learner}:{step}")


class Command(BaseCommand):
    help = "Create demo employer data and synthetic learners for the dashboards (development only, idempotent)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--learners", type=int, default=60, help="How many synthetic learners (1–500).")

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError("Demo data is for development only; this is a production environment.")
        count = options["learners"]
        if not 1 <= count <= 500:
            raise CommandError("--learners must be from 1 to 500.")
        if not Role.objects.exists() or not SourceOccupation.objects.filter(origin=Origin.CURATED).exists():
            raise CommandError("The catalogue is empty: run `skillsnet load_dataset` first.")
        now = timezone.now()
        employer = self._employer()
        vacancies = self._vacancies(employer, now)
        learners = [self._learner(i, _rng(i, "learner"), now) for i in range(1, count + 1)]
        made = {
            "assessments": 0,
            "consents": 0,
            "enrolments": 0,
            "completions": 0,
            "bookings": 0,
            "past bookings": 0,
            "requests": 0,
        }
        occupations = list(
            SourceOccupation.objects.filter(origin=Origin.CURATED).order_by("slug").values_list("slug", flat=True)
        )
        skills = sorted(engine_snapshot().skill_names)
        for i, user in enumerate(learners, start=1):
            made["assessments"] += self._assessment(user, _rng(i, "assessment"), occupations, skills)
            made["consents"] += self._consent(user, _rng(i, "consent"))
            enrolled, completed = self._learning(user, _rng(i, "learning"))
            made["enrolments"] += enrolled
            made["completions"] += completed
            made["bookings"] += self._booking(user, _rng(i, "booking"), now)
            made["past bookings"] += self._past_booking(user, _rng(i, "past-booking"), now)
        made["requests"] = self._requests(vacancies)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo insights: employer '{employer.slug}', {len(vacancies)} open vacancies, "
                f"{len(learners)} learners; " + ", ".join(f"{n} new {what}" for what, n in made.items()) + "."
            )
        )

    def _employer(self) -> Employer:
        employer = Employer.objects.filter(slug=EMPLOYER_SLUG).first()
        if employer is None:
            employer = industry_services.employer_create(
                slug=EMPLOYER_SLUG,
                name="Demo Biotech",
                region=UKRegion.NORTH_EAST,
                website="https://demo-biotech.example.com",
                description="A fictional cell and gene therapy manufacturer, for trying skillsnet.",
            )
        return employer

    def _vacancies(self, employer: Employer, now: datetime) -> list[Vacancy]:
        actor = User.objects.filter(email="employer@example.com").first()
        for family in VACANCY_FAMILIES:
            role = Role.objects.filter(family=family).order_by("-shortage", "slug").first()
            if role is None or employer.vacancies.filter(role=role).exists():
                continue
            industry_services.vacancy_create(
                employer=employer,
                role=role,
                title=f"{role.title} (demo)",
                location="Darlington",
                region=UKRegion.NORTH_EAST,
                closing_date=timezone.localdate(now) + timedelta(days=45),
                description=f"A demo vacancy for a {role.title.lower()}. {role.description}",
                actor=actor,
            )
        return list(industry_selectors.open_vacancies().filter(employer=employer).select_related("role", "employer"))

    def _learner(self, i: int, rng: random.Random, now: datetime) -> User:
        region = rng.choices(list(REGION_WEIGHTS), weights=list(REGION_WEIGHTS.values()))[0]
        joined = now - timedelta(days=rng.randrange(2, 360), hours=rng.randrange(0, 24))
        email = EMAIL.format(i)
        user = User.objects.filter(email=email).first()
        if user is None:
            user = account_services.user_register(
                email=email, password=DEMO_PASSWORD, full_name=f"Demo Learner {i:02d}", region=region
            )
            user.date_joined = joined
            user.save(update_fields=["date_joined"])
        return user

    def _assessment(self, user: User, rng: random.Random, occupations: list[str], skills: list[str]) -> int:
        if Assessment.objects.filter(owner=user).exists() or not occupations:
            return 0
        jobs = rng.sample(occupations, k=min(len(occupations), rng.choice((1, 1, 2))))
        rated = {slug: rng.randint(1, 3) for slug in rng.sample(skills, k=min(len(skills), rng.randint(0, 4)))}
        try:
            assessment = assessment_save(owner=user, name="My skills", inputs={"occupations": jobs, "skills": rated})
        except ConverterError:
            return 0
        saved = user.date_joined + timedelta(days=rng.randint(0, 10))
        saved = min(saved, timezone.now())
        Assessment.objects.filter(pk=assessment.pk).update(created_at=saved, updated_at=saved)
        return 1

    def _consent(self, user: User, rng: random.Random) -> int:
        if TalentConsent.objects.filter(learner=user).exists() or rng.random() > 0.55:
            return 0
        industry_services.consent_give(learner=user)
        return 1

    def _learning(self, user: User, rng: random.Random) -> tuple[int, int]:
        if Enrolment.objects.filter(learner=user).exists() or rng.random() > 0.5:
            return 0, 0
        with_content = learning_selectors.courses_with_content_ids()
        courses = list(Course.objects.filter(pk__in=with_content, prerequisites__isnull=True).order_by("slug")[:12])
        if not courses:
            return 0, 0
        course = rng.choice(courses)
        try:
            enrolment = learning_services.enrolment_create(learner=user, course=course)
        except learning_services.LearningError:
            return 0, 0
        enrolled_at = user.date_joined + timedelta(days=rng.randint(1, 20))
        Enrolment.objects.filter(pk=enrolment.pk).update(enrolled_at=min(enrolled_at, timezone.now()))
        completed = 0
        if rng.random() < 0.6 and self._complete(enrolment):
            completed = 1
            insight_services.feedback_save(learner=user, course=course, rating=rng.choice((3, 4, 4, 5, 5)))
        return 1, completed

    def _complete(self, enrolment: Enrolment) -> bool:
        """Work through every lesson as a diligent learner would: right answers, then done."""
        try:
            for lesson in learning_selectors.published_lessons(enrolment.course):
                questions = list(lesson.questions.prefetch_related("choices"))
                if questions:
                    answers = {q.pk: next(c.pk for c in q.choices.all() if c.is_correct) for q in questions}
                    learning_services.check_submit(enrolment=enrolment, lesson=lesson, answers=answers)
                else:
                    learning_services.lesson_complete(enrolment=enrolment, lesson=lesson)
        except (learning_services.LearningError, StopIteration):
            return False
        enrolment.refresh_from_db()
        return enrolment.completed_at is not None

    def _past_booking(self, user: User, rng: random.Random, now: datetime) -> int:
        """A seat on a run that has begun or finished, so centre staff can mark attendance at once.

        Written directly (its booking window closed before today): demo history, as if booked weeks ago.
        Runs at centres that have demo staff come first; at most 4 such seats per run.
        """
        if rng.random() > 0.4 or Booking.objects.filter(learner=user, run__sessions__starts_at__lte=now).exists():
            return 0
        staffed = set(RoleGrant.objects.filter(role=AccountRole.CENTRE_STAFF).values_list("scope", flat=True))
        started = list(
            CourseRun.objects.filter(
                status=RunStatus.SCHEDULED,
                requires_approval=Approval.NONE,
                sessions__starts_at__lte=now,
                sessions__starts_at__gte=now - timedelta(days=60),
            )
            .select_related("centre")
            .distinct()
            .order_by("id")
        )
        rng.shuffle(started)
        started.sort(key=lambda run: run.centre.slug not in staffed)
        for run in started[:8]:
            if run.bookings.filter(status__in=SEAT_STATUSES).count() >= min(4, run.capacity):
                continue
            first = run.sessions.order_by("starts_at").first()
            if first is None:
                continue
            when = first.starts_at - timedelta(days=10)
            Booking.objects.create(
                run=run, learner=user, status=BookingStatus.CONFIRMED, created_at=when, updated_at=when
            )
            return 1
        return 0

    def _booking(self, user: User, rng: random.Random, now: datetime) -> int:
        if Booking.objects.filter(learner=user).exists() or rng.random() > 0.35:
            return 0
        runs = [
            row.run
            for row in centre_selectors.upcoming_runs(now=now)
            if row.run.requires_approval == Approval.NONE and row.is_open
        ]
        rng.shuffle(runs)
        for run in runs[:3]:
            # Every on-site course builds on online ones: study those first, as a real learner must.
            if not all(
                self._study(user, course) for course in learning_selectors.missing_prerequisites(user, run.course)
            ):
                continue
            try:
                with transaction.atomic():
                    centre_services.booking_create(run=run, learner=user, now=now)
            except centre_services.BookingError:
                continue
            return 1
        return 0

    def _study(self, user: User, course: Course) -> bool:
        try:
            enrolment = learning_services.enrolment_create(learner=user, course=course)
        except learning_services.LearningError:
            return False
        return enrolment.completed_at is not None or self._complete(enrolment)

    def _requests(self, vacancies: list[Vacancy]) -> int:
        """On the first vacancy, ask its three best candidates; two accept."""
        if not vacancies:
            return 0
        vacancy = vacancies[0]
        if ContactRequest.objects.filter(vacancy=vacancy).exists():
            return 0
        asker = User.objects.filter(email="employer@example.com").first()
        if asker is None:
            return 0
        made = 0
        for i, candidate in enumerate(industry_selectors.rank_candidates(vacancy, limit=3).candidates):
            learner = User.objects.get(pk=candidate.learner_id)
            request = industry_services.contact_request(
                vacancy=vacancy,
                employer_user=asker,
                candidate=learner,
                message="We liked your skills profile and would like to tell you about this role.",
            )
            if i < 2:
                industry_services.contact_decide(request=request, learner=learner, accept=True)
            made += 1
        return made
