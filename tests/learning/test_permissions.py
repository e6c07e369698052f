"""Who may see and change what: providers author only their own courses; learners see only published
content and only their own progress."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from skillsnet.learning import access, services
from skillsnet.learning.models import Lesson, LessonFile, Module, Question

pytestmark = pytest.mark.django_db


def close_file_response(response) -> None:
    """Close a FileResponse's file without the request_finished signal closing the test's DB connection
    (what Django's test client does around its own requests)."""
    from django.core.signals import request_finished
    from django.db import close_old_connections

    request_finished.disconnect(close_old_connections)
    try:
        response.close()
    finally:
        request_finished.connect(close_old_connections)


def test_provider_staff_see_only_their_own_courses(signed_in, provider_staff, catalogue):
    client = signed_in(provider_staff)
    home = client.get("/training/provider/").content.decode()
    assert "GMP essentials" in home
    assert "Documentation for everyone" not in home
    assert client.get("/training/provider/courses/gmp-essentials/").status_code == 200
    assert client.get("/training/provider/courses/docs-for-all/").status_code == 404
    other_lesson = f"/training/provider/courses/docs-for-all/lessons/{catalogue.other_lesson.pk}/"
    assert (
        client.post(
            other_lesson, {"action": "save", "title": "Hijacked", "status": "published", "pass_mark": 70}
        ).status_code
        == 404
    )
    # A lesson of another provider's course addressed through one's own course is not found either.
    assert (
        client.get(f"/training/provider/courses/gmp-essentials/lessons/{catalogue.other_lesson.pk}/").status_code == 404
    )
    catalogue.other_lesson.refresh_from_db()
    assert catalogue.other_lesson.title == "ALCOA+"


def test_learners_and_other_roles_cannot_author(signed_in, learner, centre_manager, catalogue):
    for person in (learner, centre_manager):
        client = signed_in(person)
        assert client.get("/training/provider/").status_code == 404
        assert client.get("/training/provider/courses/gmp-essentials/").status_code == 404


def test_the_access_helper(provider_staff, learner, catalogue):
    assert access.get_course_for_provider_staff(provider_staff, "gmp-essentials") == catalogue.essentials
    from django.http import Http404

    with pytest.raises(Http404):
        access.get_course_for_provider_staff(provider_staff, "docs-for-all")
    with pytest.raises(Http404):
        access.get_course_for_provider_staff(learner, "gmp-essentials")


def test_provider_staff_write_and_publish_content(signed_in, provider_staff, catalogue):
    client = signed_in(provider_staff)
    response = client.post(
        "/training/provider/courses/gmp-essentials/", {"title": "Data integrity", "summary": "", "status": "draft"}
    )
    module = Module.objects.get(title="Data integrity")
    assert response.url == f"/training/provider/courses/gmp-essentials/modules/{module.pk}/"
    response = client.post(
        response.url,
        {"action": "add-lesson", "lesson-title": "ALCOA+", "lesson-body": "Attributable.", "lesson-status": "draft",
         "lesson-pass_mark": 80, "lesson-video_url": "https://video.example/alcoa"},
    )  # fmt: skip
    lesson = Lesson.objects.get(module=module)
    lesson_url = f"/training/provider/courses/gmp-essentials/lessons/{lesson.pk}/"
    assert response.url == lesson_url
    response = client.post(
        lesson_url,
        {"action": "add-question", "question-text": "What does A stand for?", "question-choice_1": "Attributable",
         "question-choice_2": "Average", "question-choice_3": "", "question-choice_4": "", "question-correct": 1},
    )  # fmt: skip
    assert response.status_code == 302
    assert [c.is_correct for c in Question.objects.get(lesson=lesson).choices.all()] == [True, False]
    bad = client.post(
        lesson_url,
        {"action": "add-question", "question-text": "Which?", "question-choice_1": "One", "question-choice_2": "Two",
         "question-correct": 3},
    )  # fmt: skip
    assert bad.status_code == 400
    assert "must be one of the answers you filled in" in bad.content.decode()
    client.post(
        lesson_url,
        {"action": "save", "title": "ALCOA+", "body": "Attributable.", "status": "published", "pass_mark": 80},
    )
    client.post(
        f"/training/provider/courses/gmp-essentials/modules/{module.pk}/",
        {"action": "save", "title": "Data integrity", "status": "published"},
    )
    lesson.refresh_from_db()
    module.refresh_from_db()
    assert (lesson.status, module.status) == ("published", "published")


def test_files_are_served_only_to_enrolled_learners_and_the_provider(
    signed_in, provider_staff, learner, other_learner, catalogue, settings, tmp_path, client
):
    settings.MEDIA_ROOT = tmp_path
    staff = signed_in(provider_staff)
    url = f"/training/provider/courses/gmp-essentials/lessons/{catalogue.intro.pk}/"
    upload = SimpleUploadedFile("checklist.pdf", b"%PDF-1.4 checklist", content_type="application/pdf")
    response = staff.post(url, {"action": "add-file", "file-title": "Gowning checklist", "file-file": upload})
    assert response.status_code == 302
    lesson_file = LessonFile.objects.get()
    evil = SimpleUploadedFile("run.html", b"<script>", content_type="text/html")
    assert staff.post(url, {"action": "add-file", "file-title": "Bad", "file-file": evil}).status_code == 400
    download = f"/training/files/{lesson_file.pk}/"
    response = staff.get(download)
    assert response.status_code == 200
    close_file_response(response)
    staff.logout()

    services.enrolment_create(learner=learner, course=catalogue.essentials)
    response = signed_in(learner).get(download)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content) == b"%PDF-1.4 checklist"
    close_file_response(response)
    signed_in(learner).logout()
    assert signed_in(other_learner).get(download).status_code == 404  # not enrolled
    client.logout()
    assert client.get(download).status_code == 302  # signed out
    assert not str(settings.MEDIA_URL).startswith("/training/")


def test_learners_never_see_drafts(signed_in, learner, catalogue):
    services.enrolment_create(learner=learner, course=catalogue.essentials)
    client = signed_in(learner)
    for lesson in (catalogue.draft_lesson, catalogue.hidden_lesson):
        assert client.get(f"/training/courses/gmp-essentials/lessons/{lesson.pk}/").status_code == 404
    # Nor a lesson of another course through this one's address.
    assert client.get(f"/training/courses/gmp-essentials/lessons/{catalogue.other_lesson.pk}/").status_code == 404


def test_other_learners_get_404_for_someone_elses_course(signed_in, learner, other_learner, catalogue):
    services.enrolment_create(learner=learner, course=catalogue.essentials)
    client = signed_in(other_learner)
    url = f"/training/courses/gmp-essentials/lessons/{catalogue.intro.pk}/"
    assert client.get(url).status_code == 404
    assert client.post(url + "complete").status_code == 404
    assert client.post(url.replace(str(catalogue.intro.pk), str(catalogue.checked.pk)) + "check", {}).status_code == 404


def test_other_learners_cannot_touch_a_plan_step(signed_in, learner, other_learner, catalogue):
    plan = services.plan_create(learner=learner)
    item = services.plan_item_add(plan=plan, course=catalogue.essentials)
    client = signed_in(other_learner)
    assert client.post(f"/training/plan/steps/{item.pk}/remove").status_code == 404
    assert client.post(f"/training/plan/steps/{item.pk}/up").status_code == 404
