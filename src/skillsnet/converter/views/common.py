"""What every Career Converter page needs: the signed-in person, long dates, the answers so far."""

from __future__ import annotations

from datetime import date

from django.http import HttpRequest

from skillsnet.accounts.models import User
from skillsnet.converter import journey


def _user(request: HttpRequest) -> User | None:
    return request.user if request.user.is_authenticated else None


def _long_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def _answers_or_start(request: HttpRequest) -> journey.Journey | None:
    state = journey.load(request)
    return state if state.has_answers else None
