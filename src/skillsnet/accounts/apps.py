from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "skillsnet.accounts"
    label = "accounts"
    verbose_name = "Accounts"
