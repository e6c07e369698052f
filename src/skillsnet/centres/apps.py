from django.apps import AppConfig


class CentresConfig(AppConfig):
    name = "skillsnet.centres"
    label = "centres"
    verbose_name = "Training centres"

    def ready(self) -> None:
        from skillsnet.catalogue import places
        from skillsnet.centres import (
            privacy,  # noqa: F401  (registers its personal data)
            webhooks,  # noqa: F401  (declares its webhook events)
        )
        from skillsnet.centres.learning_record import RECORD
        from skillsnet.centres.places import PLACES
        from skillsnet.learning import onsite

        onsite.provide(RECORD)
        places.provide(PLACES)
