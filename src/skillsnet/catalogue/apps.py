from django.apps import AppConfig


class CatalogueConfig(AppConfig):
    name = "skillsnet.catalogue"
    label = "catalogue"
    verbose_name = "Catalogue"

    def ready(self) -> None:
        from skillsnet.caching import connect_signals
        from skillsnet.catalogue import (
            privacy,  # noqa: F401  (declares its models to the personal-data registry)
            signals,  # noqa: F401 - connects the version bump
        )

        connect_signals()  # public pages follow centres, runs, bookings and content (skillsnet/caching.py)
