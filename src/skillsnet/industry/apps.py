from django.apps import AppConfig


class IndustryConfig(AppConfig):
    name = "skillsnet.industry"
    label = "industry"
    verbose_name = "Employers and vacancies"
