"""Page routes of the bookings app (mounted at /reservations/)."""

from django.urls import path

from coopconnect.bookings import views

app_name = "bookings"
urlpatterns = [
    path("", views.find, name="find"),
    path("reserver/<int:resource_id>/", views.confirm, name="confirm"),
    path("reserver/<int:resource_id>/attente/", views.waitlist, name="waitlist"),
    path("attente/<int:pk>/", views.hold_page, name="hold"),
    path("liste-attente/<int:pk>/quitter/", views.waitlist_leave, name="waitlist_leave"),
    path("mes-reservations/", views.mine, name="mine"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/annuler/", views.cancel, name="cancel"),
    path("<int:pk>/modifier/", views.modify, name="modify"),
    path("<int:pk>/valider/", views.decide, {"decision": "approve"}, name="approve"),
    path("<int:pk>/refuser/", views.decide, {"decision": "reject"}, name="reject"),
    path("arrivee/", views.checkin, name="checkin"),
    path("lieu/<slug:slug>/", views.place_slots, name="place_slots"),
    path("lieu/<slug:slug>/jour/", views.host_day, name="host_day"),
    path("lieu/<slug:slug>/semaine/", views.host_week, name="host_week"),
    path("lieu/<slug:slug>/sur-place/", views.walk_in, name="walk_in"),
    path("reseau/<slug:slug>/occupation/", views.occupancy, name="occupancy"),
    path("calendriers/", views.calendars, name="calendars"),
    path("ical/<str:token>.ics", views.feed, name="feed"),
]
