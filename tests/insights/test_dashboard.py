"""The programme dashboard: who sees it, suppression in HTML and CSV, and the heatmap against a direct count."""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse

from skillsnet import engine
from skillsnet.accounts.models import region_label
from skillsnet.catalogue.snapshot import engine_snapshot
from skillsnet.converter.services import profile_build
from skillsnet.insights import selectors

from ..industry import helpers

pytestmark = pytest.mark.django_db

BMS = ["biomedical-scientist"]
BREWER = ["brew-house-operator"]


@pytest.mark.parametrize("who", ["learner", "employer", "provider_staff", "centre_manager"])
def test_only_programme_admins_see_the_dashboard_and_its_csvs(
    catalogue: Any, who: str, request: Any, signed_in: Any
) -> None:
    client = signed_in(request.getfixturevalue(who))
    assert client.get(reverse("insights:dashboard")).status_code == 403
    assert client.get(reverse("insights:csv", args=["activity-by-region"])).status_code == 403
    assert client.get(reverse("insights:dashboard"), {"format": "csv", "table": "centres"}).status_code == 403


def test_signed_out_visitors_are_sent_to_sign_in(client: Any) -> None:
    response = client.get(reverse("insights:csv", args=["centres"]))
    assert response.status_code == 302
    assert reverse("accounts:sign-in") in response["Location"]


def test_the_dashboard_shows_every_table_with_a_chart_and_csv_link(
    catalogue: Any, programme_admin: Any, signed_in: Any, people: Callable[..., list[Any]]
) -> None:
    people(6, "wales", occupations=BMS)
    response = signed_in(programme_admin).get(reverse("insights:dashboard"))
    html = response.content.decode()
    assert response.status_code == 200
    for key in selectors.TABLE_KEYS:
        assert reverse("insights:csv", args=[key]) in html
    assert html.count('role="img"') == 4
    assert "<title" in html
    assert "<desc" in html
    assert "style=" not in html


def test_small_counts_are_suppressed_in_the_page_and_the_csv(
    catalogue: Any, programme_admin: Any, signed_in: Any, people: Callable[..., list[Any]]
) -> None:
    people(3, "wales")
    people(7, "scotland")
    client = signed_in(programme_admin)
    sections = {s.table.key: s.table for s in client.get(reverse("insights:dashboard")).context["sections"]}
    regions = {row[0].text: row[1].text for row in sections["activity-by-region"].rows}
    assert regions["Wales"] == "<5"
    assert regions["Scotland"] == "7"
    # "Not given" holds the programme admin: a lone small cell, so its column's total is withheld.
    assert sections["activity-by-region"].total is not None
    assert sections["activity-by-region"].total[1].text == "withheld"

    rows = list(
        csv.reader(io.StringIO(client.get(reverse("insights:csv", args=["activity-by-region"])).content.decode()))
    )
    by_region = {row[0]: row[1] for row in rows[1:]}
    assert by_region["Wales"] == "<5"
    assert by_region["Scotland"] == "7"
    assert "3" not in {row[1] for row in rows[1:]}


def test_a_csv_is_well_formed(catalogue: Any, programme_admin: Any, signed_in: Any) -> None:
    response = signed_in(programme_admin).get(reverse("insights:csv", args=["activity-by-month"]))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="activity-by-month.csv"' in response["Content-Disposition"]
    body = response.content.decode()
    assert body.endswith("\r\n")
    rows = list(csv.reader(io.StringIO(body)))
    assert rows[0][:3] == ["Month", "Registrations", "Assessments saved"]
    assert len(rows) == 1 + 12 + 1  # header, twelve months, total
    assert {len(row) for row in rows} == {len(rows[0])}
    assert rows[-1][0] == "Total"


def test_format_csv_on_the_dashboard_gives_the_same_table(catalogue: Any, programme_admin: Any, signed_in: Any) -> None:
    client = signed_in(programme_admin)
    one = client.get(reverse("insights:dashboard"), {"format": "csv", "table": "centres"}).content
    other = client.get(reverse("insights:csv", args=["centres"])).content
    assert one == other
    assert client.get(reverse("insights:csv", args=["no-such-table"])).status_code == 404
    assert client.get(reverse("insights:dashboard"), {"format": "csv", "table": "nope"}).status_code == 404


def test_assessments_are_counted_by_origin_sector(
    catalogue: Any, people: Callable[..., list[Any]], programme_admin: Any
) -> None:
    people(5, "wales", occupations=BMS)
    people(6, "london", occupations=BREWER)
    people(2, "london", skills={"pcr": 2})
    table = selectors.Dashboard().section("assessments-by-sector").table
    assert [(row[0].text, row[1].text) for row in table.rows] == [
        ("Brewing and distilling", "6"),
        ("NHS laboratories", "withheld"),  # the smallest other cell, so the "<5" cannot be subtracted back
        (selectors.NO_PREVIOUS_JOB, "<5"),
    ]


def _direct_heatmap(users: list[Any]) -> tuple[Counter[tuple[str, str]], Counter[tuple[str, str]]]:
    """The heatmap counted the long way: each person's latest profile, `engine.match`'s best role, its gaps."""
    cat = engine_snapshot().catalogue
    by_region: Counter[tuple[str, str]] = Counter()
    by_sector: Counter[tuple[str, str]] = Counter()
    for user in users:
        assessment = user.assessments.order_by("-updated_at", "-id").first()
        inputs = assessment.inputs
        profile = profile_build(occupations=inputs["occupations"], skills=inputs["skills"], user=user).profile
        best = engine.match(cat, profile, limit=1)[0]
        if best.score <= 0:
            continue
        region = region_label(user.region)
        sector = {"biomedical-scientist": "NHS laboratories", "brew-house-operator": "Brewing and distilling"}.get(
            (inputs["occupations"] or [""])[0], selectors.NO_PREVIOUS_JOB
        )
        for gap in best.gaps:
            by_region[(gap.skill, region)] += 1
            by_sector[(gap.skill, sector)] += 1
    return by_region, by_sector


