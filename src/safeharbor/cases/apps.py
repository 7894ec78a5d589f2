from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "safeharbor.cases"
    label = "cases"
    verbose_name = "Youth and placements"
