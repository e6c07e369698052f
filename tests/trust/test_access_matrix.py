"""The access-control matrix: every page and API operation, requested as every persona.

The routes come from the URL configuration (walked recursively, namespaces included; of the admin only its
index) and from the OpenAPI document (every path × method). Each is requested as each persona in
`access_rules.PERSONAS`, with its path filled from the fixture world, and the outcome is compared with its
rule in `access_rules.RULES`. A route without a rule fails: a new page or endpoint must say who may use it.

Every request runs in a transaction that is rolled back, so a POST (a cancellation, a deletion) changes nothing
for the requests after it; each persona's cookies are restored after each request (signing out included).
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.signals import request_finished
from django.db import close_old_connections, transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from skillsnet.api import api

from .access_rules import ALLOW, DENY, LEAK_CHECKED, PERSONAS, PUBLIC, RULES, Outcome, Rule
from .conftest import World

API_PREFIX = "/api/v1/"


@dataclass(frozen=True)
class Route:
    key: str
    kind: str  # "page" or "api"
    method: str
    path: str

    def __str__(self) -> str:
        return f"{self.method} {self.path} ({self.kind} '{self.key}')"


# ---------------------------------------------------------------- finding every route


def _walk(patterns: list[Any], prefix: str = "", namespace: str = "") -> Iterator[tuple[str, str, Callable[..., Any]]]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}:{pattern.namespace}" if namespace and pattern.namespace else pattern.namespace
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), inner or namespace)
        elif isinstance(pattern, URLPattern):
            name = pattern.name or ""
            key = f"{namespace}:{name}" if namespace and name else name or prefix + str(pattern.pattern)
            yield prefix + str(pattern.pattern), key, pattern.callback


def accepted_methods(view: Callable[..., Any]) -> set[str]:
    """GET and/or POST, as far as the view's decorators (or class) say; a view that does not say takes both."""
    view_class = getattr(view, "view_class", None)
    if view_class is not None:
        return {m.upper() for m in ("get", "post") if m in view_class.http_method_names and hasattr(view_class, m)}
    current: Any = view
    while current is not None:
        code, closure = getattr(current, "__code__", None), getattr(current, "__closure__", None)
        if code is not None and closure:
            for name, cell in zip(code.co_freevars, closure, strict=True):
                if name == "request_method_list":  # django.views.decorators.http.require_http_methods
                    return {m for m in cell.cell_contents if m in ("GET", "POST")}
        current = getattr(current, "__wrapped__", None)
    return {"GET", "POST"}


def _openapi_path(route: str) -> str:
    # Django's "api/v1/runs/<run_id>" is OpenAPI's "/api/v1/runs/{run_id}".
    return "/" + route.replace("<", "{").replace(">", "}")


def api_routes() -> list[Route]:
    schema = api.get_openapi_schema(path_prefix=API_PREFIX)
    return [
        Route(key=operation["operationId"], kind="api", method=method.upper(), path=path)
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
    ]


def page_routes(api_paths: set[str]) -> list[Route]:
    skipped = tuple(p.lstrip("/") for p in (settings.STATIC_URL, settings.MEDIA_URL) if p)
    routes = []
    for route, key, view in _walk(get_resolver().url_patterns):
        if route.startswith("admin/") and key != "admin:index":
            continue  # the admin's own pages are Django's, and staff-only as a whole
        if skipped and route.startswith(skipped):
            continue
        if _openapi_path(route) in api_paths:
            continue  # an API operation: tested from the OpenAPI document with its documented method
        routes.extend(Route(key=key, kind="page", method=m, path=route) for m in sorted(accepted_methods(view)))
    return routes


API_ROUTES = api_routes()
ROUTES = page_routes({r.path for r in API_ROUTES}) + API_ROUTES


# ---------------------------------------------------------------- requesting and judging


def _url(route: Route, rule: Rule, world: World) -> str:
    params = {k: str(v) for k, v in (rule.params(world) if rule.params else {}).items()}
    if route.kind == "api":
        return route.path.format(**params)
    return reverse(route.key, kwargs=params)


