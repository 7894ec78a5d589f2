from django.urls import path

from safeharbor.notifications import views

app_name = "notifications"
urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("<int:notification_pk>/open/", views.open_notification, name="open"),
]
