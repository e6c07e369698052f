"""The Career Converter in a real browser, on the real dataset: three starts, the plan, print and save.

Every page of the journey is checked with axe-core (WCAG 2.2 AA); the `page` fixture also fails on any
console error (a CSP violation from htmx, say) and on any HTTP error response.
"""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.core.management import call_command

from ..catalogues import esco_job
from .conftest import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "brew-house-to-cleanroom"
CV_TEXT = (
    "Biomedical scientist in an NHS pathology laboratory for five years.\n"
    "I led qPCR testing and trained new staff in aseptic technique.\n"
    "Kept records to good documentation practice in a UKAS-accredited lab.\n"
)


@pytest.fixture
def dataset():
    from skillsnet.catalogue.snapshot import clear_snapshot_cache

    call_command("load_dataset", stdout=StringIO())
    clear_snapshot_cache()
    yield
    clear_snapshot_cache()


def continue_to_results(page):
    """From the sources page: review (checked), check answers (checked), results (checked)."""
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(re.compile(r"/career-converter/review/$"))
    assert_accessible(page)
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(re.compile(r"/career-converter/check/$"))
    assert page.get_by_role("heading", level=1).inner_text() == "Check your answers"
    assert_accessible(page)
    page.get_by_role("button", name="See roles that fit").click()
    page.wait_for_url(re.compile(r"/career-converter/results/$"))
    assert page.get_by_role("heading", level=1).inner_text() == "Roles that fit your skills"
    assert_accessible(page)


def open_top_role_and_plan(page):
    first = page.locator(".match").first
    first.locator("summary").click()  # "Why ... fits" opens without any script of ours
    assert first.locator(".details__text").is_visible()
    title = first.locator(".match__title a").inner_text()
    first.locator(".match__title a").click()
    page.wait_for_url(re.compile(r"/career-converter/results/[a-z0-9-]+/$"))
    assert page.get_by_role("heading", level=1).inner_text() == title
    assert page.locator("svg[role=img] title").count() == 1
    assert_accessible(page)
    page.get_by_label("Hours of study a week").fill("6")
    page.get_by_role("button", name="Update plan").click()
    page.wait_for_url(re.compile(r"hours_per_week=6"))
    assert "at 6 hours a week" in page.locator("main").inner_text()
    assert_accessible(page)
    page.get_by_role("link", name="Print or save as PDF").click()
    page.wait_for_url(re.compile(r"/career-converter/results/print/"))
    assert f"Training plan for {title}" in page.locator("main").inner_text()
    assert_accessible(page)
    return title


def test_from_a_previous_job_to_a_plan_then_saved_after_signing_in(page, dataset, live_server):
    from skillsnet.accounts.models import User
    from skillsnet.converter.models import Assessment

    User.objects.create_user(email="sam.changer@example.com", password=PASSWORD)
    page.goto("/career-converter/")
    assert_accessible(page)
    page.get_by_role("button", name="Start now").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Where are you coming from?"
    assert_accessible(page)
    page.get_by_role("link", name="Your previous or current jobs").click()
    assert_accessible(page)

    # htmx suggests jobs as the person types (the same list a plain search submits).
    page.get_by_label("Search for a job title").press_sequentially("brew house", delay=20)
    page.get_by_role("button", name="Add Brew house operator").wait_for()
    assert_accessible(page)
    page.get_by_role("button", name="Add Brew house operator").click()
    assert page.locator(".choice-list").first.inner_text().startswith("Brew house operator")
    assert_accessible(page)
    page.get_by_role("button", name="Continue").click()
    assert "Brew house operator" in page.locator("#sources").inner_text()

    # Review: lower one level, checked on its own page.
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(re.compile(r"/review/$"))
    page.get_by_role("link", name="Change level of Fermentation").click()
    assert_accessible(page)
    page.get_by_label("2 – I can do it with some guidance").check()
    page.get_by_role("button", name="Save level").click()
    assert "level set by you" in page.locator("#skill-fermentation").inner_text()
    page.goto("/career-converter/from/")
    continue_to_results(page)
    open_top_role_and_plan(page)

    # Saving needs an account: sign in, come back to the save page with the answers intact.
    page.goto("/career-converter/results/")
    page.get_by_role("link", name="Sign in to save this assessment").click()
    assert_accessible(page)
    page.get_by_label("Email address").fill("sam.changer@example.com")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/career-converter/save/$"))
    assert_accessible(page)
    page.get_by_label("Name this assessment").fill("From brewing")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(re.compile(r"/career-converter/saved/$"))
    assert_accessible(page)
    assert Assessment.objects.get().inputs["occupations"] == ["brew-house-operator"]

    page.get_by_role("link", name="Rename From brewing").click()
    assert_accessible(page)
    page.get_by_label("Name this assessment").fill("Brewing to cleanrooms")
    page.get_by_role("button", name="Rename").click()
    page.get_by_role("button", name="Open Brewing to cleanrooms").click()
    page.wait_for_url(re.compile(r"/career-converter/results/$"))
    assert "Brewing to cleanrooms" in page.locator("main").inner_text()
    page.goto("/career-converter/saved/")
    page.get_by_role("link", name="Delete Brewing to cleanrooms").click()
    assert_accessible(page)
    page.get_by_role("button", name="Delete assessment").click()
    assert "You have not saved an assessment yet" in page.locator("main").inner_text()
    assert not Assessment.objects.exists()


