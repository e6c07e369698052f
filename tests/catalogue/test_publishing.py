"""Providers publish their own catalogue: drafts, review, bulk upload with a dry run, suggested skills."""

from __future__ import annotations

import csv
import io
import json

import pytest

from skillsnet.accounts.models import AuditEntry
from skillsnet.catalogue import publishing
from skillsnet.catalogue.dataset import read_dataset
from skillsnet.catalogue.models import Course, CourseStatus, Provider
from skillsnet.catalogue.selectors import visible_courses
from skillsnet.catalogue.snapshot import engine_snapshot

from .conftest import MINI

HEADER = ["slug", "title", "description", "outcomes", "mode", "hours", "cost", "level", "skills", "prerequisites",
          "centres"]  # fmt: skip
# Row numbers (the header is row 1) of the five broken rows, and the field each one gets wrong.
BROKEN = {7: "hours", 23: "skills", 42: "mode", 66: "centres", 90: "prerequisites"}


def _row(n: int) -> dict[str, str]:
    online = n % 3 != 0
    return {
        "slug": f"real-course-{n:03d}",
        "title": f"Real course {n}",
        "description": "What good manufacturing practice asks of you each day.",
        "outcomes": "Explain GMP | Follow an SOP",
        "mode": "online" if online else "on-site",
        "hours": "6" if online else "7",
        "cost": "0" if online else "150",
        "level": "3",
        "skills": "gmp:2; good-documentation:1" if online else "aseptic-technique:0-2; cleanroom-gowning:1-3",
        "prerequisites": "" if online else "gmp-essentials",
        "centres": "" if online else "example-lab-north",
    }


def _csv(rows: list[dict[str, str]]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=HEADER)
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


def hundred_courses_with_five_broken() -> bytes:
    rows = [_row(n) for n in range(100)]
    breakages = {
        "hours": lambda r: r.update(hours="six"),
        "skills": lambda r: r.update(mode="online", centres="", prerequisites="", skills="aseptic-technique:3"),
        "mode": lambda r: r.update(mode="by post"),
        "centres": lambda r: r.update(mode="on-site", centres="", skills="aseptic-technique:1", prerequisites=""),
        "prerequisites": lambda r: r.update(prerequisites="no-such-course"),
    }
    for row_number, what in BROKEN.items():
        breakages[what](rows[row_number - 2])
    return _csv(rows)


@pytest.fixture
def provider(mini) -> Provider:
    return Provider.objects.create(slug="cgt-catapult", name="Cell and Gene Therapy Catapult")


def test_a_dry_run_lists_exactly_the_broken_rows_with_their_field_and_changes_nothing(provider, provider_staff):
    before = Course.objects.count()
    report = publishing.catalogue_upload(
        actor=provider_staff, provider=provider, name="courses.csv", content=hundred_courses_with_five_broken(),
        dry_run=True,
    )  # fmt: skip
    assert {(e["row"], e["field"]) for e in report.as_json()["errors"]} == set(BROKEN.items())
    assert len(report.errors) == 5
    assert len(report.valid) == 95
    assert report.as_json()["create"] == 95
    assert Course.objects.count() == before
    skills_error = next(e for e in report.as_json()["errors"] if e["field"] == "skills")
    assert "practical skill" in skills_error["message"]


def test_publishing_the_rest_leaves_the_catalogue_consistent(provider, provider_staff, programme_admin, tmp_path):
    report = publishing.catalogue_upload(
        actor=provider_staff, provider=provider, name="courses.csv", content=hundred_courses_with_five_broken(),
        dry_run=False, submit=True,
    )  # fmt: skip
    assert report.written == 95
    mine = Course.objects.filter(provider=provider)
    assert mine.count() == 95
    assert set(mine.values_list("status", flat=True)) == {CourseStatus.SUBMITTED}
    # Nothing is public before review.
    assert not visible_courses().filter(provider=provider).exists()
    assert "real-course-001" not in engine_snapshot().catalogue.course_index
    assert publishing.courses_publish(reviewer=programme_admin, courses=publishing.awaiting_review()) == 95
    assert visible_courses().filter(provider=provider).count() == 95
    snapshot = engine_snapshot()
    assert "real-course-001" in snapshot.catalogue.course_index
    assert snapshot.catalogue.course("real-course-003").prerequisites == ("gmp-essentials",)
    published = Course.objects.get(slug="real-course-003")
    assert published.reviewed_by == programme_admin
    assert published.reviewed_at is not None
    assert [c.slug for c in published.centres.all()] == ["example-lab-north"]
    assert AuditEntry.objects.filter(action="catalogue.course.published").count() == 95
    assert AuditEntry.objects.filter(action="catalogue.upload.applied").count() == 1
    # Reloading the curated dataset leaves the provider's courses alone.
    from skillsnet.catalogue.services import dataset_load

    dataset_load(data_dir=MINI)
    assert Course.objects.filter(provider=provider).count() == 95
    assert published.skills_taught.count() == 2
    read_dataset(MINI)  # the file itself still validates


