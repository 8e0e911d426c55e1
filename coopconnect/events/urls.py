"""Page routes of this app."""

from django.urls import path

from coopconnect.events import views

app_name = "events"
urlpatterns = [
    path("", views.agenda, name="agenda"),
    path("ephemeres/", views.popups, name="popups"),
    path("mes-evenements/", views.mine, name="mine"),
    path("themes/", views.themes, name="themes"),
    path("organiser/", views.manage, name="manage"),
    path("nouveau/", views.create, name="create"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/evenement.ics", views.event_ics, name="ics"),
    path("<int:pk>/inscription/", views.register, name="register"),
    path("<int:pk>/desinscription/", views.unregister, name="unregister"),
    path("<int:pk>/modifier/", views.edit, name="edit"),
    path("<int:pk>/publier/", views.publish, name="publish"),
    path("<int:pk>/annuler/", views.cancel, name="cancel"),
    path("<int:pk>/participants/", views.attendees, name="attendees"),
    path("<int:pk>/participants.csv", views.attendees_csv, name="attendees_csv"),
    path("<int:pk>/emargement/", views.sign_in_sheet, name="sign_in_sheet"),
    path("lieu/<slug:slug>/agenda.ics", views.place_feed, name="place_feed"),
    path("reseau/<slug:slug>/agenda.ics", views.network_feed, name="network_feed"),
]