def _sign_in_paths() -> set[str]:
    return {reverse("accounts:sign-in"), reverse("admin:login")}


def classify(method: str, response: Any) -> tuple[str, str]:
    """(outcome, redirect target) for one response: allow, deny, or what was unexpected about it."""
    status = response.status_code
    if status in (401, 403, 404):
        return DENY, ""
    if status in (301, 302, 303, 307, 308):
        location = response["Location"]
        return (DENY if urlsplit(location).path in _sign_in_paths() else ALLOW), location
    if 200 <= status < 300:
        return ALLOW, ""
    if method == "POST" and status in (400, 409, 422):
        return ALLOW, ""  # past access control; the (empty) input was refused
    return f"unexpected {status}", ""


def body_of(response: Any) -> str:
    content = b"".join(response.streaming_content) if getattr(response, "streaming", False) else response.content
    # Closing a response sends request_finished, whose close_old_connections handler would close the
    # test's own connection mid-transaction (PostgreSQL); the test client detaches it for the same reason.
    request_finished.disconnect(close_old_connections)
    try:
        response.close()
    finally:
        request_finished.connect(close_old_connections)
    if content[:4] == b"PK\x03\x04":  # a zip (the personal-data download): read what is inside
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            content = b"\n".join(archive.read(name) for name in archive.namelist())
    return content.decode("utf-8", errors="replace")


def fetch(client: Client, route: Route, url: str) -> Any:
    """One request, rolled back, with the client's cookies as they were before it."""
    cookies = client.cookies
    client.cookies = type(cookies)(cookies)
    try:
        with transaction.atomic():
            if route.method == "GET":
                response = client.get(url)
            elif route.kind == "api":
                response = client.generic(route.method, url, "{}", content_type="application/json")
            else:
                response = client.post(url, {})
            body = body_of(response)
            transaction.set_rollback(True)
    finally:
        client.cookies = cookies
    return response, body


def request_as(persona: str, route: Route, rule: Rule, url: str, world: World) -> Outcome:
    try:
        response, body = fetch(world.clients[persona], route, url)
    except Exception as exc:  # a server error is a finding too, never a crash of the matrix
        return Outcome(persona=persona, status=500, got=f"server error {type(exc).__name__}: {exc}")
    got, location = classify(route.method, response)
    checked = persona in LEAK_CHECKED and persona not in rule.sees_a
    leaks = [secret for secret in world.secrets_of_a if secret in body] if checked else []
    return Outcome(persona=persona, status=response.status_code, got=got, location=location, leaks=leaks)


def _matches(expected: str, got: str) -> bool:
    return got == (ALLOW if expected == PUBLIC else expected)


# ---------------------------------------------------------------- the matrix


def test_every_page_and_endpoint_has_an_access_rule():
    missing = sorted({str(r) for r in ROUTES if r.key not in RULES})
    assert not missing, (
        "These have no access rule: add one to tests/trust/access_rules.py (RULES), saying who may use each:\n  "
        + "\n  ".join(missing)
    )


def test_every_rule_is_for_a_route_that_exists():
    stale = sorted(set(RULES) - {r.key for r in ROUTES})
    assert not stale, f"Rules for pages or endpoints that no longer exist (remove them): {stale}"


def test_every_rule_with_an_object_in_its_path_lets_someone_in():
    # Otherwise a wrong object in the world would pass as "everyone denied".
    for key, rule in RULES.items():
        if rule.params is not None:
            assert set(rule.expect.values()) & {ALLOW, PUBLIC}, f"{key}: nobody may use it; is the path right?"


@pytest.mark.parametrize("route", ROUTES, ids=str)
def test_access(route: Route, world: World, db: None) -> None:
    rule = RULES.get(route.key)
    if rule is None:
        pytest.fail(f"No access rule for {route}: add one to tests/trust/access_rules.py (RULES).")
    url = _url(route, rule, world)
    expected = rule.for_method(route.method)
    problems = []
    for persona in PERSONAS:
        outcome = request_as(persona, route, rule, url, world)
        if not _matches(expected[persona], outcome.got):
            where = f" → {outcome.location}" if outcome.location else ""
            problems.append(f"{persona}: expected {expected[persona]}, got {outcome.got} ({outcome.status}{where})")
        if outcome.leaks:
            problems.append(f"{persona}: the response shows learner A's private data: {outcome.leaks}")
    assert not problems, f"{route.method} {url}:\n  " + "\n  ".join(problems)


