"""`make load`: people using skillsnet at once, as locust users (run by scripts/load.sh).

Three kinds of visitor, in the proportions the service expects:
- **Browsers** (anonymous) read roles, courses, the run finder, centres and the public API.
- **Converters** (anonymous) go through the Career Converter's pages (a previous job, the results, a
  role and its training plan) or call its API (`/converter/matches`, `/converter/plan`).
- **Learners** (signed in as `load<N>@example.com`, made by scripts/load.sh) look at runs, book one
  through the API (session + CSRF, as the site's own pages do), list their bookings, sometimes cancel,
  and open their dashboard and learning plan.

Expected answers are not errors: a booking may be waitlisted (201) or refused as a duplicate or for
missing prerequisites (409/422); anything else, and any 5xx, counts as a failure.
"""

from __future__ import annotations

import itertools
import os
import random
import re
import threading
from http.cookiejar import Cookie
from typing import Any, ClassVar

from locust import HttpUser, between, task
from requests.cookies import RequestsCookieJar

PASSWORD = os.environ.get("LOAD_PASSWORD", "load-test-password-1")
USERS = int(os.environ.get("LOAD_ACCOUNTS", "200"))
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
OCCUPATIONS = ["pharma-production-operator", "pharma-qc-chemist", "pharma-validation-engineer"]


class _PlainHttpCookies(RequestsCookieJar):
    """Production cookies are Secure; the load runs over plain HTTP on loopback, so keep them sendable.

    (requests copies the session's cookies into a fresh jar for every request, so a cookie policy on
    the session's jar would be lost: the flag is cleared as each cookie is stored instead.)
    """

    def set_cookie(self, cookie: Cookie, *args: Any, **kwargs: Any) -> Any:
        cookie.secure = False
        return super().set_cookie(cookie, *args, **kwargs)


class Catalogue:
    """Slugs and ids read once from the public API, shared by every simulated user."""

    lock = threading.Lock()
    roles: ClassVar[list[str]] = []
    courses: ClassVar[list[str]] = []
    runs: ClassVar[list[int]] = []
    centres: ClassVar[list[str]] = []

    @classmethod
    def load(cls, client: Any) -> None:
        with cls.lock:
            if cls.roles:
                return
            cls.roles = [r["slug"] for r in client.get("/api/v1/roles", name="setup").json()["items"]]
            cls.courses = [c["slug"] for c in client.get("/api/v1/courses?limit=100", name="setup").json()["items"]]
            runs = client.get("/api/v1/runs?limit=100", name="setup").json()["items"]
            cls.runs = [r["id"] for r in runs]
            cls.centres = sorted({r["centre"]["slug"] for r in runs})


class Visitor(HttpUser):
    abstract = True
    wait_time = between(1, 3)

    addresses = itertools.count(1)

    def on_start(self) -> None:
        self.client.cookies = _PlainHttpCookies()
        if os.environ.get("LOAD_FORWARDED_FOR"):
            # The scale-out rehearsal keeps abuse limits on: each visitor comes from its own address, as an edge
            # proxy in front of nginx would report it (scripts/scaleout.sh).
            n = next(Visitor.addresses)
            self.client.headers["X-Forwarded-For"] = f"10.{n // 65536 % 256}.{n // 256 % 256}.{n % 256}"
        Catalogue.load(self.client)

    def form_token(self, path: str, name: str) -> str:
        with self.client.get(path, name=name, catch_response=True) as response:
            match = TOKEN.search(response.text)
            if match is None:
                response.failure("no CSRF token on the page")
                return ""
            return match.group(1)

    def api_headers(self) -> dict[str, str]:
        return {"X-CSRFToken": self.client.cookies.get("csrftoken") or "", "Referer": self.host or ""}


