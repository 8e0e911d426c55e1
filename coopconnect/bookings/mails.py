"""E-mails about bookings, in the person's language, each with the .ics attached.

Sent by the tasks of ``bookings.tasks`` once the write that asked for them has committed.
"""

from __future__ import annotations

from django.conf import settings

from coopconnect.bookings.ics import calendar_bytes
from coopconnect.bookings.models import Booking, Hold
from coopconnect.core import formatting
from coopconnect.core.mail import Attachment, send_to_person

# Each kind is a mail ``bookings/mail/<kind>``; a cancelled or rejected booking leaves calendars.
KINDS = ("confirmed", "pending", "changed", "cancelled", "rejected", "reminder")
_REMOVED = ("cancelled", "rejected")


def _lang(person: object) -> str:
    return getattr(person, "language", "") or settings.LANGUAGE_CODE


def _ics(filename: str, body: bytes, method: str = "PUBLISH") -> Attachment:
    # ``method=`` on the part, as iTIP over e-mail asks (RFC 6047), tells clients to act on it.
    return Attachment(
        filename=filename, content=body, mimetype=f"text/calendar; method={method}; charset=utf-8"
    )


def send_booking_email(*, booking_id: int, kind: str) -> bool:
    """Send the e-mail of ``kind`` about a booking; return False when there is nothing to send."""
    booking = (
        Booking.objects.select_related("resource", "resource__place", "person").filter(pk=booking_id).first()
    )
    if booking is None or kind not in KINDS:
        return False
    person, place = booking.person, booking.resource.place
    # An invitation the person's calendar accepts, updates (same UID, higher SEQUENCE) and cancels.
    method = "CANCEL" if kind in _REMOVED else "REQUEST"
    return send_to_person(
        person=person,
        template=f"bookings/mail/{kind}",
        context={
            "booking": booking,
            "place": place,
            "when": formatting.span(booking.start, booking.end, lang=_lang(person)),
        },
        attachments=[
            _ics("reservation.ics", calendar_bytes([booking], name=place.name, method=method), method=method)
        ],
    )


def send_series_email(*, booking_ids: list[int]) -> bool:
    """Send one e-mail listing several bookings made together, with all of them in the .ics."""
    bookings = list(
        Booking.objects.select_related("resource", "resource__place", "person")
        .filter(pk__in=booking_ids)
        .order_by("start")
    )
    if not bookings:
        return False
    person, place = bookings[0].person, bookings[0].resource.place
    lang = _lang(person)
    return send_to_person(
        person=person,
        template="bookings/mail/series",
        context={
            "place": place,
            "lines": [(b, formatting.span(b.start, b.end, lang=lang)) for b in bookings],
        },
        attachments=[_ics("reservations.ics", calendar_bytes(bookings, name=place.name, method="PUBLISH"))],
    )


def send_hold_email(*, hold_id: int) -> bool:
    """Tell the person a freed seat is kept for them until the hold expires."""
    hold = Hold.objects.select_related("resource", "resource__place", "person").filter(pk=hold_id).first()
    if hold is None:
        return False
    lang = _lang(hold.person)
    return send_to_person(
        person=hold.person,
        template="bookings/mail/hold",
        context={
            "hold": hold,
            "place": hold.resource.place,
            "when": formatting.span(hold.start, hold.end, lang=lang),
            "expires": formatting.datetime(hold.expires_at, lang=lang),
        },
    )
