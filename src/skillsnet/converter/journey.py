"""The person's answers while they go through the converter, kept in their session.

Only inputs and reviewed evidence are kept (a few kilobytes at most), never results: those are
recomputed from the current catalogue on every page. CV text itself is kept only when the person ticked
"keep my CV text"; otherwise only the skills read from it (with the short phrases quoted) stay.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest

from skillsnet.accounts.models import User
from skillsnet.converter import services

SESSION_KEY = "converter"


@dataclass
class Journey:
    occupations: list[str] = field(default_factory=list)
    skills: dict[str, int] = field(default_factory=dict)
    cv_skills: list[list[Any]] = field(default_factory=list)  # [slug, level, quote, why this level]
    adjusted: dict[str, int] = field(default_factory=dict)
    removed: list[str] = field(default_factory=list)
    confirmed: list[str] = field(default_factory=list)  # CV skills whose suggested level the person confirmed
    credentials: list[str] = field(default_factory=list)  # entry-requirement codes the person ticked
    cv_credentials: list[list[str]] = field(default_factory=list)  # [code, sentence] read from their CV
    cv_text: str = ""
    cv_name: str = ""  # the uploaded file's name, or "" for pasted text
    # [key, title, quote]: the jobs the CV names (services.jobs_in_cv), offered as previous jobs
    cv_jobs: list[list[str]] = field(default_factory=list)
    assessment_id: int | None = None  # the saved assessment this journey was opened from or saved as
    assessment_name: str = ""

    @classmethod
    def from_inputs(cls, inputs: dict[str, Any]) -> Journey:
        cleaned = services.clean_inputs(inputs)
        return cls(
            occupations=cleaned["occupations"],
            skills=cleaned["skills"],
            cv_skills=cleaned["cv_skills"],
            adjusted=cleaned["adjusted"],
            removed=cleaned["removed"],
            confirmed=cleaned["confirmed"],
            credentials=cleaned["credentials"],
            cv_credentials=cleaned["cv_credentials"],
            cv_text=cleaned.get("cv_text", ""),
        )

    def rate(self, slug: str, level: int | None) -> None:
        """The person's own level for a skill (0 removes the rating; None leaves it as it is)."""
        if level is None:
            return
        if level:
            self.skills[slug] = level
        else:
            self.skills.pop(slug, None)
        # A new rating replaces any level set or removal on the review page.
        self.adjusted.pop(slug, None)
        self.removed = [s for s in self.removed if s != slug]

    def unrate(self, slug: str) -> None:
        self.skills.pop(slug, None)

    def rated(self, names: Mapping[str, str]) -> list[tuple[str, str, int]]:
        """(slug, name, level) of each skill the person rated above 0, by name."""
        rows = [(slug, names.get(slug, slug), level) for slug, level in self.skills.items() if level]
        return sorted(rows, key=lambda r: r[1].lower())

    def inputs(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "occupations": self.occupations,
            "skills": self.skills,
            "cv_skills": self.cv_skills,
            "adjusted": self.adjusted,
            "removed": self.removed,
            "confirmed": self.confirmed,
            "credentials": self.credentials,
            "cv_credentials": self.cv_credentials,
        }
        if self.cv_text:
            data["cv_text"] = self.cv_text
        return data

    @property
    def has_answers(self) -> bool:
        return bool(self.occupations or self.skills or self.cv_skills or self.adjusted)

    def cv_jobs_to_add(self) -> list[list[str]]:
        """The jobs the CV names that are not among the person's previous jobs yet: [key, title, quote]."""
        return [item for item in self.cv_jobs if item[0] not in self.occupations]

    def cv_reasons(self) -> dict[str, str]:
        """Why the CV reader suggested each CV skill's level, by slug ("" when it gave no reason)."""
        return {item[0]: (item[3] if len(item) > 3 else "") for item in self.cv_skills}

    @property
    def credential_codes(self) -> list[str]:
        """Every credential on record, ticked or read from the CV (what the review form starts with)."""
        return list(dict.fromkeys([*self.credentials, *(code for code, _quote in self.cv_credentials)]))

    def credentials_set(self, ticked: list[str]) -> None:
        """The review form's answer: CV-read credentials stay as read if still ticked; the rest are stated."""
        self.cv_credentials = [[code, quote] for code, quote in self.cv_credentials if code in ticked]
        from_cv = {code for code, _quote in self.cv_credentials}
        self.credentials = [code for code in ticked if code not in from_cv]

    @property
    def has_cv(self) -> bool:
        return bool(self.cv_skills or self.cv_text)

    def profile(self, user: User | None) -> services.ProfileResult:
        return services.profile_build(
            occupations=self.occupations,
            skills=self.skills,
            cv_skills=[(item[0], item[1], item[2]) for item in self.cv_skills],
            adjusted=self.adjusted,
            removed=self.removed,
            credentials=self.credentials,
            cv_credentials=[(code, quote) for code, quote in self.cv_credentials],
            user=user,
        )


def load(request: HttpRequest) -> Journey:
    raw = request.session.get(SESSION_KEY)
    if not isinstance(raw, dict):
        return Journey()
    journey = Journey.from_inputs(raw)
    journey.cv_name = str(raw.get("cv_name", ""))[:200]
    journey.cv_jobs = [
        [str(part)[:255] for part in item]
        for item in raw.get("cv_jobs") or []
        if isinstance(item, list | tuple) and len(item) == 3
    ][: services.MAX_CV_JOBS]
    assessment_id = raw.get("assessment_id")
    journey.assessment_id = assessment_id if isinstance(assessment_id, int) else None
    journey.assessment_name = str(raw.get("assessment_name", ""))[:120]
    return journey


def store(request: HttpRequest, journey: Journey) -> None:
    data = journey.inputs()
    data["cv_name"] = journey.cv_name
    data["cv_jobs"] = journey.cv_jobs
    data["assessment_id"] = journey.assessment_id
    data["assessment_name"] = journey.assessment_name
    request.session[SESSION_KEY] = data


def clear(request: HttpRequest) -> None:
    request.session.pop(SESSION_KEY, None)
