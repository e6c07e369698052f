"""Reads for online learning: the catalogue page, course outlines, progress, plans, dashboards, records.

Other apps call `completed_course_slugs(user)` (online completions), `done_course_slugs(user)` and
`missing_prerequisites(user, course)` (online or attended: the centres check these before booking) and
`verified_skills(user)` (the Career Converter reads a learner's verified skills).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.urls import reverse

from skillsnet.accounts.models import User
from skillsnet.catalogue.models import LEVEL_LABELS, Course, CoursePrerequisite, CourseSkill, RoleSkill
from skillsnet.catalogue.selectors import visible_courses
from skillsnet.learning.models import (
    CheckAttempt,
    ContentStatus,
    Credential,
    Enrolment,
    LearningPlan,
    Lesson,
    LessonProgress,
    Module,
    PlanItem,
    SkillEvidence,
    Statement,
)
from skillsnet.learning.onsite import RunSummary, onsite

PUBLISHED = ContentStatus.PUBLISHED


# ---------------------------------------------------------------- catalogue


@dataclass(frozen=True)
class CourseFilters:
    q: str = ""
    skill: str = ""
    role: str = ""
    mode: str = ""
    level: int | None = None
    max_hours: Decimal | None = None
    provider: str = ""
    price: str = ""  # "" | "free" | "paid"


def course_search(filters: CourseFilters) -> QuerySet[Course]:
    """Courses matching every filter given, with what the list shows prefetched (a fixed number of queries)."""
    courses = visible_courses(Course.objects.select_related("provider"))
    if filters.q.strip():
        for word in filters.q.split()[:8]:
            courses = courses.filter(
                Q(title__icontains=word)
                | Q(description__icontains=word)
                | Q(provider__name__icontains=word)
                | Q(skills_taught__skill__name__icontains=word)
            )
    if filters.skill:
        courses = courses.filter(skills_taught__skill__slug=filters.skill)
    if filters.role:
        role_skills = RoleSkill.objects.filter(role__slug=filters.role).values("skill_id")
        courses = courses.filter(skills_taught__skill_id__in=role_skills)
    if filters.mode:
        courses = courses.filter(mode=filters.mode)
    if filters.level is not None:
        courses = courses.filter(level=filters.level)
    if filters.max_hours is not None:
        courses = courses.filter(hours__lte=filters.max_hours)
    if filters.provider:
        courses = courses.filter(provider__slug=filters.provider)
    if filters.price == "free":
        courses = courses.filter(cost=0)
    elif filters.price == "paid":
        courses = courses.filter(cost__gt=0)
    published_lessons = Lesson.objects.filter(module__course=OuterRef("pk"), status=PUBLISHED, module__status=PUBLISHED)
    return (
        courses.distinct()
        .annotate(has_content=Exists(published_lessons))
        .prefetch_related(Prefetch("skills_taught", queryset=CourseSkill.objects.select_related("skill")))
        .order_by("title")
    )


# ---------------------------------------------------------------- content


@dataclass
class ModuleOutline:
    module: Module
    lessons: list[Lesson]


def published_modules(course: Course) -> list[ModuleOutline]:
    """The published modules of `course` and their published lessons, in order (two queries)."""
    lessons = Lesson.objects.filter(status=PUBLISHED).annotate(question_count=Count("questions"))
    modules = (
        Module.objects.filter(course=course, status=PUBLISHED)
        .prefetch_related(Prefetch("lessons", queryset=lessons.order_by("position", "id")))
        .order_by("position", "id")
    )
    return [ModuleOutline(module=m, lessons=list(m.lessons.all())) for m in modules if m.lessons.all()]


def published_lessons(course: Course) -> list[Lesson]:
    return [lesson for outline in published_modules(course) for lesson in outline.lessons]


def course_has_content(course: Course) -> bool:
    return Lesson.objects.filter(module__course=course, status=PUBLISHED, module__status=PUBLISHED).exists()


def courses_with_content_ids() -> set[int]:
    return set(
        Lesson.objects.filter(status=PUBLISHED, module__status=PUBLISHED).values_list("module__course_id", flat=True)
    )


def skill_levels(course: Course) -> list[dict[str, Any]]:
    """The skills `course` raises, with the levels in words."""
    return [
        {
            "skill": taught.skill,
            "from_level": taught.assumes_level,
            "to_level": taught.to_level,
            "from_label": LEVEL_LABELS[taught.assumes_level],
            "to_label": LEVEL_LABELS[taught.to_level],
        }
        for taught in course.skills_taught.select_related("skill").all()
    ]


def upcoming_runs(course: Course) -> list[RunSummary]:
    """Upcoming on-site runs of `course`, soonest first (from the centres app)."""
    return onsite().upcoming_runs(course)


def upcoming_bookings(user: User) -> list[RunSummary]:
    """The learner's active on-site bookings that have not started (from the centres app)."""
    return onsite().upcoming_bookings(user)


