"""iCalendar (RFC 5545) rendering of bookings, for feeds and e-mail attachments.

Times are written in UTC (``...Z``): every client shows them in its own zone, and the file stays
small (no VTIMEZONE block with decades of daylight-saving rules).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event

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


def booking_event(booking: Booking, *, with_person: bool = False) -> Event:
    """Return the VEVENT of one booking."""
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
    event.add("sequence", int(booking.updated_at.timestamp()) % 2_000_000_000)
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
        cal.add_component(booking_event(booking, with_person=with_person))
    return cal.to_ical()