class Browser(Visitor):
    weight = 5

    @task(3)
    def roles(self) -> None:
        self.client.get("/roles/")
        self.client.get(f"/roles/{random.choice(Catalogue.roles)}/", name="/roles/[slug]/")

    @task(3)
    def courses(self) -> None:
        self.client.get("/training/")
        self.client.get(f"/training/courses/{random.choice(Catalogue.courses)}/", name="/training/courses/[slug]/")

    @task(2)
    def runs(self) -> None:
        self.client.get("/training-centres/")
        if Catalogue.runs:
            self.client.get(
                f"/training-centres/runs/{random.choice(Catalogue.runs)}/", name="/training-centres/runs/[id]/"
            )

    @task(1)
    def centre(self) -> None:
        if Catalogue.centres:
            self.client.get(f"/centres/{random.choice(Catalogue.centres)}/", name="/centres/[slug]/")

    @task(2)
    def public_api(self) -> None:
        self.client.get("/api/v1/roles")
        self.client.get("/api/v1/courses?limit=20", name="/api/v1/courses")
        self.client.get("/api/v1/runs?limit=20", name="/api/v1/runs")

    @task(1)
    def home(self) -> None:
        self.client.get("/")


class Converter(Visitor):
    weight = 3

    @task(2)
    def journey(self) -> None:
        self.client.cookies.clear()  # a new person each time: the session holds up to three jobs
        self.client.get("/career-converter/")
        # The search results carry the "Add" forms, and so the CSRF token.
        token = self.form_token("/career-converter/from/jobs/?q=operator", "/career-converter/from/jobs/?q=")
        self.client.post(
            "/career-converter/from/jobs/",
            {"csrfmiddlewaretoken": token, "key": random.choice(OCCUPATIONS)},
            name="/career-converter/from/jobs/ (add)",
        )
        self.client.get("/career-converter/results/")
        role = random.choice(Catalogue.roles)
        # The role page shows the dated training plan (the MILP planner) for this person.
        self.client.get(f"/career-converter/results/{role}/", name="/career-converter/results/[role]/")

    @task(3)
    def api_matches(self) -> None:
        body = {"occupations": [random.choice(OCCUPATIONS)], "skills": [{"skill": "gmp", "level": 2}], "limit": 10}
        self.client.post("/api/v1/converter/matches", json=body)

    @task(1)
    def api_plan(self) -> None:
        body = {"occupations": [random.choice(OCCUPATIONS)], "role": random.choice(Catalogue.roles)}
        with self.client.post("/api/v1/converter/plan", json=body, catch_response=True) as response:
            if response.status_code == 422:  # a role the person cannot be planned for is an answer
                response.success()


class Learner(Visitor):
    weight = 2
    numbers = itertools.count()

    def on_start(self) -> None:
        super().on_start()
        self.email = f"load{next(self.numbers) % USERS}@example.com"
        self.bookings: list[int] = []
        token = self.form_token("/account/sign-in/", "/account/sign-in/")
        with self.client.post(
            "/account/sign-in/",
            {"csrfmiddlewaretoken": token, "username": self.email, "password": PASSWORD},
            name="/account/sign-in/ (POST)",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"sign-in answered {response.status_code}")

    @task(3)
    def book(self) -> None:
        if not Catalogue.runs:
            return
        run = random.choice(Catalogue.runs)
        self.client.get(f"/api/v1/runs/{run}", name="/api/v1/runs/[id]")
        with self.client.post(
            f"/api/v1/runs/{run}/book",
            json={},
            headers=self.api_headers(),
            name="/api/v1/runs/[id]/book",
            catch_response=True,
        ) as response:
            if response.status_code == 201:
                self.bookings.append(response.json()["id"])
                response.success()
            elif response.status_code in {409, 422}:  # already booked, prerequisites missing: refusals
                response.success()

    @task(2)
    def my_bookings(self) -> None:
        self.client.get("/api/v1/bookings")
        self.client.get("/bookings/")

    @task(1)
    def cancel(self) -> None:
        if not self.bookings:
            return
        booking = self.bookings.pop()
        with self.client.post(
            f"/api/v1/bookings/{booking}/cancel",
            headers=self.api_headers(),
            name="/api/v1/bookings/[id]/cancel",
            catch_response=True,
        ) as response:
            if response.status_code == 409:  # already cancelled elsewhere
                response.success()

    @task(2)
    def learning(self) -> None:
        self.client.get("/training/dashboard/")
        self.client.get("/training/plan/")
