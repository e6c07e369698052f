"""Our own wording for the errors Django's form fields and validators give by default.

Django says "Ensure this value is greater than or equal to 0.5" and "Enter a valid date."; a person
reads "Enter a number of 0.5 or more" and "Enter a real date, like 10 12 2026" instead. Forms that
know better (a field's own `error_messages`) still win: these are only the defaults.
"""

from __future__ import annotations

from django import forms
from django.core import validators

MESSAGES = {
    "min_value": "Enter a number of %(limit_value)s or more",
    "max_value": "Enter a number of %(limit_value)s or less",
    "min_length": "Use at least %(limit_value)d characters (you used %(show_value)d)",
    "max_length": "Use %(limit_value)d characters or fewer (you used %(show_value)d)",
    "whole_number": "Enter a whole number, like 10",
    "number": "Enter a number, like 2.5",
    "date": "Enter a real date, like 10 12 2026",
    "choice": "Choose one of the options listed",
    "required": "Enter an answer",
    "required_choice": "Choose an option",
    "email": "Enter an email address in the correct format, like name@example.com",
    "url": "Enter a web address in the correct format, like https://www.example.com",
    "file_empty": "The selected file is empty",
}


def use_plain_form_errors() -> None:
    """Replace Django's default validator and field messages (called once, when the apps are ready)."""
    validators.MinValueValidator.message = MESSAGES["min_value"]
    validators.MaxValueValidator.message = MESSAGES["max_value"]
    validators.MinLengthValidator.message = MESSAGES["min_length"]
    validators.MaxLengthValidator.message = MESSAGES["max_length"]
    forms.IntegerField.default_error_messages["invalid"] = MESSAGES["whole_number"]
    forms.FloatField.default_error_messages["invalid"] = MESSAGES["number"]
    forms.DecimalField.default_error_messages["invalid"] = MESSAGES["number"]
    forms.DateField.default_error_messages["invalid"] = MESSAGES["date"]
    forms.ChoiceField.default_error_messages["invalid_choice"] = MESSAGES["choice"]
    forms.MultipleChoiceField.default_error_messages["invalid_choice"] = MESSAGES["choice"]
    forms.Field.default_error_messages["required"] = MESSAGES["required"]
    forms.ChoiceField.default_error_messages["required"] = MESSAGES["required_choice"]
    forms.EmailField.default_error_messages["invalid"] = MESSAGES["email"]
    validators.EmailValidator.message = MESSAGES["email"]
    forms.URLField.default_error_messages["invalid"] = MESSAGES["url"]
    validators.URLValidator.message = MESSAGES["url"]
    forms.FileField.default_error_messages["empty"] = MESSAGES["file_empty"]
