"""The URL map: every case-content view goes through its app's queries (ARCHITECTURE §1.3).

The youth's page is composed in ``web`` (the top floor) from the apps' sections and timelines;
it joins the base record's pages in the ``cases`` namespace here, so ``cases:youth`` names it.
"""

from django.urls import include, path

from safeharbor.accounts import views as account_views
from safeharbor.cases import urls as case_urls
from safeharbor.web import views as web_views
from safeharbor.web import youth as youth_page

youth_pages = [
    path("<int:pk>/", youth_page.youth_detail, name="youth"),
    *case_urls.urlpatterns,
]

urlpatterns = [
    path("", web_views.home, name="home"),
    path("login/", account_views.login_view, name="login"),
    path("logout/", account_views.logout_view, name="logout"),
    path("account/", include("safeharbor.accounts.urls")),
    path("youth/", include((youth_pages, case_urls.app_name))),
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
