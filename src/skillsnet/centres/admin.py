from __future__ import annotations

from django.contrib import admin

from skillsnet.catalogue.admin import URL_FIELDS
from skillsnet.centres.models import Centre


@admin.register(Centre)
class CentreAdmin(admin.ModelAdmin[Centre]):
    formfield_overrides = URL_FIELDS
    list_display = ["name", "organisation", "region"]
    list_filter = ["region"]
    search_fields = ["name", "organisation", "slug"]
    autocomplete_fields = ["courses"]
