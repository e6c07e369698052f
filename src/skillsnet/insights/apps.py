from django.apps import AppConfig


class InsightsConfig(AppConfig):
    name = "skillsnet.insights"
    label = "insights"
    verbose_name = "Programme insights and course feedback"

    def ready(self) -> None:
        from skillsnet.insights import privacy  # noqa: F401  (registers its personal data)
