from django.apps import AppConfig


class ObligationsConfig(AppConfig):
    name = "safeharbor.obligations"
    label = "obligations"
    verbose_name = "Obligations and legal clocks"
