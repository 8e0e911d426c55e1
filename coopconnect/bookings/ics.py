"""iCalendar (RFC 5545) rendering of bookings, for feeds and e-mail attachments.

Times are written in UTC (``...Z``): every client shows them in its own zone, and the file stays
small (no VTIMEZONE block with decades of daylight-saving rules).

Mails are iTIP (RFC 5546) invitations: ``METHOD:REQUEST`` (the place, ORGANIZER, invites the person,
ATTENDEE) puts the booking in the person's calendar and updates it when it changes; ``METHOD:CANCEL``
takes it out. The UID is the booking's; SEQUENCE grows with every change (see ``booking_sequence``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from email.utils import parseaddr

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress, vText

from coopconnect.bookings.models import Booking, BookingStatus

PRODID = "-//Coop-connect//Reservations//FR"
_STATUS = {
    BookingStatus.PENDING: "TENTATIVE",
    BookingStatus.CONFIRMED: "CONFIRMED",
    BookingStatus.CHECKED_IN: "CONFIRMED",
    BookingStatus.CANCELLED: "CANCELLED",
    BookingStatus.NO_SHOW: "CANCELLED",
    BookingStatus.REJECTED: "CANCELLED",
}


def booking_uid(booking: Booking) -> str:
    return f"booking-{booking.pk}@coop-connect"


def booking_sequence(booking: Booking) -> int:
    """Return the booking's SEQUENCE: the whole seconds from its creation to its last change.

    It grows with every change (each write sets ``updated_at``), starts at 0, and never wraps:
    a 32-bit client overflows only 68 years after the booking was made.
    """
    return max(0, int((booking.updated_at - booking.created_at).total_seconds()))


def _organizer(booking: Booking) -> vCalAddress:
    place = booking.resource.place
    address = place.email or parseaddr(settings.DEFAULT_FROM_EMAIL)[1]
    organizer = vCalAddress(f"mailto:{address}")
    organizer.params["cn"] = vText(place.name)
    return organizer


def _attendee(booking: Booking) -> vCalAddress:
    person = booking.person
    attendee = vCalAddress(f"mailto:{person.email}")
    attendee.params["cn"] = vText(str(person))
    attendee.params["role"] = vText("REQ-PARTICIPANT")
    attendee.params["partstat"] = vText(
        "ACCEPTED"
        if booking.status in (BookingStatus.CONFIRMED, BookingStatus.CHECKED_IN)
        else "NEEDS-ACTION"
    )
    # The booking is already the person's answer: nothing to reply to.
    attendee.params["rsvp"] = vText("FALSE")
    return attendee


def booking_event(booking: Booking, *, with_person: bool = False, method: str | None = None) -> Event:
    """Return the VEVENT of one booking (with ORGANIZER and ATTENDEE in an iTIP ``method``)."""
    place = booking.resource.place
    event = Event()
    event.add("uid", booking_uid(booking))
    event.add("dtstamp", timezone.now().astimezone(dt.UTC))
    event.add("last-modified", booking.updated_at.astimezone(dt.UTC))
    event.add("dtstart", booking.start.astimezone(dt.UTC))
    event.add("dtend", booking.end.astimezone(dt.UTC))
    summary = f"{booking.resource.name} — {place.name}"
    if with_person:
        summary = f"{booking.person} · {summary}"
    event.add("summary", summary)
    location = ", ".join(p for p in (place.name, place.address, place.postcode) if p)
    event.add("location", location)
    event.add("geo", (place.latitude, place.longitude))
    event.add("status", _STATUS.get(booking.status, "CONFIRMED"))
    event.add("sequence", booking_sequence(booking))
    if method in ("REQUEST", "CANCEL"):
        event.add("organizer", _organizer(booking))
        event.add("attendee", _attendee(booking))
    event.add("description", f"Code : {booking.short_code}\n{settings.SITE_URL}/reservations/{booking.pk}/")
    event.add("url", f"{settings.SITE_URL}/reservations/{booking.pk}/")
    return event


def calendar_bytes(
    bookings: Iterable[Booking], *, name: str, method: str | None = None, with_person: bool = False
) -> bytes:
    """Return a whole VCALENDAR with one event per booking."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    if method:
        cal.add("method", method)
    for booking in bookings:
        cal.add_component(booking_event(booking, with_person=with_person, method=method))
    return cal.to_ical()
