"""The access matrix's fixture world (tests/trust/conftest.py), for the query budgets of every list page."""

from ..trust.conftest import world  # noqa: F401  (a module-scoped fixture: built once per test module)
