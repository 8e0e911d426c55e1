"""E-mails about bookings, in the person's language, each with the .ics attached.

Services call ``notify_*``: the e-mail is queued as a background task once the transaction
commits, so a rolled-back booking never sends a mail.
"""

from __future__ import annotations

import datetime as dt
from functools import partial

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from coopconnect.bookings.ics import calendar_bytes
from coopconnect.bookings.models import Booking, Hold
from coopconnect.bookings.slots import PARIS

KINDS = ("confirmed", "pending", "changed", "cancelled", "rejected", "reminder")


def notify_booking(booking: Booking, kind: str) -> None:
    """Queue the e-mail about ``booking`` after commit."""
    from coopconnect.bookings.tasks import send_booking_email

    transaction.on_commit(partial(send_booking_email.enqueue, booking.pk, kind))


def notify_series(bookings: list[Booking]) -> None:
    from coopconnect.bookings.tasks import send_series_email

    transaction.on_commit(partial(send_series_email.enqueue, [b.pk for b in bookings]))


def notify_hold(hold: Hold) -> None:
    from coopconnect.bookings.tasks import send_hold_email

    transaction.on_commit(partial(send_hold_email.enqueue, hold.pk))


def _when(booking: Booking) -> str:
    start, end = booking.start.astimezone(PARIS), booking.end.astimezone(PARIS)
    return f"{start:%d/%m/%Y %H:%M} – {end:%H:%M}"


def _subjects() -> dict[str, str]:
    return {
        "confirmed": _("Réservation confirmée"),
        "pending": _("Demande de réservation reçue (en attente de l'hôte)"),
        "changed": _("Réservation modifiée"),
        "cancelled": _("Réservation annulée"),
        "rejected": _("Demande de réservation refusée"),
        "reminder": _("Rappel : votre réservation de demain"),
    }


def send_booking_email(*, booking_id: int, kind: str) -> bool:
    """Send the e-mail of ``kind`` about a booking; return False when there is nothing to send."""
    booking = (
        Booking.objects.select_related("resource", "resource__place", "person").filter(pk=booking_id).first()
    )
    if booking is None or kind not in KINDS or not booking.person.email:
        return False
    place = booking.resource.place
    with translation.override(booking.person.language or "fr"):
        subject = f"{_subjects()[kind]} — {place.name}"
        code_label = _("Code d'arrivée")
        lines = [
            _("Bonjour %(name)s,") % {"name": booking.person.first_name or booking.person.email},
            "",
            f"{_subjects()[kind]} :",
            f"  {booking.resource.name} — {place.name}",
            f"  {_when(booking)}",
            f"  {code_label} : {booking.short_code}",
            "",
            f"{settings.SITE_URL}/reservations/{booking.pk}/",
        ]
        method = "CANCEL" if kind in ("cancelled", "rejected") else "PUBLISH"
        ics = calendar_bytes([booking], name=place.name, method=method)
    message = EmailMessage(subject=subject, body="\n".join(lines), to=[booking.person.email])
    message.attach("reservation.ics", ics, "text/calendar")
    message.send()
    return True


def send_series_email(*, booking_ids: list[int]) -> bool:
    """Send one e-mail listing several bookings made together, with all of them in the .ics."""
    bookings = list(
        Booking.objects.select_related("resource", "resource__place", "person").filter(pk__in=booking_ids)
    )
    if not bookings:
        return False
    person = bookings[0].person
    place = bookings[0].resource.place
    with translation.override(person.language or "fr"):
        confirmed = _("Réservations confirmées")
        subject = f"{confirmed} — {place.name}"
        lines = [_("Bonjour %(name)s,") % {"name": person.first_name or person.email}, ""]
        lines += [f"  {b.resource.name} — {_when(b)} — {b.short_code}" for b in bookings]
        ics = calendar_bytes(bookings, name=place.name, method="PUBLISH")
    message = EmailMessage(subject=subject, body="\n".join(lines), to=[person.email])
    message.attach("reservations.ics", ics, "text/calendar")
    message.send()
    return True


def send_hold_email(*, hold_id: int) -> bool:
    """Tell the person a freed seat is kept for them until the hold expires."""
    hold = Hold.objects.select_related("resource", "resource__place", "person").filter(pk=hold_id).first()
    if hold is None:
        return False
    person = hold.person
    with translation.override(person.language or "fr"):
        freed = _("Une place s'est libérée")
        subject = f"{freed} — {hold.resource.place.name}"
        start, end = hold.start.astimezone(PARIS), hold.end.astimezone(PARIS)
        lines = [
            _("Bonjour %(name)s,") % {"name": person.first_name or person.email},
            "",
            _("Une place s'est libérée : %(r)s, le %(when)s.")
            % {"r": hold.resource.name, "when": f"{start:%d/%m/%Y %H:%M} – {end:%H:%M}"},
            _("Elle vous est réservée jusqu'au %(exp)s. Acceptez-la ici :")
            % {"exp": hold.expires_at.astimezone(PARIS).strftime("%d/%m/%Y %H:%M")},
            f"{settings.SITE_URL}/reservations/attente/{hold.pk}/",
        ]
    EmailMessage(subject=subject, body="\n".join(lines), to=[person.email]).send()
    return True


def send_reminders(*, now: dt.datetime | None = None) -> int:
    """Queue a reminder for every active booking starting tomorrow not yet reminded; return how many."""
    from coopconnect.bookings.models import BookingStatus

    now = now or timezone.now()
    tomorrow = (now.astimezone(PARIS) + dt.timedelta(days=1)).date()
    start = dt.datetime.combine(tomorrow, dt.time(0), tzinfo=PARIS)
    end = start + dt.timedelta(days=1)
    count = 0
    with transaction.atomic():
        due = Booking.objects.select_for_update().filter(
            start__gte=start,
            start__lt=end,
            reminder_sent_at__isnull=True,
            status__in=(BookingStatus.CONFIRMED, BookingStatus.PENDING),
        )
        for booking in due:
            Booking.objects.filter(pk=booking.pk).update(reminder_sent_at=now)
            notify_booking(booking, "reminder")
            count += 1
    return count
