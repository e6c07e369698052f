from django.apps import AppConfig


class CatalogueConfig(AppConfig):
    name = "skillsnet.catalogue"
    label = "catalogue"
    verbose_name = "Catalogue"

    def ready(self) -> None:
        from skillsnet.catalogue import (
            privacy,  # noqa: F401  (declares its models to the personal-data registry)
            signals,  # noqa: F401 - connects the version bump
        )
