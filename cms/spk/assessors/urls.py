"""Assessor bank (SPK platform), mounted at /members/assessors/."""
from django.urls import path

from . import views

app_name = "assessors"

urlpatterns = [
    path("", views.bank, name="bank"),
    path("me/", views.my_entry, name="me"),
    path("me/withdraw/", views.withdraw, name="withdraw"),
    path("<int:pk>/", views.detail, name="detail"),
]
