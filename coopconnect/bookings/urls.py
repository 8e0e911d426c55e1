"""Page routes of the bookings app (mounted at /reservations/)."""

from django.urls import path

from coopconnect.bookings.views import book, booking, calendars, host, search, waitlist

app_name = "bookings"
urlpatterns = [
    path("", search.find, name="find"),
    path("reserver/<int:resource_id>/", book.confirm, name="confirm"),
    path("reserver/<int:resource_id>/attente/", waitlist.waitlist, name="waitlist"),
    path("attente/<int:pk>/", waitlist.hold_page, name="hold"),
    path("liste-attente/<int:pk>/quitter/", waitlist.waitlist_leave, name="waitlist_leave"),
    path("mes-reservations/", booking.mine, name="mine"),
    path("<int:pk>/", booking.detail, name="detail"),
    path("<int:pk>/annuler/", booking.cancel, name="cancel"),
    path("<int:pk>/modifier/", booking.modify, name="modify"),
    path("<int:pk>/valider/", host.decide, {"decision": "approve"}, name="approve"),
    path("<int:pk>/refuser/", host.decide, {"decision": "reject"}, name="reject"),
    path("arrivee/", booking.checkin, name="checkin"),
    path("lieu/<slug:slug>/", search.place_slots, name="place_slots"),
    path("lieu/<slug:slug>/disponibilites/", search.place_week, name="place_week"),
    path("lieu/<slug:slug>/jour/", host.host_day, name="host_day"),
    path("lieu/<slug:slug>/semaine/", host.host_week, name="host_week"),
    path("lieu/<slug:slug>/sur-place/", host.walk_in, name="walk_in"),
    path("reseau/<slug:slug>/occupation/", host.occupancy, name="occupancy"),
    path("calendriers/", calendars.calendars, name="calendars"),
    path("ical/<str:token>.ics", calendars.feed, name="feed"),
]
