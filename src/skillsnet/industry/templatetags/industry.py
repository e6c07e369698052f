"""`{% load industry %}{% open_vacancies role.slug as vacancies %}` and `{% open_vacancy_count slug as n %}`."""

from __future__ import annotations

from typing import Any

from django import template

from skillsnet.industry import selectors
from skillsnet.industry.models import Vacancy

register = template.Library()


@register.simple_tag
def open_vacancies(role_slug: str) -> list[Vacancy]:
    """The open vacancies for one catalogue role, soonest closing first."""
    return selectors.open_vacancies_for_role(role_slug)


@register.simple_tag(takes_context=True)
def open_vacancy_count(context: Any, role_slug: str) -> int:
    """Open vacancies for a role; the counts are read once per page, however many roles it lists."""
    counts = context.render_context.get("industry_open_vacancy_counts")
    if counts is None:
        counts = selectors.open_vacancy_counts()
        context.render_context["industry_open_vacancy_counts"] = counts
    return int(counts.get(role_slug, 0))
