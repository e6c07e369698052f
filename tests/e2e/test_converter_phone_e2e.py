"""Every journey on a phone: no page is wider than a 320 or 375 px screen, and axe finds nothing.

The Career Converter: a journey from a previous job and a pasted CV fills the session once; then every page
of it is opened at each width and its document width compared with the viewport (any sideways scrolling
fails), and checked with axe-core (WCAG and best practice) at the narrowest width. The other journeys —
training, centres, booking, account, and every staff dashboard — do the same as each demo persona on what
`make run` loads.
"""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.core.management import call_command

from .conftest import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)

WIDTHS = (320, 375)
CV_TEXT = (
    "Biomedical scientist in an NHS pathology laboratory for five years.\n"
    "I led qPCR testing and trained new staff in aseptic technique.\n"
    "Kept records to good documentation practice in a UKAS-accredited lab.\n"
)
# Everything that sticks out past the right edge, for a useful failure message.
OVERFLOW_JS = """() => {
  const width = document.documentElement.clientWidth;
  const out = [];
  for (const el of document.querySelectorAll('body *')) {
    const box = el.getBoundingClientRect();
    if (box.right > width + 1 && box.width > 0) {
      out.push(`${el.tagName.toLowerCase()}.${el.className && el.className.baseVal === undefined ? el.className : ''} right=${Math.round(box.right)}`);
    }
  }
  return {scroll: document.documentElement.scrollWidth, viewport: width, out: out.slice(0, 8)};
}"""


@pytest.fixture
def dataset():
    from skillsnet.catalogue.snapshot import clear_snapshot_cache

    call_command("load_dataset", stdout=StringIO())
    clear_snapshot_cache()
    yield
    clear_snapshot_cache()


def too_wide(page, width: int) -> str | None:
    found = page.evaluate(OVERFLOW_JS)
    if found["scroll"] <= found["viewport"]:
        return None
    return f"{page.url} is {found['scroll']} px wide at {width} px: {found['out']}"


def journey_urls(page) -> list[str]:
    """Fill the session from a job and a CV, and return the path of every page of the journey."""
    page.goto("/career-converter/from/jobs/")
    page.get_by_label("Search for a job title").press_sequentially("brew house", delay=20)
    page.get_by_role("button", name="Add Brew house operator").click()
    page.goto("/career-converter/from/cv/")
    page.get_by_label("Paste your CV").fill(CV_TEXT)
    page.get_by_role("button", name="Read my CV").click()
    page.wait_for_url(re.compile(r"/career-converter/from/$"))
    page.goto("/career-converter/review/")
    change = page.get_by_role("link", name=re.compile(r"^Change level of ")).first.get_attribute("href")
    page.goto("/career-converter/results/")
    role = page.locator(".match__title a").first.get_attribute("href")
    assert change is not None
    assert role is not None
    return [
        "/career-converter/",
        "/career-converter/from/",
        "/career-converter/from/jobs/",
        "/career-converter/from/skills/",
        "/career-converter/from/cv/",
        "/career-converter/review/",
        change,
        "/career-converter/check/",
        "/career-converter/results/",
        role,
        f"/career-converter/results/print/?role={role.rstrip('/').rsplit('/', 1)[-1]}",
        "/career-converter/start-again/",
        "/training-centres/",
    ]


def test_every_converter_page_fits_a_phone(page, dataset):
    urls = journey_urls(page)
    problems = []
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 740})
        for url in urls:
            page.goto(url)
            if (problem := too_wide(page, width)) is not None:
                problems.append(problem)
            elif width == min(WIDTHS):
                assert_accessible(page, best_practice=True)
    assert not problems, "\n".join(problems)


# ---------------------------------------------------------------- every other journey, every persona

DEMO_PASSWORD = "skillsnet-demo-2026"  # the demo accounts' development password (`skillsnet demo_accounts`)


