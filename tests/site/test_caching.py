"""What is the same for everyone is cached and revalidated; what is personal never is (skillsnet/caching.py).

Public pages, the OpenAPI document and plans; static files the production way (WhiteNoise, hashed and
compressed, cached for a year), checked in a real process with production settings.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from .test_settings_and_cli import run

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    cache.clear()


def _queries(client: Client, url: str, **extra: Any) -> tuple[Any, int]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, **extra)
    return response, len(captured)


# ---------------------------------------------------------------- public pages


@pytest.mark.parametrize(
    ("url", "max_age"),
    [
        ("/roles/", 60),
        ("/roles/qc-analyst/", 60),
        ("/training/", 60),
        ("/training/courses/gmp-essentials/", 10),
        ("/centres/", 60),
        ("/centres/roslinct/", 10),
        ("/training-centres/", 10),
    ],
)
def test_a_public_page_is_built_once_and_revalidated(world: Any, url: str, max_age: int) -> None:
    anonymous = Client()
    first, built = _queries(anonymous, url)
    again, served = _queries(Client(), url)
    assert first.status_code == again.status_code == 200
    assert again.content == first.content
    assert served == 1 < built  # the catalogue version and nothing else
    assert f"max-age={max_age}" in again["Cache-Control"]
    assert "public" in again["Cache-Control"]
    assert "Cookie" in again["Vary"]
    etag, modified = again["ETag"], again["Last-Modified"]
    assert etag == first["ETag"]

    unchanged = Client().get(url, HTTP_IF_NONE_MATCH=etag)
    assert unchanged.status_code == 304
    assert unchanged.content == b""
    assert Client().get(url, HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
    assert Client().get(url, HTTP_IF_NONE_MATCH='"something-else"').status_code == 200


def test_a_catalogue_change_is_shown_at_once(world: Any) -> None:
    from skillsnet.catalogue.models import Role

    before = Client().get("/roles/qc-analyst/")
    role = Role.objects.get(slug="qc-analyst")
    role.title = "Quality control analyst (renamed)"
    role.save()
    after = Client().get("/roles/qc-analyst/")
    assert b"renamed" in after.content
    assert after["ETag"] != before["ETag"]
    assert Client().get("/roles/qc-analyst/", HTTP_IF_NONE_MATCH=before["ETag"]).status_code == 200


def test_a_booking_refreshes_the_seats_a_centre_page_shows(world: Any) -> None:
    from skillsnet.accounts.services import user_register
    from skillsnet.centres import services

    url = f"/centres/{world.centre.slug}/"
    before = Client().get(url)
    person = user_register(email="seat.taker@example.com", password="seat-taker-password-1", full_name="S T")
    services.booking_create(run=world.free_run, learner=person)
    after = Client().get(url)
    assert after["ETag"] != before["ETag"]


def test_bookings_keep_the_catalogue_pages_but_not_the_run_finder(world: Any) -> None:
    from skillsnet.accounts.services import user_register
    from skillsnet.centres import services

    roles, finder = Client().get("/roles/"), Client().get("/training-centres/")
    person = user_register(email="seat.keeper@example.com", password="seat-keeper-password-1", full_name="S K")
    services.booking_create(run=world.free_run, learner=person)
    with CaptureQueriesContext(connection) as captured:
        again = Client().get("/roles/")
    assert again["ETag"] == roles["ETag"]
    assert len(captured) == 1  # still served from the cache
    assert Client().get("/training-centres/", HTTP_IF_NONE_MATCH=finder["ETag"]).status_code == 200


def test_a_new_vacancy_shows_on_its_role_page(world: Any) -> None:
    from ..industry import helpers

    before = Client().get("/roles/qc-analyst/")
    helpers.make_vacancy(world.employer, "qc-analyst", actor=world.users["employer_own"], title="Cached job 42")
    after = Client().get("/roles/qc-analyst/")
    assert b"Cached job 42" in after.content
    assert after["ETag"] != before["ETag"]


def test_signed_in_pages_are_never_cached_or_shared(world: Any) -> None:
    learner = world.clients["learner_a"]
    mine = learner.get("/roles/")
    assert mine.status_code == 200
    assert "ETag" not in mine
    assert "private" in mine["Cache-Control"]
    assert b"Sign out" in mine.content
    public = Client().get("/roles/")
    assert b"Sign out" not in public.content
    # …and the anonymous copy now in the cache is not what a signed-in person gets.
    again = learner.get("/roles/")
    assert b"Sign out" in again.content
    assert "ETag" not in again


def test_a_visitor_with_a_message_waiting_gets_a_fresh_page(world: Any) -> None:
    Client().get("/roles/")  # cached
    visitor = Client()
    session = visitor.session
    session["_messages"] = "[]"  # any stored message
    session.save()
    response = visitor.get("/roles/")
    assert "ETag" not in response


def test_a_page_that_is_not_200_is_not_cached(world: Any) -> None:
    assert Client().get("/roles/no-such-role/").status_code == 404
    response = Client().get("/roles/no-such-role/")
    assert response.status_code == 404
    assert "ETag" not in response


# ---------------------------------------------------------------- the OpenAPI document


def test_the_openapi_document_is_built_once_and_revalidated(db: None) -> None:
    first = Client().get("/api/v1/openapi.json")
    assert first.status_code == 200
    assert first["Content-Type"] == "application/json"
    assert "/api/v1/runs" in first.json()["paths"]
    assert "public" in first["Cache-Control"]
    assert "max-age=3600" in first["Cache-Control"]
    second = Client().get("/api/v1/openapi.json", HTTP_IF_NONE_MATCH=first["ETag"])
    assert second.status_code == 304
    docs = Client().get("/api/v1/docs")
    assert docs.status_code == 200
    assert b"/api/v1/openapi.json" in docs.content
    assert Client().post("/api/v1/openapi.json").status_code == 405


# ---------------------------------------------------------------- plans


def test_the_role_page_print_view_and_api_share_one_plan(world: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from skillsnet import engine

    solves: list[str] = []
    real = engine.plan

    def counting(*args: Any, **kwargs: Any) -> Any:
        solves.append("plan")
        return real(*args, **kwargs)

    monkeypatch.setattr(engine, "plan", counting)
    visitor = Client()
    visitor.post("/career-converter/from/jobs/", {"key": "biomedical-scientist"})
    page = visitor.get("/career-converter/results/qc-analyst/")
    assert page.status_code == 200
    assert visitor.get("/career-converter/results/print/?role=qc-analyst").status_code == 200
    api = Client().post(
        "/api/v1/converter/plan",
        {"occupations": ["biomedical-scientist"], "role": "qc-analyst"},
        content_type="application/json",
    )
    assert api.status_code == 200, api.content
    assert solves == ["plan"]
    # Other inputs are another plan.
    Client().post(
        "/api/v1/converter/plan",
        {"occupations": ["biomedical-scientist"], "role": "qc-analyst", "hours_per_week": 20},
        content_type="application/json",
    )
    assert solves == ["plan", "plan"]


# ---------------------------------------------------------------- static files


def test_hashed_static_files_are_served_compressed_with_a_long_max_age(tmp_path: Any) -> None:
    script = """
