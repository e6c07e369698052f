"""Industry fixtures: the small catalogue, the employer "demo-biotech" (staffed by the `employer` persona),
a second employer with its own staff, and helpers re-exported for the tests."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from . import helpers


@pytest.fixture
def catalogue(db: None) -> dict[str, Any]:
    return helpers.build_catalogue()


@pytest.fixture
def biotech(catalogue: dict[str, Any]) -> Any:
    return helpers.make_employer()


@pytest.fixture
def other_employer(make_user: Callable[..., Any], catalogue: dict[str, Any]) -> Any:
    """Staff of a different employer, "other-labs"."""
    from skillsnet.accounts.models import Role

    helpers.make_employer("other-labs", "Other Labs")
    return make_user("oscar.other@example.com", roles=[(Role.EMPLOYER, "other-labs")])


@pytest.fixture
def vacancy(biotech: Any, employer: Any) -> Any:
    return helpers.make_vacancy(biotech, "qc-analyst", actor=employer)
