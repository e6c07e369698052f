from django.apps import AppConfig


class CatalogueConfig(AppConfig):
    name = "skillsnet.catalogue"
    label = "catalogue"
    verbose_name = "Catalogue"

    def ready(self) -> None:
        from skillsnet.catalogue import signals  # noqa: F401 - connects the version bump
