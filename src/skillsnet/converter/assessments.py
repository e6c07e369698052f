"""Saved assessments: what a person's answers are kept as, and saving, renaming and deleting them."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction

from skillsnet.accounts.models import User
from skillsnet.accounts.services import audit_log
from skillsnet.catalogue.requirements import ENTRY_REQUIREMENTS
from skillsnet.converter.documents import MAX_CHARS
from skillsnet.converter.models import Assessment
from skillsnet.converter.profiles import MAX_NAME, MAX_OCCUPATIONS, MAX_SKILLS, ConverterError


def clean_inputs(raw: Mapping[str, Any] | None) -> dict[str, Any]:
    """The stored form of a person's answers, keeping only well-formed values (old or tampered data is
    dropped quietly rather than failing the page)."""
    raw = raw or {}

    def level_map(value: Any) -> dict[str, int]:
        if not isinstance(value, dict):
            return {}
        return {
            str(k)[:120]: v
            for k, v in list(value.items())[:MAX_SKILLS]
            if isinstance(v, int) and not isinstance(v, bool) and 0 <= v <= 4
        }

    occupations = [str(o)[:255] for o in raw.get("occupations") or [] if isinstance(o, str) and o.strip()]
    cv_skills = []
    for item in raw.get("cv_skills") or []:
        # [slug, level, quote] or, since the reader gives reasons, [slug, level, quote, why this level]
        if isinstance(item, list | tuple) and len(item) in (3, 4) and isinstance(item[1], int) and 1 <= item[1] <= 4:
            cv_skills.append([str(item[0])[:120], item[1], *(str(part)[:400] for part in item[2:])])
    cleaned: dict[str, Any] = {
        "occupations": list(dict.fromkeys(occupations))[:MAX_OCCUPATIONS],
        "skills": level_map(raw.get("skills")),
        "cv_skills": cv_skills[:MAX_SKILLS],
        "adjusted": level_map(raw.get("adjusted")),
        "removed": [str(s)[:120] for s in raw.get("removed") or [] if isinstance(s, str)][:MAX_SKILLS],
        # CV skills whose suggested level the person confirmed on the review page
        "confirmed": [str(s)[:120] for s in raw.get("confirmed") or [] if isinstance(s, str)][:MAX_SKILLS],
        "credentials": [c for c in raw.get("credentials") or [] if isinstance(c, str) and c in ENTRY_REQUIREMENTS],
        "cv_credentials": [
            [str(item[0]), str(item[1])[:200]]
            for item in raw.get("cv_credentials") or []
            if isinstance(item, list | tuple) and len(item) == 2 and item[0] in ENTRY_REQUIREMENTS
        ],
    }
    cv_text = raw.get("cv_text")
    if isinstance(cv_text, str) and cv_text.strip():
        cleaned["cv_text"] = cv_text[:MAX_CHARS]
    return cleaned


def _name(name: str) -> str:
    cleaned = " ".join((name or "").split())
    if not cleaned:
        raise ConverterError("Enter a name for this assessment.", field="name")
    if len(cleaned) > MAX_NAME:
        raise ConverterError(f"The name must be {MAX_NAME} characters or fewer.", field="name")
    return cleaned


@transaction.atomic
def assessment_save(
    *,
    owner: User,
    name: str,
    inputs: Mapping[str, Any],
    keep_cv_text: bool = False,
    assessment: Assessment | None = None,
) -> Assessment:
    """Save a person's answers (never the results) as a new assessment, or over one they own.

    CV text is stored only when the person asked to keep it (`keep_cv_text`).
    """
    cleaned = clean_inputs(inputs)
    if not keep_cv_text:
        cleaned.pop("cv_text", None)
    if not (cleaned["occupations"] or cleaned["skills"] or cleaned["cv_skills"] or cleaned["adjusted"]):
        raise ConverterError("There is nothing to save yet: give at least one previous job, skill or your CV.")
    if assessment is not None and assessment.owner_id != owner.pk:
        raise ConverterError("You can only update your own assessments.")
    if assessment is None:
        assessment = Assessment.objects.create(owner=owner, name=_name(name), inputs=cleaned)
    else:
        assessment.name = _name(name)
        assessment.inputs = cleaned
        assessment.save(update_fields=["name", "inputs", "updated_at"])
    audit_log(
        action="converter.assessment.saved",
        actor=owner,
        subject=owner,
        obj=assessment,
        data={"cv_text_kept": "cv_text" in cleaned},
    )
    return assessment


@transaction.atomic
def assessment_rename(*, assessment: Assessment, name: str, actor: User) -> Assessment:
    old = assessment.name
    assessment.name = _name(name)
    assessment.save(update_fields=["name", "updated_at"])
    audit_log(
        action="converter.assessment.renamed",
        actor=actor,
        subject=assessment.owner,
        obj=assessment,
        data={"from": old, "to": assessment.name},
    )
    return assessment


@transaction.atomic
def assessment_delete(*, assessment: Assessment, actor: User) -> None:
    audit_log(
        action="converter.assessment.deleted",
        actor=actor,
        subject=assessment.owner,
        obj=assessment,
        data={"name": assessment.name},
    )
    assessment.delete()
