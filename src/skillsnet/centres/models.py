"""National Training Centres. Course runs, bookings and attendance arrive with the Centres issue."""

from __future__ import annotations

from django.db import models


class Centre(models.Model):
    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=200)
    organisation = models.CharField(max_length=200)
    address = models.TextField()
    region = models.CharField(max_length=80, db_index=True)
    latitude = models.FloatField()
    longitude = models.FloatField()
    facilities = models.JSONField(default=list, blank=True)
    accessibility = models.TextField(blank=True)
    contact_email = models.EmailField(blank=True)
    contact_phone = models.CharField(max_length=40, blank=True)
    website = models.URLField(blank=True)
    courses = models.ManyToManyField(
        "catalogue.Course", blank=True, related_name="centres", help_text="On-site courses this centre delivers."
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
