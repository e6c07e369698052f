"""The centres app's side of `catalogue.places`: the centres a course may name, which centres teach a
course, and the dataset's centres. Handed to `catalogue.places.provide` from `CentresConfig.ready`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from skillsnet.catalogue.dataset import Dataset
from skillsnet.catalogue.load_report import LoadReport
from skillsnet.catalogue.models import Course, CourseSource
from skillsnet.catalogue.places import Places
from skillsnet.catalogue.services import _retire, _sync_links, _upsert
from skillsnet.centres.models import Centre

CentreCourse = Centre.courses.through


def centre_slugs() -> set[str]:
    return set(Centre.objects.values_list("slug", flat=True))


def course_centres_set(course: Course, slugs: Sequence[str]) -> None:
    course.centres.set(Centre.objects.filter(slug__in=slugs))


def dataset_centres_load(dataset: Dataset, course_ids: Mapping[str, int], report: LoadReport) -> None:
    """Upsert the dataset's centres, link them to the dataset's courses, then remove centres it drops."""
    centres = _upsert(
        Centre,
        dataset.centres,
        Centre.objects.all(),
        lambda e, row: {
            "name": e.name,
            "organisation": e.organisation,
            "description": e.description,
            "national_training_centre": e.national_training_centre,
            "example": e.example,
            "address": e.address,
            "region": e.region,
            "latitude": e.latitude,
            "longitude": e.longitude,
            "facilities": list(e.facilities),
            "accessibility": e.accessibility,
            "contact_email": e.contact_email,
            "contact_phone": e.contact_phone,
            "website": e.website,
        },
        report.tally("centres"),
    )
    _sync_links(
        CentreCourse,
        ("centre_id", "course_id"),
        {(centres.ids[centre], course_ids[c.slug]): {} for c in dataset.courses for centre in c.centres},
        CentreCourse.objects.filter(course__source=CourseSource.DATASET),
        report.tally("centre courses"),
    )
    _retire(Centre, centres.leftovers, report.tally("centres"))


PLACES = Places(slugs=centre_slugs, set_for_course=course_centres_set, load=dataset_centres_load)
