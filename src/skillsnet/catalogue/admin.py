"""Admin for the catalogue. ESCO adds ~14,000 skills, so every skill field is an autocomplete."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models

from skillsnet.catalogue.models import (
    CareerRoute,
    CatalogueVersion,
    Course,
    CoursePrerequisite,
    CourseSkill,
    EscoSkillLink,
    OccupationSkill,
    Provider,
    Role,
    RoleSkill,
    Sector,
    Skill,
    SkillTransfer,
    SourceOccupation,
)
from skillsnet.catalogue.requirements import ENTRY_REQUIREMENTS, describe

REQUIREMENTS_HELP = 'A list of codes, such as ["science-degree"]. ' + "; ".join(
    f"{r.code}: {r.sentence}" for r in ENTRY_REQUIREMENTS.values()
)


def _requirements_text(codes: list[str]) -> str:
    return ", ".join(r.label for r in describe(codes)) or "–"


# Web addresses typed without a scheme are https (Django 6's default; saying so silences its warning).
URL_FIELDS: dict[type[models.Field[Any, Any]], dict[str, Any]] = {models.URLField: {"assume_scheme": "https"}}


class RoleSkillInline(admin.TabularInline[RoleSkill, Role]):
    model = RoleSkill
    extra = 0
    autocomplete_fields = ["skill"]


class OccupationSkillInline(admin.TabularInline[OccupationSkill, SourceOccupation]):
    model = OccupationSkill
    extra = 0
    autocomplete_fields = ["skill"]


class CourseSkillInline(admin.TabularInline[CourseSkill, Course]):
    model = CourseSkill
    extra = 0
    autocomplete_fields = ["skill"]


class CoursePrerequisiteInline(admin.TabularInline[CoursePrerequisite, Course]):
    model = CoursePrerequisite
    fk_name = "course"
    extra = 0
    autocomplete_fields = ["requires"]
    verbose_name = "prerequisite"


class TransferOutInline(admin.TabularInline[SkillTransfer, Skill]):
    model = SkillTransfer
    fk_name = "from_skill"
    extra = 0
    autocomplete_fields = ["to_skill"]
    verbose_name = "transfer to another skill"
    verbose_name_plural = "transfers to other skills"


class TransferInInline(admin.TabularInline[SkillTransfer, Skill]):
    model = SkillTransfer
    fk_name = "to_skill"
    extra = 0
    autocomplete_fields = ["from_skill"]
    verbose_name = "transfer from another skill"
    verbose_name_plural = "transfers from other skills"


@admin.register(Sector)
class SectorAdmin(admin.ModelAdmin[Sector]):
    list_display = ["name", "slug"]
    search_fields = ["name", "slug"]


@admin.register(Skill)
class SkillAdmin(admin.ModelAdmin[Skill]):
    formfield_overrides = URL_FIELDS
    list_display = ["name", "slug", "kind", "category", "generic", "origin"]
    list_filter = ["origin", "kind", "generic", "category"]
    search_fields = ["name", "slug", "search_text", "esco_uri"]
    readonly_fields = ["esco_alt_labels"]
    inlines = [TransferOutInline, TransferInInline]


@admin.register(SkillTransfer)
class SkillTransferAdmin(admin.ModelAdmin[SkillTransfer]):
    list_display = ["from_skill", "to_skill", "credit", "rationale"]
    list_select_related = ["from_skill", "to_skill"]
    search_fields = ["from_skill__name", "to_skill__name", "rationale"]
    autocomplete_fields = ["from_skill", "to_skill"]


@admin.register(Role)
class RoleAdmin(admin.ModelAdmin[Role]):
    formfield_overrides = URL_FIELDS
    list_display = ["title", "family", "entry_level", "requirements", "shortage"]
    list_filter = ["family", "entry_level", "shortage"]
    search_fields = ["title", "slug", "description"]
    inlines = [RoleSkillInline]

    @admin.display(description="entry requirements")
    def requirements(self, obj: Role) -> str:
        return _requirements_text(obj.entry_requirements)

    def get_form(self, request: Any, obj: Any = None, change: bool = False, **kwargs: Any) -> Any:
        kwargs.setdefault("help_texts", {"entry_requirements": REQUIREMENTS_HELP})
        return super().get_form(request, obj, change, **kwargs)


@admin.register(SourceOccupation)
class SourceOccupationAdmin(admin.ModelAdmin[SourceOccupation]):
    formfield_overrides = URL_FIELDS
    list_display = ["title", "sector", "origin", "soc_code", "isco_code"]
    list_filter = ["origin", "sector"]
    list_select_related = ["sector"]
    search_fields = ["title", "slug", "search_text", "esco_uri"]
    autocomplete_fields = ["sector"]
    inlines = [OccupationSkillInline]

    def get_form(self, request: Any, obj: Any = None, change: bool = False, **kwargs: Any) -> Any:
        kwargs.setdefault("help_texts", {"credentials": REQUIREMENTS_HELP})
        return super().get_form(request, obj, change, **kwargs)


@admin.register(CareerRoute)
class CareerRouteAdmin(admin.ModelAdmin[CareerRoute]):
    list_display = ["isco", "name"]
    search_fields = ["isco", "name", "rationale"]


@admin.register(Provider)
class ProviderAdmin(admin.ModelAdmin[Provider]):
    formfield_overrides = URL_FIELDS
    list_display = ["name", "slug", "website"]
    search_fields = ["name", "slug"]


@admin.register(Course)
class CourseAdmin(admin.ModelAdmin[Course]):
    list_display = ["title", "provider", "mode", "hours", "cost", "level"]
    list_filter = ["mode", "level", "provider"]
    list_select_related = ["provider"]
    search_fields = ["title", "slug", "description"]
    autocomplete_fields = ["provider"]
    inlines = [CourseSkillInline, CoursePrerequisiteInline]


@admin.register(CatalogueVersion)
class CatalogueVersionAdmin(admin.ModelAdmin[CatalogueVersion]):
    list_display = ["version", "updated_at"]
    readonly_fields = ["version", "updated_at"]

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_delete_permission(self, request: object, obj: object = None) -> bool:
        return False


@admin.register(EscoSkillLink)
class EscoSkillLinkAdmin(admin.ModelAdmin[EscoSkillLink]):
    """Read-only: the bridge is data/esco_bridge.csv, built by `build_esco_bridge` and loaded by `import_esco`."""

    list_display = ["esco_skill", "skill", "strength", "method", "reviewed", "note"]
    list_filter = ["method", "reviewed"]
    search_fields = ["esco_skill__name", "skill__name", "skill__slug", "note"]
    list_select_related = ["esco_skill", "skill"]
    ordering = ["-strength", "esco_skill__name"]

    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False
