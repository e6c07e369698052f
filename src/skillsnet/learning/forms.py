from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils import timezone

from skillsnet.catalogue.models import CourseMode, CourseSkill, Provider, Role
from skillsnet.catalogue.selectors import visible_courses
from skillsnet.learning.models import Lesson, Module
from skillsnet.learning.selectors import CourseFilters

PRICE_CHOICES = [("", "Free or paid"), ("free", "Free"), ("paid", "Paid")]


class CatalogueFilterForm(forms.Form):
    q = forms.CharField(label="Search courses", required=False, max_length=200)
    skill = forms.ChoiceField(label="Skill", required=False)
    role = forms.ChoiceField(label="Job role", required=False, help_text="Courses that teach skills this job needs.")
    mode = forms.ChoiceField(label="Format", required=False, choices=[("", "Any format"), *CourseMode.choices])
    level = forms.TypedChoiceField(
        label="Course level (RQF)",
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "Any level"), *[(n, f"Level {n}") for n in range(1, 9)]],
    )
    max_hours = forms.DecimalField(
        label="Most hours of study", required=False, min_value=Decimal("0.5"), max_digits=6, decimal_places=1
    )
    provider = forms.ChoiceField(label="Provider", required=False)
    price = forms.ChoiceField(label="Price", required=False, choices=PRICE_CHOICES)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        taught = CourseSkill.objects.values_list("skill__slug", "skill__name").distinct().order_by("skill__name")
        self.fields["skill"].choices = [("", "Any skill"), *taught]  # type: ignore[attr-defined]
        roles = Role.objects.values_list("slug", "title").order_by("title")
        self.fields["role"].choices = [("", "Any job role"), *roles]  # type: ignore[attr-defined]
        providers = Provider.objects.filter(courses__in=visible_courses()).distinct().values_list("slug", "name")
        self.fields["provider"].choices = [("", "Any provider"), *providers.order_by("name")]  # type: ignore[attr-defined]
        self.fields["q"].widget.input_type = "search"

    def filters(self) -> CourseFilters:
        data = self.cleaned_data
        return CourseFilters(
            q=data.get("q") or "",
            skill=data.get("skill") or "",
            role=data.get("role") or "",
            mode=data.get("mode") or "",
            level=data.get("level"),
            max_hours=data.get("max_hours"),
            provider=data.get("provider") or "",
            price=data.get("price") or "",
        )


class PlanCreateForm(forms.Form):
    target_role = forms.ModelChoiceField(
        label="Job you are aiming for",
        queryset=Role.objects.order_by("title"),
        required=False,
        empty_label="Not sure yet",
    )
    target_date = forms.DateField(
        label="When you would like to be ready",
        required=False,
        help_text="For example, 2027-03-31",
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def clean_target_date(self) -> Any:
        value = self.cleaned_data.get("target_date")
        if value is not None and value < timezone.localdate():
            raise forms.ValidationError("The date you would like to be ready must be today or in the future.")
        return value


class PlanAddForm(forms.Form):
    course = forms.ModelChoiceField(
        label="Course to add", queryset=visible_courses().order_by("title"), empty_label="Choose a course"
    )


class ModuleForm(forms.ModelForm[Module]):
    class Meta:
        model = Module
        fields = ["title", "summary", "status"]


class LessonForm(forms.ModelForm[Lesson]):
    video_url = forms.URLField(
        label="Video link",
        required=False,
        assume_scheme="https",
        help_text="A link to a video (shown as a link, not embedded).",
    )

    class Meta:
        model = Lesson
        fields = ["title", "body", "video_url", "pass_mark", "status"]
        labels = {"body": "Lesson text", "pass_mark": "Pass mark for the knowledge check (%)"}


class LessonFileForm(forms.Form):
    title = forms.CharField(label="What the file is", max_length=200)
    file = forms.FileField(label="File", help_text="PDF, Office or OpenDocument file, text, CSV or image; up to 20 MB.")


class QuestionForm(forms.Form):
    text = forms.CharField(label="Question", max_length=500)
    choice_1 = forms.CharField(label="Answer 1", max_length=300)
    choice_2 = forms.CharField(label="Answer 2", max_length=300)
    choice_3 = forms.CharField(label="Answer 3 (optional)", max_length=300, required=False)
    choice_4 = forms.CharField(label="Answer 4 (optional)", max_length=300, required=False)
    correct = forms.TypedChoiceField(
        label="Which answer is correct?",
        coerce=int,
        choices=[(1, "Answer 1"), (2, "Answer 2"), (3, "Answer 3"), (4, "Answer 4")],
    )
    explanation = forms.CharField(
        label="Why it is correct", required=False, widget=forms.Textarea, help_text="Shown after an attempt."
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        correct = data.get("correct")
        if correct and not (data.get(f"choice_{correct}") or "").strip():
            self.add_error("correct", "The correct answer must be one of the answers you filled in.")
        return data

    def choices(self) -> tuple[list[str], int]:
        """The filled-in answers, and the index of the correct one among them."""
        raw = [self.cleaned_data.get(f"choice_{n}") or "" for n in range(1, 5)]
        filled = [(n, text.strip()) for n, text in enumerate(raw, start=1) if text.strip()]
        index = next(i for i, (n, _) in enumerate(filled) if n == self.cleaned_data["correct"])
        return [text for _, text in filled], index
