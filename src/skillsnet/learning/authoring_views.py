"""Authoring pages for training-provider staff under /training/provider/: their courses, modules, lessons,
files and knowledge-check questions.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST, require_safe

from skillsnet.learning import access, selectors, services
from skillsnet.learning.content import render_markdown
from skillsnet.learning.forms import (
    LessonFileForm,
    LessonForm,
    ModuleForm,
    QuestionForm,
)


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
