"""iCalendar (RFC 5545) rendering of events: one event's .ics, and a place's or network's feed.

Times are written in UTC, like the bookings feeds: every client shows them in its own zone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar
from icalendar import Event as VEvent

from coopconnect.events.models import Event, EventStatus

PRODID = "-//Coop-connect//Evenements//FR"


def event_uid(event: Event) -> str:
    """Return the stable iCalendar UID of an event."""
    return f"event-{event.pk}@coop-connect"


def vevent(event: Event) -> VEvent:
    """Return the VEVENT of one event."""
    url = settings.SITE_URL + reverse("events:detail", args=[event.pk])
    item = VEvent()
    item.add("uid", event_uid(event))
    item.add("dtstamp", timezone.now().astimezone(dt.UTC))
    item.add("last-modified", event.updated_at.astimezone(dt.UTC))
    item.add("dtstart", event.start.astimezone(dt.UTC))
    item.add("dtend", event.end.astimezone(dt.UTC))
    item.add("summary", event.title)
    if event.venue is not None:
        venue = event.venue
        item.add("location", ", ".join(p for p in (venue.name, venue.address, venue.postcode) if p))
        item.add("geo", (venue.latitude, venue.longitude))
    else:
        item.add("location", event.online_url or "Visio")
    item.add("status", "CANCELLED" if event.status == EventStatus.CANCELLED else "CONFIRMED")
    item.add("sequence", int(event.updated_at.timestamp()) % 2_000_000_000)
    description = "\n\n".join(p for p in (event.description, url) if p)
    item.add("description", description)
    item.add("url", url)
    item.add("categories", [event.get_kind_display(), *(t.name for t in event.themes.all())])
    return item


def event_calendar_bytes(events: Iterable[Event], *, name: str, method: str | None = None) -> bytes:
    """Return a whole VCALENDAR with one VEVENT per event."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name)
    if method:
        cal.add("method", method)
    for event in events:
        cal.add_component(vevent(event))
    return cal.to_ical()
