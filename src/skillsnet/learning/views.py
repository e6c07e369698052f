"""Pages of the online training platform. Views are thin: an access helper, a form, one service.

The learner's pages are here; the authoring pages are `authoring_views.py` and the public credential
addresses `credential_views.py` (imported here under their old names).
"""

from __future__ import annotations

import mimetypes
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST, require_safe

from skillsnet.accounts.models import User
from skillsnet.caching import SEATS_MAX_AGE, SEATS_TIMEOUT, public_page
from skillsnet.catalogue.selectors import visible_courses
from skillsnet.learning import access, selectors, services
from skillsnet.learning.authoring_views import (
    provider_course,
    provider_file_delete,
    provider_home,
    provider_lesson,
    provider_module,
    provider_question_delete,
)
from skillsnet.learning.content import render_markdown
from skillsnet.learning.credential_views import (
    credential_json,
    credential_jwt,
    credential_status,
    credential_verify,
    issuer,
    jwks,
)
from skillsnet.learning.forms import (
    CatalogueFilterForm,
    PlanAddForm,
    PlanCreateForm,
)
from skillsnet.learning.models import Lesson

PAGE_SIZE = 20


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


# ---------------------------------------------------------------- catalogue


@require_safe
@public_page()
def catalogue(request: HttpRequest) -> HttpResponse:
    form = CatalogueFilterForm(request.GET or None)
    filters = form.filters() if form.is_valid() else selectors.CourseFilters()
    paginator = Paginator(selectors.course_search(filters), PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "query": query.urlencode(), "filtered": form.is_bound and form.is_valid()}
    return render(request, "learning/catalogue.html", context)


def _course_context(request: HttpRequest, course: Any) -> dict[str, Any]:
    enrolment = selectors.enrolment_for(request.user, course)
    progress = selectors.progress_of(enrolment) if enrolment else None
    outline = selectors.published_modules(course)
    rows = [
        {
            "module": part.module,
            "lessons": [{"lesson": x, "status": progress.status_of(x) if progress else ""} for x in part.lessons],
        }
        for part in outline
    ]
    return {
        "course": course,
        "skills": selectors.skill_levels(course),
        "prerequisites": list(course.prerequisites.order_by("title")),
        "completed": selectors.done_course_slugs(request.user),
        "missing": selectors.missing_prerequisites(request.user, course) if request.user.is_authenticated else [],
        "outline": outline,
        "outline_rows": rows,
        "runs": selectors.upcoming_runs(course),
        "enrolment": enrolment,
        "progress": progress,
        "can_author": course.provider.slug in access.provider_scopes(request.user),
    }


@require_safe
@public_page(timeout=SEATS_TIMEOUT, max_age=SEATS_MAX_AGE, scope="seats")
def course_detail(request: HttpRequest, slug: str) -> HttpResponse:
    course = access.get_course(slug)
    return render(request, "learning/course_detail.html", _course_context(request, course))


# ---------------------------------------------------------------- studying


@login_required
@require_POST
def enrol(request: HttpRequest, slug: str) -> HttpResponse:
    course = access.get_course(slug)
    try:
        enrolment = services.enrolment_create(learner=_user(request), course=course)
    except services.LearningError as exc:
        context = {**_course_context(request, course), "error": str(exc)}
        return render(request, "learning/course_detail.html", context, status=400)
    progress = selectors.progress_of(enrolment)
    messages.success(request, f"You are enrolled on ‘{course.title}’.")
    if progress.next_lesson is not None:
        return redirect("learning:lesson", course.slug, progress.next_lesson.pk)
    return redirect("learning:course", course.slug)