# ---------------------------------------------------------------- completion and prerequisites


def completed_course_slugs(user: User | AnonymousUser) -> set[str]:
    """Slugs of the online courses `user` has completed on this platform."""
    if not user.is_authenticated:
        return set()
    return set(
        Enrolment.objects.filter(learner_id=user.pk, completed_at__isnull=False).values_list("course__slug", flat=True)
    )


def done_course_slugs(user: User | AnonymousUser) -> set[str]:
    """Slugs of every course `user` has done: completed online here or attended at a training centre.

    The one answer to "has this person done that course?" for prerequisites (enrolling here, booking a
    centre run), the course page and learning plans.
    """
    if not user.is_authenticated:
        return set()
    return completed_course_slugs(user) | onsite().attended_course_slugs(user)


def missing_prerequisites(user: User | AnonymousUser, course: Course) -> list[Course]:
    """The prerequisites of `course` that `user` has not done (online or at a centre), by title."""
    required = list(Course.objects.filter(required_by_links__course=course).order_by("title"))
    if not required:
        return []
    done = done_course_slugs(user)
    return [c for c in required if c.slug not in done]


# ---------------------------------------------------------------- progress


@dataclass
class Progress:
    enrolment: Enrolment
    lessons: list[Lesson]
    completed_ids: set[int]
    passed_ids: set[int]
    started_ids: set[int]

    @property
    def total(self) -> int:
        return len(self.lessons)

    @property
    def done(self) -> int:
        return sum(1 for lesson in self.lessons if self.lesson_done(lesson))

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0

    def lesson_done(self, lesson: Lesson) -> bool:
        if lesson.pk not in self.completed_ids:
            return False
        return not getattr(lesson, "question_count", 0) or lesson.pk in self.passed_ids

    @property
    def all_done(self) -> bool:
        return bool(self.lessons) and self.done == self.total

    @property
    def next_lesson(self) -> Lesson | None:
        return next((lesson for lesson in self.lessons if not self.lesson_done(lesson)), None)

    def status_of(self, lesson: Lesson) -> str:
        if self.lesson_done(lesson):
            return "completed"
        if lesson.pk in self.started_ids:
            return "in progress"
        return "not started"


def progress_of(enrolment: Enrolment) -> Progress:
    lessons = published_lessons(enrolment.course)
    rows = LessonProgress.objects.filter(enrolment=enrolment).values_list("lesson_id", "completed_at")
    passed = set(
        CheckAttempt.objects.filter(enrolment=enrolment, passed=True).values_list("lesson_id", flat=True).distinct()
    )
    return Progress(
        enrolment=enrolment,
        lessons=lessons,
        completed_ids={lesson_id for lesson_id, at in rows if at is not None},
        passed_ids=passed,
        started_ids={lesson_id for lesson_id, _ in rows},
    )


def progress_of_many(enrolments: Iterable[Enrolment]) -> dict[int, Progress]:
    """`progress_of` for many enrolments in a fixed number of queries (four), not four per enrolment."""
    enrolments = list(enrolments)
    if not enrolments:
        return {}
    course_ids = {e.course_id for e in enrolments}
    lessons = Lesson.objects.filter(status=PUBLISHED).annotate(question_count=Count("questions"))
    modules = (
        Module.objects.filter(course_id__in=course_ids, status=PUBLISHED)
        .prefetch_related(Prefetch("lessons", queryset=lessons.order_by("position", "id")))
        .order_by("position", "id")
    )
    by_course: dict[int, list[Lesson]] = {}
    for module in modules:
        by_course.setdefault(module.course_id, []).extend(module.lessons.all())
    ids = [e.pk for e in enrolments]
    completed: dict[int, set[int]] = {}
    started: dict[int, set[int]] = {}
    for enrolment_id, lesson_id, at in LessonProgress.objects.filter(enrolment_id__in=ids).values_list(
        "enrolment_id", "lesson_id", "completed_at"
    ):
        started.setdefault(enrolment_id, set()).add(lesson_id)
        if at is not None:
            completed.setdefault(enrolment_id, set()).add(lesson_id)
    passed: dict[int, set[int]] = {}
    attempts = CheckAttempt.objects.filter(enrolment_id__in=ids, passed=True)
    for enrolment_id, lesson_id in attempts.values_list("enrolment_id", "lesson_id").distinct():
        passed.setdefault(enrolment_id, set()).add(lesson_id)
    return {
        e.pk: Progress(
            enrolment=e,
            lessons=by_course.get(e.course_id, []),
            completed_ids=completed.get(e.pk, set()),
            passed_ids=passed.get(e.pk, set()),
            started_ids=started.get(e.pk, set()),
        )
        for e in enrolments
    }


