"""The base record's own pages under /youth/ (``config.urls`` adds the youth's page, composed in
``web``, to this ``cases`` namespace, so ``cases:youth`` still names it)."""

from django.urls import path

from safeharbor.cases import views
from safeharbor.cases.views import care, notes

app_name = "cases"
urlpatterns = [
    path(
        "<int:pk>/placements/<int:placement_pk>/address/",
        views.placement_address,
        name="placement_address",
    ),
    path("<int:pk>/audit/", views.youth_audit, name="youth_audit"),
    path("<int:pk>/care/", care.care, name="care"),
    path("<int:pk>/care/removal/", care.removal_new, name="removal_new"),
    path("<int:pk>/care/<int:care_pk>/placement/", care.placement_new, name="placement_new"),
    path("<int:pk>/care/<int:care_pk>/exit/", care.care_exit, name="care_exit"),
    path("<int:pk>/edit/", views.youth_edit, name="youth_edit"),
    path("<int:pk>/notes/new/", notes.note_new, name="note_new"),
    path("<int:pk>/notes/<int:note_pk>/amend/", notes.note_amend, name="note_amend"),
    path(
        "<int:pk>/notes/<int:note_pk>/documents/<int:attachment_pk>/",
        notes.attachment,
        name="attachment",
    ),
    path("<int:pk>/photo/", notes.photo_upload, name="photo_upload"),
    path("<int:pk>/photo/<int:photo_pk>/", notes.photo, name="photo"),
    path("emergency/", views.emergency_request, name="emergency_request"),
    path("emergency/reviews/", views.emergency_reviews, name="emergency_reviews"),
    path("emergency/reviews/<int:grant_pk>/", views.emergency_review, name="emergency_review"),
]
