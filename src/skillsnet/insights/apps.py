from django.apps import AppConfig


class InsightsConfig(AppConfig):
    name = "skillsnet.insights"
    label = "insights"
    verbose_name = "Programme insights and course feedback"
