"""The Career Converter's personal data, for export and erasure (see `accounts/privacy.py`).

A saved assessment holds a person's previous jobs, skills and, if they chose to keep it, their CV text:
all deleted through `services.assessment_delete`. Anonymous use keeps its answers only in the session
(`journey.py`); nothing else is stored, so the retention rule here is for those sessions: an anonymous
session untouched for `SKILLSNET_ANON_RETENTION_DAYS` (30) is deleted even if the session cookie's own
lifetime (`SESSION_COOKIE_AGE`) would keep it longer. Expired sessions go with `clearsessions`.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.sessions.models import Session

from skillsnet.accounts.privacy import Erasure, register, retention
from skillsnet.converter import services
from skillsnet.converter.models import Assessment


def _erase_assessments(erasure: Erasure) -> None:
    for assessment in Assessment.objects.filter(owner=erasure.user):
        services.assessment_delete(assessment=assessment, actor=erasure.user)
        erasure.count("assessments", "deleted", 1)


register(
    key="assessments",
    model=Assessment,
    title="Saved Career Converter assessments (previous jobs, skills, and CV text if you kept it)",
    rows=lambda user: Assessment.objects.filter(owner=user).order_by("created_at", "id"),
    erase=_erase_assessments,
    erasure="deleted",
    order=30,
    tabular=False,
    exclude=["owner"],
)


def _purge_anonymous_sessions(now: datetime, cutoff: datetime) -> int:
    """Anonymous sessions last saved more than the retention period ago (their expiry = last save + age)."""
    if "db" not in settings.SESSION_ENGINE:
        return 0  # cache or cookie sessions expire on their own
    last_saved_before = cutoff + timedelta(seconds=settings.SESSION_COOKIE_AGE)
    stale = Session.objects.filter(expire_date__gte=now, expire_date__lt=last_saved_before)
    doomed = [s.pk for s in stale.iterator() if "_auth_user_id" not in s.get_decoded()]
    return Session.objects.filter(pk__in=doomed).delete()[0]


retention(
    name="converter.anonymous_sessions",
    description="anonymous Career Converter answers (sessions) last saved before the period",
    setting="SKILLSNET_ANON_RETENTION_DAYS",
    default_days=30,
    purge=_purge_anonymous_sessions,
)
