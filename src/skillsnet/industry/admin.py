from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.http import HttpRequest

from skillsnet.accounts.models import Role, RoleGrant, User
from skillsnet.industry import services
from skillsnet.industry.models import ContactRequest, Employer, TalentConsent, Vacancy, VacancySkill


class EmployerAdminForm(forms.ModelForm):  # type: ignore[type-arg]
    website = forms.URLField(required=False, assume_scheme="https")
    add_staff = forms.EmailField(
        label="Add a member of staff",
        required=False,
        help_text="The email address of an existing account; it gets the employer role for this employer.",
    )

    class Meta:
        model = Employer
        fields = ["slug", "name", "region", "website", "description"]

    def clean_add_staff(self) -> User | None:
        email = self.cleaned_data.get("add_staff")
        if not email:
            return None
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            raise forms.ValidationError("There is no account with this email address: ask them to register first.")
        return user


@admin.register(Employer)
class EmployerAdmin(admin.ModelAdmin[Employer]):
    form = EmployerAdminForm
    list_display = ["name", "slug", "region", "created_at"]
    search_fields = ["name", "slug"]
    readonly_fields = ["staff"]

    @admin.display(description="Staff")
    def staff(self, obj: Employer) -> str:
        emails = RoleGrant.objects.filter(role=Role.EMPLOYER, scope=obj.slug).values_list("user__email", flat=True)
        return ", ".join(sorted(emails)) or "None yet"

    def save_model(self, request: HttpRequest, obj: Employer, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        new_staff = form.cleaned_data.get("add_staff")
        if new_staff is not None:
            actor = request.user if isinstance(request.user, User) else None
            services.employer_staff_add(employer=obj, user=new_staff, actor=actor)
            messages.info(request, f"{new_staff.email} is now staff of {obj.name}.")


class VacancySkillInline(admin.TabularInline[VacancySkill, Vacancy]):
    model = VacancySkill
    extra = 0
    autocomplete_fields = ["skill"]


@admin.register(Vacancy)
class VacancyAdmin(admin.ModelAdmin[Vacancy]):
    list_display = ["title", "employer", "role", "region", "status", "closing_date"]
    list_filter = ["status", "region", "role__family"]
    search_fields = ["title", "employer__name"]
    list_select_related = ["employer", "role"]
    autocomplete_fields = ["role"]
    inlines = [VacancySkillInline]


@admin.register(TalentConsent)
class TalentConsentAdmin(admin.ModelAdmin[TalentConsent]):
    # Consents are the learner's to give and withdraw: the admin only looks.
    list_display = ["learner", "given_at", "withdrawn_at", "statement_version"]
    list_select_related = ["learner"]
    search_fields = ["learner__email"]

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False


@admin.register(ContactRequest)
class ContactRequestAdmin(admin.ModelAdmin[ContactRequest]):
    list_display = ["vacancy", "candidate", "status", "created_at", "decided_at"]
    list_filter = ["status"]
    list_select_related = ["vacancy__employer", "candidate"]

    def has_add_permission(self, request: object) -> bool:
        return False

    def has_change_permission(self, request: object, obj: object = None) -> bool:
        return False
