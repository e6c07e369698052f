"""`skillsnet seed_learning_content`: starter modules, lessons and a knowledge check for online courses
that have no content yet. Idempotent: a course with any module is left alone."""

from __future__ import annotations

import re
from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction

from skillsnet.catalogue.models import LEVEL_LABELS, Course, CourseMode, Skill
from skillsnet.learning import services
from skillsnet.learning.models import ContentStatus, Module
from skillsnet.learning.starter_content import WRITTEN, LessonSpec, ModuleSpec, QuestionSpec

PUBLISHED = ContentStatus.PUBLISHED


def _first_sentence(text: str) -> str:
    match = re.match(r"(.+?[.!?])(\s|$)", text.strip())
    return (match.group(1) if match else text.strip())[:300]


def generated_content(course: Course) -> tuple[ModuleSpec, ...]:
    """An introduction from the course's catalogue entry, and a check on the skills it teaches."""
    taught = list(course.skills_taught.select_related("skill").order_by("skill__name"))
    outcomes = "\n".join(f"- {o}" for o in course.outcomes) or "- See the skills below."
    overview = f"{course.description}\n\nBy the end of this course you will be able to:\n\n{outcomes}\n"
    skills_text = "\n".join(
        f"## {t.skill.name}\n\n{t.skill.description or t.skill.name}\n\nThis course takes you from "
        f"*{LEVEL_LABELS[t.assumes_level].lower()}* to *{LEVEL_LABELS[t.to_level].lower()}* level.\n"
        for t in taught
    )
    questions = _skill_questions([t.skill for t in taught])
    lessons = [LessonSpec("About this course", overview)]
    if taught:
        lessons.append(LessonSpec("The skills you will build", skills_text, questions))
    return (ModuleSpec("Getting started", f"An introduction to {course.title}.", tuple(lessons)),)


def _skill_questions(skills: list[Skill]) -> tuple[QuestionSpec, ...]:
    """'Which skill is this?' questions: each description against the names of other skills."""
    described = [s for s in skills if s.description.strip()]
    if len(described) < 1:
        return ()
    pool = list(
        Skill.objects.filter(origin="curated", category__in={s.category for s in described})
        .exclude(pk__in=[s.pk for s in skills])
        .order_by("slug")
        .values_list("name", flat=True)[:40]
    )
    others = [s.name for s in skills]
    questions = []
    for index, skill in enumerate(described[:3]):
        wrong = [n for n in others if n != skill.name] + pool
        distractors = list(dict.fromkeys(wrong))[:2]
        if len(distractors) < 2:
            continue
        choices = [skill.name, *distractors]
        # Rotate so the right answer is not always first, deterministically.
        shift = index % len(choices)
        choices = choices[shift:] + choices[:shift]
        questions.append(
            QuestionSpec(
                f"Which skill is this? “{_first_sentence(skill.description)}”",
                tuple(choices),
                choices.index(skill.name),
                f"That describes {skill.name}.",
            )
        )
    return tuple(questions)


class Command(BaseCommand):
    help = "Create starter content (modules, lessons, a knowledge check) for online courses that have none."

    def handle(self, *args: Any, **options: Any) -> None:
        courses = Course.objects.filter(mode=CourseMode.ONLINE).exclude(pk__in=Module.objects.values("course_id"))
        created = 0
        for course in courses.order_by("slug"):
            with transaction.atomic():
                self._create(course, WRITTEN.get(course.slug) or generated_content(course))
            created += 1
        self.stdout.write(f"Starter content created for {created} online course(s).")

    def _create(self, course: Course, modules: tuple[ModuleSpec, ...]) -> None:
        for spec in modules:
            module = services.module_save(course=course, title=spec.title, summary=spec.summary, status=PUBLISHED)
            for lesson_spec in spec.lessons:
                lesson = services.lesson_save(
                    module=module, title=lesson_spec.title, body=lesson_spec.body, status=PUBLISHED
                )
                for q in lesson_spec.questions:
                    services.question_add(
                        lesson=lesson, text=q.text, choices=q.choices, correct=q.correct, explanation=q.explanation
                    )
