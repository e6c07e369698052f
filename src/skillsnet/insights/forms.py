from __future__ import annotations

from django import forms

RATING_CHOICES = [
    ("5", "5 – Excellent"),
    ("4", "4 – Good"),
    ("3", "3 – Fair"),
    ("2", "2 – Poor"),
    ("1", "1 – Very poor"),
]


class FeedbackForm(forms.Form):
    rating = forms.TypedChoiceField(
        label="How would you rate this course?",
        choices=RATING_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose a rating from 1 to 5", "invalid_choice": "Choose a rating from 1 to 5"},
    )
    comment = forms.CharField(
        label="Anything you would like to tell the provider? (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="The provider sees ratings only as averages over five or more people; comments are read by the "
        "programme team.",
    )
