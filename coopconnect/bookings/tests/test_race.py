"""Many people click "book" at the same instant for the last seats: exactly the free seats are taken;
one person booking at several places at once gets one seat.

On PostgreSQL the threads run in this process against the test database (each thread opens its
own connection). On SQLite they run in a subprocess against a fresh file database in WAL mode with
IMMEDIATE transactions (the production settings): see race.py for why not the in-memory one.
"""

from pathlib import Path

import pytest
from django.db import IntegrityError, connection, transaction

from coopconnect.bookings.models import Booking, BookingStatus
from coopconnect.bookings.tests.race import (
    person_summary,
    race,
    race_one_person,
    setup_person_scenario,
    setup_scenario,
    summary,
)
from coopconnect.core.testing.race import run_sqlite_race


def run_race(
    tmp_path: Path, *, threads: int, free: int, capacity: int, kind: str, move: bool = False
) -> dict:
    if connection.vendor == "postgresql":
        scenario = setup_scenario(threads=threads, free=free, capacity=capacity, kind=kind, move=move)
        return summary(scenario["resource_id"], race(**scenario))
    return run_sqlite_race(
        "coopconnect.bookings.tests.race",
        tmp_path,
        str(threads),
        str(free),
        str(capacity),
        kind,
        "move" if move else "book",
    )


@pytest.mark.django_db(transaction=True)
def test_twelve_people_race_for_the_last_three_seats(tmp_path):
    # Pool of 6 seats, 3 already taken: 12 simultaneous attempts -> 3 succeed, 9 get "Complet".
    result = run_race(tmp_path, threads=12, free=3, capacity=6, kind="seat")
    assert result["errors"] == []
    assert result["ok"] == 3
    assert result["conflict"] == 9
    assert result["active"] == 6
    assert result["seats"] == [1, 2, 3, 4, 5, 6]
    assert result["double_booked_seats"] == []


@pytest.mark.django_db(transaction=True)
def test_ten_people_race_for_one_meeting_room(tmp_path):
    # A single room, free: 10 simultaneous attempts -> exactly 1 booking.
    result = run_race(tmp_path, threads=10, free=1, capacity=1, kind="meeting_room")
    assert result["errors"] == []
    assert (result["ok"], result["conflict"], result["active"]) == (1, 9, 1)


@pytest.mark.django_db(transaction=True)
def test_eight_people_race_to_move_their_booking_into_the_last_two_seats(tmp_path):
    # Pool of 4 seats, 2 taken; 8 people move their booking from another pool of the place at once:
    # 2 moves succeed, 6 get "Complet" and keep their original booking untouched.
    result = run_race(tmp_path, threads=8, free=2, capacity=4, kind="seat", move=True)
    assert result["errors"] == []
    assert (result["ok"], result["conflict"], result["active"]) == (2, 6, 4)
    assert result["seats"] == [1, 2, 3, 4]
    assert result["double_booked_seats"] == []
    assert result["others_kept"] == 6


def run_person_race(tmp_path: Path, *, places: int, per_place: int) -> dict:
    if connection.vendor == "postgresql":
        scenario = setup_person_scenario(places=places, per_place=per_place)
        return person_summary(scenario["person_id"], race_one_person(**scenario))
    return run_sqlite_race("coopconnect.bookings.tests.race", tmp_path, "person", str(places), str(per_place))


@pytest.mark.django_db(transaction=True)
def test_one_person_booking_at_three_places_at_once_gets_one_seat(tmp_path):
    # The same member sends 6 requests at the same instant for overlapping mornings at 3 places
    # (2 each, in pools with room to spare): exactly one succeeds, the 5 others are refused because
    # she already holds a seat then; no error, no deadlock, no two overlapping bookings.
    result = run_person_race(tmp_path, places=3, per_place=2)
    assert result["errors"] == []
    assert (result["ok"], result["conflict"], result["active"], result["overlaps"]) == (1, 5, 1, 0)
    assert result["messages"] == ["Vous avez déjà une réservation à Partout"]


@pytest.mark.django_db(transaction=True)
def test_postgresql_exclusion_constraint_refuses_an_overlap_written_behind_the_service(member, seats):
    if connection.vendor != "postgresql":
        pytest.skip("The exclusion constraint exists on PostgreSQL only; SQLite serialises writers instead.")
    import datetime as dt

    from coopconnect.bookings.tests.conftest import paris

    day = dt.date(2031, 1, 7)

    def insert(start_h: int, end_h: int, seat: int, code: str, **extra: object) -> Booking:
        return Booking.objects.create(
            resource=seats,
            person=member,
            start=paris(day, start_h),
            end=paris(day, end_h),
            seat_number=seat,
            short_code=code,
            **extra,
        )

    insert(9, 12, 2, "RACE0001")
    with pytest.raises(IntegrityError, match="booking_no_overlapping_seat"), transaction.atomic():
        insert(11, 14, 2, "RACE0002")
    # Touching ranges [9,12) and [12,14) do not overlap; another seat or a cancelled booking is fine too.
    insert(12, 14, 2, "RACE0003")
    insert(9, 12, 3, "RACE0004")
    insert(9, 12, 2, "RACE0005", status=BookingStatus.CANCELLED)
