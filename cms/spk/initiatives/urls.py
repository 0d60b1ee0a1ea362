from django.urls import path

from . import views

app_name = "initiatives"

urlpatterns = [
    path("", views.initiative_list, name="list"),
    path("cross-sector/", views.cross_sector, name="cross_sector"),
    path("<int:pk>/", views.initiative_detail, name="detail"),
    path("<int:pk>/status/", views.change_status, name="change_status"),
    path("<int:pk>/comments/", views.add_comment, name="add_comment"),
    path("committees/<int:committee_pk>/propose/", views.propose, name="propose"),
    path("committees/<int:committee_pk>/priorities/", views.priorities, name="priorities"),
    path("committees/<int:committee_pk>/priorities/my-ranking/", views.ranking, name="ranking"),
]
