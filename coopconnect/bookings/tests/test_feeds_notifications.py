"""iCalendar feeds (parsed with the icalendar library) and e-mails with the .ics attached."""

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command
from icalendar import Calendar

from coopconnect.bookings.models import Booking, FeedKind
from coopconnect.bookings.services.cancel import booking_cancel
from coopconnect.bookings.services.change import booking_modify
from coopconnect.bookings.services.create import booking_create
from coopconnect.bookings.services.feeds import feed_create, feed_ics, feed_regenerate, feed_revoke
from coopconnect.bookings.tests.conftest import TUESDAY, paris
from coopconnect.core.errors import PermissionDenied

pytestmark = pytest.mark.usefixtures("frozen")
MORNING = (paris(TUESDAY, 8, 30), paris(TUESDAY, 12, 30))


def events(body: bytes):
    cal = Calendar.from_ical(body)
    return [c for c in cal.walk("VEVENT")]


def test_member_feed_lists_my_bookings_only(client, seats, member, second_member):
    mine = booking_create(resource=seats, person=member, start=MORNING[0], end=MORNING[1])
    booking_create(resource=seats, person=second_member, start=MORNING[0], end=MORNING[1])
    feed = feed_create(owner=member, kind=FeedKind.PERSON)
    response = client.get(f"/reservations/ical/{feed.token}.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    (event,) = events(response.content)
    assert str(event["uid"]) == f"booking-{mine.pk}@coop-connect"
    assert event.decoded("dtstart") == MORNING[0]
    assert event.decoded("dtend") == MORNING[1]
    assert mine.short_code in str(event["description"])
    assert str(event["status"]) == "CONFIRMED"


def test_revoked_or_regenerated_feeds_stop_working(client, member):
    feed = feed_create(owner=member, kind=FeedKind.PERSON)
    old = feed.token
    feed_regenerate(feed=feed)
    assert client.get(f"/reservations/ical/{old}.ics").status_code == 404
    assert client.get(f"/reservations/ical/{feed.token}.ics").status_code == 200
    feed_revoke(feed=feed)
    assert client.get(f"/reservations/ical/{feed.token}.ics").status_code == 404


def test_place_and_resource_feeds_for_hosts_only(seats, member, host, other_host, outsider, place):
    booking_create(resource=seats, person=member, start=MORNING[0], end=MORNING[1])
    place_feed = feed_create(owner=host, kind=FeedKind.PLACE, target_id=place.pk)
    resource_feed = feed_create(owner=host, kind=FeedKind.RESOURCE, target_id=seats.pk)
    assert len(events(feed_ics(token=place_feed.token))) == 1
    assert "Marie" in str(events(feed_ics(token=resource_feed.token))[0]["summary"])
    for intruder in (other_host, outsider):
        with pytest.raises(PermissionDenied):
            feed_create(owner=intruder, kind=FeedKind.PLACE, target_id=place.pk)
    # A host removed from the place loses the feed at the next fetch.
    place.hosts.remove(host)
    assert feed_ics(token=place_feed.token) is None


def test_mails_in_the_person_language_with_the_ics(
    immediate_tasks, django_capture_on_commit_callbacks, seats, member, second_member
):
    second_member.language = "en"
    second_member.save()
    with django_capture_on_commit_callbacks(execute=True):
        fr = booking_create(resource=seats, person=member, start=MORNING[0], end=MORNING[1])
    with django_capture_on_commit_callbacks(execute=True):
        en = booking_create(resource=seats, person=second_member, start=MORNING[0], end=MORNING[1])
    with django_capture_on_commit_callbacks(execute=True):
        booking_modify(booking=fr, by=member, start=paris(TUESDAY, 9), end=MORNING[1])
    with django_capture_on_commit_callbacks(execute=True):
        booking_cancel(booking=en, by=second_member)
    subjects = [m.subject for m in mail.outbox]
    assert subjects[0].startswith("Réservation confirmée")
    assert subjects[2].startswith("Réservation modifiée")
    assert mail.outbox[0].to == ["membre@example.org"]
    assert mail.outbox[1].to == ["membre2@example.org"]
    assert subjects[1] == "Booking confirmed — Bâticom Pertuis"
    assert "Check-in code" in mail.outbox[1].body
    assert subjects[3] == "Booking cancelled — Bâticom Pertuis"
    name, body, mimetype = mail.outbox[0].attachments[0]
    assert (name, mimetype) == ("reservation.ics", "text/calendar; method=REQUEST; charset=utf-8")
    (event,) = events(body if isinstance(body, bytes) else body.encode())
    assert event.decoded("dtstart") == MORNING[0]
    cancel_ics = mail.outbox[3].attachments[0][1]
    cancel_ics = cancel_ics if isinstance(cancel_ics, bytes) else cancel_ics.encode()
    assert str(Calendar.from_ical(cancel_ics)["method"]) == "CANCEL"


def test_reminders_the_day_before_once(immediate_tasks, django_capture_on_commit_callbacks, seats, member):
    booking_create(resource=seats, person=member, start=MORNING[0], end=MORNING[1], notify=False)
    booking_create(
        resource=seats,
        person=member,
        start=paris(TUESDAY + dt.timedelta(days=1), 9),
        end=paris(TUESDAY + dt.timedelta(days=1), 12),
        notify=False,
    )
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_booking_reminders")
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_booking_reminders")
    assert [m.subject for m in mail.outbox] == ["Rappel : votre réservation de demain — Bâticom Pertuis"]
    assert Booking.objects.filter(reminder_sent_at__isnull=False).count() == 1


@pytest.mark.django_db(transaction=True)
def test_the_database_task_worker_sends_the_mail(seats, member, settings):
    # The real path: the task is stored by django-tasks-db after commit, then the worker sends it.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    booking_create(resource=seats, person=member, start=MORNING[0], end=MORNING[1])
    assert mail.outbox == []
    call_command("db_worker", "--batch", verbosity=0)
    assert [m.subject for m in mail.outbox] == ["Réservation confirmée — Bâticom Pertuis"]
