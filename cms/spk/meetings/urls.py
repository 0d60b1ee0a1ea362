"""/members/meetings/: the committees' meetings (names "spk:meetings:<name>")."""

from django.urls import path

from . import calendar, minutes_views, views

app_name = "meetings"

urlpatterns = [
    path("", views.meeting_list, name="list"),
    path("calendar.ics", calendar.calendar_feed, name="calendar"),
    path("calendar/<str:token>.ics", calendar.subscribed_feed, name="calendar_subscribed"),
    path("committee/<int:committee_pk>/new/", views.meeting_create, name="create"),
    path("<int:pk>/", views.meeting_detail, name="detail"),
    path("<int:pk>/edit/", views.meeting_edit, name="edit"),
    path("<int:pk>/respond/", views.respond, name="respond"),
    path("<int:pk>/attendance/", views.attendance, name="attendance"),
    path("<int:pk>/materials/", views.material_upload, name="material_upload"),
    path("<int:pk>/materials/<int:material_pk>/", views.material_download, name="material"),
    path("<int:pk>/minutes/", minutes_views.minutes_edit, name="minutes"),
    path("<int:pk>/minutes/approve/", minutes_views.minutes_approve, name="minutes_approve"),
    path("<int:pk>/minutes/publish/", minutes_views.minutes_publish, name="minutes_publish"),
    path("<int:pk>/meeting.ics", calendar.meeting_ics, name="ics"),
]
