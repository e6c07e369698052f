"""Pages of the online training platform. Views are thin: an access helper, a form, one service."""

from __future__ import annotations

import json
import mimetypes
from typing import Any
from uuid import UUID

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
from skillsnet.learning.content import render_markdown
from skillsnet.learning.forms import (
    CatalogueFilterForm,
    LessonFileForm,
    LessonForm,
    ModuleForm,
    PlanAddForm,
    PlanCreateForm,
    QuestionForm,
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


# ---------------------------------------------------------------- authoring (training-provider staff)


@login_required
@require_safe
def provider_home(request: HttpRequest) -> HttpResponse:
    scopes = access.provider_scopes(request.user)
    if not scopes:
        raise Http404("You are not staff of a training provider.")
    context = {"courses": list(selectors.provider_courses(scopes)), "scopes": scopes}
    return render(request, "learning/provider/home.html", context)


@login_required
def provider_course(request: HttpRequest, slug: str) -> HttpResponse:
    course = access.get_course_for_provider_staff(request.user, slug)
    form = ModuleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        module = services.module_save(course=course, **form.cleaned_data)
        messages.success(request, f"Module ‘{module.title}’ added.")
        return redirect("learning:provider-module", course.slug, module.pk)
    modules = course.modules.prefetch_related("lessons").order_by("position", "id")
    context = {"course": course, "modules": modules, "form": form}
    return render(request, "learning/provider/course.html", context, status=400 if form.errors else 200)


@login_required
def provider_module(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    module = access.get_module_for_provider_staff(request.user, slug, pk)
    adding = request.POST.get("action") == "add-lesson"
    form = ModuleForm(request.POST if request.method == "POST" and not adding else None, instance=module)
    lesson_form = LessonForm(request.POST if adding else None, prefix="lesson")
    if request.method == "POST" and not adding and form.is_valid():
        services.module_save(course=module.course, module=module, **form.cleaned_data)
        messages.success(request, "Module saved.")
        return redirect("learning:provider-module", slug, module.pk)
    if adding and lesson_form.is_valid():
        lesson = services.lesson_save(module=module, **lesson_form.cleaned_data)
        messages.success(request, f"Lesson ‘{lesson.title}’ added.")
        return redirect("learning:provider-lesson", slug, lesson.pk)
    context = {"course": module.course, "module": module, "form": form, "lesson_form": lesson_form}
    invalid = form.errors or lesson_form.errors
    return render(request, "learning/provider/module.html", context, status=400 if invalid else 200)


@login_required
def provider_lesson(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    lesson = access.get_lesson_for_provider_staff(request.user, slug, pk)
    action = request.POST.get("action", "")
    form = LessonForm(request.POST if action == "save" else None, instance=lesson)
    file_form = LessonFileForm(request.POST if action == "add-file" else None, request.FILES or None, prefix="file")
    question_form = QuestionForm(request.POST if action == "add-question" else None, prefix="question")
    if request.method == "POST":
        try:
            if action == "save" and form.is_valid():
                services.lesson_save(module=lesson.module, lesson=lesson, **form.cleaned_data)
                messages.success(request, "Lesson saved.")
                return redirect("learning:provider-lesson", slug, lesson.pk)
            if action == "add-file" and file_form.is_valid():
                services.lesson_file_add(
                    lesson=lesson, title=file_form.cleaned_data["title"], upload=file_form.cleaned_data["file"]
                )
                messages.success(request, "File added.")
                return redirect("learning:provider-lesson", slug, lesson.pk)
            if action == "add-question" and question_form.is_valid():
                choices, correct = question_form.choices()
                services.question_add(
                    lesson=lesson,
                    text=question_form.cleaned_data["text"],
                    choices=choices,
                    correct=correct,
                    explanation=question_form.cleaned_data["explanation"],
                )
                messages.success(request, "Question added to the knowledge check.")
                return redirect("learning:provider-lesson", slug, lesson.pk)
        except services.LearningError as exc:
            target = file_form if action == "add-file" else question_form if action == "add-question" else form
            target.add_error(None, str(exc))
    errors = [f for f in (form, file_form, question_form) if f.errors]
    context = {
        "course": lesson.module.course,
        "lesson": lesson,
        "form": errors[0] if errors else form,
        "lesson_form": form,
        "file_form": file_form,
        "question_form": question_form,
        "files": list(lesson.files.all()),
        "questions": list(lesson.questions.prefetch_related("choices")),
        "preview": mark_safe(render_markdown(lesson.body)),  # noqa: S308 - sanitised by nh3
    }
    return render(request, "learning/provider/lesson.html", context, status=400 if errors else 200)


@login_required
@require_POST
def provider_file_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    lesson_file = access.get_file_for_provider_staff(request.user, slug, pk)
    lesson_id = lesson_file.lesson_id
    services.lesson_file_delete(lesson_file=lesson_file)
    messages.success(request, "File removed.")
    return redirect("learning:provider-lesson", slug, lesson_id)


@login_required
@require_POST
def provider_question_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    question = access.get_question_for_provider_staff(request.user, slug, pk)
    lesson_id = question.lesson_id
    services.question_delete(question=question)
    messages.success(request, "Question removed.")
    return redirect("learning:provider-lesson", slug, lesson_id)


# ---------------------------------------------------------------- credentials (public)


def _credential(pk: UUID) -> Any:
    from skillsnet.learning.models import Credential

    credential = Credential.objects.filter(pk=pk).first()
    if credential is None:
        raise Http404("No such credential.")
    return credential


@require_safe
def jwks(request: HttpRequest) -> JsonResponse:
    from skillsnet.learning import signing

    response = JsonResponse(signing.jwks())
    response["Cache-Control"] = "public, max-age=300"
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_safe
def issuer(request: HttpRequest) -> JsonResponse:
    from skillsnet.learning import openbadges

    response = JsonResponse(openbadges.issuer_profile())
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_safe
def credential_verify(request: HttpRequest, pk: UUID) -> HttpResponse:
    from skillsnet.learning.verification import verify_credential

    credential = _credential(pk)
    result = verify_credential(credential)
    achievement = credential.document["credentialSubject"]["achievement"]
    context = {"credential": credential, "result": result, "achievement": achievement}
    return render(request, "learning/verify.html", context)


@require_safe
def credential_status(request: HttpRequest, pk: UUID) -> JsonResponse:
    from skillsnet.learning.verification import status_document

    response = JsonResponse(status_document(_credential(pk)))
    response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = "no-cache"
    return response


@require_safe
def credential_json(request: HttpRequest, pk: UUID) -> HttpResponse:
    credential = _credential(pk)
    body = json.dumps({"credential": credential.document, "jwt": credential.jwt}, indent=2)
    response = HttpResponse(body, content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="credential-{credential.pk}.json"'
    return response


@require_safe
def credential_jwt(request: HttpRequest, pk: UUID) -> HttpResponse:
    credential = _credential(pk)
    response = HttpResponse(credential.jwt, content_type="application/vc+jwt")
    response["Content-Disposition"] = f'attachment; filename="credential-{credential.pk}.jwt"'
    return response
