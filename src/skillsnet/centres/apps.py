from django.apps import AppConfig


class CentresConfig(AppConfig):
    name = "skillsnet.centres"
    label = "centres"
    verbose_name = "Training centres"

    def ready(self) -> None:
        from skillsnet.centres import privacy  # noqa: F401  (registers its personal data)
