from django.apps import AppConfig


class ScreeningsConfig(AppConfig):
    name = "safeharbor.screenings"
    label = "screenings"
    verbose_name = "Screenings"

    def ready(self) -> None:
        from safeharbor.screenings import instruments  # noqa: F401 - registers the system check