def _lesson_page(
    request: HttpRequest,
    enrolment: Any,
    lesson: Lesson,
    *,
    errors: dict[int, str] | None = None,
    error: str = "",
    status: int = 200,
) -> HttpResponse:
    progress = selectors.progress_of(enrolment)
    index = next((i for i, row in enumerate(progress.lessons) if row.pk == lesson.pk), 0)
    questions = list(lesson.questions.prefetch_related("choices"))
    attempt = selectors.last_attempt(enrolment, lesson) if questions else None
    chosen = {int(k): v for k, v in attempt.answers.items()} if attempt else {}
    posted = {q.pk: request.POST.get(f"question-{q.pk}", "") for q in questions} if request.method == "POST" else {}
    question_rows = [
        {
            "question": q,
            "error": (errors or {}).get(q.pk, ""),
            "choices": [
                {
                    "choice": c,
                    "checked": posted.get(q.pk) == str(c.pk) if posted else False,
                    "was_chosen": chosen.get(q.pk) == c.pk,
                }
                for c in q.choices.all()
            ],
            "answered_right": any(c.is_correct and chosen.get(q.pk) == c.pk for c in q.choices.all()),
        }
        for q in questions
    ]
    context = {
        "course": enrolment.course,
        "enrolment": enrolment,
        "lesson": lesson,
        "body": mark_safe(render_markdown(lesson.body)),  # noqa: S308 - sanitised by nh3 in render_markdown
        "files": list(lesson.files.all()),
        "questions": question_rows,
        "attempt": attempt,
        "errors": errors or {},
        "error": error,
        "progress": progress,
        "done": progress.lesson_done(lesson),
        "previous": progress.lessons[index - 1] if index > 0 else None,
        "next": progress.lessons[index + 1] if index + 1 < len(progress.lessons) else None,
        "position": index + 1,
    }
    return render(request, "learning/lesson.html", context, status=status)


@login_required
@require_safe
def lesson_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    enrolment, lesson = access.get_lesson_for_learner(request.user, slug, pk)
    services.lesson_start(enrolment=enrolment, lesson=lesson)
    return _lesson_page(request, enrolment, lesson)


@login_required
@require_POST
def lesson_complete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    enrolment, lesson = access.get_lesson_for_learner(request.user, slug, pk)
    try:
        services.lesson_complete(enrolment=enrolment, lesson=lesson)
    except services.LearningError as exc:
        return _lesson_page(request, enrolment, lesson, error=str(exc), status=400)
    return _after_lesson(request, enrolment, lesson)


def _after_lesson(request: HttpRequest, enrolment: Any, lesson: Lesson) -> HttpResponse:
    enrolment.refresh_from_db(fields=["completed_at"])
    if enrolment.completed_at is not None:
        messages.success(request, f"You have completed ‘{enrolment.course.title}’. Your credential is ready.")
        return redirect("learning:dashboard")
    progress = selectors.progress_of(enrolment)
    messages.success(request, f"‘{lesson.title}’ is complete.")
    if progress.next_lesson is not None:
        return redirect("learning:lesson", enrolment.course.slug, progress.next_lesson.pk)
    return redirect("learning:course", enrolment.course.slug)


@login_required
@require_POST
def check_submit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    enrolment, lesson = access.get_lesson_for_learner(request.user, slug, pk)
    answers: dict[int, int] = {}
    errors: dict[int, str] = {}
    for question in lesson.questions.all():
        raw = request.POST.get(f"question-{question.pk}", "")
        if raw.isdigit():
            answers[question.pk] = int(raw)
        else:
            errors[question.pk] = "Choose an answer"
    if errors:
        return _lesson_page(request, enrolment, lesson, errors=errors, status=400)
    try:
        attempt = services.check_submit(enrolment=enrolment, lesson=lesson, answers=answers)
    except services.LearningError as exc:
        return _lesson_page(request, enrolment, lesson, error=str(exc), status=400)
    if not attempt.passed:
        # The lesson page shows the result of the last attempt and what each question was after.
        return redirect(reverse("learning:lesson", args=[slug, pk]) + "#knowledge-check")
    messages.success(request, f"You passed the knowledge check with {attempt.score}%.")
    return _after_lesson(request, enrolment, lesson)


@login_required
@require_safe
def file_download(request: HttpRequest, pk: int) -> FileResponse:
    lesson_file = access.get_file_for_user(request.user, pk)
    try:
        handle = lesson_file.file.open("rb")
    except FileNotFoundError:
        raise Http404("The file is missing.") from None
    filename = (lesson_file.file.name or "download").rsplit("/", 1)[-1]
    content_type = mimetypes.guess_type(filename)[0] or "application/octet-stream"
    return FileResponse(handle, as_attachment=True, filename=filename, content_type=content_type)


