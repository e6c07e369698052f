"""Every write to a catalogue model bumps the catalogue version (bulk loaders bump it themselves)."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import m2m_changed, post_delete, post_save

from skillsnet.catalogue import models as m
from skillsnet.catalogue.versioning import bump_catalogue_version, signal_bumps_suppressed

WATCHED = (
    m.Sector,
    m.Skill,
    m.SkillTransfer,
    m.Role,
    m.RoleSkill,
    m.SourceOccupation,
    m.OccupationSkill,
    m.EscoSkillLink,
    m.Provider,
    m.Course,
    m.CourseSkill,
    m.CoursePrerequisite,
    m.CareerRoute,
)


def _bump(sender: Any, **kwargs: Any) -> None:
    if kwargs.get("raw") or signal_bumps_suppressed():  # loaddata fixtures, or a bulk writer
        return
    bump_catalogue_version()


for model in WATCHED:
    post_save.connect(_bump, sender=model, dispatch_uid=f"catalogue-version-save-{model.__name__}")
    post_delete.connect(_bump, sender=model, dispatch_uid=f"catalogue-version-delete-{model.__name__}")
m2m_changed.connect(_bump, sender=m.Course.prerequisites.through, dispatch_uid="catalogue-version-prereq")
