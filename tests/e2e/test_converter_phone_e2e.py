"""The Career Converter on a phone: no page of the journey is wider than a 320 or 375 px screen.

A journey from a previous job and a pasted CV fills the session once; then every page of it is opened
at each width and its document width compared with the viewport (any sideways scrolling fails), and
checked with axe-core at the narrowest width.
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
                assert_accessible(page)
    assert not problems, "\n".join(problems)
