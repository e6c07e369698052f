"""The converter journey through the Django test client: each step, its errors and the session state."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from skillsnet.accounts.models import AuditEntry
from skillsnet.converter import planning, services
from skillsnet.converter.models import Assessment

from . import files

pytestmark = pytest.mark.django_db
BASE = "/career-converter"


def state(client):
    return client.session.get("converter", {})


def one_h1(response):
    html = response.content.decode()
    assert len(re.findall(r"<h1[ >]", html)) == 1, html
    return html


def add_job(client, key="brew-house-operator"):
    return client.post(f"{BASE}/from/jobs/", {"action": "add", "key": key})


def test_the_start_page_explains_time_and_data(client):
    html = one_h1(client.get(f"{BASE}/"))
    assert "5 to 10 minutes" in html
    assert "not store the text unless you save" in html
    assert 'href="/career-converter/from/"' in html


def test_the_sources_page_refuses_to_continue_with_nothing(client, catalogue):
    response = client.post(f"{BASE}/from/")
    assert response.status_code == 422
    html = one_h1(response)
    assert "error-summary" in html
    assert "Give at least one previous job" in html


def test_searching_jobs_without_javascript_lists_roles_and_occupations(client, catalogue):
    html = one_h1(client.get(f"{BASE}/from/jobs/", {"q": "analyst"}))
    assert "Quality control analyst" in html
    assert "A role in the industry" in html
    html = client.get(f"{BASE}/from/jobs/", {"q": "brewer"}).content.decode()
    assert "Brew house operator" in html
    assert 'value="brew-house-operator"' in html
    assert "Bakery worker" in client.get(f"{BASE}/from/jobs/", {"q": "bakery"}).content.decode()


def test_the_suggestion_partial_is_only_the_results(client, catalogue):
    response = client.get(f"{BASE}/from/jobs/suggest/", {"q": "brew"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert "Brew house operator" in html
    assert "No jobs match" in client.get(f"{BASE}/from/jobs/suggest/", {"q": "zzzz"}).content.decode()


def test_adding_and_removing_jobs_keeps_them_in_the_session(client, catalogue):
    assert add_job(client).status_code == 302
    add_job(client)  # twice is once
    add_job(client, "qc-analyst")
    assert state(client)["occupations"] == ["brew-house-operator", "qc-analyst"]
    client.post(f"{BASE}/from/jobs/", {"action": "remove", "key": "qc-analyst"})
    assert state(client)["occupations"] == ["brew-house-operator"]


def test_a_fourth_job_and_an_unknown_job_are_refused(client, catalogue):
    response = add_job(client, "nonsense")
    assert response.status_code == 422
    assert "Choose a job from the search results" in response.content.decode()
    for key in ("brew-house-operator", "biomedical-scientist", "qc-analyst"):
        add_job(client, key)
    response = add_job(client, "qa-officer")
    assert response.status_code == 422
    assert "up to 3 jobs" in response.content.decode()
    assert len(state(client)["occupations"]) == 3


def test_rating_common_skills(client, catalogue):
    html = one_h1(client.get(f"{BASE}/from/skills/"))
    assert "I could teach or lead it" in html
    assert "Attention to detail" in html
    response = client.post(
        f"{BASE}/from/skills/", {"action": "rate", "level-attention-to-detail": "3", "level-teamwork": "0"}
    )
    assert response.status_code == 302
    assert state(client)["skills"] == {"attention-to-detail": 3}
    response = client.post(f"{BASE}/from/skills/", {"action": "rate", "level-teamwork": "9"})
    assert response.status_code == 422
    assert "Choose a level from 0 to 4 for Teamwork" in response.content.decode()


def test_searching_and_adding_a_skill(client, catalogue):
    html = client.get(f"{BASE}/from/skills/", {"q": "pcr"}).content.decode()
    assert 'value="pcr"' in html
    # ESCO-only skills cannot count towards a role, so they are not offered.
    assert "Brew beer" not in client.get(f"{BASE}/from/skills/", {"q": "brew"}).content.decode()
    assert client.post(f"{BASE}/from/skills/", {"action": "add", "skill": "pcr", "level": "2"}).status_code == 302
    assert state(client)["skills"] == {"pcr": 2}
    partial = client.get(f"{BASE}/from/skills/suggest/", {"q": "pcr"}).content.decode()
    assert "<html" not in partial
    assert 'value="pcr"' in partial
    client.post(f"{BASE}/from/skills/", {"action": "remove", "skill": "pcr"})
    assert state(client)["skills"] == {}


def test_adding_another_skill_keeps_the_levels_ticked_above(client, catalogue):
    html = client.get(f"{BASE}/from/skills/", {"q": "pcr"}).content.decode()
    assert 'name="add" value="pcr" form="ratings-form"' in html
    ticked = {"action": "rate", "level-teamwork": "3", "add": "pcr", "add-level-pcr": "4"}
    response = client.post(f"{BASE}/from/skills/", ticked)
    assert response.status_code == 302
    assert state(client)["skills"] == {"teamwork": 3, "pcr": 4}
    # An unknown skill is refused, but the ticks made so far are still kept.
    client.post(f"{BASE}/from/skills/", {"level-attention-to-detail": "2", "add": "nope", "add-level-nope": "2"})
    assert state(client)["skills"]["attention-to-detail"] == 2


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"skill": "esco-brewing-beer", "level": "2"}, "Choose a skill from the search results"),
        ({"skill": "pcr", "level": "7"}, "Choose a level from 1 to 4"),
    ],
)
def test_adding_a_bad_skill_is_refused(client, catalogue, data, message):
    response = client.post(f"{BASE}/from/skills/", {"action": "add", **data})
    assert response.status_code == 422
    assert message in response.content.decode()
    assert state(client).get("skills", {}) == {}


def test_pasting_a_cv_keeps_skills_but_not_the_text(client, catalogue):
    response = client.post(f"{BASE}/from/cv/", {"text": "I led the HACCP team and ran fermenters."})
    assert response.status_code == 302
    saved = state(client)
    assert {s[0] for s in saved["cv_skills"]} == {"haccp", "fermentation"}
    assert "cv_text" not in saved
    assert "I led the HACCP team" in saved["cv_skills"][0][2]


def test_jobs_a_cv_names_are_offered_as_previous_jobs_and_added_in_one_click(client, catalogue):
    text = "Senior Biomedical Scientist, Hollinsford General, 2017-present\nRan PCR daily.\nBrewer, 2010-2016\n"
    client.post(f"{BASE}/from/cv/", {"text": text})
    assert [item[0] for item in state(client)["cv_jobs"]] == ["biomedical-scientist", "brew-house-operator"]
    html = one_h1(client.get(f"{BASE}/from/"))
    assert "Your CV names these jobs" in html
    assert "Add Biomedical scientist" in html
    assert "your CV says “Senior Biomedical Scientist”" in html

    response = client.post(f"{BASE}/from/jobs/", {"key": "biomedical-scientist", "next": "sources"})
    assert response.status_code == 302
    assert response["Location"] == f"{BASE}/from/"
    assert state(client)["occupations"] == ["biomedical-scientist"]
    html = client.get(f"{BASE}/from/").content.decode()
    assert "Add Biomedical scientist" not in html
    assert "Your CV names this job" in html  # the brewer is left
    # Removing the CV removes what it offered.
    client.post(f"{BASE}/from/cv/", {"action": "remove"})
    assert state(client)["cv_jobs"] == []
    assert 'id="cv-jobs"' not in client.get(f"{BASE}/from/").content.decode()


def test_a_tampered_cv_job_list_in_the_session_is_dropped(client, catalogue):
    client.post(f"{BASE}/from/cv/", {"text": "Brewer, 2010-2016"})
    session = client.session
    session["converter"]["cv_jobs"] = [["brew-house-operator", "Brew house operator"], "junk", None]
    session.save()
    html = client.get(f"{BASE}/from/").content.decode()
    assert 'id="cv-jobs"' not in html


def test_keeping_the_cv_text_is_opt_in(client, catalogue):
    client.post(f"{BASE}/from/cv/", {"text": "Ran PCR daily.", "keep_text": "on"})
    assert state(client)["cv_text"] == "Ran PCR daily."
    client.post(f"{BASE}/from/cv/", {"action": "remove"})
    assert "cv_text" not in state(client)
    assert state(client)["cv_skills"] == []


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("cv.pdf", files.text_pdf(["Five years of qPCR and HACCP"])),
        ("cv.docx", files.docx(["Five years of qPCR and HACCP"])),
        ("cv.txt", b"Five years of qPCR and HACCP"),
    ],
)
def test_uploading_a_cv(client, catalogue, name, data):
    response = client.post(f"{BASE}/from/cv/", {"file": SimpleUploadedFile(name, data)})
    assert response.status_code == 302
    assert {s[0] for s in state(client)["cv_skills"]} == {"pcr", "haccp"}
    assert state(client)["cv_name"] == name
    assert "We found 2 skills" in client.get(f"{BASE}/from/").content.decode()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Paste the text of your CV or choose a file"),
        ({"text": "PCR", "file": SimpleUploadedFile("cv.txt", b"PCR")}, "not both"),
        ({"file": SimpleUploadedFile("cv.pdf", b"not a pdf")}, "is not a PDF"),
        ({"file": SimpleUploadedFile("scan.pdf", files.blank_pdf())}, "scan or a picture"),
        ({"file": SimpleUploadedFile("cv.pdf", files.encrypted_pdf("PCR"))}, "protected with a password"),
        ({"file": SimpleUploadedFile("cv.png", b"\x89PNG")}, "must be a PDF"),
    ],
)
def test_bad_cvs_get_an_error_summary_not_a_500(client, catalogue, data, message):
    response = client.post(f"{BASE}/from/cv/", data)
    assert response.status_code == 422
    html = one_h1(response)
    assert "error-summary" in html
    assert message in html
    assert not state(client).get("cv_skills")


def test_an_oversized_upload_is_refused(client, catalogue, monkeypatch):
    from skillsnet.converter import forms

    monkeypatch.setattr(forms, "MAX_BYTES", 10)
    response = client.post(f"{BASE}/from/cv/", {"file": SimpleUploadedFile("cv.txt", b"x" * 11)})
    assert response.status_code == 422
    assert "must be smaller than" in response.content.decode()


def test_pages_after_the_sources_send_people_back_when_there_are_no_answers(client, catalogue):
    for path in ("review/", "check/", "results/", "results/print/", "results/qc-analyst/", "save/"):
        response = client.get(f"{BASE}/{path}")
        assert response.status_code == 302, path


def test_review_shows_each_skill_with_where_it_came_from(client, catalogue):
    add_job(client)
    client.post(f"{BASE}/from/cv/", {"text": "I led the HACCP team."})
    html = one_h1(client.get(f"{BASE}/review/"))
    assert "From your job as Brew house operator" in html
    assert "From your CV: <q>I led the HACCP team" in html
    assert "3 – I do it independently and reliably" in html


def test_review_says_how_often_the_cv_reader_errs_only_when_skills_were_read_from_a_cv(client, catalogue):
    add_job(client)
    html = one_h1(client.get(f"{BASE}/review/"))
    assert 'id="cv-reader-caveat"' not in html
    client.post(f"{BASE}/from/cv/", {"text": "I led the HACCP team."})
    html = one_h1(client.get(f"{BASE}/review/"))
    assert 'id="cv-reader-caveat"' in html
    record = services.CV_READER_RECORD
    assert f"{record.wrong_in_words} of the skills we suggested" in html
    assert f"we missed {record.missed_in_words}" in html
    # still said once the person has confirmed the levels: the skills themselves may be wrong
    client.post(f"{BASE}/review/confirm-levels/")
    assert 'id="cv-reader-caveat"' in client.get(f"{BASE}/review/").content.decode()


def test_review_shows_why_each_cv_level_and_confirms_them_all_at_once(client, catalogue):
    add_job(client)
    client.post(f"{BASE}/from/cv/", {"text": "Senior brewer, 2012–2020. I ran fermenters. Familiar with HACCP."})
    html = one_h1(client.get(f"{BASE}/review/"))
    assert "Why this level: level 3: 8 years (2012–2020), as “Senior brewer”" in html
    assert "Why this level: level 1: “Familiar with”" in html
    assert "These levels look right" in html
    response = client.post(f"{BASE}/review/confirm-levels/")
    assert response.status_code == 302
    assert "haccp" in state(client)["confirmed"]
    html = client.get(f"{BASE}/review/").content.decode()
    assert "Confirmed" in html
    assert "read from your CV" in html
    assert "These levels look right" not in html
    # a level changed by the person is theirs, not a CV level to confirm
    client.post(f"{BASE}/review/haccp/", {"level": "2"})
    html = client.get(f"{BASE}/review/").content.decode()
    assert "Why this level: level 1" not in html
    assert client.get(f"{BASE}/review/confirm-levels/").status_code == 405


def test_review_says_which_words_suggested_a_skill_no_phrase_named(client, catalogue):
    add_job(client)
    text = "Kept every record to GDocP: entries signed, dated and corrected with a single line."
    client.post(f"{BASE}/from/cv/", {"text": text})
    html = one_h1(client.get(f"{BASE}/review/"))
    assert "Good documentation practice" in html
    assert "suggested from the wording “GDocP”" in html
    assert "not from a phrase naming the skill: check it" in html


def test_confirming_levels_without_answers_goes_back_to_the_sources(client, catalogue):
    assert client.post(f"{BASE}/review/confirm-levels/").status_code == 302
    assert "confirmed" not in state(client) or state(client)["confirmed"] == []


def test_changing_and_removing_skills_on_review(client, catalogue):
    add_job(client)
    response = client.get(f"{BASE}/review/fermentation/")
    assert "What is your level in Fermentation?" in one_h1(response)
    assert client.post(f"{BASE}/review/fermentation/", {"level": "1"}).status_code == 302
    assert state(client)["adjusted"] == {"fermentation": 1}
    assert client.post(f"{BASE}/review/fermentation/", {}).status_code == 422
    client.post(f"{BASE}/review/cip-sip/remove/")
    assert state(client)["removed"] == ["cip-sip"]
    html = client.get(f"{BASE}/review/").content.decode()
    assert "Removed Cleaning and sterilising in place (CIP/SIP)." in html
    assert 'id="skill-cip-sip"' not in html
    assert "level set by you" in html
    assert client.get(f"{BASE}/review/no-such-skill/").status_code == 404


def test_check_answers_summarises_with_change_links(client, catalogue):
    add_job(client)
    client.post(f"{BASE}/from/skills/", {"action": "add", "skill": "pcr", "level": "2"})
    html = one_h1(client.get(f"{BASE}/check/"))
    assert "Brew house operator" in html
    assert "PCR: level 2" in html
    for target in ("from/jobs/", "from/skills/", "from/cv/", "review/"):
        assert f'href="/career-converter/{target}"' in html


def test_results_explain_each_role_and_chart_the_top_one(client, catalogue):
    add_job(client)
    html = one_h1(client.get(f"{BASE}/results/"))
    assert html.index("ATMP manufacturing technician") < html.index("Quality control analyst")
    assert "Cell culture from your Fermentation" in html
    assert "living cultures" in html
    assert 'role="img"' in html
    assert '<title id="top-chart-title">' in html
    assert "style=" not in html
    assert "<caption>Your skills against ATMP manufacturing technician" in html


def test_results_give_one_figure_per_role_and_levels_in_words(client, catalogue):
    add_job(client)
    html = one_h1(client.get(f"{BASE}/results/"))
    roles = html.count('class="match__fit"')
    assert roles > 1
    assert html.count("% fit</span>") == roles  # one figure per role in the headline
    assert html.count("Counting the essential skills alone") == roles  # the second figure, in the explanation
    assert html.count("Regulated Qualifications Framework (RQF)") == 1  # explained once
    assert "RQF 3" not in html
    assert re.search(r"you have \d \((none|awareness|working|practitioner|expert)\)", html)
    assert not re.search(r"\d\.\d \(", html)  # no fractional levels
    assert "Ready after short training: " in html or "A stretch: " in html or "Ready now: " in html


def test_results_filter_by_family_and_entry_level(client, catalogue):
    add_job(client)
    html = client.get(f"{BASE}/results/", {"family": "quality-assurance"}).content.decode()
    assert "Quality assurance officer" in html
    assert "Quality control analyst" not in html
    html = client.get(f"{BASE}/results/", {"max_entry_level": "3"}).content.decode()
    assert "ATMP manufacturing technician" in html
    assert "Quality assurance officer" not in html
    html = client.get(f"{BASE}/results/", {"max_entry_level": "99"}).content.decode()
    assert "error-message" in html  # a bad filter is said, and all roles still show
    assert "Quality assurance officer" in html


def test_results_show_ten_then_more(client, catalogue, monkeypatch):
    from skillsnet.converter.views import outcomes

    monkeypatch.setattr(outcomes, "RESULTS_SHOWN", 2)
    add_job(client)
    html = client.get(f"{BASE}/results/").content.decode()
    assert html.count('class="match"') == 2
    assert "Show more roles" in html
    html = client.get(f"{BASE}/results/", {"show": "all"}).content.decode()
    assert html.count('class="match"') == 3
    assert "Show more roles" not in html


def test_the_results_page_keeps_to_its_query_budget(client, catalogue, django_assert_max_num_queries):
    add_job(client)
    client.post(f"{BASE}/from/cv/", {"text": "I led the HACCP team."})
    client.get(f"{BASE}/results/")  # warm the snapshot cache, as any running server has
    with django_assert_max_num_queries(8):
        assert client.get(f"{BASE}/results/").status_code == 200


def test_the_results_page_keeps_to_its_budget_for_signed_in_people(
    signed_in, learner, catalogue, django_assert_max_num_queries
):
    client = signed_in(learner)
    add_job(client)
    add_job(client, "biomedical-scientist")
    client.get(f"{BASE}/results/")
    # A few more than anonymous (the user, verified skills, a second job, whether the navigation offers
    # "Dashboards"); never one per role or skill.
    with django_assert_max_num_queries(13):
        assert client.get(f"{BASE}/results/", {"show": "all"}).status_code == 200


def test_the_role_page_plans_with_the_options_given(client, catalogue):
    add_job(client)
    start = timezone.localdate() + timedelta(days=3)
    html = one_h1(
        client.get(
            f"{BASE}/results/atmp-manufacturing-technician/", {"start_date": start.isoformat(), "hours_per_week": "5"}
        )
    )
    assert "GMP essentials" in html
    assert f'datetime="{start.isoformat()}"' in html
    assert "at 5 hours a week" in html
    assert "Why: " in html
    assert 'href="/training/courses/gmp-essentials/">Enrol on GMP essentials</a>' in html
    assert "Gaps this plan cannot close" in html


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"start_date": "2001-01-01"}, "The start date must be today or later"),
        ({"hours_per_week": "0"}, "Hours a week must be at least 1"),
        ({"deadline": "not a date"}, "Enter the deadline as a real date"),
        ({"deadline_day": "31", "deadline_month": "2", "deadline_year": "2030"}, "Enter the deadline as a real date"),
        ({"start_date_day": "x", "start_date_month": "1", "start_date_year": "2030"}, "Enter the start date as a real"),
        ({"centres": "atlantis"}, "Choose only from the centres listed"),
    ],
)
def test_bad_plan_options_are_form_errors(client, catalogue, params, message):
    add_job(client)
    response = client.get(f"{BASE}/results/qc-analyst/", params)
    assert response.status_code == 422
    html = one_h1(response)
    assert "error-summary" in html
    assert 'tabindex="-1" autofocus' in html  # focus moves to the summary, with no script
    assert "<title>Error: " in html
    assert message in html
    assert "Ensure this value" not in html


def test_the_plan_form_takes_a_date_as_day_month_and_year(client, catalogue):
    add_job(client)
    start = timezone.localdate() + timedelta(days=9)
    params = {
        "start_date_day": str(start.day),
        "start_date_month": str(start.month),
        "start_date_year": str(start.year),
    }
    html = one_h1(client.get(f"{BASE}/results/atmp-manufacturing-technician/", params))
    assert f'datetime="{start.isoformat()}"' in html
    assert f'name="start_date_day" value="{start.day}"' in html
    assert '<label class="label date-input__label" for="id_start_date_1">Month</label>' in html


def test_default_form_errors_are_in_our_words():
    from django import forms

    class Form(forms.Form):
        hours = forms.DecimalField(min_value=0.5)
        count = forms.IntegerField(max_value=3)

    form = Form({"hours": "0.1", "count": "x"})
    assert form.errors == {"hours": ["Enter a number of 0.5 or more"], "count": ["Enter a whole number, like 10"]}

    class Other(forms.Form):
        name = forms.CharField()
        colour = forms.ChoiceField(choices=[("red", "Red")])
        email = forms.EmailField(required=False)
        site = forms.URLField(required=False, assume_scheme="https")

    other = Other({"email": "not-an-address", "site": "not a site"})
    assert other.errors == {
        "name": ["Enter an answer"],
        "colour": ["Choose an option"],
        "email": ["Enter an email address in the correct format, like name@example.com"],
        "site": ["Enter a web address in the correct format, like https://www.example.com"],
    }


def test_an_unknown_role_is_404(client, catalogue):
    add_job(client)
    assert client.get(f"{BASE}/results/astronaut/").status_code == 404


def test_the_print_page_shows_results_and_the_chosen_plan(client, catalogue):
    add_job(client)
    html = one_h1(
        client.get(f"{BASE}/results/print/", {"role": "atmp-manufacturing-technician", "hours_per_week": "4"})
    )
    assert "Training plan for ATMP manufacturing technician" in html
    assert "Quality control analyst" in html
    assert "GMP essentials" in html
    assert "at 4 hours a week" in html


def test_anonymous_people_are_asked_to_sign_in_to_save(client, catalogue):
    add_job(client)
    html = client.get(f"{BASE}/results/").content.decode()
    assert "/account/sign-in/?next=/career-converter/save/" in html
    response = client.get(f"{BASE}/save/")
    assert response.status_code == 302
    assert "/account/sign-in/" in response["Location"]


def test_signing_in_keeps_the_answers_and_saves_them(client, catalogue, learner):
    add_job(client)
    client.post(f"{BASE}/from/cv/", {"text": "Ran PCR daily.", "keep_text": "on"})
    client.post("/account/sign-in/", {"username": learner.email, "password": "correct-horse-battery-staple"})
    assert state(client)["occupations"] == ["brew-house-operator"]
    html = one_h1(client.get(f"{BASE}/save/"))
    assert "Keep my CV text" in html
    response = client.post(f"{BASE}/save/", {"name": "From brewing", "keep_cv_text": "on"})
    assert response.status_code == 302
    assessment = Assessment.objects.get(owner=learner)
    assert assessment.name == "From brewing"
    assert assessment.inputs["occupations"] == ["brew-house-operator"]
    assert assessment.inputs["cv_text"] == "Ran PCR daily."
    assert "matches" not in assessment.inputs
    # Saving again updates the same assessment.
    client.post(f"{BASE}/save/", {"name": "From brewing, again"})
    assessment.refresh_from_db()
    assert Assessment.objects.count() == 1
    assert "cv_text" not in assessment.inputs


def test_after_signing_in_the_results_prompt_to_save_until_saved(client, catalogue, learner):
    add_job(client)
    anonymous = client.get(f"{BASE}/results/").content.decode()
    assert "Your results are not saved yet" not in anonymous
    assert "/account/register/?next=/career-converter/results/" in anonymous
    client.post("/account/sign-in/", {"username": learner.email, "password": "correct-horse-battery-staple"})
    html = client.get(f"{BASE}/results/").content.decode()
    assert 'aria-labelledby="save-prompt-title"' in html
    assert "Your results are not saved yet" in html
    assert f'href="{BASE}/save/" class="button"' in html
    client.post(f"{BASE}/save/", {"name": "From brewing"})
    assert "Your results are not saved yet" not in client.get(f"{BASE}/results/").content.decode()


def test_a_save_needs_a_name(signed_in, learner, catalogue):
    client = signed_in(learner)
    add_job(client)
    response = client.post(f"{BASE}/save/", {"name": ""})
    assert response.status_code == 422
    assert "Enter a name for this assessment" in response.content.decode()


def test_saved_assessments_can_be_listed_opened_renamed_and_deleted(signed_in, learner, catalogue):
    assessment = services.assessment_save(
        owner=learner, name="Lab to QC", inputs={"occupations": ["biomedical-scientist"]}
    )
    client = signed_in(learner)
    html = one_h1(client.get(f"{BASE}/saved/"))
    assert "Lab to QC" in html
    response = client.post(f"{BASE}/saved/{assessment.pk}/open/")
    assert response.status_code == 302
    assert response["Location"].endswith("/results/")
    assert state(client)["occupations"] == ["biomedical-scientist"]
    assert "Lab to QC" in client.get(f"{BASE}/results/").content.decode()
    assert client.post(f"{BASE}/saved/{assessment.pk}/rename/", {"name": ""}).status_code == 422
    assert client.post(f"{BASE}/saved/{assessment.pk}/rename/", {"name": "Lab to QC, v2"}).status_code == 302
    assessment.refresh_from_db()
    assert assessment.name == "Lab to QC, v2"
    assert "cannot undo" in client.get(f"{BASE}/saved/{assessment.pk}/delete/").content.decode()
    assert client.post(f"{BASE}/saved/{assessment.pk}/delete/").status_code == 302
    assert not Assessment.objects.exists()
    assert state(client)["assessment_id"] is None
    codes = set(AuditEntry.objects.filter(action__startswith="converter.").values_list("action", flat=True))
    assert codes == {"converter.assessment.saved", "converter.assessment.renamed", "converter.assessment.deleted"}


def test_other_peoples_assessments_are_404(signed_in, learner, other_learner, catalogue):
    theirs = services.assessment_save(owner=other_learner, name="Private", inputs={"skills": {"gmp": 2}})
    client = signed_in(learner)
    assert "Private" not in client.get(f"{BASE}/saved/").content.decode()
    assert client.post(f"{BASE}/saved/{theirs.pk}/open/").status_code == 404
    assert client.get(f"{BASE}/saved/{theirs.pk}/rename/").status_code == 404
    assert client.post(f"{BASE}/saved/{theirs.pk}/delete/").status_code == 404
    assert Assessment.objects.filter(pk=theirs.pk).exists()


def test_the_saved_list_needs_sign_in(client):
    response = client.get(f"{BASE}/saved/")
    assert response.status_code == 302
    assert "/account/sign-in/" in response["Location"]


def test_a_saved_assessment_is_recomputed_on_the_current_catalogue(signed_in, learner, catalogue):
    from skillsnet.catalogue.models import Role

    assessment = services.assessment_save(owner=learner, name="Mine", inputs={"occupations": ["brew-house-operator"]})
    Role.objects.filter(slug="qa-officer").update(title="Quality assurance specialist")
    from skillsnet.catalogue.versioning import bump_catalogue_version

    bump_catalogue_version()
    client = signed_in(learner)
    client.post(f"{BASE}/saved/{assessment.pk}/open/")
    assert "Quality assurance specialist" in client.get(f"{BASE}/results/").content.decode()


def test_turning_a_plan_into_a_learning_plan(signed_in, learner, catalogue):
    from skillsnet.learning.models import LearningPlan

    client = signed_in(learner)
    add_job(client)
    html = client.get(f"{BASE}/results/atmp-manufacturing-technician/", {"hours_per_week": "6"}).content.decode()
    assert "Make this my learning plan" in html
    response = client.post(f"{BASE}/results/atmp-manufacturing-technician/learning-plan/", {"hours_per_week": "6"})
    assert response.status_code == 302
    assert "hours_per_week=6" in response["Location"]
    plan = LearningPlan.objects.get(learner=learner, is_active=True)
    assert plan.target_role.slug == "atmp-manufacturing-technician"
    assert "gmp-essentials" in set(plan.items.values_list("course__slug", flat=True))


def test_a_learning_error_is_shown_as_a_message_not_a_500(signed_in, learner, catalogue, monkeypatch):
    from skillsnet.learning.services import LearningError

    def refuse(**_):
        raise LearningError("That plan cannot be made.")

    monkeypatch.setattr(planning, "learning_plan_from_steps", refuse)
    client = signed_in(learner)
    add_job(client)
    response = client.post(f"{BASE}/results/qc-analyst/learning-plan/", follow=True)
    assert response.status_code == 200
    assert "That plan cannot be made." in response.content.decode()


def test_verified_skills_show_as_verified_for_signed_in_people(signed_in, learner, catalogue):
    from skillsnet.catalogue.models import Skill
    from skillsnet.learning.models import EvidenceSource, SkillEvidence

    SkillEvidence.objects.create(
        learner=learner,
        skill=Skill.objects.get(slug="gmp"),
        level=3,
        source=EvidenceSource.COURSE_COMPLETION,
        source_ref="1",
        detail="Completed GMP essentials",
    )
    client = signed_in(learner)
    add_job(client)
    html = client.get(f"{BASE}/review/").content.decode()
    assert "Verified (Completed GMP essentials)" in html
    assert 'tag tag--green">Verified' in html


def test_start_again_asks_first_then_clears_the_session(client, catalogue):
    add_job(client)
    html = one_h1(client.get(f"{BASE}/start-again/"))
    assert "Start again?" in html
    assert "converter" in client.session  # asking changes nothing
    client.post(f"{BASE}/start-again/")
    assert "converter" not in client.session


def test_results_and_role_pages_name_the_career_route(client, routed_job):
    add_job(client, routed_job)
    route = "A usual first role for medical and pharmaceutical technicians:"
    html = one_h1(client.get(f"{BASE}/results/"))
    assert html.count(route) == 1  # the QA officer only
    assert "They already test samples under an accredited quality system." in html
    assert route in one_h1(client.get(f"{BASE}/results/qa-officer/"))
    assert route not in one_h1(client.get(f"{BASE}/results/qc-analyst/"))


def test_thin_evidence_names_the_usual_first_roles_of_the_job_without_a_fit(client, routed_job):
    from skillsnet.catalogue.models import OccupationSkill

    OccupationSkill.objects.filter(occupation__esco_uri=routed_job).exclude(skill__slug="pcr").delete()
    add_job(client, routed_job)
    html = one_h1(client.get(f"{BASE}/results/"))
    assert "We could not assess this yet" in html
    assert "Medical and pharmaceutical technicians usually start as" in html
    assert '<a href="/roles/qa-officer/">Quality assurance officer</a>' in html
    assert "They already test samples under an accredited quality system." in html
    assert 'class="match"' not in html


def test_a_usual_first_role_the_person_shows_nothing_for_is_named_below_the_list(client, routed_job, monkeypatch):
    from skillsnet.catalogue.models import OccupationSkill, Skill

    # Without the assumed workplace basics, which would give the role a few percent.
    monkeypatch.setattr("skillsnet.converter.profiles.WORKPLACE_BASICS", ())
    job = OccupationSkill.objects.filter(occupation__esco_uri=routed_job)
    occupation = job.first().occupation
    job.exclude(skill__slug__in=["pcr", "cell-counting"]).delete()
    OccupationSkill.objects.create(
        occupation=occupation, skill=Skill.objects.get(slug="aseptic-technique"), level=3, essential=True
    )
    add_job(client, routed_job)
    html = one_h1(client.get(f"{BASE}/results/"))
    assert 'href="/career-converter/results/qa-officer/"' not in html  # 0% fit: never ranked
    assert "Medical and pharmaceutical technicians usually start as" in html
    assert '<a href="/roles/qa-officer/">Quality assurance officer</a>' in html
    assert "nothing you have told us counts towards the skills they ask for yet" in html
