"""Consultations on drafts (SPK platform): /members/consultations/…"""
from django.urls import path

from . import views

app_name = "consultations"

urlpatterns = [
    path("", views.consultation_list, name="list"),
    path("open/<int:committee_pk>/", views.open_consultation, name="open"),
    path("<int:pk>/", views.consultation_detail, name="detail"),
    path("<int:pk>/evaluate/", views.evaluate, name="evaluate"),
    path("<int:pk>/summary/", views.summary, name="summary"),
    path("<int:pk>/close/", views.close_consultation, name="close"),
]
