from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils import timezone

from skillsnet.accounts.models import UKRegion
from skillsnet.catalogue.models import LEVEL_LABELS, Role, RoleFamily
from skillsnet.industry.models import VacancySkill

REGION_CHOICES = [("", "Choose a region"), *UKRegion.choices]
LEVEL_CHOICES = [(str(level), f"{level} – {LEVEL_LABELS[level]}") for level in range(1, 5)]


class VacancyForm(forms.Form):
    title = forms.CharField(
        label="Job title",
        max_length=200,
        help_text="As it appears in your advert, for example “Cell therapy manufacturing technician”.",
        error_messages={"required": "Enter a job title"},
    )
    role = forms.ModelChoiceField(
        label="Which job role in the catalogue is closest?",
        queryset=Role.objects.order_by("title"),
        empty_label="Choose a role",
        to_field_name="slug",
        help_text="The vacancy starts with this role's skills; you can change them afterwards.",
        error_messages={"required": "Choose the closest job role", "invalid_choice": "Choose a role from the list"},
    )
    location = forms.CharField(
        label="Where is the job?",
        max_length=200,
        help_text="A town or site name.",
        error_messages={"required": "Enter where the job is"},
    )
    region = forms.ChoiceField(
        label="Region",
        choices=REGION_CHOICES,
        error_messages={
            "required": "Choose the region the job is in",
            "invalid_choice": "Choose a region from the list",
        },
    )
    closing_date = forms.DateField(
        label="Closing date",
        help_text="For example, 2026-03-31.",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"required": "Enter a closing date", "invalid": "Enter the closing date as a real date"},
    )
    description = forms.CharField(
        label="Describe the job",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "Describe the job"},
    )

    def __init__(self, *args: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if editing:
            self.fields["role"].help_text = "Changing the role keeps the required skills you have set."

    def clean_closing_date(self) -> date:
        value: date = self.cleaned_data["closing_date"]
        if value < timezone.localdate():
            raise forms.ValidationError("The closing date must be today or in the future")
        return value


class VacancySkillsForm(forms.Form):
    """One level and one 'essential' box per required skill, and one row to add a skill."""

    add_skill = forms.ChoiceField(label="Add a skill", required=False)
    add_level = forms.ChoiceField(label="Level needed", choices=LEVEL_CHOICES, initial="2", required=False)
    add_essential = forms.BooleanField(label="Essential", required=False, initial=True)

    def __init__(self, *args: Any, rows: list[VacancySkill], skill_choices: list[tuple[str, str]], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.rows = rows
        have = {row.skill.slug for row in rows}
        add_skill = self.fields["add_skill"]
        assert isinstance(add_skill, forms.ChoiceField)
        add_skill.choices = [("", "No skill to add")] + [c for c in skill_choices if c[0] not in have]
        for row in rows:
            slug, name = row.skill.slug, row.skill.name
            self.fields[f"level_{slug}"] = forms.ChoiceField(
                label=f"Level needed for {name}",
                choices=[("0", "Remove this skill"), *LEVEL_CHOICES],
                initial=str(row.level),
            )
            self.fields[f"essential_{slug}"] = forms.BooleanField(
                label=f"{name} is essential", required=False, initial=row.essential
            )

    def skill_rows(self) -> list[tuple[VacancySkill, forms.BoundField, forms.BoundField]]:
        return [(row, self[f"level_{row.skill.slug}"], self[f"essential_{row.skill.slug}"]) for row in self.rows]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        result: dict[str, tuple[int, bool]] = {}
        for row in self.rows:
            slug = row.skill.slug
            level = int(cleaned.get(f"level_{slug}") or 0)
            if level:
                result[slug] = (level, bool(cleaned.get(f"essential_{slug}")))
        added = cleaned.get("add_skill")
        if added:
            result[added] = (int(cleaned.get("add_level") or 2), bool(cleaned.get("add_essential")))
        if not result:
            raise forms.ValidationError("Keep or add at least one skill: a vacancy needs a required skill")
        cleaned["skills"] = result
        return cleaned


class ContactForm(forms.Form):
    message = forms.CharField(
        label="Your message to the candidate",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Say who you are and why you would like to talk. They see this before deciding.",
        error_messages={"required": "Write a message to the candidate"},
    )


class ConsentForm(forms.Form):
    agree = forms.BooleanField(
        label="I want employers to be able to find me, and I agree to them seeing what is listed above",
        error_messages={"required": "Tick the box to confirm you want to be discoverable"},
    )


class VacancyFilterForm(forms.Form):
    family = forms.ChoiceField(
        label="Job family", required=False, choices=[("", "All job families"), *RoleFamily.choices]
    )
    region = forms.ChoiceField(label="Region", required=False, choices=[("", "All regions"), *UKRegion.choices])