# ---------------------------------------------------------------- pages keep to the CSP: no inline script or style


class InlineCode(HTMLParser):
    """Collects what `script-src 'self'` and `style-src 'self'` would block in a page."""

    def __init__(self) -> None:
        super().__init__()
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "script" and not values.get("src") and values.get("type") != "application/json":
            self.problems.append("an inline <script>")
        if tag == "style":
            self.problems.append("an inline <style> element")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"an event-handler attribute {name}= on <{tag}>")
            if name == "style":
                self.problems.append(f"a style= attribute on <{tag}>")
            if name in ("href", "src", "action") and (value or "").strip().lower().startswith("javascript:"):
                self.problems.append(f"a javascript: address in {name}= on <{tag}>")


def _viewer(rule: Rule) -> str:
    """Someone the rule lets see the page: anonymous when it is public."""
    return next(p for p in PERSONAS if rule.expect[p] in (ALLOW, PUBLIC))


HTML_PAGES = [
    r
    for r in ROUTES
    if r.kind == "page" and r.method == "GET" and r.key in RULES and set(RULES[r.key].expect.values()) & {ALLOW, PUBLIC}
]


@pytest.mark.parametrize("route", HTML_PAGES, ids=str)
def test_page_has_no_inline_script_or_style(route: Route, world: World, db: None) -> None:
    rule = RULES[route.key]
    response, body = fetch(world.clients[_viewer(rule)], route, _url(route, rule, world))
    if "text/html" not in response.get("Content-Type", ""):
        return  # a file, JSON or a redirect: nothing to run
    parser = InlineCode()
    parser.feed(body)
    assert not parser.problems, f"{route}: {sorted(set(parser.problems))}"


# ---------------------------------------------------------------- consent is checked at every look


def test_an_employer_never_sees_a_learner_who_has_not_consented(world: World, db: None) -> None:
    from skillsnet.industry.selectors import candidate_code, candidate_handle

    b_handle = candidate_handle(world.employer.slug, world.users["learner_b"].pk)
    client = world.clients["employer_own"]
    listing = client.get(reverse("industry:candidates", kwargs={"slug": world.employer.slug, "pk": world.vacancy.pk}))
    assert listing.status_code == 200
    page = listing.content.decode()
    assert candidate_code(world.handle) in page  # A consented
    assert candidate_code(b_handle) not in page  # B did not
    url = reverse(
        "industry:candidate", kwargs={"slug": world.employer.slug, "pk": world.vacancy.pk, "handle": b_handle}
    )
    assert client.get(url).status_code == 404


def test_withdrawing_consent_hides_the_learner_at_once(world: World, db: None) -> None:
    from skillsnet.industry import services

    services.consent_withdraw(learner=world.users["learner_a"])
    url = reverse(
        "industry:candidate", kwargs={"slug": world.employer.slug, "pk": world.vacancy.pk, "handle": world.handle}
    )
    assert world.clients["employer_own"].get(url).status_code == 404


def test_learner_b_sees_none_of_a_s_objects_through_the_api(world: World, db: None) -> None:
    client = world.clients["learner_b"]
    for url in ("/api/v1/bookings", "/api/v1/me/enrolments", "/api/v1/me/statements"):
        body = client.get(url).content.decode()
        assert not any(secret in body for secret in world.secrets_of_a), url
    assert json.loads(client.get("/api/v1/me/enrolments").content) == []


# ---------------------------------------------------------------- forms need a CSRF token