def test_creating_an_account_from_the_results_comes_back_to_them_with_a_prompt_to_save(page, dataset):
    from skillsnet.converter.models import Assessment

    page.goto("/career-converter/from/jobs/?q=brew+house")
    page.get_by_role("button", name="Add Brew house operator").click()
    page.goto("/career-converter/results/")
    page.get_by_role("main").get_by_role("link", name="create an account").click()
    page.get_by_label("Email address").fill("new.changer@example.com")
    page.get_by_label("Create a password").fill(PASSWORD)
    page.get_by_label("Confirm password").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    page.wait_for_url(re.compile(r"/account/register/check-your-email/"))
    page.get_by_role("main").get_by_role("link", name="sign in").click()
    page.get_by_label("Email address").fill("new.changer@example.com")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    # Back on the results, not the account page, with the answers still there and a prompt to save them.
    page.wait_for_url(re.compile(r"/career-converter/results/$"))
    prompt = page.get_by_role("region", name="Important")
    assert "Your results are not saved yet" in prompt.inner_text()
    assert_accessible(page, best_practice=True)
    prompt.get_by_role("button", name="Save your results").click()
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(re.compile(r"/career-converter/saved/$"))
    assert Assessment.objects.get().inputs["occupations"] == ["brew-house-operator"]
    page.goto("/career-converter/results/")
    assert page.get_by_role("region", name="Important").count() == 0


def test_from_self_rated_skills(page, dataset):
    page.goto("/career-converter/from/skills/")
    assert_accessible(page)
    group = page.get_by_role("group", name="Attention to detail")
    group.get_by_label("3 – I do it independently and reliably").check()
    page.get_by_role("group", name="Teamwork").get_by_label("4 – I could teach or lead it").check()
    page.get_by_role("button", name="Save ratings and continue").click()
    page.wait_for_url(re.compile(r"/career-converter/from/$"))
    assert "2 skills rated" in page.locator("#sources").inner_text()

    page.get_by_role("link", name="Skills you rate yourself").click()
    page.get_by_label("Search for a skill").press_sequentially("aseptic", delay=20)
    page.get_by_role("button", name="Add Aseptic technique", exact=True).wait_for()
    assert_accessible(page)
    # A level ticked but not yet saved survives adding another skill.
    page.get_by_role("group", name="Teamwork").get_by_label("2 – I can do it with some guidance").check()
    page.get_by_label("Your level in Aseptic technique", exact=True).select_option("3")
    page.get_by_role("button", name="Add Aseptic technique", exact=True).click()
    assert "Aseptic technique" in page.get_by_role("table").inner_text()
    assert page.get_by_role("group", name="Teamwork").get_by_label("2 – I can do it with some guidance").is_checked()
    assert_accessible(page)
    page.goto("/career-converter/from/")
    continue_to_results(page)
    open_top_role_and_plan(page)


