"""E-mails about events, in the person's language, with the event's .ics attached.

Services call ``notify_*``: the e-mail is queued as a background task once the transaction commits,
so a rolled-back registration never sends a mail.
"""

from __future__ import annotations

import datetime as dt
from functools import partial
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from coopconnect.events.ics import event_calendar_bytes, when_text
from coopconnect.events.models import Event, EventStatus, Registration, ThemeSubscription

KINDS = ("confirmed", "waitlisted", "promoted", "event_cancelled", "event_changed")


def notify_registration(
    registration: Registration, kind: str, *, before: dict[str, Any] | None = None
) -> None:
    """Queue the e-mail of ``kind`` about a registration, after commit.

    ``before`` (from ``previous_slot``) is the former time and place of a changed event.
    """
    from coopconnect.events.tasks import send_registration_email

    if before is None:
        job = partial(send_registration_email.enqueue, registration.pk, kind)
    else:
        job = partial(send_registration_email.enqueue, registration.pk, kind, before)
    transaction.on_commit(job)


def previous_slot(event: Event) -> dict[str, Any]:
    """Return the event's current time and place as plain values a task can carry (JSON)."""
    return {
        "start": event.start.isoformat(),
        "end": event.end.isoformat(),
        "venue_id": event.venue_id,
        "is_online": event.is_online,
    }


def _former(before: dict[str, Any]) -> Event:
    from coopconnect.places.models import Place

    return Event(
        start=dt.datetime.fromisoformat(before["start"]),
        end=dt.datetime.fromisoformat(before["end"]),
        venue=Place.objects.filter(pk=before.get("venue_id") or 0).first(),
        is_online=bool(before.get("is_online")),
    )


def notify_theme_followers(event: Event) -> None:
    """Queue the announcement of a published event to the people following its themes, after commit."""
    from coopconnect.events.tasks import send_theme_announcements

    transaction.on_commit(partial(send_theme_announcements.enqueue, event.pk))


def _subjects() -> dict[str, str]:
    return {
        "confirmed": _("Inscription confirmée"),
        "waitlisted": _("Vous êtes sur la liste d'attente"),
        "promoted": _("Une place s'est libérée : vous êtes inscrit"),
        "event_cancelled": _("Événement annulé"),
        "event_changed": _("Changement d'horaire ou de lieu"),
    }


def _url(event: Event) -> str:
    return settings.SITE_URL + reverse("events:detail", args=[event.pk])


def _where(event: Event) -> str:
    if event.venue is not None:
        return ", ".join(p for p in (event.venue.name, event.venue.address, event.venue.postcode) if p)
    return _("En ligne (visio)")


def send_registration_email(*, registration_id: int, kind: str, before: dict[str, Any] | None = None) -> bool:
    """Send the e-mail of ``kind`` about a registration; return False when there is nothing to send."""
    reg = (
        Registration.objects.select_related("event", "event__venue", "person")
        .filter(pk=registration_id)
        .first()
    )
    if reg is None or kind not in KINDS or not reg.person.email:
        return False
    event = reg.event
    with translation.override(reg.person.language or "fr"):
        subject = f"{_subjects()[kind]} — {event.title}"
        lines = [
            _("Bonjour %(name)s,") % {"name": reg.person.first_name or reg.person.email},
            "",
            f"{_subjects()[kind]} :",
            f"  {event.title}",
            f"  {when_text(event)}",
            f"  {_where(event)}",
            "",
        ]
        if kind == "event_changed" and before:
            former = _former(before)
            lines += [_("Auparavant :"), f"  {when_text(former)}", f"  {_where(former)}", ""]
        lines.append(_url(event))
        method = "CANCEL" if kind == "event_cancelled" else "PUBLISH"
        ics = event_calendar_bytes([event], name=event.title, method=method)
    message = EmailMessage(subject=subject, body="\n".join(lines), to=[reg.person.email])
    if kind != "waitlisted":
        message.attach("evenement.ics", ics, "text/calendar")
    message.send()
    return True


def send_theme_announcements(*, event_id: int) -> int:
    """Mail each follower of the event's themes once (not those already registered); return how many."""
    event = Event.objects.select_related("venue").filter(pk=event_id, status=EventStatus.PUBLISHED).first()
    if event is None:
        return 0
    registered = event.registrations.values("person_id")
    subs = (
        ThemeSubscription.objects.filter(theme__in=event.themes.all(), person__is_active=True)
        .exclude(person_id__in=registered)
        .select_related("person", "theme")
        .order_by("person_id", "theme__name")
    )
    by_person: dict[int, tuple[object, list[str]]] = {}
    for sub in subs:
        by_person.setdefault(sub.person_id, (sub.person, []))[1].append(sub.theme.name)
    sent = 0
    for person, themes in by_person.values():
        if not person.email:  # type: ignore[attr-defined]
            continue
        with translation.override(getattr(person, "language", "") or "fr"):
            subject = _("Nouvel événement sur un thème que vous suivez : %(t)s") % {"t": event.title}
            lines = [
                _("Bonjour %(name)s,") % {"name": person.first_name or person.email},  # type: ignore[attr-defined]
                "",
                _("Un événement vient d'être publié sur %(themes)s :") % {"themes": ", ".join(themes)},
                f"  {event.title}",
                f"  {when_text(event)}",
                f"  {_where(event)}",
                "",
                _url(event),
                "",
                _("Vous recevez ce message car vous suivez ces thèmes ; réglages :"),
                settings.SITE_URL + reverse("events:themes"),
            ]
        EmailMessage(subject=subject, body="\n".join(lines), to=[person.email]).send()  # type: ignore[attr-defined]
        sent += 1
    return sent
