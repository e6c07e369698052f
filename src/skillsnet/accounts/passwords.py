"""The minimum-length rule for passwords, which also audits every saved password change.

Django calls each validator's `password_changed(password, user)` after `User.save()` has stored a new
password (whatever set it: the reset link, the admin, `changepassword`), so this is the one place that
sees every change without reading the model's private state. It extends a rule the settings already use,
so the password help text lists no empty rule.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.password_validation import MinimumLengthValidator


class AuditedMinimumLengthValidator(MinimumLengthValidator):
    def password_changed(self, password: str, user: Any = None) -> None:
        from skillsnet.accounts.models import User
        from skillsnet.accounts.signals import password_saved

        if isinstance(user, User):
            password_saved(user)
