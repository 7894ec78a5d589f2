from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "safeharbor.intake"
    label = "intake"
    verbose_name = "Intake reports"
