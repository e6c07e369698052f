"""Centre staff publish runs: one at a time or from a file, with a dry run that names each error's row and field."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from skillsnet.accounts.models import AuditEntry
from skillsnet.catalogue.publishing import PublishingError
from skillsnet.centres import publishing
from skillsnet.centres.models import CourseRun

COLUMNS = list(publishing.COLUMNS)


def _row(course: str, day: int, **changes: str) -> dict[str, str]:
    start = (timezone.localdate() + timedelta(days=30 + day)).isoformat()
    row = {
        "course": course,
        "capacity": "8",
        "booking_opens_at": (timezone.localdate() + timedelta(days=1)).isoformat() + "T09:00",
        "booking_closes_at": f"{start}T08:00",
        "requires_approval": "none",
        "sessions": f"{start}T09:00/{start}T17:00",
        "qualification_valid_months": "",
        "notes": "",
    }
    return {**row, **changes}


def _csv(rows: list[dict[str, str]]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS)
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


@pytest.fixture
def course(catalogue, centres):
    """An on-site course that RoslinCT runs (the fixture centres all list it)."""
    return catalogue["aseptic"]


def test_a_dry_run_names_each_broken_row_and_publishing_skips_them(centres, course, centre_manager):
    roslin = centres["roslinct"]
    rows = [_row(course.slug, n) for n in range(10)]
    rows[2]["capacity"] = "lots"
    rows[5]["sessions"] = "tomorrow"
    rows[7]["course"] = "no-such-course"
    content = _csv(rows)
    report = publishing.runs_upload(actor=centre_manager, centre=roslin, name="runs.csv", content=content, dry_run=True)
    assert {(e["row"], e["field"]) for e in report.as_json()["errors"]} == {
        (4, "capacity"),
        (7, "sessions"),
        (9, "course"),
    }
    assert not CourseRun.objects.filter(centre=roslin, course=course).exists()
    before = CourseRun.objects.count()
    report = publishing.runs_upload(
        actor=centre_manager, centre=roslin, name="runs.csv", content=content, dry_run=False
    )
    assert report.written == 7
    assert CourseRun.objects.count() == before + 7
    assert all(run.sessions.count() == 1 for run in CourseRun.objects.filter(centre=roslin, course=course))
    assert AuditEntry.objects.filter(action="centres.run.created").count() == 7


def test_a_centre_cannot_run_a_course_that_does_not_list_it(centres, course):
    course.centres.remove(centres["nhc"])
    data, errors = publishing.run_check(_row("aseptic-processing-practical", 1), centre=centres["nhc"])
    assert data is None
    assert [e.field for e in errors] == ["course"]


def test_only_the_centres_staff_publish_its_runs(centres, course, learner):
    data, errors = publishing.run_check(_row(course.slug, 1), centre=centres["roslinct"])
    assert errors == []
    with pytest.raises(PublishingError, match="this centre's staff"):
        publishing.run_create(actor=learner, centre=centres["roslinct"], data=data)


def test_the_pages_publish_one_run_and_check_a_file(client, centres, course, centre_manager, signed_in):
    signed_in(centre_manager)
    url = reverse("centres:manage-run-new", args=["roslinct"])
    assert course.title in client.get(url).content.decode()
    row = _row(course.slug, 3)
    form = {**row, "sessions": row["sessions"], "qualification_valid_months": ""}
    response = client.post(url, form)
    assert response.status_code == 302
    bad = client.post(url, {**form, "booking_closes_at": "2000-01-01T09:00"})
    assert bad.status_code == 400
    assert "must be after booking opens" in bad.content.decode()
    upload = reverse("centres:manage-runs-upload", args=["roslinct"])
    file = SimpleUploadedFile("runs.csv", _csv([_row(course.slug, 4, capacity="0")]), content_type="text/csv")
    checked = client.post(upload, {"file": file, "action": "check"}).content.decode()
    assert "<td>2</td><td>aseptic-processing-practical</td><td>capacity</td>" in checked


@pytest.mark.parametrize("rows", [5, 50])
def test_checking_a_file_reads_its_courses_once_whatever_its_length(
    centres, course, centre_manager, django_assert_max_num_queries, rows
):
    """A dry run of 50 rows costs what a dry run of 5 does: the courses are read once, not per row."""
    content = _csv([_row(course.slug, n) for n in range(rows)])
    with django_assert_max_num_queries(6):
        report = publishing.runs_upload(
            actor=centre_manager, centre=centres["roslinct"], name="runs.csv", content=content, dry_run=True
        )
    assert not report.errors
    assert len(report.rows) == rows
