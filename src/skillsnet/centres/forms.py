from __future__ import annotations

from typing import Any

from django import forms

from skillsnet.centres.models import AttendanceMark, Booking
from skillsnet.organisations import employer_choices


class DateInput(forms.DateInput):
    input_type = "date"


class RunFinderForm(forms.Form):
    course = forms.ChoiceField(label="Course", required=False)
    centre = forms.ChoiceField(label="Centre", required=False)
    region = forms.ChoiceField(label="Region", required=False)
    start = forms.DateField(
        label="Starting from", required=False, widget=DateInput, help_text="Leave the dates empty to see every run."
    )
    until = forms.DateField(label="Starting by", required=False, widget=DateInput)

    def __init__(self, *args: Any, choices: dict[str, list[tuple[str, str]]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, label in (("course", "Any course"), ("centre", "Any centre"), ("region", "Any region")):
            field = self.fields[name]
            assert isinstance(field, forms.ChoiceField)
            field.choices = [("", label), *choices[name]]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, until = data.get("start"), data.get("until")
        if start and until and until < start:
            self.add_error("until", "The ‘starting by’ date must be the same as or after the ‘starting from’ date.")
        return data


class BookingForm(forms.Form):
    """Employer-approved runs: the learner chooses their employer from the organisations registered here."""

    employer = forms.ChoiceField(
        label="Your employer",
        help_text="Your employer approves places on this run. If it is not in the list, it cannot approve yet: "
        "ask your manager to register it.",
        required=True,
        error_messages={
            "required": "Choose your employer",
            "invalid_choice": "Choose your employer from the list",
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["employer"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", "Choose your employer"), *employer_choices()]


class AttendanceForm(forms.Form):
    """One choice per person with a confirmed place: present, late or absent."""

    def __init__(self, *args: Any, bookings: list[Booking], current: dict[int, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for booking in bookings:
            self.fields[f"booking_{booking.pk}"] = forms.ChoiceField(
                label=f"Attendance for {booking.learner.get_full_name()}",
                choices=[("", "Not recorded"), *AttendanceMark.choices],
                required=False,
                initial=current.get(booking.pk, ""),
            )

    def marks(self) -> dict[int, str]:
        return {int(name.removeprefix("booking_")): value for name, value in self.cleaned_data.items() if value}
