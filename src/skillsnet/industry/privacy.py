"""Employers and talent search: personal data, export, erasure and retention (see `accounts/privacy.py`).

A deleted account's active consent is withdrawn through `services.consent_withdraw` (audited, and the
person leaves every search at once), then the consent history and every contact request to or from them
are deleted. Vacancies belong to the employer: they stay, without the person who wrote them.

Retention: declined contact requests are deleted `SKILLSNET_DECLINED_CONTACT_RETENTION_DAYS` (90) after
the answer, and withdrawn consents `SKILLSNET_WITHDRAWN_CONSENT_RETENTION_DAYS` (365) after withdrawal
(kept that long as the record of what the person agreed to and when).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db.models import Q

from skillsnet.accounts.models import User
from skillsnet.accounts.privacy import Erasure, not_personal, register, retention
from skillsnet.industry import selectors, services
from skillsnet.industry.models import ContactRequest, ContactStatus, TalentConsent, Vacancy, VacancySkill


def _erase_consents(erasure: Erasure) -> None:
    if selectors.active_consent(erasure.user) is not None:
        services.consent_withdraw(learner=erasure.user)
        erasure.count("consents", "withdrawn", 1)
    erasure.count("consents", "deleted", TalentConsent.objects.filter(learner=erasure.user).delete()[0])


def _contact_rows(user: User) -> Any:
    return (
        ContactRequest.objects.filter(Q(candidate=user) | Q(employer_user=user))
        .select_related("vacancy__employer")
        .order_by("created_at", "id")
    )


def _erase_contacts(erasure: Erasure) -> None:
    erasure.count("contact_requests", "deleted", _contact_rows(erasure.user).delete()[0])


def _contact_extra(obj: Any, user: User) -> dict[str, Any]:
    # Who the other side is, as the person saw it: the employer by name; never another person's id.
    return {
        "you_are": "candidate" if obj.candidate_id == user.pk else "employer staff",
        "vacancy_title": obj.vacancy.title,
        "employer": obj.vacancy.employer.name,
    }


def _erase_vacancies(erasure: Erasure) -> None:
    erasure.count(
        "vacancies_written", "anonymised", Vacancy.objects.filter(created_by=erasure.user).update(created_by=None)
    )


register(
    key="consents",
    model=TalentConsent,
    title="Your consents to be found by employers (and withdrawals)",
    rows=lambda user: TalentConsent.objects.filter(learner=user).order_by("given_at", "id"),
    erase=_erase_consents,
    erasure="withdrawn, then deleted",
    order=5,
    exclude=["learner"],
)
register(
    key="contact_requests",
    model=ContactRequest,
    title="Contact requests from employers (or, as employer staff, that you sent)",
    rows=_contact_rows,
    erase=_erase_contacts,
    erasure="deleted",
    order=6,
    fields=["id", "vacancy", "message", "status", "created_at", "decided_at"],
    columns=_contact_extra,
)
register(
    key="vacancies_written",
    model=Vacancy,
    title="Vacancies you posted for an employer",
    rows=lambda user: Vacancy.objects.filter(created_by=user).select_related("employer").order_by("created_at", "id"),
    erase=_erase_vacancies,
    erasure="kept by the employer, without your name on them",
    order=7,
    fields=["id", "title", "status", "created_at", "closing_date"],
    columns=lambda obj, user: {"employer": obj.employer.name},
)
not_personal(VacancySkill, reason="an employer's requirement; linked to a person only through who posted the vacancy")


def _purge_declined_contacts(now: datetime, cutoff: datetime) -> int:
    return ContactRequest.objects.filter(status=ContactStatus.DECLINED, decided_at__lt=cutoff).delete()[0]


def _purge_withdrawn_consents(now: datetime, cutoff: datetime) -> int:
    return TalentConsent.objects.filter(withdrawn_at__lt=cutoff).delete()[0]


retention(
    name="industry.declined_contact_requests",
    description="declined contact requests, counted from the answer",
    setting="SKILLSNET_DECLINED_CONTACT_RETENTION_DAYS",
    default_days=90,
    purge=_purge_declined_contacts,
)
retention(
    name="industry.withdrawn_consents",
    description="withdrawn consents, counted from the withdrawal",
    setting="SKILLSNET_WITHDRAWN_CONSENT_RETENTION_DAYS",
    default_days=365,
    purge=_purge_withdrawn_consents,
)
