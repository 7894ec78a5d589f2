from django.urls import path

from safeharbor.accounts import views

app_name = "accounts"
urlpatterns = [
    path("second-factor/", views.second_factor_view, name="second_factor"),
    path("second-factor/enrol/", views.enrol_view, name="enrol"),
    path("password/", views.password_change_view, name="password_change"),
    path("session/", views.stay_signed_in, name="stay_signed_in"),
]
