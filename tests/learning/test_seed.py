"""`skillsnet seed_learning_content` makes studyable courses, once."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from skillsnet.catalogue.models import Course, CourseSkill, Skill
from skillsnet.learning import selectors
from skillsnet.learning.models import Lesson, Module, Question

pytestmark = pytest.mark.django_db


def test_it_seeds_online_courses_without_content_once(catalogue, capsys):
    written = Course.objects.create(
        slug="gmp-fundamentals", title="GMP fundamentals", provider=catalogue.essentials.provider, mode="online",
        hours=6, level=3, description="What GMP is.",
    )  # fmt: skip
    generated = Course.objects.create(
        slug="lims-basics", title="LIMS basics", provider=catalogue.essentials.provider, mode="online",
        hours=3, level=3, description="Lab data systems.", outcomes=["Use a LIMS"],
    )  # fmt: skip
    for slug, name in (("lims", "LIMS"), ("record-test-data", "Record test data")):
        skill = Skill.objects.create(slug=slug, name=name, category="quality", description=f"{name} is a skill.")
        CourseSkill.objects.create(course=generated, skill=skill, to_level=2)
    call_command("seed_learning_content")
    assert "for 2 online course(s)" in capsys.readouterr().out
    assert "ALCOA" not in "".join(Lesson.objects.filter(module__course=written).values_list("body", flat=True))
    assert Question.objects.filter(lesson__module__course=written).count() == 3
    assert selectors.course_has_content(generated)
    question = Question.objects.filter(lesson__module__course=generated).first()
    assert question is not None
    assert question.choices.filter(is_correct=True).count() == 1
    assert not Module.objects.filter(course=catalogue.gowning).exists()  # on-site: nothing to seed
    before = Module.objects.count()
    call_command("seed_learning_content")
    assert Module.objects.count() == before
    assert "for 0 online course(s)" in capsys.readouterr().out
