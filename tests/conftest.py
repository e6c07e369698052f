"""Shared fixtures: named personas, and a network that only reaches this machine."""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:  # the engine's tests run without Django: import the apps inside the fixtures
    from skillsnet.accounts.models import User

PASSWORD = "correct-horse-battery-staple"

_real_connect = socket.socket.connect


def _guarded_connect(self: socket.socket, address: Any) -> Any:
    if self.family in (socket.AF_INET, socket.AF_INET6):
        host = address[0]
        try:
            loopback = host == "localhost" or ipaddress.ip_address(host).is_loopback
        except ValueError:
            loopback = False
        if not loopback:
            raise RuntimeError(f"Tests may not use the network: tried to connect to {address!r}")
    return _real_connect(self, address)


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(socket.socket, "connect", _guarded_connect)


@pytest.fixture(autouse=True)
def _fresh_counters() -> None:
    """Rate-limit counters live in the cache: one test's sign-ins must not throttle the next test's."""
    from django.apps import apps

    if apps.ready:
        from django.core.cache import caches
        from django.core.cache.backends.locmem import LocMemCache

        for alias in caches:
            if isinstance(caches[alias], LocMemCache):  # a database or Redis cache is the test's own business
                caches[alias].clear()


@pytest.fixture(autouse=True)
def _fresh_snapshot() -> Iterator[None]:
    """Catalogue versions repeat between tests (each rolls back), so the per-version cache must not leak.

    The engine's tests run without Django's apps: there is no cache to clear, so this does nothing.
    """
    from django.apps import apps

    if not apps.ready:
        yield
        return
    from skillsnet.catalogue.snapshot import clear_snapshot_cache

    clear_snapshot_cache()
    yield
    clear_snapshot_cache()


@pytest.fixture
def make_user(db: None) -> Callable[..., User]:
    from skillsnet.accounts import services as account_services

    def make(email: str, *, roles: list[tuple[Any, str]] | None = None, **extra: Any) -> User:
        user = account_services.user_register(email=email, password=PASSWORD, full_name=extra.pop("full_name", ""))
        for role, scope in roles or []:
            account_services.role_grant(user=user, role=role, scope=scope)
        return user

    return make


@pytest.fixture
def learner(make_user: Callable[..., User]) -> User:
    return make_user("lee.learner@example.com", full_name="Lee Learner")


@pytest.fixture
def other_learner(make_user: Callable[..., User]) -> User:
    return make_user("olu.other@example.com", full_name="Olu Other")


@pytest.fixture
def centre_manager(make_user: Callable[..., User]) -> User:
    from skillsnet.accounts.models import Role

    return make_user("cara.centre@example.com", roles=[(Role.CENTRE_STAFF, "roslinct")])


@pytest.fixture
def provider_staff(make_user: Callable[..., User]) -> User:
    from skillsnet.accounts.models import Role

    return make_user("pat.provider@example.com", roles=[(Role.PROVIDER_STAFF, "cgt-catapult")])


@pytest.fixture
def employer(make_user: Callable[..., User]) -> User:
    from skillsnet.accounts.models import Role

    return make_user("eve.employer@example.com", roles=[(Role.EMPLOYER, "demo-biotech")])


@pytest.fixture
def programme_admin(make_user: Callable[..., User]) -> User:
    from skillsnet.accounts.models import Role

    return make_user("ada.admin@example.com", roles=[(Role.PROGRAMME_ADMIN, "")])


@pytest.fixture
def signed_in(client: Any) -> Callable[[User], Any]:
    def sign_in(user: User) -> Any:
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        return client

    return sign_in
