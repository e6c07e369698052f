from django.apps import AppConfig


class CentresConfig(AppConfig):
    name = "skillsnet.centres"
    label = "centres"
    verbose_name = "Training centres"