def test_from_an_uploaded_cv(page, dataset, tmp_path):
    cv = tmp_path / "cv.txt"
    cv.write_text(CV_TEXT, encoding="utf-8")
    page.goto("/career-converter/from/cv/")
    assert_accessible(page)
    page.get_by_label("Or upload it").set_input_files(str(cv))
    page.get_by_role("button", name="Read my CV").click()
    page.wait_for_url(re.compile(r"/career-converter/from/$"))
    banner = page.get_by_role("status").inner_text()
    assert re.search(r"We found \d+ skills in your CV", banner), banner
    assert_accessible(page)
    # The job the CV names is offered as a previous job: one click adds it, and the page stays.
    offer = page.locator("#cv-jobs")
    assert "your CV says “Biomedical scientist”" in offer.inner_text()
    offer.get_by_role("button", name=re.compile(r"^Add ")).click()
    page.wait_for_url(re.compile(r"/career-converter/from/$"))
    assert page.locator("#cv-jobs").count() == 0
    assert "Biomedical scientist" in page.locator("#sources").inner_text()
    assert_accessible(page)
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(re.compile(r"/review/$"))
    table = page.get_by_role("table").inner_text()
    assert "From your CV" in table
    assert "Why this level: level " in table
    assert_accessible(page)
    # One button confirms every level read from the CV.
    page.get_by_role("button", name="These levels look right").click()
    page.wait_for_url(re.compile(r"/review/$"))
    assert "read from your CV" in page.get_by_role("status").inner_text()
    assert "Confirmed" in page.get_by_role("table").inner_text()
    assert page.get_by_role("button", name="These levels look right").count() == 0
    assert_accessible(page)
    page.goto("/career-converter/from/")
    continue_to_results(page)
    open_top_role_and_plan(page)


def test_thin_evidence_is_said_plainly_and_a_degree_changes_what_is_within_reach(page, dataset):
    # One rated skill: the results page says it cannot assess, and ranks nothing.
    page.goto("/career-converter/from/skills/")
    page.get_by_role("group", name="Teamwork").get_by_label("3 – I do it independently and reliably").check()
    page.get_by_role("button", name="Save ratings and continue").click()
    page.wait_for_url(re.compile(r"/career-converter/from/$"))
    page.goto("/career-converter/results/")
    assert page.get_by_role("heading", name="We could not assess this yet").is_visible()
    assert page.locator(".match").count() == 0
    assert_accessible(page)

    # A chemistry CV: ranked, and the qualification it states is shown on the review page.
    page.goto("/career-converter/from/cv/")
    page.get_by_label("Paste your CV").fill(
        "BSc Chemistry, University of Leeds, 2015.\n"
        "Five years as a QC chemist running HPLC release testing under GMP, writing deviations and CAPAs.\n"
        "Trained new analysts in good documentation practice and data integrity.\n"
    )
    page.get_by_role("button", name="Read my CV").click()
    page.wait_for_url(re.compile(r"/career-converter/from/$"))
    page.goto("/career-converter/review/")
    qualifications = page.locator("#qualifications + ul").inner_text()
    assert "bachelor's degree" in qualifications
    assert "from your CV" in qualifications
    assert_accessible(page)
    page.get_by_label("Registration as a nurse with the Nursing and Midwifery Council (NMC).").check()
    page.get_by_role("button", name="Save qualifications").click()
    page.wait_for_url(re.compile(r"/career-converter/review/"))
    assert "Saved your qualifications" in page.get_by_role("status").inner_text()
    assert "stated by you" in page.locator("#qualifications + ul").inner_text()
    assert_accessible(page)
    page.goto("/career-converter/results/")
    assert page.locator(".match").count() > 0
    assert_accessible(page)


def test_a_job_from_esco_ranks_its_career_route_first_and_says_why(page, dataset):
    # An ESCO job as the import writes one: an ISCO-08 code, and its ESCO skills (here, curated ones).
    skills = ("haccp", "sop-adherence", "shift-working", "teamwork", "production-line-operation")
    esco_job("esco-bottling-line-operator", "bottling line operator", "8160", skills)
    page.goto("/career-converter/from/jobs/")
    page.get_by_label("Search for a job title").press_sequentially("bottling line", delay=20)
    page.get_by_role("button", name="Add bottling line operator").click()
    page.get_by_role("button", name="Continue").click()
    continue_to_results(page)
    first = page.locator(".match").first
    route = "A usual first role for food and related products machine operators:"
    assert route in first.inner_text()
    first.locator(".match__title a").click()
    page.wait_for_url(re.compile(r"/career-converter/results/[a-z0-9-]+/$"))
    assert route in page.locator("main").inner_text()
    assert_accessible(page)
