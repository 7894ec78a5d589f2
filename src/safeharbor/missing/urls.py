from django.urls import path

from safeharbor.missing import views

app_name = "missing"
EPISODE = "youth/<int:pk>/missing/<int:episode_pk>/"
urlpatterns = [
    path("missing/", views.board, name="board"),
    path("missing/settings/", views.pattern_settings, name="settings"),
    path("youth/<int:pk>/missing/new/", views.episode_new, name="new"),
    path(EPISODE, views.episode_detail, name="episode"),
    path(f"{EPISODE}edit/", views.episode_edit, name="edit"),
    path(f"{EPISODE}reports/", views.report_record, name="report"),
    path(f"{EPISODE}reports/<int:report_pk>/amend/", views.report_amend, name="amend"),
    path(f"{EPISODE}efforts/", views.effort_record, name="effort"),
    path(f"{EPISODE}return/", views.return_record, name="return"),
    path(f"{EPISODE}debrief/", views.debrief, name="debrief"),
    path(f"{EPISODE}packet/", views.packet_pdf, name="packet"),
    path("youth/<int:pk>/flags/<int:flag_pk>/respond/", views.flag_respond, name="flag_respond"),
]
