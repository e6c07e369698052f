"""Every write about employers, vacancies, consent and contact requests goes through here."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from skillsnet.accounts.models import Role, UKRegion, User
from skillsnet.accounts.services import AccountError, audit_log, role_grant
from skillsnet.catalogue.models import Role as CatalogueRole
from skillsnet.catalogue.models import Skill
from skillsnet.industry import selectors
from skillsnet.industry.models import (
    ContactRequest,
    ContactStatus,
    Employer,
    TalentConsent,
    Vacancy,
    VacancySkill,
    VacancyStatus,
)
from skillsnet.tasks import enqueue_on_commit, send_email

MAX_MESSAGE = 2000
VACANCY_FIELDS = ("title", "location", "region", "closing_date", "description", "role")


class IndustryError(Exception):
    """A request about employers, vacancies or consent that cannot be carried out; the message is for the person."""


# ---------------------------------------------------------------- employers


@transaction.atomic
def employer_create(
    *, slug: str, name: str, region: str = "", website: str = "", description: str = "", actor: User | None = None
) -> Employer:
    if Employer.objects.filter(slug=slug).exists():
        raise IndustryError(f"There is already an employer '{slug}'.")
    if region and region not in UKRegion.values:
        raise IndustryError("Choose a UK region for the employer.")
    employer = Employer.objects.create(slug=slug, name=name, region=region, website=website, description=description)
    audit_log(action="industry.employer.created", actor=actor, obj=employer, data={"slug": slug})
    return employer


@transaction.atomic
def employer_staff_add(*, employer: Employer, user: User, actor: User | None = None) -> None:
    """Make `user` one of the employer's staff (an employer role scoped to the employer's slug)."""
    try:
        role_grant(user=user, role=Role.EMPLOYER, scope=employer.slug)
    except AccountError as exc:
        raise IndustryError(str(exc)) from None


# ---------------------------------------------------------------- vacancies


def _check_vacancy(*, title: str, location: str, region: str, closing_date: date, description: str) -> None:
    if not title.strip():
        raise IndustryError("Enter a job title.")
    if not location.strip():
        raise IndustryError("Enter where the job is.")
    if region not in UKRegion.values:
        raise IndustryError("Choose the UK region the job is in.")
    if closing_date < timezone.localdate():
        raise IndustryError("The closing date must be today or in the future.")
    if not description.strip():
        raise IndustryError("Describe the job.")


@transaction.atomic
def vacancy_create(
    *,
    employer: Employer,
    role: CatalogueRole,
    title: str,
    location: str,
    region: str,
    closing_date: date,
    description: str,
    actor: User | None,
) -> Vacancy:
    """Post a vacancy for a catalogue role; its required skills start as a copy of the role's."""
    _check_vacancy(title=title, location=location, region=region, closing_date=closing_date, description=description)
    now = timezone.now()
    vacancy = Vacancy.objects.create(
        employer=employer,
        role=role,
        title=title.strip(),
        location=location.strip(),
        region=region,
        closing_date=closing_date,
        description=description.strip(),
        created_by=actor,
        created_at=now,
        updated_at=now,
    )
    VacancySkill.objects.bulk_create(
        VacancySkill(vacancy=vacancy, skill_id=req.skill_id, level=req.level, essential=req.essential)
        for req in role.requirements.all()
    )
    audit_log(
        action="industry.vacancy.created",
        actor=actor,
        obj=vacancy,
        data={"employer": employer.slug, "role": role.slug, "skills": vacancy.skills.count()},
    )
    return vacancy