def test_every_form_post_and_session_api_write_needs_a_csrf_token(world: World, db: None) -> None:
    # The matrix posts without CSRF checks; here a signed-in learner's browser is tricked into posting from
    # another site: every page that takes a POST, and every API write that uses the session, must refuse.
    client = Client(enforce_csrf_checks=True)
    client.cookies = type(world.clients["learner_a"].cookies)(world.clients["learner_a"].cookies)
    session_writes = {
        op["operationId"]
        for ops in api.get_openapi_schema(path_prefix=API_PREFIX)["paths"].values()
        for method, op in ops.items()
        # Operations authenticated by an organisation's API key (OrgKey) use no cookie: CSRF does not apply.
        if method != "get" and any("SessionAuth" in scheme for scheme in op.get("security") or [])
    }
    routes = [r for r in ROUTES if r.method == "POST" and (r.kind == "page" or r.key in session_writes)]
    accepted = []
    for route in routes:
        if route.key not in RULES:
            continue
        response, body = fetch(client, route, _url(route, RULES[route.key], world))
        # Refused for the CSRF token, not for some other reason (Django's page, or ninja's "CSRF check Failed").
        if response.status_code != 403 or "csrf" not in body.lower():
            accepted.append(f"{route}: {response.status_code}")
    assert routes
    assert not accepted, "These accept a POST without a CSRF token:\n  " + "\n  ".join(accepted)


# ---------------------------------------------------------------- staff cannot reach another's object through their own slug


MIXED_PATHS = [
    # (persona, URL name, method, path built from the persona's own scope and the world's objects)
    ("centre_other", "centres:manage-run", "GET", lambda w: {"slug": "other-centre", "pk": w.run.pk}),
    (
        "centre_other",
        "centres:manage-attendance",
        "POST",
        lambda w: {"slug": "other-centre", "pk": w.run.pk, "session_pk": w.session.pk},
    ),
    (
        "centre_other",
        "centres:manage-decide",
        "POST",
        lambda w: {"slug": "other-centre", "pk": w.centre_pending.pk, "decision": "approve"},
    ),
    ("employer_other", "industry:vacancy", "GET", lambda w: {"slug": "other-labs", "pk": w.vacancy.pk}),
    ("employer_other", "industry:vacancy-edit", "POST", lambda w: {"slug": "other-labs", "pk": w.vacancy.pk}),
    ("employer_other", "industry:vacancy-close", "POST", lambda w: {"slug": "other-labs", "pk": w.vacancy.pk}),
    ("employer_other", "industry:vacancy-skills", "GET", lambda w: {"slug": "other-labs", "pk": w.vacancy.pk}),
    ("employer_other", "industry:candidates", "GET", lambda w: {"slug": "other-labs", "pk": w.vacancy.pk}),
    (
        "employer_other",
        "industry:candidate",
        "GET",
        lambda w: {"slug": "other-labs", "pk": w.vacancy.pk, "handle": w.handle},
    ),
    ("provider_other", "learning:provider-module", "GET", lambda w: {"slug": "pcr-lab", "pk": w.module.pk}),
    ("provider_other", "learning:provider-lesson", "POST", lambda w: {"slug": "pcr-lab", "pk": w.lesson.pk}),
    ("provider_other", "learning:provider-file-delete", "POST", lambda w: {"slug": "pcr-lab", "pk": w.lesson_file.pk}),
    ("provider_other", "learning:provider-question-delete", "POST", lambda w: {"slug": "pcr-lab", "pk": w.question.pk}),
]


@pytest.mark.parametrize(
    ("persona", "name", "method", "params"), MIXED_PATHS, ids=lambda v: v if isinstance(v, str) else ""
)
def test_staff_cannot_reach_another_s_object_through_their_own_slug(world, db, persona, name, method, params):
    url = reverse(name, kwargs={k: str(v) for k, v in params(world).items()})
    response, _ = fetch(world.clients[persona], Route(key=name, kind="page", method=method, path=url), url)
    assert response.status_code in (403, 404), f"{persona} {method} {url}: {response.status_code}"


def test_the_leak_check_reads_inside_the_personal_data_download(world: World, db: None) -> None:
    # Learner A's own download holds A's email: so B's, searched the same way, would show it if it leaked.
    route = Route(key="accounts:privacy-download", kind="page", method="GET", path="")
    _, body = fetch(world.clients["learner_a"], route, reverse("accounts:privacy-download"))
    assert world.secrets_of_a[0] in body