def enrolment_for(user: User | AnonymousUser, course: Course) -> Enrolment | None:
    if not user.is_authenticated:
        return None
    return Enrolment.objects.filter(learner_id=user.pk, course=course).first()


def enrolments_of(user: User) -> QuerySet[Enrolment]:
    return Enrolment.objects.filter(learner=user).select_related("course", "course__provider")


def last_attempt(enrolment: Enrolment, lesson: Lesson) -> CheckAttempt | None:
    return CheckAttempt.objects.filter(enrolment=enrolment, lesson=lesson).first()


# ---------------------------------------------------------------- skills evidence


def verified_skills(user: User | AnonymousUser) -> list[tuple[str, int, str]]:
    """(skill slug, level, how it was verified) for each skill the platform has verified for `user`.

    One row per skill, at the highest verified level. Online completions come from here; attendance
    evidence comes from the centres app (`learning.onsite`).
    """
    if not user.is_authenticated:
        return []
    return verified_skills_of([user.pk]).get(user.pk, [])


def verified_skills_of(user_ids: Iterable[int]) -> dict[int, list[tuple[str, int, str]]]:
    """`verified_skills` for many learners in a fixed number of queries: learner id -> rows."""
    ids = list(user_ids)
    rows: dict[int, list[tuple[str, int, str]]] = {}
    for learner_id, slug, level, detail in (
        SkillEvidence.objects.filter(learner_id__in=ids)
        .order_by("-level", "-at")
        .values_list("learner_id", "skill__slug", "level", "detail")
    ):
        rows.setdefault(learner_id, []).append((slug, level, detail))
    for learner_id, found in onsite().verified_skills_of(ids).items():
        rows.setdefault(learner_id, []).extend((str(s), int(level), str(d)) for s, level, d in found)
    result: dict[int, list[tuple[str, int, str]]] = {}
    for learner_id, mine in rows.items():
        best: dict[str, tuple[str, int, str]] = {}
        for row in mine:
            if row[0] not in best or row[1] > best[row[0]][1]:
                best[row[0]] = row
        result[learner_id] = sorted(best.values(), key=lambda r: (-r[1], r[0]))
    return result


# ---------------------------------------------------------------- plans


PLAN_STATUSES = {
    "completed": ("Completed", "tag--green"),
    "booked": ("Booked", ""),
    "in progress": ("In progress", "tag--yellow"),
    "not started": ("Not started", "tag--grey"),
    "cannot start yet": ("Cannot start yet", "tag--red"),
}


@dataclass
class PlanStep:
    item: PlanItem
    status: str
    missing: list[Course] = field(default_factory=list)
    booking: str = ""  # the status of the learner's booking of this step's run ("On the waiting list"…)

    @property
    def label(self) -> str:
        if self.status == "booked" and self.booking:
            return self.booking
        return PLAN_STATUSES[self.status][0]

    @property
    def url(self) -> str:
        """Where to act on the step: the chosen run's page for an on-site step, else the course page."""
        if self.item.run_id is not None and self.item.course.mode != "online":
            return onsite().run_url(self.item.run_id)
        return reverse("learning:course", args=[self.item.course.slug])

    @property
    def tag_class(self) -> str:
        return PLAN_STATUSES[self.status][1]


@dataclass
class PlanView:
    plan: LearningPlan
    steps: list[PlanStep]

    @property
    def completed(self) -> int:
        return sum(1 for step in self.steps if step.status == "completed")

    @property
    def next_step(self) -> PlanStep | None:
        """What is due next: the first step, in the plan's order, neither completed nor booked."""
        due = [s for s in self.steps if s.status not in {"completed", "booked"}]
        return due[0] if due else None


def active_plan(user: User) -> LearningPlan | None:
    return LearningPlan.objects.filter(learner=user, is_active=True).select_related("target_role").first()


