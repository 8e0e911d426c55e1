"""Emitting and delivering: signed per Standard Webhooks, retried with backoff, logged, replayed,
switched off after repeated failures; checked by a real HTTP receiver verifying each signature."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.db import transaction

from coopconnect.core.errors import Conflict
from coopconnect.core.testing.tasks import run_queued_tasks
from coopconnect.webhooks import services
from coopconnect.webhooks.models import Delivery, DeliveryStatus, Endpoint

pytestmark = pytest.mark.django_db
T0 = dt.datetime(2026, 12, 2, 9, 0, tzinfo=dt.UTC)


def _work() -> None:
    run_queued_tasks()


def _endpoint(receiver, host, place, events=("booking.created",)) -> Endpoint:
    endpoint, secret = services.endpoint_create(by=host, url=receiver.url, events=events, place=place)
    receiver.secret = secret
    return endpoint


def test_no_listener_costs_one_query(place, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert services.emit("booking.created", place=place, payload={"id": 1}) == []


def test_receiver_gets_a_signed_booking_created(
    receiver, db_tasks, host, place, django_capture_on_commit_callbacks
):
    endpoint = _endpoint(receiver, host, place)
    with time_machine.travel(T0, tick=False):
        with django_capture_on_commit_callbacks(execute=True):
            with transaction.atomic():
                services.emit("booking.created", place=place, payload={"booking_id": 42, "start": T0})
        assert receiver.received == []
        _work()
    [got] = receiver.received
    assert got.error == ""
    assert got.verified == {
        "type": "booking.created",
        "timestamp": "2026-12-02T09:00:00+00:00",
        "data": {"place_id": place.pk, "booking_id": 42, "start": "2026-12-02T09:00:00Z"},
    }
    delivery = Delivery.objects.get(endpoint=endpoint)
    assert got.headers["webhook-id"] == delivery.msg_id
    assert got.headers["webhook-timestamp"] == str(int(T0.timestamp()))
    assert delivery.status == DeliveryStatus.SUCCEEDED
    [attempt] = delivery.attempt_log.all()
    assert (attempt.number, attempt.ok, attempt.response_code) == (1, True, 200)


def test_a_network_endpoint_hears_its_places_and_only_chosen_events(
    receiver, coordinator, network, place, other_place
):
    endpoint, _ = services.endpoint_create(
        by=coordinator, url=receiver.url, events=["checkin"], network=network
    )
    assert [d.endpoint for d in services.emit("checkin", place=place, payload={})] == [endpoint]
    assert services.emit("booking.created", place=place, payload={}) == []
    assert services.emit("checkin", place=other_place, payload={}) == []


def test_rolled_back_write_delivers_nothing(
    receiver, db_tasks, host, place, django_capture_on_commit_callbacks
):
    _endpoint(receiver, host, place)
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError):
            with transaction.atomic():
                services.emit("booking.created", place=place, payload={"booking_id": 1})
                raise RuntimeError
    _work()
    assert Delivery.objects.count() == 0
    assert receiver.received == []


def test_failures_are_retried_with_exponential_backoff(
    receiver, db_tasks, host, place, settings, django_capture_on_commit_callbacks
):
    settings.WEBHOOKS_RETRY_BASE_SECONDS = 60
    receiver.statuses = [500, 503, 200]
    _endpoint(receiver, host, place)
    with time_machine.travel(T0, tick=False) as clock:
        with django_capture_on_commit_callbacks(execute=True):
            [delivery] = services.emit("booking.created", place=place, payload={"booking_id": 7})
        _work()
        delivery.refresh_from_db()
        # 1st failure: wait 60 s; 2nd: 60 x 4 = 240 s.
        assert (delivery.status, delivery.attempts) == (DeliveryStatus.RETRYING, 1)
        assert delivery.next_attempt_at == T0 + dt.timedelta(seconds=60)
        clock.shift(59)
        _work()
        assert len(receiver.received) == 1
        clock.shift(1)
        _work()
        delivery.refresh_from_db()
        assert delivery.next_attempt_at == T0 + dt.timedelta(seconds=60 + 240)
        clock.shift(240)
        _work()
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.SUCCEEDED
    assert [(a.number, a.response_code, a.ok) for a in delivery.attempt_log.all()] == [
        (1, 500, False),
        (2, 503, False),
        (3, 200, True),
    ]
    # Each try is signed with its own time: all three verify, with one and the same id.
    assert [r.error for r in receiver.received] == ["", "", ""]
    assert len({r.headers["webhook-id"] for r in receiver.received}) == 1
    assert len({r.headers["webhook-timestamp"] for r in receiver.received}) == 3
    assert Endpoint.objects.get().consecutive_failures == 0


def test_gives_up_after_max_attempts_then_replay_delivers_the_same_message(
    receiver, db_tasks, host, place, settings, django_capture_on_commit_callbacks
):
    settings.WEBHOOKS_MAX_ATTEMPTS = 2
    receiver.statuses = [500, 500, 204]
    _endpoint(receiver, host, place)
    with time_machine.travel(T0, tick=False) as clock:
        with django_capture_on_commit_callbacks(execute=True):
            [delivery] = services.emit("booking.created", place=place, payload={"booking_id": 8})
        _work()
        clock.shift(3600)
        _work()
        delivery.refresh_from_db()
        assert (delivery.status, delivery.attempts) == (DeliveryStatus.FAILED, 2)
        clock.shift(86400)
        with django_capture_on_commit_callbacks(execute=True):
            services.delivery_replay(delivery=delivery)
        _work()
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.SUCCEEDED, 3)
    assert [r.error for r in receiver.received] == ["", "", ""]
    assert len({r.headers["webhook-id"] for r in receiver.received}) == 1


def test_endpoint_switched_off_after_consecutive_failures_and_creator_mailed(
    receiver, db_tasks, host, place, settings, django_capture_on_commit_callbacks
):
    settings.WEBHOOKS_MAX_ATTEMPTS = 1
    settings.WEBHOOKS_DISABLE_AFTER = 3
    receiver.statuses = [500]
    endpoint = _endpoint(receiver, host, place)
    for n in range(4):
        with django_capture_on_commit_callbacks(execute=True):
            services.emit("booking.created", place=place, payload={"booking_id": n})
        _work()
    endpoint.refresh_from_db()
    # 3 failures in a row switch it off: the 4th event finds no listener and is not even stored.
    assert not endpoint.is_active
    assert endpoint.disabled_reason == "3 échecs consécutifs"
    assert len(receiver.received) == 3
    assert Delivery.objects.count() == 3
    assert [m.to for m in mail.outbox] == [[host.email]]
    assert mail.outbox[0].subject == f"Webhooks suspendus : {receiver.url}"
    with pytest.raises(Conflict):
        services.delivery_replay(delivery=Delivery.objects.first())
    services.endpoint_update(endpoint=endpoint, is_active=True)
    endpoint.refresh_from_db()
    assert (endpoint.is_active, endpoint.consecutive_failures) == (True, 0)


def test_a_success_resets_the_failure_count(
    receiver, db_tasks, host, place, settings, django_capture_on_commit_callbacks
):
    settings.WEBHOOKS_MAX_ATTEMPTS = 1
    settings.WEBHOOKS_DISABLE_AFTER = 2
    receiver.statuses = [500, 200, 500, 200]
    endpoint = _endpoint(receiver, host, place)
    for n in range(4):
        with django_capture_on_commit_callbacks(execute=True):
            services.emit("booking.created", place=place, payload={"booking_id": n})
        _work()
    endpoint.refresh_from_db()
    assert endpoint.is_active
    assert mail.outbox == []


def test_unknown_event_is_a_programming_error(place):
    with pytest.raises(ValueError):
        services.emit("booking.exploded", place=place, payload={})


def test_private_addresses_are_never_called_in_production(
    receiver, db_tasks, host, place, settings, django_capture_on_commit_callbacks
):
    # Registered while local calls were allowed (development), then delivered in production.
    endpoint = _endpoint(receiver, host, place)
    settings.WEBHOOKS_ALLOW_LOCAL = False
    Endpoint.objects.filter(pk=endpoint.pk).update(url="https://localhost/hooks")
    with django_capture_on_commit_callbacks(execute=True):
        [delivery] = services.emit("booking.created", place=place, payload={"booking_id": 1})
    _work()
    [attempt] = delivery.attempt_log.all()
    assert attempt.response_code is None and "réseau privé" in attempt.error
    assert receiver.received == []
