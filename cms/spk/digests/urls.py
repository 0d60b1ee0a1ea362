"""/members/subscriptions/: members manage their digests; the unsubscribe link needs no login."""

from django.urls import path

from . import views

app_name = "digests"

urlpatterns = [
    path("", views.subscriptions, name="subscriptions"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
