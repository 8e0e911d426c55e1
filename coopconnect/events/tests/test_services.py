"""Events services: create, register with a waitlist, cancel and promote, rooms, trainings, themes."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail

from coopconnect.billing.models import FreePeriod
from coopconnect.bookings.models import Booking, BookingStatus
from coopconnect.bookings.services.create import booking_create
from coopconnect.core.errors import Conflict, DomainError, PermissionDenied
from coopconnect.events import services
from coopconnect.events.models import Event, EventKind, EventStatus, Registration, RegistrationStatus, Theme
from coopconnect.events.tests.conftest import NOW, TUESDAY, paris

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]


def test_a_host_creates_an_event_at_their_place(make_event, place):
    event = make_event()
    assert event.venue == place and event.status == EventStatus.PUBLISHED
    assert [t.slug for t in event.themes.all()] == ["prospection"]
    assert event.seats_left == 2


def test_bad_input_writes_nothing_and_names_every_field(host, place):
    with pytest.raises(DomainError) as exc:
        services.event_create(
            by=host,
            place=place,
            title="  ",
            start=paris(TUESDAY, 12),
            end=paris(TUESDAY, 9),
            capacity=0,
            price=Decimal("-1"),
            grants_free_months=24,
            now=NOW,
        )
    assert set(exc.value.errors) >= {"title", "end", "capacity", "price", "grants_free_months"}
    assert exc.value.errors["grants_free_months"] == [
        "Seule une formation peut donner droit à une période gratuite."
    ]
    assert Event.objects.count() == 0 and Theme.objects.count() == 0


def test_an_event_in_the_past_is_refused(make_event):
    with pytest.raises(DomainError) as exc:
        make_event(start=NOW - dt.timedelta(days=1), end=NOW - dt.timedelta(hours=20))
    assert exc.value.errors["start"] == ["Cette date est passée."]


def test_strangers_cannot_organise_at_a_place(make_event, other_host, outsider, coordinator):
    for who in (other_host, outsider):
        with pytest.raises(PermissionDenied):
            make_event(by=who)
    assert make_event(by=coordinator).organiser == coordinator  # coordinators of the place's network may
    assert Event.objects.count() == 1


def test_full_event_puts_people_on_the_waitlist_and_a_cancellation_seats_the_first(
    make_event, people, immediate_tasks, django_capture_on_commit_callbacks
):
    event = make_event()
    a, b, c, d = people[:4]
    with django_capture_on_commit_callbacks(execute=True):
        # Capacity 2: a and b are seated, c then d wait (in that order).
        assert services.registration_create(event=event, person=a, now=NOW).status == "confirmed"
        assert services.registration_create(event=event, person=b, now=NOW).status == "confirmed"
        assert services.registration_create(event=event, person=c, now=NOW).status == "waitlisted"
        later = NOW + dt.timedelta(minutes=5)
        assert services.registration_create(event=event, person=d, now=later).status == "waitlisted"
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.registration_cancel(event=event, person=a, now=NOW + dt.timedelta(hours=1))
    statuses = dict(Registration.objects.values_list("person__email", "status"))
    assert statuses == {
        a.email: "cancelled",
        b.email: "confirmed",
        c.email: "confirmed",
        d.email: "waitlisted",
    }
    assert [m.to for m in mail.outbox] == [[c.email]]
    assert mail.outbox[0].subject.startswith("Une place s'est libérée")
    assert mail.outbox[0].attachments[0][0] == "evenement.ics"


def test_registering_twice_is_a_conflict_and_registering_again_after_cancelling_works(make_event, member):
    event = make_event()
    services.registration_create(event=event, person=member, now=NOW)
    with pytest.raises(Conflict, match="déjà inscrit"):
        services.registration_create(event=event, person=member, now=NOW)
    services.registration_cancel(event=event, person=member, now=NOW)
    again = services.registration_create(event=event, person=member, now=NOW)
    assert again.status == "confirmed" and Registration.objects.count() == 1


def test_an_unverified_person_cannot_register(make_event, member):
    member.email_verified = False
    member.save()
    with pytest.raises(PermissionDenied, match="Confirmez votre adresse e-mail"):
        services.registration_create(event=make_event(), person=member, now=NOW)
    assert Registration.objects.count() == 0


def test_drafts_and_started_events_take_no_registration(make_event, member):
    draft = make_event(publish=False)
    with pytest.raises(DomainError, match="pas ouvert"):
        services.registration_create(event=draft, person=member, now=NOW)
    event = make_event(title="Autre")
    with pytest.raises(DomainError, match="a commencé"):
        services.registration_create(event=event, person=member, now=paris(TUESDAY, 10))


def test_capacity_cannot_drop_below_the_people_seated_and_a_rise_seats_the_waitlist(make_event, people, host):
    event = make_event()
    for p in people[:3]:
        services.registration_create(event=event, person=p, now=NOW)
    with pytest.raises(DomainError) as exc:
        services.event_update(event=event, by=host, capacity=1, now=NOW)
    assert exc.value.errors["capacity"] == [
        "2 personnes sont déjà inscrites : la capacité ne peut pas descendre en dessous."
    ]
    services.event_update(event=event, by=host, capacity=3, now=NOW)
    # 2 seated + 1 waiting, capacity 3 -> the waiting person is seated.
    assert Registration.objects.filter(status="confirmed").count() == 3


def test_a_room_is_booked_for_the_event_and_cannot_be_double_booked(make_event, meeting_room, member, host):
    event = make_event(room=meeting_room, capacity=18)
    booking = event.room_booking
    assert (
        booking is not None and booking.resource == meeting_room and booking.status == BookingStatus.CONFIRMED
    )
    assert (booking.start, booking.end) == (event.start, event.end)
    # A member cannot book the room during the event...
    with pytest.raises(Conflict):
        booking_create(
            resource=meeting_room, person=member, start=paris(TUESDAY, 10), end=paris(TUESDAY, 11), now=NOW
        )
    # ...nor can a second event take it.
    with pytest.raises(Conflict) as exc:
        make_event(title="Autre réunion", room=meeting_room, capacity=10)
    assert "room" in exc.value.errors
    assert Event.objects.count() == 1
    # Moving the event moves the booking; cancelling it frees the room.
    services.event_update(event=event, by=host, start=paris(TUESDAY, 14), end=paris(TUESDAY, 16), now=NOW)
    booking.refresh_from_db()
    assert (booking.start, booking.end) == (paris(TUESDAY, 14), paris(TUESDAY, 16))
    services.event_cancel(event=event, by=host, now=NOW)
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED


def test_a_room_too_small_for_the_event_is_refused(make_event, meeting_room):
    with pytest.raises(DomainError) as exc:
        make_event(room=meeting_room, capacity=20)
    assert exc.value.errors["capacity"] == ["La salle accueille 18 personnes au plus."]
    assert Booking.objects.count() == 0


def test_cancelling_an_event_mails_everyone_registered_or_waiting(
    make_event, people, host, immediate_tasks, django_capture_on_commit_callbacks
):
    event = make_event()
    for p in people[:3]:
        services.registration_create(event=event, person=p, now=NOW)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.event_cancel(event=event, by=host, now=NOW)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in people[:3])
    assert all(m.subject.startswith("Événement annulé") for m in mail.outbox)


def test_murat_training_attendance_grants_24_months_free(make_event, member, host):
    event = make_event(kind=EventKind.TRAINING, title="Se former au télétravail", grants_free_months=24)
    registration = services.registration_create(event=event, person=member, now=NOW)
    with pytest.raises(DomainError, match="à partir du début"):
        services.attendance_mark(registration=registration, by=host, now=NOW)
    registration = services.attendance_mark(registration=registration, by=host, now=paris(TUESDAY, 10))
    period = FreePeriod.objects.get(person=member)
    # Training on 16/03/2027 + 24 months -> free until 15/03/2029 included.
    assert (period.place, period.start, period.end) == (event.venue, TUESDAY, dt.date(2029, 3, 15))
    assert registration.status == RegistrationStatus.ATTENDED and registration.free_period == period
    # Marking twice grants nothing more.
    services.attendance_mark(registration=registration, by=host, now=paris(TUESDAY, 11))
    assert FreePeriod.objects.count() == 1


def test_only_organisers_mark_attendance(make_event, member, other_host):
    event = make_event()
    registration = services.registration_create(event=event, person=member, now=NOW)
    with pytest.raises(PermissionDenied):
        services.attendance_mark(registration=registration, by=other_host, now=paris(TUESDAY, 10))
    registration.refresh_from_db()
    assert registration.status == "confirmed"


def test_publishing_mails_the_followers_of_its_themes_once(
    make_event, people, member, immediate_tasks, django_capture_on_commit_callbacks, host
):
    theme = services.themes_from_names(["Prospection"])[0]
    other = services.themes_from_names(["Juridique"])[0]
    services.themes_follow(person=people[0], theme_ids=[theme.pk, other.pk])
    services.themes_follow(person=people[1], theme_ids=[other.pk])
    event = make_event(publish=False, themes=["Prospection", "Juridique"])
    services.themes_follow(person=member, theme_ids=[theme.pk])
    with django_capture_on_commit_callbacks(execute=True):
        services.event_publish(event=event, by=host, now=NOW)
    # people[0] follows both themes -> one mail; people[1] one theme; member one theme.
    assert sorted(m.to[0] for m in mail.outbox) == sorted([people[0].email, people[1].email, member.email])
    mail_0 = next(m for m in mail.outbox if m.to == [people[0].email])
    assert "Juridique, Prospection" in mail_0.body


def test_network_event_broadcast_relayed_in_the_network(host, coordinator, network, place, other_place):
    event = services.event_create(
        by=coordinator,
        network=network,
        title="Conférence en visio",
        kind=EventKind.BROADCAST,
        start=paris(TUESDAY, 8, 30),
        end=paris(TUESDAY, 10),
        venue=place,
        is_online=True,
        relay_places=[place],
        capacity=60,
        now=NOW,
    )
    assert list(event.relay_places.all()) == [place]
    with pytest.raises(DomainError) as exc:
        services.event_create(
            by=coordinator,
            network=network,
            title="X",
            start=paris(TUESDAY, 8),
            end=paris(TUESDAY, 9),
            is_online=True,
            relay_places=[other_place],
            now=NOW,
        )
    assert exc.value.errors["relay_places"] == ["Lieux hors du réseau : Autre lieu."]
    with pytest.raises(PermissionDenied):
        services.event_create(
            by=host,
            network=network,
            title="X",
            start=paris(TUESDAY, 8),
            end=paris(TUESDAY, 9),
            is_online=True,
            now=NOW,
        )
