"""Authoring by training-provider staff: modules, lessons, lesson files and knowledge-check questions."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max

from skillsnet.catalogue.models import Course
from skillsnet.learning.models import Choice, ContentStatus, Lesson, LessonFile, Module, Question
from skillsnet.learning.records import LearningError


@transaction.atomic
def module_save(
    *, course: Course, title: str, summary: str = "", status: str = ContentStatus.DRAFT, module: Module | None = None
) -> Module:
    if module is None:
        last = Module.objects.filter(course=course).aggregate(last=Max("position"))["last"]
        return Module.objects.create(
            course=course, title=title, summary=summary, status=status, position=0 if last is None else last + 1
        )
    module.title, module.summary, module.status = title, summary, status
    module.save(update_fields=["title", "summary", "status"])
    return module


@transaction.atomic
def lesson_save(
    *,
    module: Module,
    title: str,
    body: str = "",
    video_url: str = "",
    status: str = ContentStatus.DRAFT,
    pass_mark: int = 70,
    lesson: Lesson | None = None,
) -> Lesson:
    if not 1 <= pass_mark <= 100:
        raise LearningError("The pass mark must be between 1 and 100 per cent.")
    if lesson is None:
        last = Lesson.objects.filter(module=module).aggregate(last=Max("position"))["last"]
        return Lesson.objects.create(
            module=module,
            title=title,
            body=body,
            video_url=video_url,
            status=status,
            pass_mark=pass_mark,
            position=0 if last is None else last + 1,
        )
    lesson.title, lesson.body, lesson.video_url = title, body, video_url
    lesson.status, lesson.pass_mark = status, pass_mark
    lesson.save(update_fields=["title", "body", "video_url", "status", "pass_mark"])
    return lesson


ALLOWED_FILE_EXTENSIONS = {"pdf", "docx", "xlsx", "pptx", "odt", "ods", "odp", "txt", "csv", "png", "jpg", "jpeg"}
MAX_FILE_BYTES = 20 * 1024 * 1024


@transaction.atomic
def lesson_file_add(*, lesson: Lesson, title: str, upload: UploadedFile[Any]) -> LessonFile:
    name = upload.name or ""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in ALLOWED_FILE_EXTENSIONS:
        allowed = ", ".join(sorted(ALLOWED_FILE_EXTENSIONS))
        raise LearningError(f"The file must be one of these types: {allowed}.")
    if upload.size is None or upload.size > MAX_FILE_BYTES:
        raise LearningError("The file must be smaller than 20 MB.")
    return LessonFile.objects.create(lesson=lesson, title=title.strip() or name, file=upload)


@transaction.atomic
def lesson_file_delete(*, lesson_file: LessonFile) -> None:
    stored = lesson_file.file
    lesson_file.delete()
    transaction.on_commit(lambda: stored.delete(save=False))


@transaction.atomic
def question_add(*, lesson: Lesson, text: str, choices: Sequence[str], correct: int, explanation: str = "") -> Question:
    """Add a multiple-choice question; `correct` is the index of the right answer in `choices`."""
    options = [c.strip() for c in choices if c.strip()]
    if len(options) < 2:
        raise LearningError("A question needs at least two answers to choose from.")
    if not 0 <= correct < len(options):
        raise LearningError("Choose which answer is correct.")
    last = Question.objects.filter(lesson=lesson).aggregate(last=Max("position"))["last"]
    question = Question.objects.create(
        lesson=lesson, text=text.strip(), explanation=explanation.strip(), position=0 if last is None else last + 1
    )
    Choice.objects.bulk_create(
        Choice(question=question, text=option, is_correct=i == correct, position=i) for i, option in enumerate(options)
    )
    return question


@transaction.atomic
def question_delete(*, question: Question) -> None:
    question.delete()
