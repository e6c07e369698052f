"""The converter's JSON API: shapes, 422s naming the bad input, and the anonymous rate limit."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from .conftest import BMS_URI

pytestmark = pytest.mark.django_db


def post(client, path, body, **extra):
    return client.post(f"/api/v1/converter/{path}", body, content_type="application/json", **extra)


def messages(response):
    return [error["msg"] for error in response.json()["detail"]]


def test_extract_reads_skills_with_level_and_quote(client, catalogue):
    response = post(client, "extract", {"text": "I led qPCR testing. Familiar with HACCP."})
    assert response.status_code == 200
    skills = {s["skill"]: s for s in response.json()["skills"]}
    assert skills["pcr"] == {
        "skill": "pcr",
        "name": "PCR",
        "level": 3,
        "evidence": "I led qPCR testing",
        "level_reason": "level 3: “led”",
        "suggested_by": "",
    }
    assert skills["haccp"]["level"] == 1
    assert skills["haccp"]["level_reason"] == "level 1: “Familiar with”"


def test_extract_marks_a_skill_the_sentence_model_suggested_with_its_words(client, catalogue):
    # "GDocP" is no label of documentation practice in the test catalogue: only the shipped sentence model knows it
    text = "Kept every record to GDocP: entries signed, dated and corrected with a single line. I led qPCR testing."
    skills = {s["skill"]: s for s in post(client, "extract", {"text": text}).json()["skills"]}
    suggested = skills["good-documentation-practice"]
    assert "“GDocP”" in suggested["suggested_by"]
    assert "GDocP" in suggested["evidence"]
    assert skills["pcr"]["suggested_by"] == ""  # a phrase found it
    negated = post(client, "extract", {"text": "I have never kept records to GDocP."}).json()["skills"]
    assert "good-documentation-practice" not in {s["skill"] for s in negated}


def test_extract_names_the_jobs_a_cv_names(client, catalogue):
    text = "Brewer at Hopsville, 2010-2016\nRan fermenters and HACCP checks."
    response = post(client, "extract", {"text": text})
    assert response.json()["jobs"] == [
        {"key": "brew-house-operator", "title": "Brew house operator", "quote": "Brewer"}
    ]
    # The key is what `occupations` takes.
    matches = post(client, "matches", {"occupations": ["brew-house-operator"]})
    assert matches.status_code == 200


def test_extract_needs_text(client, catalogue):
    assert post(client, "extract", {"text": ""}).status_code == 422
    assert post(client, "extract", {}).status_code == 422


def test_matches_have_the_documented_shape(client, catalogue):
    response = post(
        client, "matches", {"occupations": ["brew-house-operator"], "skills": [{"skill": "gmp", "level": 2}]}
    )
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"profile", "assessable", "message", "usual_first_roles", "matches"}
    assert (body["assessable"], body["message"]) == (True, "")
    top = body["matches"][0]
    assert set(top) >= {"within_reach", "missing_requirements", "tied"}
    assert top["role"] == "atmp-manufacturing-technician"
    assert set(top) >= {"role", "title", "score", "essential_coverage", "readiness", "met", "transferred", "gaps"}
    assert 0 <= top["score"] <= 1
    assert top["readiness"] in {"ready-now", "short-training", "stretch"}
    transfer = next(t for t in top["transferred"] if t["skill"] == "cell-culture")
    assert transfer["from_skill"] == "fermentation"
    assert transfer["credit"] == 0.5
    gap = next(g for g in top["gaps"] if g["skill"] == "cleanroom-gowning")
    assert gap == {
        "skill": "cleanroom-gowning",
        "name": "Cleanroom gowning",
        "required_level": 3,
        "current_level": 0.0,
        "essential": True,
    }
    gmp = next(p for p in body["profile"] if p["skill"] == "gmp")
    assert gmp["level"] == 2
    assert gmp["provenance"] == "self-rated"
    assert {s["provenance"] for s in gmp["sources"]} == {"self-rated", "occupation"}


def test_matches_accept_an_esco_uri_text_and_a_limit(client, catalogue):
    response = post(client, "matches", {"occupations": [BMS_URI], "text": "Led a GMP lab.", "limit": 1})
    assert response.status_code == 200
    assert [m["role"] for m in response.json()["matches"]] == ["qc-analyst"]


def test_matches_filter_by_family(client, catalogue):
    response = post(client, "matches", {"occupations": ["biomedical-scientist"], "families": ["quality-assurance"]})
    assert [m["role"] for m in response.json()["matches"]] == ["qa-officer"]


def test_unknown_occupations_and_skills_are_named(client, catalogue):
    response = post(client, "matches", {"occupations": ["astronaut"], "skills": [{"skill": "juggling", "level": 2}]})
    assert response.status_code == 422
    assert messages(response) == ["Unknown occupation or role: 'astronaut'.", "Unknown skill: 'juggling'."]
    assert response.json()["detail"][0]["loc"] == ["body", "payload", "occupations"]


def test_empty_input_is_refused(client, catalogue):
    response = post(client, "matches", {})
    assert response.status_code == 422
    assert messages(response) == ["Give at least one previous job, skill or some text."]


def test_text_without_any_skill_is_refused(client, catalogue):
    response = post(client, "matches", {"text": "I like long walks."})
    assert response.status_code == 422
    assert "found no skills" in messages(response)[0]


@pytest.mark.parametrize(
    "body",
    [
        {"skills": [{"skill": "gmp", "level": 5}]},
        {"skills": [{"skill": "gmp"}]},
        {"occupations": ["a", "b", "c", "d"]},
        {"occupations": "brew-house-operator"},
        {"occupations": ["brew-house-operator"], "limit": 0},
        {"occupations": ["brew-house-operator"], "families": ["astrology"]},
    ],
)
def test_malformed_bodies_get_field_messages(client, catalogue, body):
    response = post(client, "matches", body)
    assert response.status_code == 422
    assert all("loc" in e and "msg" in e for e in response.json()["detail"])


def test_broken_json_is_a_4xx_not_a_500(client, catalogue):
    response = client.post("/api/v1/converter/matches", "{not json", content_type="application/json")
    assert 400 <= response.status_code < 500
    assert "detail" in response.json()


def test_plan_has_the_documented_shape(client, catalogue):
    response = post(client, "plan", {"role": "atmp-manufacturing-technician", "occupations": ["brew-house-operator"]})
    assert response.status_code == 200
    body = response.json()
    assert set(body) >= {"steps", "total_hours", "total_cost", "finish_date", "uncovered", "method", "greedy_hours"}
    assert body["start_date"] == timezone.localdate().isoformat()
    step = body["steps"][0]
    assert set(step) >= {"course", "title", "mode", "starts", "ends", "hours", "cost", "closes", "reason"}
    assert body["total_hours"] == sum(s["hours"] for s in body["steps"])
    assert {u["skill"] for u in body["uncovered"]} >= {"cleanroom-gowning"}


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"role": "astronaut"}, "There is no role 'astronaut'."),
        ({"start_date": "2000-01-01"}, "The start date must be today or later."),
        ({"centres": ["atlantis"]}, "There is no training centre 'atlantis'."),
    ],
)
def test_plan_errors_are_422_with_a_message(client, catalogue, extra, message):
    body = {"role": "qc-analyst", "occupations": ["biomedical-scientist"], **extra}
    response = post(client, "plan", body)
    assert response.status_code == 422
    assert messages(response) == [message]


def test_plan_refuses_a_deadline_before_the_start(client, catalogue):
    start = timezone.localdate() + timedelta(days=7)
    body = {
        "role": "qc-analyst",
        "skills": [{"skill": "gmp", "level": 1}],
        "start_date": str(start),
        "deadline": str(start),
    }
    response = post(client, "plan", body)
    assert response.status_code == 422
    assert messages(response) == ["The deadline must be after the start date."]


def test_anonymous_callers_are_rate_limited(client, catalogue, settings):
    settings.CONVERTER_ANON_RATE_PER_MINUTE = 2
    assert post(client, "extract", {"text": "PCR"}).status_code == 200
    assert post(client, "extract", {"text": "PCR"}).status_code == 200
    response = post(client, "extract", {"text": "PCR"})
    assert response.status_code == 429
    assert response.json()["detail"].startswith("Too many requests")
    assert 1 <= int(response["Retry-After"]) <= 60
    # Another address has its own allowance.
    assert post(client, "extract", {"text": "PCR"}, REMOTE_ADDR="10.0.0.9").status_code == 200


def test_signed_in_callers_have_their_own_limit_per_account(signed_in, learner, catalogue, settings):
    settings.CONVERTER_ANON_RATE_PER_MINUTE = 1
    settings.SKILLSNET_RATE_LIMITS = {**settings.SKILLSNET_RATE_LIMITS, "converter-api-user": {"per_minute": 3}}
    client = signed_in(learner)
    for _ in range(3):  # beyond the anonymous limit
        assert post(client, "extract", {"text": "PCR"}).status_code == 200
    response = post(client, "extract", {"text": "PCR"})
    assert response.status_code == 429
    # The account is counted, not just the address: another address does not reset it.
    assert post(client, "extract", {"text": "PCR"}, REMOTE_ADDR="10.0.0.9").status_code == 429


def test_the_endpoints_are_in_the_openapi_document(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    for name in ("extract", "matches", "plan"):
        operation = paths[f"/api/v1/converter/{name}"]["post"]
        assert operation["tags"] == ["converter"]
        assert {"200", "422", "429"} <= set(operation["responses"])


def test_the_extract_operation_says_how_often_the_reader_is_right(client):
    from skillsnet.converter import services

    operation = client.get("/api/v1/openapi.json").json()["paths"]["/api/v1/converter/extract"]["post"]
    record = services.CV_READER_RECORD
    assert f"{record.precision:.0%} of the skills it suggested" in operation["description"]
    assert f"it found {record.recall:.0%} of those" in operation["description"]


def test_the_credential_vocabulary_in_the_schema_is_the_catalogue_one():
    from typing import get_args

    from skillsnet.catalogue.requirements import ENTRY_REQUIREMENTS
    from skillsnet.converter.api import Credential

    assert set(get_args(Credential)) == set(ENTRY_REQUIREMENTS)


def test_thin_evidence_gets_a_message_instead_of_a_ranking(client, catalogue):
    response = post(client, "matches", {"skills": [{"skill": "gmp", "level": 2}]})
    assert response.status_code == 200
    body = response.json()
    assert body["assessable"] is False
    assert body["matches"] == []
    assert "could not assess" in body["message"]
    assert "only 1 of your skills is relevant" in body["message"]


def test_an_unknown_credential_is_refused(client, catalogue):
    response = post(client, "matches", {"occupations": ["brew-house-operator"], "credentials": ["knighthood"]})
    assert response.status_code == 422


def test_plan_steps_say_when_a_course_is_example_content(client, catalogue):
    response = post(client, "plan", {"occupations": ["brew-house-operator"], "role": "atmp-manufacturing-technician"})
    assert response.status_code == 200
    steps = response.json()["steps"]
    assert steps
    assert all(isinstance(step["example"], bool) for step in steps)


def test_a_role_on_the_career_route_of_an_esco_job_says_so(client, routed_job):
    response = post(client, "matches", {"occupations": [routed_job]})
    assert response.status_code == 200
    routes = {m["role"]: m["route"] for m in response.json()["matches"]}
    assert routes["qa-officer"] == {
        "name": "Medical and pharmaceutical technicians",
        "rationale": "They already test samples under an accredited quality system",
    }
    assert routes["qc-analyst"] is None


def test_thin_evidence_lists_the_usual_first_roles_and_no_matches(client, routed_job):
    from skillsnet.catalogue.models import OccupationSkill

    OccupationSkill.objects.filter(occupation__esco_uri=routed_job).exclude(skill__slug="pcr").delete()
    body = post(client, "matches", {"occupations": [routed_job]}).json()
    assert (body["assessable"], body["matches"]) == (False, [])
    assert body["usual_first_roles"] == [
        {
            "name": "Medical and pharmaceutical technicians",
            "rationale": "They already test samples under an accredited quality system",
            "roles": [{"role": "qa-officer", "title": "Quality assurance officer"}],
        }
    ]
    assert post(client, "matches", {"occupations": ["brew-house-operator"]}).json()["usual_first_roles"] == []