@pytest.fixture
def demo_world(dataset):
    """What `make run` loads: the dataset, six months of runs, lesson content, the demo accounts and their
    organisations' data (fewer synthetic learners, for time)."""
    from skillsnet.catalogue.snapshot import clear_snapshot_cache

    for command, *args in (
        ("demo_schedule",),
        ("seed_learning_content",),
        ("demo_accounts", "--quiet"),
        ("demo_insights", "--learners", "12"),
    ):
        call_command(command, *args, stdout=StringIO())
    clear_snapshot_cache()


def sign_in_as(page, email: str) -> None:
    page.context.clear_cookies()
    page.goto("/account/sign-in/")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/account/$"))


def check_pages(page, urls: list[str]) -> list[str]:
    """Open each page at 320 px (axe with best practice too), then widen to 375 px; return every problem."""
    problems = []
    for url in urls:
        page.set_viewport_size({"width": 320, "height": 740})
        page.goto(url)
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 740})
            if (problem := too_wide(page, width)) is not None:
                problems.append(problem)
        page.set_viewport_size({"width": 320, "height": 740})
        assert_accessible(page, best_practice=True)
    return problems


def first_href(page, url: str, selector: str) -> str:
    page.goto(url)
    href = page.locator(selector).first.get_attribute("href")
    assert href, f"no {selector} on {url}"
    return href


def learner_world() -> dict[str, object]:
    """The demo learner's own things: an online course under way, a booking, a saved assessment, a credential."""
    from django.db.models import Count
    from django.utils import timezone

    from skillsnet.accounts.models import User
    from skillsnet.catalogue.models import Course
    from skillsnet.centres import selectors as centre_selectors
    from skillsnet.centres import services as centre_services
    from skillsnet.converter import services as converter_services
    from skillsnet.learning import services as learning_services
    from skillsnet.learning.models import Enrolment, Lesson

    learner = User.objects.get(email="learner@example.com")
    online = (
        Course.objects.annotate(needs=Count("prerequisites"))
        .filter(mode="online", needs=0, modules__status="published")
        .order_by("slug")
        .first()
    )
    learning_services.enrolment_create(learner=learner, course=online)
    lesson = Lesson.objects.filter(module__course=online, status="published").order_by("module__position", "position")[
        0
    ]
    open_rows = [r for r in centre_selectors.upcoming_runs() if r.is_open and r.seats_left > 1]
    bookable = open_rows[0].run
    # Every on-site course asks for another first: the learner has done those for the run they book.
    done = list(bookable.course.prerequisites.all())
    for course in done:
        Enrolment.objects.create(learner=learner, course=course, completed_at=timezone.now())
    gated = next(r.run for r in open_rows if set(r.run.course.prerequisites.all()) - set(done))
    booking = centre_services.booking_create(run=bookable, learner=learner)
    saved = converter_services.assessment_save(
        owner=learner, name="From brewing", inputs={"occupations": ["brew-house-operator"]}
    )
    credential = learning_services.credential_issue(
        learner=learner, achievement_name=online.title, description="Completed online.", skills=[]
    )
    return {
        "course": online.slug,
        "lesson": lesson.pk,
        "booked_run": bookable.pk,
        "gated_run": gated.pk,
        "booking": booking.pk,
        "saved": saved.pk,
        "credential": credential.pk,
    }


