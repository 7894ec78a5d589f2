from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "safeharbor.notifications"
    label = "notifications"
    verbose_name = "Notifications"
