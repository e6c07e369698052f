"""Insights fixtures: the industry tests' small catalogue, and a factory for learners in a region."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from ..industry import helpers


@pytest.fixture
def catalogue(db: None) -> dict[str, Any]:
    return helpers.build_catalogue()


@pytest.fixture
def people(make_user: Callable[..., Any]) -> Callable[..., list[Any]]:
    """`people(n, region, occupations=[...])`: n learners living in `region`, each with a saved assessment."""
    made = [0]

    def make(n: int, region: str, **assessment: Any) -> list[Any]:
        users = []
        for _ in range(n):
            made[0] += 1
            user = make_user(f"person{made[0]}@example.com")
            user.region = region
            user.save(update_fields=["region"])
            if assessment:
                helpers.save_assessment(user, **assessment)
            users.append(user)
        return users

    return make
