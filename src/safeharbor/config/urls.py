"""The URL map: every case-content view goes through its app's queries (ARCHITECTURE §1.3)."""

from django.urls import include, path

from safeharbor.accounts import views as account_views
from safeharbor.web import views as web_views

urlpatterns = [
    path("", web_views.home, name="home"),
    path("login/", account_views.login_view, name="login"),
    path("logout/", account_views.logout_view, name="logout"),
    path("account/", include("safeharbor.accounts.urls")),
    path("youth/", include("safeharbor.cases.urls")),
    path("youth/", include("safeharbor.screenings.urls")),
    path("notifications/", include("safeharbor.notifications.urls")),
    path("obligations/", include("safeharbor.obligations.urls")),
    path("intake/", include("safeharbor.intake.urls")),
    path("", include("safeharbor.partners.urls")),
    path("", include("safeharbor.missing.urls")),
    path("healthz", include("safeharbor.web.health")),  # liveness; public, no session or query
]

handler404 = "safeharbor.web.views.not_found"
handler500 = "safeharbor.web.views.server_error"
