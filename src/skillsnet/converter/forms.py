"""Forms of the converter journey. Each page asks one question; errors name the field and say what to do."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile

from skillsnet.catalogue.requirements import ENTRY_REQUIREMENTS
from skillsnet.converter import services
from skillsnet.converter.bounds import DEADLINE_TOO_LATE, START_TOO_LATE, latest_deadline, latest_start
from skillsnet.converter.documents import ACCEPTED, MAX_BYTES, MAX_CHARS, DocumentError
from skillsnet.converter.sandbox import read_document
from skillsnet.converter.selectors import family_choices

LEVEL_CHOICES = [(level, f"{level} – {text}") for level, text in services.LEVEL_DESCRIPTORS.items()]
HELD_LEVEL_CHOICES = LEVEL_CHOICES[1:]


class CredentialsForm(forms.Form):
    credentials = forms.MultipleChoiceField(
        label="Qualifications and registrations you hold",
        help_text="Some roles cannot be offered without these. Tick only what you hold now.",
        choices=[(r.code, r.sentence) for r in ENTRY_REQUIREMENTS.values()],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={"invalid_choice": "Choose from the qualifications and registrations listed."},
    )


class SearchForm(forms.Form):
    q = forms.CharField(label="Search", max_length=200, required=False)


class AddSkillForm(forms.Form):
    skill = forms.CharField(max_length=120)
    level = forms.TypedChoiceField(
        label="Your level",
        choices=HELD_LEVEL_CHOICES,
        coerce=int,
        error_messages={"required": "Choose your level", "invalid_choice": "Choose a level from 1 to 4"},
    )


class RatingsForm(forms.Form):
    """One 0–4 rating per common transferable skill; skills left unrated add nothing."""

    def __init__(self, *args: Any, skills: list[tuple[str, str]], initial_levels: dict[str, int], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.skills = skills
        for slug, name in skills:
            self.fields[f"level-{slug}"] = forms.TypedChoiceField(
                label=name,
                choices=LEVEL_CHOICES,
                coerce=int,
                required=False,
                empty_value=None,
                widget=forms.RadioSelect,
                initial=initial_levels.get(slug),
                error_messages={"invalid_choice": f"Choose a level from 0 to 4 for {name}"},
            )

    def levels(self) -> dict[str, int | None]:
        return {slug: self.cleaned_data.get(f"level-{slug}") for slug, _ in self.skills}


class LevelForm(forms.Form):
    level = forms.TypedChoiceField(
        label="Your level",
        choices=HELD_LEVEL_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose your level", "invalid_choice": "Choose a level from 1 to 4"},
    )


class CvForm(forms.Form):
    text = forms.CharField(
        label="Paste your CV",
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        max_length=MAX_CHARS,
        error_messages={"max_length": f"Your CV must be {MAX_CHARS:,} characters or fewer"},
    )
    file = forms.FileField(
        label="Or upload it",
        required=False,
        help_text=f"{ACCEPTED.capitalize()}, up to {MAX_BYTES // (1024 * 1024)} MB.",
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx,.txt"}),
    )
    keep_text = forms.BooleanField(
        label="Keep my CV text if I save this assessment",
        required=False,
        help_text="If you do not tick this, we keep only the skills we found, never the text.",
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        text = (cleaned.get("text") or "").strip()
        upload: UploadedFile[bytes] | None = cleaned.get("file")
        if self.errors:
            return cleaned
        if text and upload:
            raise forms.ValidationError("Paste your CV or upload it, not both")
        if upload is not None:
            if (upload.size or 0) > MAX_BYTES:
                self.add_error("file", f"The file must be smaller than {MAX_BYTES // (1024 * 1024)} MB")
                return cleaned
            try:
                document = read_document(data=upload.read(MAX_BYTES + 1), filename=upload.name or "")
            except DocumentError as exc:
                self.add_error("file", str(exc))
                return cleaned
            cleaned["cv_text"] = document.text
            cleaned["truncated"] = document.truncated
        elif text:
            cleaned["cv_text"] = text
            cleaned["truncated"] = False
        else:
            self.add_error("text", "Paste the text of your CV or choose a file to upload")
        return cleaned


class ResultsFilterForm(forms.Form):
    family = forms.ChoiceField(label="Job family", required=False, choices=[("", "All job families")])
    max_entry_level = forms.TypedChoiceField(
        label="Highest entry level",
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "Any level"), *[(n, f"RQF level {n} or below") for n in range(2, 9)]],
        help_text="The qualification level people usually start the job at.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["family"].choices = [("", "All job families"), *family_choices()]  # type: ignore[attr-defined]


class DayMonthYearWidget(forms.MultiWidget):
    """A date as three boxes, day, month and year (`<name>_day` …), the GOV.UK date input.

    A single `<name>=YYYY-MM-DD` in the query (a link, a bookmark, the API's form) is read too. Whatever
    is typed goes to the DateField as `year-month-day`, so a date that does not exist fails there with
    the field's own message, and the boxes keep what was typed.
    """

    template_name = "converter/widgets/day_month_year.html"
    parts = (("day", "Day", 2), ("month", "Month", 2), ("year", "Year", 4))

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        boxes: dict[str, forms.Widget | type[forms.Widget]] = {
            key: forms.TextInput(
                attrs={"inputmode": "numeric", "class": f"input input--width-{size}", "maxlength": size}
            )
            for key, _label, size in self.parts
        }
        super().__init__(boxes, attrs)

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        for sub, (_key, label, _size) in zip(context["widget"]["subwidgets"], self.parts, strict=True):
            sub["part_label"] = label
        return context

    def decompress(self, value: Any) -> list[Any]:
        if isinstance(value, date):
            return [value.day, value.month, value.year]
        if isinstance(value, str) and value.count("-") == 2:
            year, month, day = value.split("-")
            return [day, month, year]
        return [None, None, None]

    def value_from_datadict(self, data: Any, files: Any, name: str) -> str | None:  # type: ignore[override]
        whole = data.get(name)
        if whole:
            return str(whole)
        day, month, year = (str(data.get(f"{name}_{key}") or "").strip() for key, _label, _size in self.parts)
        if not (day or month or year):
            return None
        return f"{year}-{month}-{day}"

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return name not in data and all(f"{name}_{key}" not in data for key, _label, _size in self.parts)

    def id_for_label(self, id_: str) -> str:
        return f"{id_}_0" if id_ else ""  # the day box


class PlanForm(forms.Form):
    start_date = forms.DateField(
        label="Start date",
        required=False,
        widget=DayMonthYearWidget,
        help_text="For example, 10 12 2026. Leave it empty to start today.",
        error_messages={"invalid": "Enter the start date as a real date, like 10 12 2026"},
    )
    hours_per_week = forms.IntegerField(
        label="Hours of study a week",
        min_value=1,
        max_value=services.MAX_HOURS_PER_WEEK,
        required=False,
        initial=services.DEFAULT_HOURS_PER_WEEK,
        error_messages={
            "min_value": "Hours a week must be at least 1",
            "max_value": f"Hours a week must be {services.MAX_HOURS_PER_WEEK} or fewer",
            "invalid": "Hours a week must be a whole number, like 10",
        },
    )
    deadline = forms.DateField(
        label="Finish by (optional)",
        required=False,
        widget=DayMonthYearWidget,
        help_text="For example, 31 3 2027.",
        error_messages={"invalid": "Enter the deadline as a real date, like 31 3 2027"},
    )
    region = forms.ChoiceField(label="Your region for on-site courses", required=False)
    centres = forms.MultipleChoiceField(
        label="Training centres you could also travel to",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": "Choose only from the centres listed"},
    )
    essential_only = forms.BooleanField(label="Plan only for the essential skills", required=False)

    def __init__(self, *args: Any, centres: list[tuple[str, str, str]], today: date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.today = today
        self.fields["centres"].choices = [(slug, f"{name} ({region})") for slug, name, region in centres]  # type: ignore[attr-defined]
        regions = sorted({region for _, _, region in centres})
        self.fields["region"].choices = [("", "Anywhere"), *[(r, r) for r in regions]]  # type: ignore[attr-defined]

    def clean_start_date(self) -> date:
        start: date | None = self.cleaned_data.get("start_date")
        if start is None:
            return self.today
        if start < self.today:
            raise forms.ValidationError("The start date must be today or later")
        if start > latest_start(self.today):
            raise forms.ValidationError(START_TOO_LATE)
        return start

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, deadline = cleaned.get("start_date"), cleaned.get("deadline")
        if start and deadline and deadline <= start:
            self.add_error("deadline", "The deadline must be after the start date")
        elif deadline and deadline > latest_deadline(self.today):
            self.add_error("deadline", DEADLINE_TOO_LATE)
        if cleaned.get("hours_per_week") is None and not self.has_error("hours_per_week"):
            cleaned["hours_per_week"] = services.DEFAULT_HOURS_PER_WEEK
        return cleaned


class AssessmentNameForm(forms.Form):
    name = forms.CharField(
        label="Name this assessment",
        max_length=services.MAX_NAME,
        help_text="So you can find it again, for example “From brewing to cleanrooms”.",
        error_messages={
            "required": "Enter a name for this assessment",
            "max_length": f"The name must be {services.MAX_NAME} characters or fewer",
        },
    )


class SaveForm(AssessmentNameForm):
    keep_cv_text = forms.BooleanField(label="Keep my CV text with this assessment", required=False)
