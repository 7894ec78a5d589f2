"""The base record's own pages under /youth/ (``config.urls`` adds the youth's page, composed in
``web``, to this ``cases`` namespace, so ``cases:youth`` still names it)."""

from django.urls import path

from safeharbor.cases import views

app_name = "cases"
urlpatterns = [
    path(
        "<int:pk>/placements/<int:placement_pk>/address/",
        views.placement_address,
        name="placement_address",
    ),
    path("<int:pk>/audit/", views.youth_audit, name="youth_audit"),
    path("<int:pk>/edit/", views.youth_edit, name="youth_edit"),
    path("emergency/", views.emergency_request, name="emergency_request"),
    path("emergency/reviews/", views.emergency_reviews, name="emergency_reviews"),
    path("emergency/reviews/<int:grant_pk>/", views.emergency_review, name="emergency_review"),
]
