"""Small display helpers for the converter's pages."""

from __future__ import annotations

from datetime import date

from django import template

from skillsnet.converter.serializers import READINESS_TAGS, level_word, requirement_text
from skillsnet.converter.services import LEVEL_DESCRIPTORS

register = template.Library()


@register.filter
def percent(value: float) -> str:
    return f"{round(float(value) * 100)}%"


@register.filter
def descriptor(level: int) -> str:
    """'3 – I do it independently and reliably'."""
    return f"{int(level)} – {LEVEL_DESCRIPTORS.get(int(level), '')}"


@register.filter
def level(value: float) -> str:
    """A level that may be fractional (a transferred level), to one decimal place when it is."""
    value = float(value)
    return str(int(value)) if value == int(value) else f"{value:.1f}"


@register.filter
def level_name(value: float) -> str:
    return level_word(value)


@register.filter
def readiness_tag(readiness: str) -> str:
    return READINESS_TAGS.get(readiness, "tag--grey")


@register.filter
def hours(value: float | None) -> str:
    if value is None:
        return "–"
    value = float(value)
    text = str(int(value)) if value == int(value) else f"{value:.1f}"
    return f"{text} hour{'s' if value != 1 else ''}"


@register.filter
def pounds(value: float) -> str:
    value = float(value)
    if value == 0:
        return "Free"
    return f"£{value:,.0f}" if value == int(value) else f"£{value:,.2f}"


@register.filter
def long_date(value: str | date | None) -> str:
    """'2026-11-30' (as the serialisers give dates) -> '30 November 2026'."""
    if not value:
        return ""
    day = value if isinstance(value, date) else date.fromisoformat(str(value))
    return f"{day.day} {day:%B %Y}"


@register.filter
def clause(text: str) -> str:
    """A sentence made into a clause: first letter lower-cased unless it starts an acronym; no final stop."""
    text = (text or "").strip().rstrip(".")
    if len(text) > 1 and text[0].isupper() and not text[1].isupper():
        text = text[0].lower() + text[1:]
    return text


@register.filter
def requirement_sentence(code: str) -> str:
    """The plain-English sentence for an entry-requirement code."""
    return requirement_text(code)