def test_a_change_to_a_published_course_waits_for_review(provider, provider_staff, programme_admin):
    context = publishing.Context.load()
    data, errors = publishing.course_check(_row(1), provider=provider, context=context)
    assert errors == []
    course = publishing.course_create(actor=provider_staff, provider=provider, data=data)
    with pytest.raises(publishing.PublishingError, match="not been submitted"):
        publishing.course_publish(reviewer=programme_admin, course=course)
    publishing.course_submit(actor=provider_staff, course=course)
    with pytest.raises(publishing.PublishingError, match="programme team"):
        publishing.course_publish(reviewer=provider_staff, course=course)
    publishing.course_publish(reviewer=programme_admin, course=course)
    changed, _ = publishing.course_check({**_row(1), "title": "Renamed"}, provider=provider, context=context)
    publishing.course_update(actor=provider_staff, course=course, data=changed)
    course.refresh_from_db()
    assert course.title == "Real course 1"  # the public still sees the reviewed version
    publishing.course_submit(actor=provider_staff, course=course)
    publishing.course_return(reviewer=programme_admin, course=course, note="Say who it is for.")
    course.refresh_from_db()
    assert (course.status, course.review_note) == (CourseStatus.PUBLISHED, "Say who it is for.")
    publishing.course_submit(actor=provider_staff, course=course)
    publishing.course_publish(reviewer=programme_admin, course=course)
    course.refresh_from_db()
    assert course.title == "Renamed"
    assert course.pending_changes is None
    actions = list(AuditEntry.objects.filter(object_id=str(course.pk)).order_by("pk").values_list("action", flat=True))
    assert actions == [
        "catalogue.course.created",
        "catalogue.course.submitted",
        "catalogue.course.published",
        "catalogue.course.updated",
        "catalogue.course.submitted",
        "catalogue.course.returned",
        "catalogue.course.submitted",
        "catalogue.course.published",
    ]


def test_only_the_providers_own_staff_write_its_courses(provider, make_user):
    from skillsnet.accounts.models import Role

    stranger = make_user("sam.stranger@example.com", roles=[(Role.PROVIDER_STAFF, "someone-else")])
    data, _ = publishing.course_check(_row(1), provider=provider, context=publishing.Context.load())
    with pytest.raises(publishing.PublishingError, match="this provider's staff"):
        publishing.course_create(actor=stranger, provider=provider, data=data)
    with pytest.raises(publishing.PublishingError):
        publishing.catalogue_upload(actor=stranger, provider=provider, name="x.csv", content=b"", dry_run=True)


def test_a_provider_cannot_overwrite_another_providers_course(provider, provider_staff):
    row = {**_row(1), "slug": "gmp-essentials"}  # a course of the mini dataset's example provider
    _, errors = publishing.course_check(row, provider=provider, context=publishing.Context.load())
    assert [str(e) for e in errors] == ["slug: 'gmp-essentials' is another provider's course"]


def test_json_uploads_work_the_same_and_bad_files_get_a_sentence(provider, provider_staff):
    rows = [_row(1), {**_row(2), "level": 11}]
    as_json = json.dumps([{**r, "skills": [{"skill": "gmp", "to_level": 2}]} for r in rows]).encode()
    report = publishing.catalogue_upload(
        actor=provider_staff, provider=provider, name="c.json", content=as_json, dry_run=True
    )
    assert report.as_json()["errors"] == [
        {"row": 2, "slug": "real-course-002", "field": "level", "message": "must be an RQF level from 1 to 8 (got 11)"}
    ]
    for content, problem in [
        (b"{not json", "not valid JSON"),
        (b"title,mode\nx,online\n", "header row"),
        (b"\xff\xfe", "not UTF-8"),
    ]:
        bad = publishing.catalogue_upload(
            actor=provider_staff, provider=provider, name="f", content=content, dry_run=True
        )
        assert problem in bad.problem


def test_skills_are_suggested_from_the_description_and_outcomes(provider):
    found = {s.skill for s in publishing.skills_suggest(text="Learn good manufacturing practice (GMP) and gowning.")}
    assert "gmp" in found


def test_a_course_two_steps_from_a_broken_row_is_refused_too(provider, provider_staff):
    # c needs b, b needs a, and a is broken: neither b nor c may be written without its prerequisite.
    a, b, c = _row(1), _row(2), _row(4)
    a.update(slug="chain-a", hours="six")
    b.update(slug="chain-b", prerequisites="chain-a")
    c.update(slug="chain-c", prerequisites="chain-b")
    report = publishing.catalogue_upload(
        actor=provider_staff, provider=provider, name="courses.csv", content=_csv([a, b, c]), dry_run=False
    )
    assert {(e["row"], e["field"]) for e in report.as_json()["errors"]} == {
        (2, "hours"),
        (3, "prerequisites"),
        (4, "prerequisites"),
    }
    assert not Course.objects.filter(slug__startswith="chain-").exists()