from django.core.management import call_command
from django.templatetags.static import static
from django.test import Client
call_command("collectstatic", "--no-input", "-i", "admin", "-i", "ninja", verbosity=0)  # ours: quicker
url = static("skillsnet/site.css")
assert url != "/static/skillsnet/site.css", url  # hashed
client = Client()
hashed = client.get(url, HTTP_ACCEPT_ENCODING="gzip, br")
print("STATUS", hashed.status_code)
print("CACHE", hashed["Cache-Control"])
print("ENCODING", hashed.get("Content-Encoding", ""))
plain = client.get("/static/skillsnet/site.css")
print("PLAIN", plain.status_code, plain["Cache-Control"])
"""
    result = run(
        ["shell", "-c", script],
        SKILLSNET_ENV="production",
        SECRET_KEY="p" * 60,
        SKILLSNET_CACHE="database",
        ALLOWED_HOSTS="testserver",
        SECURE_SSL_REDIRECT="0",
        STATIC_ROOT=str(tmp_path / "static"),
        SKILLSNET_VAR_DIR=str(tmp_path / "var"),
    )
    assert result.returncode == 0, result.stderr
    lines = dict(line.split(" ", 1) for line in result.stdout.splitlines() if " " in line)
    assert lines["STATUS"] == "200"
    assert "max-age=315360000" in lines["CACHE"]
    assert "immutable" in lines["CACHE"]
    assert lines["ENCODING"] in {"br", "gzip"}
    # The name without its hash may change content at any deploy: a short life.
    assert "max-age=60" in lines["PLAIN"]