def test_every_page_of_every_journey_fits_a_phone_and_passes_axe(page, demo_world):
    """Training, centres, booking, account and every staff dashboard, as each demo persona."""
    from skillsnet.centres.models import Booking
    from skillsnet.industry.models import Vacancy

    mine = learner_world()
    problems = check_pages(
        page,
        [
            "/",
            "/accessibility/",
            "/privacy/",
            "/roles/",
            "/roles/vaccine-bioprocess-technician/",
            "/skills/aseptic-technique/",
            "/training/",
            "/training/?q=cleanroom",
            f"/training/courses/{mine['course']}/",
            "/training-centres/",
            "/centres/",
            "/centres/example-centre-scotland/",
            f"/training-centres/runs/{mine['gated_run']}/",
            "/vacancies/",
            f"/vacancies/{Vacancy.objects.order_by('pk').first().pk}/",
            "/account/sign-in/",
            "/account/register/",
            "/account/register/check-your-email/",
            "/account/password-reset/",
            "/account/password-reset/sent/",
            f"/credentials/{mine['credential']}/verify",
        ],
    )

    sign_in_as(page, "learner@example.com")
    problems += check_pages(
        page,
        [
            "/account/",
            "/account/activity/",
            "/account/privacy/",
            "/account/privacy/delete/",
            "/account/discoverable/",
            "/account/contact-requests/",
            "/training/dashboard/",
            "/training/plan/",
            f"/training/courses/{mine['course']}/",
            f"/training/courses/{mine['course']}/lessons/{mine['lesson']}/",
            f"/training/courses/{mine['course']}/feedback/",
            f"/training-centres/runs/{mine['gated_run']}/",  # the missing-prerequisite warning
            f"/training-centres/runs/{mine['booked_run']}/",
            "/bookings/",
            f"/bookings/{mine['booking']}/cancel/",
            "/career-converter/saved/",
            f"/career-converter/saved/{mine['saved']}/rename/",
            f"/career-converter/saved/{mine['saved']}/delete/",
        ],
    )

    sign_in_as(page, "centre@example.com")
    centre = "/centres/example-centre-scotland/manage/"
    held = Booking.objects.filter(run__centre__slug="example-centre-scotland").order_by("pk").first()
    problems += check_pages(
        page,
        [
            "/account/dashboards/",
            centre,
            f"{centre}runs/{held.run_id}/",
            f"{centre}runs/new/",
            f"{centre}runs/upload/",
            "/api-keys/",
            "/api-keys/webhooks/",
        ],
    )

    sign_in_as(page, "provider@example.com")
    provider = "example-advanced-therapies-institute"
    authoring = first_href(page, "/training/provider/", "table a[href^='/training/provider/courses/']")
    editing = first_href(page, f"/publish/{provider}/", f"table a[href^='/publish/{provider}/courses/']")
    problems += check_pages(
        page,
        [
            "/account/dashboards/",
            "/training/provider/",
            authoring,
            first_href(page, authoring, "a[href*='/modules/']"),
            first_href(page, authoring, "a[href*='/lessons/']"),
            f"/publish/{provider}/",
            f"/publish/{provider}/new/",
            editing,
            f"/publish/{provider}/upload/",
            f"/providers/{provider}/statistics/",
        ],
    )

    sign_in_as(page, "employer@example.com")
    vacancy = f"/employers/demo-biotech/vacancies/{Vacancy.objects.order_by('pk').first().pk}/"
    problems += check_pages(
        page,
        [
            "/account/dashboards/",
            "/employers/demo-biotech/",
            "/employers/demo-biotech/vacancies/new/",
            vacancy,
            f"{vacancy}edit/",
            f"{vacancy}skills/",
            f"{vacancy}candidates/",
            first_href(page, f"{vacancy}candidates/", "table a[href*='/candidates/']"),
            "/bookings/approvals/",
        ],
    )

    sign_in_as(page, "admin@example.com")
    problems += check_pages(page, ["/account/dashboards/", "/insights/", "/account/audit/", "/publish/review/"])
    assert not problems, "\n".join(problems)


def test_the_programme_heatmap_does_not_scroll_sideways_on_a_laptop(page, demo_world):
    sign_in_as(page, "admin@example.com")
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto("/insights/")
    scrolling = page.evaluate(
        """() => [...document.querySelectorAll('.table-scroll')]
            .filter(e => e.scrollWidth > e.clientWidth)
            .map(e => `${e.getAttribute('aria-label')}: ${e.scrollWidth} px in ${e.clientWidth}`)"""
    )
    assert not scrolling, scrolling
    assert page.locator(".table-scroll").count() >= 8
