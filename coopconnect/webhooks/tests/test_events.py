"""The services emit their events where they happen: a real receiver gets each one, signed."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import time_machine

from coopconnect.bookings.models import BookingStatus
from coopconnect.bookings.services.access import access_verify
from coopconnect.bookings.services.cancel import booking_cancel
from coopconnect.bookings.services.checkin import booking_check_in
from coopconnect.bookings.services.create import booking_create
from coopconnect.core.testing.tasks import run_queued_tasks
from coopconnect.webhooks import services
from coopconnect.webhooks.models import Delivery

pytestmark = pytest.mark.django_db
# Booked the day before (Wednesday 2 December 2026) for Thursday 3, 09:30-12:30 in Paris.
NOW = dt.datetime(2026, 12, 2, 7, 0, tzinfo=dt.UTC)
START = dt.datetime(2026, 12, 3, 8, 30, tzinfo=dt.UTC)
END = dt.datetime(2026, 12, 3, 11, 30, tzinfo=dt.UTC)


def _listen(receiver, host, place, events):
    endpoint, secret = services.endpoint_create(by=host, url=receiver.url, events=events, place=place)
    receiver.secret = secret
    return endpoint


def test_booking_created_reaches_the_receiver_signed(
    receiver, db_tasks, host, member, place, seats, django_capture_on_commit_callbacks
):
    _listen(receiver, host, place, ["booking.created", "booking.cancelled"])
    with time_machine.travel(NOW, tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            booking = booking_create(resource=seats, person=member, start=START, end=END)
        run_queued_tasks()
        with django_capture_on_commit_callbacks(execute=True):
            booking_cancel(booking=booking, by=member)
        run_queued_tasks()
    created, cancelled = receiver.received
    assert created.error == "" and cancelled.error == ""
    assert created.verified["type"] == "booking.created"
    assert created.verified["data"] == {
        "object": "booking",
        "place_id": place.pk,
        "id": booking.pk,
        "resource_id": seats.pk,
        "person_id": member.pk,
        "start": "2026-12-03T08:30:00Z",
        "end": "2026-12-03T11:30:00Z",
        "status": "confirmed",
        "seat_number": 1,
        "code": booking.short_code,
        "checked_in_at": None,
        "cancelled_at": None,
    }
    assert cancelled.verified["type"] == "booking.cancelled"
    assert cancelled.verified["data"]["status"] == BookingStatus.CANCELLED


def test_door_checks_emit_access_events_and_checkin(host, member, place, seats, receiver):
    _listen(receiver, host, place, ["access.granted", "access.refused", "checkin"])
    with time_machine.travel(NOW, tick=False):
        booking = booking_create(resource=seats, person=member, start=START, end=END)
    with time_machine.travel(START, tick=False):
        access_verify(place=place, code="NOPE99", token_label="Porte")
        access_verify(place=place, code=booking.short_code, token_label="Porte")
    kinds = list(Delivery.objects.order_by("pk").values_list("event_type", flat=True))
    # The right code opens the door and checks the person in.
    assert kinds == ["access.refused", "checkin", "access.granted"]


def test_checkin_by_code_emits_checkin(host, member, place, seats, receiver):
    _listen(receiver, host, place, ["checkin"])
    with time_machine.travel(NOW, tick=False):
        booking = booking_create(resource=seats, person=member, start=START, end=END)
    with time_machine.travel(START, tick=False):
        booking_check_in(code=booking.short_code, by=member)
    [delivery] = Delivery.objects.all()
    assert '"status":"checked_in"' in delivery.body


def test_usage_recorded_event(host, member, place, receiver):
    from coopconnect.billing.services.usage import usage_record

    _listen(receiver, host, place, ["usage.recorded"])
    usage_record(place=place, person=member, service_code="print", quantity=Decimal("12"), source="machine")
    [delivery] = Delivery.objects.all()
    assert '"service_code":"print"' in delivery.body and '"quantity":"12"' in delivery.body


def test_invoice_issued_then_paid(host, member, place, receiver, coordinator, network):
    from coopconnect.billing.models import Issuer
    from coopconnect.billing.pricing.lines import Line
    from coopconnect.billing.services.invoicing.issue import issue_invoice
    from coopconnect.billing.services.payments import payment_record

    # The network's coordinator listens for the whole network: the place's invoices reach them.
    endpoint, _ = services.endpoint_create(
        by=coordinator, url=receiver.url, events=["invoice.issued", "invoice.paid"], network=network
    )
    issuer = Issuer.objects.create(
        place=place,
        name="Pépinière Bâticom SAS",
        siren="732829320",
        vat_number="FR44732829320",
        address="ZA",
        postcode="84120",
        city="Pertuis",
        number_prefix="BAT",
    )
    line = Line(
        label="Journée de coworking",
        quantity=Decimal("1"),
        unit_price=Decimal("20.00"),
        amount=Decimal("20.00"),
        vat_rate=Decimal("20"),
        vat_exempt=False,
        place_id=place.pk,
        code="day",
    )
    today = dt.date.today()
    invoice = issue_invoice(
        issuer=issuer,
        lines=[(line, member)],
        period_start=today.replace(day=1),
        period_end=today,
        person=member,
    )
    # 20 € HT + 20 % VAT = 24 € TTC: 10 € leaves 14 € due (no event), 14 € more settles it.
    payment_record(invoice=invoice, amount=Decimal("10.00"), method="transfer", received_on=today)
    payment_record(invoice=invoice, amount=Decimal("14.00"), method="transfer", received_on=today)
    kinds = list(
        Delivery.objects.filter(endpoint=endpoint).order_by("pk").values_list("event_type", flat=True)
    )
    assert kinds == ["invoice.issued", "invoice.paid"]
    issued = Delivery.objects.filter(endpoint=endpoint).order_by("pk").first()
    assert f'"number":"{invoice.number}"' in issued.body and '"total_ttc":"24.00"' in issued.body


def test_booking_changed_and_registration(host, member, place, seats, receiver):
    from coopconnect.bookings.services.change import booking_modify
    from coopconnect.events.models import Event, EventKind, EventStatus
    from coopconnect.events.services.registrations import registration_create

    _listen(receiver, host, place, ["booking.changed", "registration"])
    with time_machine.travel(NOW, tick=False):
        booking = booking_create(resource=seats, person=member, start=START, end=END)
        booking_modify(booking=booking, by=member, start=START + dt.timedelta(hours=1), end=END)
        event = Event.objects.create(
            kind=EventKind.MEETUP,
            title="Petit-déjeuner",
            place=place,
            venue=place,
            start=NOW + dt.timedelta(days=3),
            end=NOW + dt.timedelta(days=3, hours=2),
            capacity=10,
            status=EventStatus.PUBLISHED,
            organiser=host,
            published_at=NOW,
        )
        registration_create(event=event, person=member)
    kinds = list(Delivery.objects.order_by("pk").values_list("event_type", flat=True))
    assert kinds == ["booking.changed", "registration"]
    assert '"start":"2026-12-03T09:30:00Z"' in Delivery.objects.order_by("pk").first().body
