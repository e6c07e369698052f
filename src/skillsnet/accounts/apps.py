from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _create_cache_table(sender: AppConfig, using: str = "default", verbosity: int = 1, **kwargs: Any) -> None:
    """With `SKILLSNET_CACHE=database`, `migrate` creates the cache table too (idempotent), so the shared
    rate-limit counters are ready wherever the schema is."""
    from django.conf import settings
    from django.core.management import call_command

    if any(c["BACKEND"].endswith("DatabaseCache") for c in settings.CACHES.values()):
        call_command("createcachetable", database=using, verbosity=max(0, verbosity - 1))


class AccountsConfig(AppConfig):
    name = "skillsnet.accounts"
    label = "accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        # Security events (sign-in, lock-out, password changes) go to the audit log.
        from skillsnet.accounts import (
            privacy,  # noqa: F401  (the personal-data registry)
            signals,  # noqa: F401
        )

        post_migrate.connect(_create_cache_table, sender=self, dispatch_uid="skillsnet.accounts.cache_table")
        # Tasks enqueued with `forget=True` (the erasure confirmation) leave no stored result behind.
        from skillsnet.tasks import connect_signals

        connect_signals()
        # Every form's default errors in our own words ("Enter a number of 1 or more", not "Ensure this value…").
        from skillsnet.wording import use_plain_form_errors

        use_plain_form_errors()
