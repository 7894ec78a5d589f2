from django.urls import path

from safeharbor.partners import views

app_name = "partners"
urlpatterns = [
    path("youth/<int:pk>/referrals/new/", views.referral_new, name="referral_new"),
    path("youth/<int:pk>/referrals/<int:referral_pk>/", views.referral_detail, name="referral"),
    path(
        "youth/<int:pk>/referrals/<int:referral_pk>/status/",
        views.referral_status,
        name="referral_status",
    ),
    path("youth/<int:pk>/meetings/new/", views.meeting_new, name="meeting_new"),
    path("youth/<int:pk>/meetings/<int:meeting_pk>/", views.meeting_detail, name="meeting"),
    path(
        "youth/<int:pk>/meetings/<int:meeting_pk>/invitation.ics",
        views.meeting_ics,
        name="meeting_ics",
    ),
    path(
        "youth/<int:pk>/meetings/<int:meeting_pk>/outcome/",
        views.meeting_outcome,
        name="meeting_outcome",
    ),
    path(
        "youth/<int:pk>/meetings/<int:meeting_pk>/cancel/",
        views.meeting_cancel,
        name="meeting_cancel",
    ),
    path(
        "youth/<int:pk>/meetings/<int:meeting_pk>/shares/<int:share_pk>/revoke/",
        views.share_revoke,
        name="share_revoke",
    ),
    path(
        "youth/<int:pk>/meetings/<int:meeting_pk>/shares/<int:share_pk>/widen/",
        views.share_widen,
        name="share_widen",
    ),
    path(
        "youth/<int:pk>/meetings/<int:meeting_pk>/steps/<int:step_pk>/done/",
        views.step_done,
        name="step_done",
    ),
    path("youth/<int:pk>/needs/assess/", views.needs_assess, name="needs_assess"),
    path("youth/<int:pk>/needs/<int:need_pk>/", views.need_edit, name="need"),
    path("directory/", views.directory, name="directory"),
    path("directory/sharing/", views.sharing_defaults, name="sharing_defaults"),
    path("directory/new/", views.agency_new, name="agency_new"),
    path("directory/<int:agency_pk>/", views.agency_edit, name="agency_edit"),
]
