"""Plan dates far in the future are refused with a sentence everywhere a plan is asked for, never a 500."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from skillsnet.converter import services
from skillsnet.converter.bounds import DEADLINE_TOO_LATE, START_TOO_LATE

from .test_views import BASE, add_job

FAR = "9999-12-31"


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"start_date": FAR}, START_TOO_LATE),
        ({"deadline": FAR}, DEADLINE_TOO_LATE),
        ({"start_date": "2031-01-01", "deadline": FAR}, None),  # either message; never a 500
    ],
)
def test_the_role_page_refuses_far_dates_with_a_form_error(client, catalogue, params, message):
    add_job(client)
    response = client.get(f"{BASE}/results/qc-analyst/", params)
    assert response.status_code == 422
    html = response.content.decode()
    assert "error-summary" in html
    assert (message or "years of today") in html


def test_dates_within_the_bounds_still_plan(client, catalogue):
    add_job(client)
    today = timezone.localdate()
    params = {"start_date": str(today + timedelta(days=700)), "deadline": str(today + timedelta(days=1800))}
    assert client.get(f"{BASE}/results/qc-analyst/", params).status_code == 200


def test_the_print_view_refuses_far_dates_without_a_500(client, catalogue):
    add_job(client)
    fine = client.get(f"{BASE}/results/print/", {"role": "qc-analyst"})
    assert "could not be made" not in fine.content.decode()
    response = client.get(f"{BASE}/results/print/", {"role": "qc-analyst", "start_date": FAR})
    assert response.status_code == 200  # the results print; the refused plan is left out, with a sentence
    assert "The plan could not be made with the options given." in response.content.decode()


@pytest.mark.parametrize(("field", "message"), [("start_date", START_TOO_LATE), ("deadline", DEADLINE_TOO_LATE)])
def test_the_plan_api_answers_422_for_far_dates(client, catalogue, field, message):
    body = {"role": "qc-analyst", "occupations": ["biomedical-scientist"], field: FAR}
    response = client.post("/api/v1/converter/plan", body, content_type="application/json")
    assert response.status_code == 422
    assert [e["msg"] for e in response.json()["detail"]] == [message]
    assert response.json()["detail"][0]["loc"][-1] == field


def test_the_planning_service_guards_every_caller(catalogue):
    profile = services.profile_build(occupations=["biomedical-scientist"]).profile
    today = timezone.localdate()
    with pytest.raises(services.ConverterError, match="within 2 years") as caught:
        services.plan_for_role(profile=profile, role_slug="qc-analyst", start=today + timedelta(days=800), today=today)
    assert caught.value.field == "start_date"
    with pytest.raises(services.ConverterError, match="within 5 years"):
        services.plan_for_role(
            profile=profile, role_slug="qc-analyst", start=today, deadline=today.replace(year=9999), today=today
        )
    # A caller without `today` plans on its own calendar, but the largest dates are still refused.
    with pytest.raises(services.ConverterError, match="within 2 years"):
        services.plan_for_role(profile=profile, role_slug="qc-analyst", start=today.replace(year=9999, day=1))