def test_the_heatmap_equals_a_direct_computation(catalogue: Any, people: Callable[..., list[Any]]) -> None:
    users = (
        people(4, "wales", occupations=BMS)
        + people(3, "wales", occupations=BREWER)
        + people(5, "north-east", occupations=BREWER, skills={"cleanroom-gowning": 3, "aseptic-technique": 2})
        + people(2, "london", skills={"pcr": 3, "cell-counting": 3})
        + people(1, "", skills={"teamwork": 2})
    )
    helpers.save_assessment(users[0], occupations=BREWER)  # a newer assessment replaces the first one
    heatmap = selectors.skills_gap_heatmap()
    by_region, by_sector = _direct_heatmap(users)
    assert heatmap.by_region == by_region
    assert heatmap.by_sector == by_sector
    assert heatmap.people == len(users)
    assert sum(heatmap.totals.values()) == sum(by_region.values())
    assert by_region[("cleanroom-gowning", "Wales")] > 0  # the fixture really exercises the counting


def test_the_heatmap_table_suppresses_and_shades(
    catalogue: Any, people: Callable[..., list[Any]], programme_admin: Any
) -> None:
    people(6, "wales", occupations=BREWER)
    people(8, "scotland", occupations=BREWER)
    people(2, "london", occupations=BREWER)
    table = selectors.Dashboard().section("skills-gap-by-region").table
    row = table.rows[0]
    cells = dict(zip(table.columns, row, strict=True))
    assert cells["Scotland"].text == "8"
    assert cells["Scotland"].heat == 4
    assert cells["London"].text == "<5"
    assert cells["London"].heat == 1
    # The row adds up to "people with the gap", printed in another table: the next smallest is withheld.
    assert cells["Wales"].text == "withheld"
    assert cells["Wales"].heat == 1
    assert cells["North East"].text == "0"
    assert cells["North East"].heat == 0


def test_training_supply_compares_gaps_with_courses(catalogue: Any, people: Callable[..., list[Any]]) -> None:
    people(6, "wales", occupations=BREWER)
    table = selectors.Dashboard().section("skills-gap-training").table
    rows = {row[0].text: [c.text for c in row[1:]] for row in table.rows}
    # GMP is taught online; cleanroom gowning only on site, with no run scheduled.
    assert rows["Good manufacturing practice (GMP)"][-1] == "Enough: taught online"
    assert rows["Cleanroom gowning"] == ["6", "0", "0", "0", "Short: no upcoming runs"]


@pytest.mark.parametrize(
    ("supply", "people", "words"),
    [
        (selectors.Supply(2, 0, 0), 40, "Enough: taught online"),
        (selectors.Supply(0, 0, 0), 6, "Short: no course teaches this skill"),
        (selectors.Supply(2, 0, 0, practical=True), 6, "Short: taught online only, no hands-on course"),
        (selectors.Supply(2, 0, 0, onsite_courses=1, practical=True), 6, "Short: no upcoming runs"),
        (selectors.Supply(0, 3, 0, onsite_courses=1), 6, "Short: upcoming runs are full"),
        (selectors.Supply(1, 3, 4, onsite_courses=1, practical=True), 6, "Short: fewer free seats than people"),
        (selectors.Supply(1, 3, 12, onsite_courses=1, practical=True), 6, "Enough seats"),
    ],
)
def test_the_training_column_says_where_seats_or_courses_are_short(supply, people, words):
    assert selectors.supply_status(people, supply) == words


def test_a_hands_on_skill_is_short_when_its_upcoming_runs_are_full(
    catalogue: Any, people: Callable[..., list[Any]], make_user: Callable[..., Any]
) -> None:
    from datetime import timedelta

    from django.utils import timezone

    from skillsnet.catalogue.models import Skill
    from skillsnet.centres.models import Booking, BookingStatus, CourseRun, RunSession

    Skill.objects.filter(slug="cleanroom-gowning").update(category="aseptic-cleanroom")  # a hands-on skill
    now = timezone.now()
    run = CourseRun.objects.create(
        course=catalogue["courses"]["cleanroom-practical"],
        centre=catalogue["centre"],
        capacity=1,
        booking_opens_at=now - timedelta(days=1),
        booking_closes_at=now + timedelta(days=9),
    )
    RunSession.objects.create(run=run, starts_at=now + timedelta(days=10), ends_at=now + timedelta(days=10, hours=7))
    Booking.objects.create(run=run, learner=make_user("seat@example.com"), status=BookingStatus.CONFIRMED)
    people(6, "wales", occupations=BREWER)
    table = selectors.Dashboard().section("skills-gap-training").table
    rows = {row[0].text: [c.text for c in row[1:]] for row in table.rows}
    assert rows["Cleanroom gowning"] == ["6", "0", "1", "0", "Short: upcoming runs are full"]


def test_the_dashboard_stays_within_a_query_budget(
    catalogue: Any,
    people: Callable[..., list[Any]],
    programme_admin: Any,
    signed_in: Any,
    django_assert_max_num_queries: Any,
) -> None:
    people(3, "wales", occupations=BMS)
    client = signed_in(programme_admin)
    with django_assert_max_num_queries(25):
        assert client.get(reverse("insights:csv", args=["activity-by-region"])).status_code == 200


def test_every_table_key_has_its_builder_and_no_more():
    from skillsnet.insights.selectors import TABLE_KEYS, Dashboard

    assert tuple(Dashboard().builders()) == TABLE_KEYS
