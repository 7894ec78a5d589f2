from django.apps import AppConfig


class UiConfig(AppConfig):
    name = "safeharbor.ui"
    label = "ui"
    verbose_name = "Shared form and template plumbing"
