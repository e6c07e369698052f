from django.apps import AppConfig


class OrgKeysConfig(AppConfig):
    name = "skillsnet.orgkeys"
    label = "orgkeys"
    verbose_name = "Organisation API keys"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from skillsnet.orgkeys import (
            privacy,  # noqa: F401  (declares its models to the personal-data registry)
            signals,  # noqa: F401  (connects the webhook events)
        )
