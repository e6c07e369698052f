from django.apps import AppConfig


class ConverterConfig(AppConfig):
    name = "skillsnet.converter"
    label = "converter"
    verbose_name = "Career Converter"

    def ready(self) -> None:
        from skillsnet.converter import privacy  # noqa: F401  (registers its personal data)
