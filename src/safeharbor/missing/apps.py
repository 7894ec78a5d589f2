from django.apps import AppConfig


class MissingConfig(AppConfig):
    name = "safeharbor.missing"
    label = "missing"
    verbose_name = "Missing from care"
