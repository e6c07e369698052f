from django.apps import AppConfig


class IndustryConfig(AppConfig):
    name = "skillsnet.industry"
    label = "industry"
    verbose_name = "Employers and vacancies"

    def ready(self) -> None:
        from skillsnet.industry import privacy  # noqa: F401  (registers its personal data)
