from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "safeharbor.web"
    label = "web"
    verbose_name = "Web layout"
