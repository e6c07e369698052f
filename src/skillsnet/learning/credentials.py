"""Credentials: what a course's assessment supports, issuing a signed Open Badge for it, and revoking one."""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from django.db import models, transaction
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from skillsnet.accounts.models import User
from skillsnet.accounts.services import audit_log
from skillsnet.catalogue.models import LEVEL_LABELS, Course, Skill
from skillsnet.learning import openbadges, signing, xapi
from skillsnet.learning.models import ContentStatus, Credential, Lesson
from skillsnet.learning.records import CredentialError, learner_identity


@dataclass(frozen=True)
class Assessment:
    """How an online course is assessed: its published knowledge checks."""

    checks: int
    questions: int
    pass_marks: tuple[int, ...]

    def narrative(self, course: Course, supported: Mapping[str, int]) -> str:
        """The credential's criteria: what was assessed, how, the pass mark and the level each skill gets."""
        if self.checks:
            marks = "/".join(f"{mark}%" for mark in self.pass_marks)
            how = (
                f"{self.questions} multiple-choice question{'s' if self.questions != 1 else ''} in "
                f"{self.checks} online knowledge check{'s' if self.checks != 1 else ''}, each passed at {marks}"
            )
        else:
            how = "no assessed knowledge check: completion of every lesson only"
        levels = "; ".join(
            f"{link.skill.name}: {LEVEL_LABELS.get(supported.get(link.skill.slug, 0), '?')}"
            f" ({supported.get(link.skill.slug, 0)} of 4)"
            for link in course.skills_taught.select_related("skill").order_by("skill__name")
        )
        return (
            f"Completed every lesson of the online course ‘{course.title}’ from {course.provider.name}. "
            f"Assessment: {how}. An online assessment cannot observe practical work, so practical skills are "
            f"recorded at awareness at most. Level the evidence supports: {levels}."
        )


def course_assessment(course: Course) -> Assessment:
    """The course's published knowledge checks (lessons with questions), as its credential states them."""
    lessons = (
        Lesson.objects.filter(
            module__course=course, module__status=ContentStatus.PUBLISHED, status=ContentStatus.PUBLISHED
        )
        .annotate(question_count=Count("questions"))
        .filter(question_count__gt=0)
    )
    counts = [(lesson.question_count, lesson.pass_mark) for lesson in lessons]
    return Assessment(
        checks=len(counts),
        questions=sum(n for n, _ in counts),
        pass_marks=tuple(sorted({mark for _, mark in counts})),
    )


def _aligned(skills: Sequence[Skill | str], levels: Mapping[str, int] | None = None) -> list[openbadges.AlignedSkill]:
    slugs = [s for s in skills if isinstance(s, str)]
    rows = [s for s in skills if isinstance(s, Skill)]
    if slugs:
        found = {s.slug: s for s in Skill.objects.filter(slug__in=slugs)}
        unknown = sorted(set(slugs) - found.keys())
        if unknown:
            raise CredentialError(f"Unknown skills: {', '.join(unknown)}.")
        rows.extend(found[s] for s in slugs)
    aligned = []
    for skill in rows:
        level = (levels or {}).get(skill.slug)
        note = f"Level the assessment supports: {LEVEL_LABELS.get(level, '?')} ({level} of 4)" if level else ""
        if skill.esco_uri:
            aligned.append(openbadges.AlignedSkill(skill.name, skill.esco_uri, skill.esco_uri, "ESCO", note))
        else:
            url = xapi.absolute(reverse("catalogue:skill", args=[skill.slug]))
            aligned.append(openbadges.AlignedSkill(skill.name, url, skill.slug, "skillsnet skills", note))
    return aligned


@transaction.atomic
def credential_issue(
    *,
    learner: User,
    achievement_name: str,
    description: str,
    skills: Sequence[Skill | str],
    expires_at: datetime | None = None,
    source_object: models.Model | None = None,
    criteria: str = "",
    achievement_id: str = "",
    skill_levels: Mapping[str, int] | None = None,
) -> Credential:
    """Issue an Open Badges 3.0 credential to `learner`, signed as a VC-JWT with the platform's key.

    Generic: online completions call it, and so can practical qualifications (pass `expires_at` for a
    sign-off that must be renewed). `skills` are Skill rows or slugs; each is aligned to its ESCO URI.
    Idempotent per `source_object`: a second call returns the credential already issued for it.
    """
    if not achievement_name.strip():
        raise CredentialError("A credential needs the name of the achievement.")
    now = timezone.now().replace(microsecond=0)
    if expires_at is not None and (timezone.is_naive(expires_at) or expires_at <= timezone.now()):
        raise CredentialError("The expiry of a credential must be a timezone-aware time in the future.")
    source_type = source_object._meta.label_lower if source_object is not None else ""
    source_id = str(source_object.pk) if source_object is not None else ""
    if source_type:
        existing = Credential.objects.filter(source_type=source_type, source_id=source_id).first()
        if existing is not None:
            return existing
    aligned = _aligned(skills, skill_levels)
    try:
        signing.private_key()
    except signing.SigningKeyMissing as exc:
        raise CredentialError(str(exc)) from None
    credential_id = uuid.uuid4()
    identity = learner_identity(learner)
    document = openbadges.credential_document(
        credential_id=str(credential_id),
        subject_id=f"urn:uuid:{identity.opaque_id}",
        identity=openbadges.email_identity(learner.email, secrets.token_hex(8)),
        achievement_id=achievement_id or f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, achievement_name)}",
        achievement_name=achievement_name.strip(),
        description=description.strip(),
        criteria=criteria.strip(),
        skills=aligned,
        valid_from=now,
        valid_until=expires_at,
    )
    token = signing.sign(openbadges.jwt_claims(document, now, expires_at))
    credential = Credential.objects.create(
        id=credential_id,
        learner=learner,
        achievement_name=achievement_name.strip(),
        description=description.strip(),
        issued_at=now,
        expires_at=expires_at,
        source_type=source_type,
        source_id=source_id,
        document=document,
        jwt=token,
    )
    audit_log(
        action="learning.credential.issued",
        subject=learner,
        obj=credential,
        data={"achievement": credential.achievement_name, "source": f"{source_type}:{source_id}"},
    )
    return credential


@transaction.atomic
def credential_revoke(*, credential: Credential, actor: User | None, reason: str) -> Credential:
    """Revoke `credential`; verification reports it as revoked from now on."""
    reason = reason.strip()
    if not reason:
        raise CredentialError("Give the reason for revoking the credential: the verification page shows it.")
    credential = Credential.objects.select_for_update().get(pk=credential.pk)
    if credential.revoked_at is not None:
        raise CredentialError("This credential is already revoked.")
    credential.revoked_at = timezone.now()
    credential.revocation_reason = reason[:300]
    credential.save(update_fields=["revoked_at", "revocation_reason"])
    audit_log(
        action="learning.credential.revoked",
        actor=actor,
        subject=credential.learner,
        obj=credential,
        data={"reason": credential.revocation_reason},
    )
    return credential
