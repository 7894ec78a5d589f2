from django.apps import AppConfig


class PartnersConfig(AppConfig):
    name = "safeharbor.partners"
    label = "partners"
    verbose_name = "Referrals to partners"
