from django.apps import AppConfig


class ConverterConfig(AppConfig):
    name = "skillsnet.converter"
    label = "converter"
    verbose_name = "Career Converter"
