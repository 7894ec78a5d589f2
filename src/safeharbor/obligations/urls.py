from django.urls import path

from safeharbor.obligations import views

app_name = "obligations"
urlpatterns = [
    path("mine/", views.my_work, name="my_work"),
    path("board/", views.board, name="board"),
    path("settings/", views.clock_settings, name="settings"),
    path("<int:obligation_pk>/", views.detail, name="detail"),
    path("<int:obligation_pk>/report/", views.record_report, name="record_report"),
    path("reports/<int:legal_report_pk>/amend/", views.amend_report, name="amend_report"),
    path("<int:obligation_pk>/not-applicable/", views.not_applicable, name="not_applicable"),
    path("<int:obligation_pk>/owner/", views.obligation_owner, name="owner"),
    path("youth/<int:pk>/assign/", views.assign, name="assign"),
]
