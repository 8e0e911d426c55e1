"""What a booking and an availability search cost in SQL statements, through the API.

Counted: every statement the request sends after signing in and the abuse limiter (the session, the
user and the rate-limit counter, which every signed-in API write pays whatever it does). The tests
run without the test transaction (``transaction=True``), so the booking's own transaction is a real
BEGIN/COMMIT as in production, not a savepoint.

Budget of a booking (201): the resource with its place, commune and policy and whether the booker
hosts it (1); the seats and fair use read before any lock (2); on PostgreSQL the resource and person
locked in one statement (3); the same read again under the locks (4); the insert (5); the mail task
row, in the same transaction (6). SQLite has no row locks (its IMMEDIATE transaction holds the write
lock): 5. The webhooks add their look-up of listening endpoints after the insert (one statement
when none listens): 7 on PostgreSQL, 6 on SQLite in all. A full slot (409) is refused before any
lock: 2.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from coopconnect.bookings.models import Booking, BookingStatus
from coopconnect.bookings.tests.conftest import TUESDAY, paris
from coopconnect.places.models import Resource, ResourceKind

# Statements of the sign-in and of the abuse limiter, shared by every signed-in API write.
FIXED = ("django_session", "coopconnect_cache", "coopconnect_abuse_counters", 'SELECT "accounts_user"')
# Transaction control (SQLite logs its BEGIN IMMEDIATE; PostgreSQL's BEGIN is implicit), counted apart.
CONTROL = ("BEGIN", "SAVEPOINT", "RELEASE", "COMMIT", "ROLLBACK")


def booking_statements(ctx: CaptureQueriesContext) -> tuple[list[str], list[str]]:
    """Return (statements, transaction control) of the request after the sign-in and the limiter."""
    sql = [q["sql"] for q in ctx.captured_queries]
    first = next(i for i, s in enumerate(sql) if "places_resource" in s)
    # Before the booking's first statement: only the session, the user and the limiter.
    for s in sql[:first]:
        assert any(t in s for t in FIXED) or s.startswith(CONTROL), s
    rest = sql[first:]
    return [s for s in rest if not s.startswith(CONTROL)], [s for s in rest if s.startswith(CONTROL)]


@pytest.fixture
def verified(member):
    member.email_verified = True
    member.save(update_fields=["email_verified"])
    return member


def post_booking(client, resource, slot="morning"):
    return client.post(
        "/api/v1/bookings",
        {"resource_id": resource.pk, "date": TUESDAY.isoformat(), "slot": slot},
        content_type="application/json",
    )


@pytest.mark.django_db(transaction=True)
def test_a_booking_costs_at_most_six_statements(client, verified, seats, frozen):
    # A pool of 6, empty: the member books Tuesday morning and gets seat 1.
    client.force_login(verified)
    with CaptureQueriesContext(connection) as ctx:
        response = post_booking(client, seats)
    assert response.status_code == 201, response.content
    assert response.json()["seat_number"] == 1
    assert response.json()["place"]["commune"] == "Pertuis"
    statements, control = booking_statements(ctx)
    # The webhooks' look-up of endpoints listening (none here): one statement, counted apart.
    webhooks = [s for s in statements if "webhooks_endpoint" in s]
    assert len(webhooks) == 1
    statements = [s for s in statements if "webhooks_endpoint" not in s]
    expected = 6 if connection.vendor == "postgresql" else 5
    assert len(statements) == expected, "\n".join(statements)
    # One transaction, no savepoint inside it (SQLite logs its BEGIN IMMEDIATE, PostgreSQL nothing).
    assert not any(s.startswith("SAVEPOINT") for s in control), control
    # The mail is queued in the booking's transaction (one row), not after it.
    assert sum("INSERT" in s and "dbtaskresult" in s for s in statements) == 1


@pytest.mark.django_db(transaction=True)
def test_what_every_signed_in_write_pays_before_it_is_six_statements(client, verified, seats, frozen):
    # The session, the user, then per window of the API write limit (a minute, a day) the counter's
    # add (a no-op once the window exists) and its increment: no COUNT(*) of a cache table, no lock.
    client.force_login(verified)
    post_booking(client, seats)  # opens the windows
    with CaptureQueriesContext(connection) as ctx:
        post_booking(client, seats, slot="afternoon")
    sql = [q["sql"] for q in ctx.captured_queries]
    before = sql[: next(i for i, s in enumerate(sql) if "places_resource" in s)]
    fixed = [s for s in before if not s.startswith(CONTROL)]
    assert len(fixed) <= 6, "\n".join(fixed)
    assert sum("coopconnect_abuse_counters" in s for s in fixed) == 4
    assert not any("COUNT(" in s.upper() for s in fixed)


@pytest.mark.django_db(transaction=True)
def test_a_full_slot_is_refused_in_two_statements_without_a_lock(client, verified, outsider, place, frozen):
    # A meeting room (one seat) already booked on Tuesday morning: the member's request is refused
    # after reading the target and the seats, before any lock or transaction.
    room = Resource.objects.create(place=place, kind=ResourceKind.MEETING_ROOM, name="Salle", capacity=8)
    Booking.objects.create(
        resource=room,
        person=outsider,
        booked_by=outsider,
        seat_number=1,
        short_code="TAKEN001",
        start=paris(TUESDAY, 8, 30),
        end=paris(TUESDAY, 12, 30),
        status=BookingStatus.CONFIRMED,
    )
    client.force_login(verified)
    with CaptureQueriesContext(connection) as ctx:
        response = post_booking(client, room)
    assert response.status_code == 409
    assert response.json()["errors"]["start"] == ["Créneau complet."]
    statements, control = booking_statements(ctx)
    assert len(statements) == 2, "\n".join(statements)
    assert not any("FOR UPDATE" in s or "INSERT" in s for s in statements)
    assert control == [], "refused before any transaction"
    assert Booking.objects.filter(resource=room).count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_second_workstation_is_refused_before_the_lock(client, verified, seats, other_place, frozen):
    # The member holds a seat at Pertuis on Tuesday morning; a seat elsewhere at the same time is
    # refused (one workstation at a time) by the read before the lock, naming the first booking.
    client.force_login(verified)
    assert post_booking(client, seats).status_code == 201
    elsewhere = Resource.objects.create(place=other_place, kind=ResourceKind.SEAT, name="Open", capacity=4)
    with CaptureQueriesContext(connection) as ctx:
        response = post_booking(client, elsewhere)
    assert response.status_code == 409
    assert seats.place.name in response.json()["detail"]
    statements, control = booking_statements(ctx)
    assert control == []
    # Target, the read, then the booking named in the message.
    assert len(statements) == 3, "\n".join(statements)
    assert not any("FOR UPDATE" in s for s in statements)


@pytest.mark.django_db
def test_availability_costs_the_same_statements_however_many_resources_and_bookings(
    client, pertuis, place, other_place, seats, outsider, frozen
):
    # Two places near Pertuis. First one pool; then 12 more pools and 30 bookings: the statement count
    # stays the same (the free seats are counted per resource in one SQL query).
    def count() -> tuple[int, dict]:
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(
                "/api/v1/availability",
                {"near": pertuis.insee, "date": TUESDAY.isoformat(), "slot": "morning"},
            )
        assert response.status_code == 200
        return len(ctx.captured_queries), response.json()

    before, first = count()
    assert [r["resource_id"] for r in first["results"]] == [seats.pk]
    assert first["results"][0]["free"] == 6
    pools = [
        Resource.objects.create(place=p, kind=ResourceKind.SEAT, name=f"Pool {i}", capacity=3)
        for i, p in enumerate([place, other_place] * 6)
    ]
    for n, pool in enumerate(pools * 2 + pools[:6]):
        Booking.objects.create(
            resource=pool,
            person=outsider,
            booked_by=outsider,
            seat_number=1 + n // len(pools),
            short_code=f"FULL{n:04d}",
            start=paris(TUESDAY, 9, 0),
            end=paris(TUESDAY, 12, 30),
            status=BookingStatus.CONFIRMED,
        )
    after, second = count()
    # 7: five digits are looked up as a postcode first (people type theirs), then as an INSEE code.
    assert after == before <= 7
    free = {r["resource_id"]: r["free"] for r in second["results"]}
    # The first six pools got 3 bookings (full: left out), the other six 2 (one seat left).
    assert seats.pk in free and free[seats.pk] == 6
    assert all(pool.pk not in free for pool in pools[:6])
    assert all(free[pool.pk] == 1 for pool in pools[6:])