@transaction.atomic
def vacancy_update(*, vacancy: Vacancy, actor: User, **changes: Any) -> Vacancy:
    """Change a vacancy's details (any of title, location, region, closing_date, description, role).

    Changing the role does not change the required skills: the employer has edited those on purpose.
    """
    unknown = set(changes) - set(VACANCY_FIELDS)
    if unknown:
        raise IndustryError(f"A vacancy has no field {', '.join(sorted(unknown))}.")
    merged = {name: changes.get(name, getattr(vacancy, name)) for name in VACANCY_FIELDS}
    if "closing_date" in changes or vacancy.status == VacancyStatus.OPEN:
        _check_vacancy(**{k: v for k, v in merged.items() if k != "role"})
    changed = [name for name in VACANCY_FIELDS if merged[name] != getattr(vacancy, name)]
    for name in changed:
        value = merged[name]
        setattr(vacancy, name, value.strip() if isinstance(value, str) and name != "region" else value)
    if changed:
        vacancy.updated_at = timezone.now()
        vacancy.save(update_fields=[*changed, "updated_at"])
        audit_log(action="industry.vacancy.updated", actor=actor, obj=vacancy, data={"fields": changed})
    return vacancy


@transaction.atomic
def vacancy_close(*, vacancy: Vacancy, actor: User) -> Vacancy:
    """Close a vacancy: it leaves the public lists and its candidate search. Pending requests stay as they are."""
    if vacancy.status == VacancyStatus.CLOSED:
        raise IndustryError("This vacancy is already closed.")
    vacancy.status = VacancyStatus.CLOSED
    vacancy.closed_at = vacancy.updated_at = timezone.now()
    vacancy.save(update_fields=["status", "closed_at", "updated_at"])
    audit_log(action="industry.vacancy.closed", actor=actor, obj=vacancy)
    return vacancy


@transaction.atomic
def vacancy_skills_set(*, vacancy: Vacancy, skills: Mapping[str, tuple[int, bool]], actor: User) -> Vacancy:
    """Replace the vacancy's required skills: skill slug -> (level 1–4, essential)."""
    if not skills:
        raise IndustryError("A vacancy needs at least one required skill.")
    for slug, (level, _essential) in skills.items():
        if not 1 <= int(level) <= 4:
            raise IndustryError(f"The level for '{slug}' must be from 1 to 4.")
    rows = dict(Skill.objects.filter(slug__in=list(skills)).values_list("slug", "pk"))
    missing = sorted(set(skills) - set(rows))
    if missing:
        raise IndustryError(f"We do not know the skill '{missing[0]}'.")
    before = {
        s.skill.slug: (s.level, s.essential)
        for s in VacancySkill.objects.filter(vacancy=vacancy).select_related("skill")
    }
    VacancySkill.objects.filter(vacancy=vacancy).delete()
    VacancySkill.objects.bulk_create(
        VacancySkill(vacancy=vacancy, skill_id=rows[slug], level=int(level), essential=bool(essential))
        for slug, (level, essential) in sorted(skills.items())
    )
    after = {slug: (int(level), bool(essential)) for slug, (level, essential) in skills.items()}
    if before != after:
        vacancy.updated_at = timezone.now()
        vacancy.save(update_fields=["updated_at"])
        audit_log(
            action="industry.vacancy.updated",
            actor=actor,
            obj=vacancy,
            data={
                "fields": ["skills"],
                "added": sorted(set(after) - set(before)),
                "removed": sorted(set(before) - set(after)),
            },
        )
    return vacancy


# ---------------------------------------------------------------- consent


@transaction.atomic
def consent_give(*, learner: User, statement_version: str = selectors.STATEMENT_VERSION) -> TalentConsent:
    """Make the learner discoverable by employers (idempotent while a consent is active)."""
    existing = TalentConsent.objects.select_for_update().filter(learner=learner, withdrawn_at__isnull=True).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            consent = TalentConsent.objects.create(learner=learner, statement_version=statement_version)
    except IntegrityError:
        # A double submit: the other request recorded the consent first.
        return TalentConsent.objects.get(learner=learner, withdrawn_at__isnull=True)
    audit_log(
        action="industry.consent.given",
        actor=learner,
        subject=learner,
        obj=consent,
        data={"statement_version": statement_version},
    )
    return consent


