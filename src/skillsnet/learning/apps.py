from django.apps import AppConfig


class LearningConfig(AppConfig):
    name = "skillsnet.learning"
    label = "learning"
    verbose_name = "Online learning"

    def ready(self) -> None:
        from skillsnet.learning import (
            checks,  # noqa: F401  (registers the system checks)
            privacy,  # noqa: F401  (registers its personal data)
            webhooks,  # noqa: F401  (declares its webhook event)
        )
