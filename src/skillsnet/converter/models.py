"""A saved Career Converter assessment: the person's answers, never the results.

Results are recomputed on the current catalogue whenever an assessment is opened, so a saved assessment
never shows roles or courses that have since changed. CV text is kept only when the person asks for it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import QuerySet


class AssessmentQuerySet(models.QuerySet["Assessment"]):
    def visible_to(self, user: object) -> QuerySet[Assessment]:
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(owner_id=getattr(user, "pk", None))


class Assessment(models.Model):
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="assessments")
    name = models.CharField(max_length=120)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # {"occupations": [...], "skills": {slug: level}, "cv_skills": [[slug, level, quote]], "adjusted": {...},
    #  "removed": [...], "cv_text": "..." (only when the person ticked "keep my CV text")}
    inputs = models.JSONField(default=dict)

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at", "-id"]

    def __str__(self) -> str:
        return self.name
