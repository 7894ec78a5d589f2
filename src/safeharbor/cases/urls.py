from django.urls import path

from safeharbor.cases import views

app_name = "cases"
urlpatterns = [
    path("<int:pk>/", views.youth_detail, name="youth"),
    path(
        "<int:pk>/placements/<int:placement_pk>/address/",
        views.placement_address,
        name="placement_address",
    ),
    path("<int:pk>/audit/", views.youth_audit, name="youth_audit"),
    path("<int:pk>/edit/", views.youth_edit, name="youth_edit"),
]
