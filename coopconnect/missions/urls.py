"""Page routes of the missions board (mounted at /communaute/)."""

from django.urls import path

from coopconnect.missions import views

app_name = "missions"
urlpatterns = [
    path("missions/", views.board, name="missions"),
    path("missions/nouvelle/", views.mission_new, name="mission_new"),
    path("missions/<int:pk>/", views.mission, name="mission"),
    path("missions/<int:pk>/reponses/", views.mission_responses, name="mission_responses"),
    path("missions/<int:pk>/modifier/", views.mission_edit, name="mission_edit"),
    path("missions/<int:pk>/etat/", views.mission_status, name="mission_status"),
]
