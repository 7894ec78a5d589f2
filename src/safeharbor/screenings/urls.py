from django.urls import path

from safeharbor.screenings import views

app_name = "screenings"
urlpatterns = [
    path("<int:pk>/screenings/new/", views.screening_new, name="new"),
    path("<int:pk>/screenings/preview/", views.screening_preview, name="preview"),
    path("<int:pk>/screenings/<int:screening_pk>/", views.screening_detail, name="detail"),
    path(
        "<int:pk>/screenings/<int:screening_pk>/victim-status/",
        views.victim_confirm,
        name="victim_confirm",
    ),
    path("<int:pk>/victim-status/new/", views.victim_status_new, name="victim_status_new"),
    path(
        "<int:pk>/victim-status/<int:determination_pk>/amend/",
        views.victim_status_amend,
        name="victim_status_amend",
    ),
    path(
        "<int:pk>/screenings/<int:screening_pk>/override/",
        views.screening_override,
        name="override",
    ),
    path(
        "<int:pk>/screenings/<int:screening_pk>/override/<int:override_pk>/decision/",
        views.override_decision,
        name="override_decision",
    ),
]
