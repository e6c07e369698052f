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


def whole_level(value: float) -> int:
    """A level as the whole number a person has reached (a transferred 1.8 has reached 1, not 2)."""
    return max(0, min(4, int(float(value) + 1e-9)))


@register.filter
def level(value: float) -> str:
    """'2 (working)': a whole-number level and its word; fractional levels count down to what is reached."""
    n = whole_level(value)
    return f"{n} ({level_word(n)})"


@register.filter
def levels_short(required: float, current: float) -> int:
    """How many whole levels a skill is short: needed minus the whole level reached."""
    return max(0, whole_level(required) - whole_level(current))


@register.filter
def level_name(value: float) -> str:
    return level_word(value)


READINESS_SENTENCES = {
    "ready-now": "you have at least 90% of what the essential skills need, and the rest takes 8 hours of "
    "training or less.",
    "short-training": "you have at least half of what the essential skills need, and the essential gaps take "
    "120 hours of training or less.",
    "stretch": "the essential gaps take more than 120 hours of training, one has no course yet, or an entry "
    "requirement is missing.",
}


@register.filter
def readiness_sentence(readiness: str) -> str:
    """What the readiness tag means, in a sentence (thresholds as in docs/ENGINE.md: 8 and 120 hours)."""
    return READINESS_SENTENCES.get(readiness, "")


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