def plan_view(user: User) -> PlanView | None:
    """The learner's active plan with each step's status worked out (a fixed number of queries)."""
    plan = active_plan(user)
    if plan is None:
        return None
    items = list(plan.items.select_related("course", "course__provider").order_by("position", "id"))
    completed = done_course_slugs(user)
    enrolled = set(
        Enrolment.objects.filter(learner=user, completed_at__isnull=True).values_list("course_id", flat=True)
    )
    # the learner's live bookings of the runs their plan chose (run id -> status label)
    booked = onsite().booking_statuses(user)
    prerequisites: dict[int, list[Course]] = {}
    for link in CoursePrerequisite.objects.filter(course__in=[i.course_id for i in items]).select_related("requires"):
        prerequisites.setdefault(link.course_id, []).append(link.requires)
    steps = []
    for item in items:
        missing = [c for c in prerequisites.get(item.course_id, []) if c.slug not in completed]
        booking = ""
        if item.course.slug in completed:
            status = "completed"
        elif item.run_id is not None and item.run_id in booked:
            status, booking = "booked", booked[item.run_id]
        elif item.course_id in enrolled:
            status = "in progress"
        elif missing:
            status = "cannot start yet"
        else:
            status = "not started"
        steps.append(PlanStep(item=item, status=status, missing=missing, booking=booking))
    return PlanView(plan=plan, steps=steps)


def plan_percents(user_ids: Iterable[int]) -> dict[int, int | None]:
    """For each learner, the share of their active plan's steps done (None without a plan or steps), as
    `plan_view(user).completed / len(steps)` gives it, for many learners in four queries."""
    ids = list(user_ids)
    plans = dict(LearningPlan.objects.filter(learner_id__in=ids, is_active=True).values_list("pk", "learner_id"))
    steps: dict[int, list[str]] = {}
    for plan_id, slug in PlanItem.objects.filter(plan_id__in=list(plans)).values_list("plan_id", "course__slug"):
        steps.setdefault(plans[plan_id], []).append(slug)
    done: dict[int, set[str]] = {}
    for learner_id, slug in Enrolment.objects.filter(learner_id__in=ids, completed_at__isnull=False).values_list(
        "learner_id", "course__slug"
    ):
        done.setdefault(learner_id, set()).add(slug)
    for learner_id, attended in onsite().attended_course_slugs_of(ids).items():
        done.setdefault(learner_id, set()).update(attended)
    percents: dict[int, int | None] = {}
    for learner_id in ids:
        planned = steps.get(learner_id, [])
        finished = sum(1 for slug in planned if slug in done.get(learner_id, set()))
        percents[learner_id] = round(100 * finished / len(planned)) if planned else None
    return percents


# ---------------------------------------------------------------- dashboard and records


@dataclass
class Dashboard:
    current: list[Progress]
    completed: list[Enrolment]
    plan: PlanView | None
    credentials: list[Credential]
    skills: list[tuple[str, str, int, str, str]]  # slug, name, level, level label, detail
    bookings: list[RunSummary]


def dashboard(user: User) -> Dashboard:
    from skillsnet.catalogue.models import Skill

    enrolments = list(enrolments_of(user))
    verified = verified_skills(user)
    names = dict(Skill.objects.filter(slug__in=[s for s, _, _ in verified]).values_list("slug", "name"))
    progress = progress_of_many(e for e in enrolments if e.completed_at is None)
    return Dashboard(
        current=[progress[e.pk] for e in enrolments if e.completed_at is None],
        completed=[e for e in enrolments if e.completed_at is not None],
        plan=plan_view(user),
        credentials=list(Credential.objects.filter(learner=user).order_by("-issued_at")),
        skills=[(slug, names.get(slug, slug), level, LEVEL_LABELS[level], d) for slug, level, d in verified],
        bookings=upcoming_bookings(user),
    )


def statements_of(user: User) -> list[dict[str, Any]]:
    return [s.data for s in Statement.objects.filter(learner=user).order_by("timestamp", "id")]


def provider_courses(slugs: Iterable[str]) -> QuerySet[Course]:
    return (
        Course.objects.filter(provider__slug__in=list(slugs))
        .select_related("provider")
        .annotate(
            module_count=Count("modules", distinct=True),
            published_lessons=Count("modules__lessons", filter=Q(modules__lessons__status=PUBLISHED), distinct=True),
        )
        .order_by("provider__name", "title")
    )
