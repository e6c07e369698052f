from django.apps import AppConfig


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
