from django.urls import path

from safeharbor.accounts import views

app_name = "accounts"
urlpatterns = [
    path("second-factor/", views.second_factor_view, name="second_factor"),
    path("second-factor/enrol/", views.enrol_view, name="enrol"),
    path("password/", views.password_change_view, name="password_change"),
    path("session/", views.stay_signed_in, name="stay_signed_in"),
    path("set-password/<str:uidb64>/<str:token>/", views.set_password_view, name="set_password"),
    path("staff/", views.staff_list, name="staff_list"),
    path("staff/new/", views.staff_new, name="staff_new"),
    path("staff/<int:staff_pk>/", views.staff_edit, name="staff_edit"),
    path(
        "staff/<int:staff_pk>/second-factor/",
        views.staff_reset_second_factor,
        name="staff_reset_second_factor",
    ),
    path("staff/<int:staff_pk>/set-password-link/", views.staff_send_link, name="staff_send_link"),
]