@transaction.atomic
def consent_withdraw(*, learner: User) -> TalentConsent:
    """Stop being discoverable, at once: the learner leaves every search, and pending contact requests are
    hidden from employers. Contacts already accepted keep the name and email they were given."""
    consent = TalentConsent.objects.select_for_update().filter(learner=learner, withdrawn_at__isnull=True).first()
    if consent is None:
        raise IndustryError("You are not discoverable by employers, so there is nothing to withdraw.")
    consent.withdrawn_at = timezone.now()
    consent.save(update_fields=["withdrawn_at"])
    hidden = ContactRequest.objects.filter(candidate=learner, status=ContactStatus.PENDING).count()
    audit_log(
        action="industry.consent.withdrawn",
        actor=learner,
        subject=learner,
        obj=consent,
        data={"pending_requests_hidden": hidden},
    )
    return consent


# ---------------------------------------------------------------- contact requests


def _base_url() -> str:
    return str(getattr(settings, "SKILLSNET_BASE_URL", "")).rstrip("/")


@transaction.atomic
def contact_request(*, vacancy: Vacancy, employer_user: User, candidate: User, message: str) -> ContactRequest:
    """An employer asks a consenting candidate, about one vacancy, whether they may contact them."""
    message = message.strip()
    if not message:
        raise IndustryError("Write a message to the candidate.")
    if len(message) > MAX_MESSAGE:
        raise IndustryError(f"The message must be {MAX_MESSAGE} characters or fewer.")
    if not vacancy.is_open:
        raise IndustryError("This vacancy is closed: reopen it or post a new one to contact candidates.")
    if selectors.active_consent(candidate) is None:
        raise IndustryError("This candidate is no longer discoverable.")
    if ContactRequest.objects.filter(vacancy=vacancy, candidate=candidate).exists():
        raise IndustryError("You have already asked this candidate about this vacancy.")
    try:
        with transaction.atomic():
            request = ContactRequest.objects.create(
                vacancy=vacancy, employer_user=employer_user, candidate=candidate, message=message
            )
    except IntegrityError:
        raise IndustryError("You have already asked this candidate about this vacancy.") from None
    audit_log(
        action="industry.contact.requested",
        actor=employer_user,
        subject=candidate,
        obj=request,
        data={"vacancy": vacancy.pk, "employer": vacancy.employer.slug},
    )
    body = render_to_string(
        "industry/email/contact_requested.txt", {"request": request, "vacancy": vacancy, "base_url": _base_url()}
    )
    enqueue_on_commit(
        send_email,
        to=[candidate.email],
        subject=f"{vacancy.employer.name} would like to contact you",
        body=body,
        idempotency_key=f"industry.contact.{request.pk}.requested",
    )
    return request


@transaction.atomic
def contact_decide(*, request: ContactRequest, learner: User, accept: bool) -> ContactRequest:
    """The candidate accepts (sharing their name and email with the employer) or declines a request."""
    request = ContactRequest.objects.select_for_update().select_related("vacancy__employer").get(pk=request.pk)
    if request.candidate_id != learner.pk:
        raise IndustryError("Only the candidate can answer this request.")
    if request.status != ContactStatus.PENDING:
        raise IndustryError(f"You have already answered this request ({request.get_status_display().lower()}).")
    if accept and selectors.active_consent(learner) is None:
        raise IndustryError("Make yourself discoverable again before you accept a request.")
    request.status = ContactStatus.ACCEPTED if accept else ContactStatus.DECLINED
    request.decided_at = timezone.now()
    request.save(update_fields=["status", "decided_at"])
    audit_log(
        action="industry.contact.accepted" if accept else "industry.contact.declined",
        actor=learner,
        subject=learner,
        obj=request,
        data={"vacancy": request.vacancy_id, "employer": request.vacancy.employer.slug},
    )
    if accept:
        body = render_to_string("industry/email/contact_accepted.txt", {"request": request, "base_url": _base_url()})
        enqueue_on_commit(
            send_email,
            to=[request.employer_user.email],
            subject=f"A candidate accepted your request about {request.vacancy.title}",
            body=body,
            idempotency_key=f"industry.contact.{request.pk}.accepted",
        )
    return request
