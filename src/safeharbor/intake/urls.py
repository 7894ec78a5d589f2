from django.urls import path

from safeharbor.intake import views

app_name = "intake"
urlpatterns = [
    path("new/", views.new_intake, name="new"),
    path("<int:intake_pk>/", views.detail, name="detail"),
    path("<int:intake_pk>/disposition/", views.disposition, name="disposition"),
]
