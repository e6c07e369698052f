"""Course feedback: a learner's rating (1–5) of a course they enrolled on or attended, one per course.

The learning app has no ratings of its own; provider statistics and the programme dashboard read these.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone

from skillsnet.catalogue.models import Course


class CourseFeedback(models.Model):
    learner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="course_feedback")
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="feedback")
    rating = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(5)])
    comment = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-updated_at", "-id"]
        verbose_name_plural = "course feedback"
        constraints = [
            models.UniqueConstraint(fields=["learner", "course"], name="insights_one_feedback_per_course"),
            models.CheckConstraint(condition=Q(rating__gte=1) & Q(rating__lte=5), name="insights_rating_1_5"),
        ]

    def __str__(self) -> str:
        return f"{self.course}: {self.rating}/5 from {self.learner}"
