"""The agenda in pages of 20 (plain links keeping the filters), and the e-mail to the people registered
or waiting when an event's time or place changes."""

import datetime as dt
import html as htmllib
import re

import pytest
from django.core import mail
from django.urls import reverse

from coopconnect.events import services
from coopconnect.events.models import EventKind
from coopconnect.events.tests.conftest import NOW, TUESDAY, paris
from coopconnect.events.views import AGENDA_PAGE_SIZE

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]


def _links(html: str, rel: str) -> list[str]:
    return [htmllib.unescape(h) for h in re.findall(rf'<a href="([^"]*)" rel="{rel}"', html)]


def test_agenda_is_paginated_by_20_with_links_keeping_the_filters(client, make_event):
    assert AGENDA_PAGE_SIZE == 20
    for i in range(23):
        day = TUESDAY + dt.timedelta(days=i)
        make_event(title=f"Rencontre {i + 1:02d}", start=paris(day, 9, 30), end=paris(day, 12))
    make_event(title="Formation hors filtre", kind=EventKind.TRAINING)
    url = reverse("events:agenda")

    first = client.get(url, {"kind": "meetup"}).content.decode()
    # 23 meetups, 20 a page -> page 1 holds 01..20, page 2 holds 21..23.
    assert re.findall(r"Rencontre \d\d", first) == [f"Rencontre {i:02d}" for i in range(1, 21)]
    assert "Événements 1 à 20 sur 23" in first and "Formation hors filtre" not in first
    assert _links(first, "prev") == [] and _links(first, "next") == ["?kind=meetup&page=2"]

    second = client.get(url + _links(first, "next")[0]).content.decode()
    assert re.findall(r"Rencontre \d\d", second) == ["Rencontre 21", "Rencontre 22", "Rencontre 23"]
    assert "Événements 21 à 23 sur 23" in second
    assert _links(second, "prev") == ["?kind=meetup&page=1"] and _links(second, "next") == []

    # Garbage or out-of-range page numbers fall back to a real page, never an error.
    assert client.get(url, {"page": "zzz"}).status_code == 200
    last = client.get(url, {"kind": "meetup", "page": "999"})
    assert last.status_code == 200 and "Rencontre 23" in last.content.decode()


def test_agenda_without_enough_events_shows_no_pager(client, make_event):
    make_event()
    html = client.get(reverse("events:agenda")).content.decode()
    assert "Club des indépendants" in html and 'rel="next"' not in html and "Événements 1 à" not in html


def test_moving_an_event_mails_everyone_registered_or_waiting_with_the_old_and_new_times(
    make_event, people, host, immediate_tasks, django_capture_on_commit_callbacks
):
    event = make_event()
    a, b, c, d = people[:4]
    for p in (a, b, c, d):
        services.registration_create(event=event, person=p, now=NOW)
    services.registration_cancel(event=event, person=d, now=NOW)
    # Capacity 2: a and b seated, c waiting, d cancelled -> a, b and c are told, not d.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.event_update(event=event, by=host, start=paris(TUESDAY, 14), end=paris(TUESDAY, 16), now=NOW)
    assert sorted(m.to[0] for m in mail.outbox) == sorted([a.email, b.email, c.email])
    message = next(m for m in mail.outbox if m.to == [a.email])
    assert message.subject == "Changement d'horaire ou de lieu — Club des indépendants : prospection"
    assert "16/03/2027 14:00 – 16:00" in message.body
    assert "Auparavant :\n  16/03/2027 09:30 – 12:00" in message.body
    assert message.attachments[0][0] == "evenement.ics"
    assert "DTSTART:20270316T130000Z" in message.attachments[0][1]  # 14:00 Paris (UTC+1) = 13:00 UTC


def test_a_new_room_is_a_change_of_place_and_the_mail_is_in_the_persons_language(
    make_event, people, host, meeting_room, immediate_tasks, django_capture_on_commit_callbacks
):
    event = make_event()
    english = people[0]
    english.language = "en"
    english.save(update_fields=["language"])
    services.registration_create(event=event, person=english, now=NOW)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.event_update(event=event, by=host, room=meeting_room, now=NOW)
    assert [m.to for m in mail.outbox] == [[english.email]]
    assert mail.outbox[0].subject.startswith("Change of time or place — ")
    assert "Previously:" in mail.outbox[0].body


def test_other_changes_and_drafts_mail_nobody(
    make_event, people, host, immediate_tasks, django_capture_on_commit_callbacks
):
    event = make_event()
    services.registration_create(event=event, person=people[0], now=NOW)
    draft = make_event(title="Brouillon", publish=False)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.event_update(
            event=event, by=host, title="Nouveau titre", capacity=5, description="x", now=NOW
        )
        services.event_update(event=event, by=host, start=event.start, end=event.end, now=NOW)
        services.event_update(event=draft, by=host, start=paris(TUESDAY, 14), end=paris(TUESDAY, 16), now=NOW)
    assert mail.outbox == []


def test_the_edit_page_moving_an_event_tells_the_people_registered(
    client, make_event, people, host, immediate_tasks, django_capture_on_commit_callbacks
):
    event = make_event()
    services.registration_create(event=event, person=people[0], now=NOW)
    mail.outbox.clear()
    client.force_login(host)
    form = {
        "title": event.title,
        "kind": event.kind,
        "themes": "Prospection",
        "start": "2027-03-17T09:30",
        "end": "2027-03-17T12:00",
        "venue": event.venue_id,
        "capacity": 2,
        "price": "0",
        "grants_free_months": 0,
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("events:edit", args=[event.pk]), form)
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [[people[0].email]]
    assert "17/03/2027 09:30 – 12:00" in mail.outbox[0].body