# ---------------------------------------------------------------- dashboard, plan, records


@login_required
@require_safe
def dashboard(request: HttpRequest) -> HttpResponse:
    return render(request, "learning/dashboard.html", {"board": selectors.dashboard(_user(request))})


def _plan_page(
    request: HttpRequest, *, create_form: Any = None, add_form: Any = None, status: int = 200
) -> HttpResponse:
    user = _user(request)
    view = selectors.plan_view(user)
    in_plan = {step.item.course_id for step in view.steps} if view else set()
    add = add_form or PlanAddForm()
    course_field = add.fields["course"]
    assert isinstance(course_field, forms.ModelChoiceField)
    course_field.queryset = visible_courses().exclude(pk__in=in_plan).order_by("title")
    context = {
        "view": view,
        "create_form": create_form or PlanCreateForm(),
        "add_form": add,
        "form": create_form if create_form is not None and create_form.errors else add_form,
    }
    return render(request, "learning/plan.html", context, status=status)


@login_required
@require_safe
def plan(request: HttpRequest) -> HttpResponse:
    return _plan_page(request)


@login_required
@require_POST
def plan_create(request: HttpRequest) -> HttpResponse:
    form = PlanCreateForm(request.POST)
    if not form.is_valid():
        return _plan_page(request, create_form=form, status=400)
    services.plan_create(
        learner=_user(request),
        target_role=form.cleaned_data["target_role"],
        target_date=form.cleaned_data["target_date"],
    )
    messages.success(request, "Your new learning plan is ready. Add the courses you want to take.")
    return redirect("learning:plan")


@login_required
@require_POST
def plan_add(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    active = selectors.active_plan(user) or services.plan_create(learner=user)
    form = PlanAddForm(request.POST)
    if not form.is_valid():
        return _plan_page(request, add_form=form, status=400)
    try:
        services.plan_item_add(plan=active, course=form.cleaned_data["course"])
    except services.LearningError as exc:
        form.add_error("course", str(exc))
        return _plan_page(request, add_form=form, status=400)
    messages.success(request, f"‘{form.cleaned_data['course'].title}’ is in your plan.")
    return redirect("learning:plan")


@login_required
@require_POST
def plan_remove(request: HttpRequest, pk: int) -> HttpResponse:
    item = access.get_plan_item_for_learner(request.user, pk)
    title = item.course.title
    services.plan_item_remove(item=item)
    messages.success(request, f"‘{title}’ is no longer in your plan.")
    return redirect("learning:plan")


@login_required
@require_POST
def plan_move(request: HttpRequest, pk: int, direction: str) -> HttpResponse:
    if direction not in {"up", "down"}:
        raise Http404("A step moves up or down.")
    item = access.get_plan_item_for_learner(request.user, pk)
    try:
        services.plan_item_move(item=item, direction=direction)
    except services.LearningError as exc:
        return render(request, "400.html", {"detail": str(exc)}, status=400)
    return redirect(reverse("learning:plan") + f"#step-{item.pk}")


@login_required
@require_safe
def records_json(request: HttpRequest) -> JsonResponse:
    response = JsonResponse(selectors.statements_of(_user(request)), safe=False, json_dumps_params={"indent": 2})
    response["Content-Disposition"] = 'attachment; filename="learning-records.json"'
    response["X-Experience-API-Version"] = "1.0.3"
    return response


__all__ = [
    "catalogue",
    "check_submit",
    "course_detail",
    "credential_json",
    "credential_jwt",
    "credential_status",
    "credential_verify",
    "dashboard",
    "enrol",
    "file_download",
    "issuer",
    "jwks",
    "lesson_complete",
    "lesson_detail",
    "plan",
    "plan_add",
    "plan_create",
    "plan_move",
    "plan_remove",
    "provider_course",
    "provider_file_delete",
    "provider_home",
    "provider_lesson",
    "provider_module",
    "provider_question_delete",
    "records_json",
]
