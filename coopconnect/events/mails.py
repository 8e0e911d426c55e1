"""E-mails about events, in the person's language, with the event's .ics attached.

Each mail is the templates ``events/mail/<name>`` rendered by :mod:`coopconnect.core.mail`; the
events services queue them through :mod:`coopconnect.events.tasks` once their transaction commits.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from coopconnect.core import formatting
from coopconnect.core.mail import Attachment, absolute_url, send_to_person
from coopconnect.events.ics import event_calendar_bytes
from coopconnect.events.models import Event, EventStatus, Registration, ThemeSubscription
from coopconnect.places.models import Place

KINDS = ("confirmed", "waitlisted", "promoted", "event_cancelled", "event_changed")


def _former(before: dict[str, Any]) -> Event:
    return Event(
        start=dt.datetime.fromisoformat(before["start"]),
        end=dt.datetime.fromisoformat(before["end"]),
        venue=Place.objects.filter(pk=before.get("venue_id") or 0).first(),
        is_online=bool(before.get("is_online")),
    )


def _language(person: Any) -> str:
    return getattr(person, "language", "") or settings.LANGUAGE_CODE


def send_registration_email(*, registration_id: int, kind: str, before: dict[str, Any] | None = None) -> bool:
    """Send the e-mail of ``kind`` about a registration; return False when there is nothing to send.

    ``before`` (the services' ``previous_slot``) is the former time and place of a changed event.
    """
    reg = (
        Registration.objects.select_related("event", "event__venue", "person")
        .filter(pk=registration_id)
        .first()
    )
    if reg is None or kind not in KINDS or not reg.person.email:
        return False
    event, lang = reg.event, _language(reg.person)
    context: dict[str, Any] = {
        "kind": kind,
        "event": event,
        "when": formatting.span(event.start, event.end, lang=lang),
        "url": absolute_url(reverse("events:detail", args=[event.pk])),
    }
    if kind == "event_changed" and before:
        former = _former(before)
        context.update(former=former, former_when=formatting.span(former.start, former.end, lang=lang))
    attachments = []
    if kind != "waitlisted":
        method = "CANCEL" if kind == "event_cancelled" else "PUBLISH"
        with translation.override(lang):
            ics = event_calendar_bytes([event], name=event.title, method=method)
        attachments.append(Attachment("evenement.ics", ics, "text/calendar"))
    return send_to_person(
        person=reg.person, template="events/mail/registration", context=context, attachments=attachments
    )


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
    by_person: dict[int, tuple[Any, list[str]]] = {}
    for sub in subs:
        by_person.setdefault(sub.person_id, (sub.person, []))[1].append(sub.theme.name)
    url = absolute_url(reverse("events:detail", args=[event.pk]))
    settings_url = absolute_url(reverse("events:themes"))
    sent = 0
    for person, themes in by_person.values():
        context = {
            "event": event,
            "themes": ", ".join(themes),
            "when": formatting.span(event.start, event.end, lang=_language(person)),
            "url": url,
            "settings_url": settings_url,
        }
        if send_to_person(person=person, template="events/mail/theme_announcement", context=context):
            sent += 1
    return sent
