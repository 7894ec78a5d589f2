from django.apps import AppConfig


class ScreeningsConfig(AppConfig):
    name = "safeharbor.screenings"
    label = "screenings"
    verbose_name = "Screenings"
