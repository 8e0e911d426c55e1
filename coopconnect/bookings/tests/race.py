"""Race harness: many threads, each with its own database connection, book the same slot at once
(or one person books at several places at once).

Used by test_race.py in-process on PostgreSQL, and through ``python -m
coopconnect.bookings.tests.race <dir>`` on a fresh SQLite *file* database: the pytest SQLite
database is in memory with a shared cache, where SQLite's table locks do not wait (busy_timeout
does not apply), so only a file database in WAL mode — the production setup — is meaningful.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
import threading
from collections import Counter


def race(
    *,
    resource_id: int,
    person_ids: list[int],
    start: dt.datetime,
    end: dt.datetime,
    booking_ids: list[int] | None = None,
) -> list[tuple[str, object]]:
    """Let everyone book at the same instant; return ("ok", seat), ("conflict", msg) or ("error", repr).

    With ``booking_ids`` (one per person), each person moves that booking into the resource instead.
    """
    from django.db import connection

    from coopconnect.accounts.models import User
    from coopconnect.bookings.models import Booking
    from coopconnect.bookings.services.change import booking_modify
    from coopconnect.bookings.services.create import booking_create
    from coopconnect.core.errors import Conflict
    from coopconnect.places.models import Resource

    barrier = threading.Barrier(len(person_ids))
    results: list[tuple[str, object]] = []
    lock = threading.Lock()

    def worker(person_id: int, booking_id: int | None) -> None:
        try:
            resource = Resource.objects.select_related("place").get(pk=resource_id)
            person = User.objects.get(pk=person_id)
            own = Booking.objects.get(pk=booking_id) if booking_id else None
            barrier.wait(timeout=30)
            try:
                if own is not None:
                    booking = booking_modify(booking=own, by=person, start=start, end=end, resource=resource)
                else:
                    booking = booking_create(
                        resource=resource, person=person, start=start, end=end, notify=False
                    )
                outcome: tuple[str, object] = ("ok", booking.seat_number)
            except Conflict as exc:
                outcome = ("conflict", exc.message)
            except Exception as exc:  # noqa: BLE001 - any other error is a failure the test reports
                outcome = ("error", repr(exc))
            with lock:
                results.append(outcome)
        finally:
            connection.close()

    moves = booking_ids or [None] * len(person_ids)
    threads = [
        threading.Thread(target=worker, args=(pid, bid)) for pid, bid in zip(person_ids, moves, strict=True)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return results


def race_one_person(
    *, person_id: int, requests: list[tuple[int, dt.datetime, dt.datetime]]
) -> list[tuple[str, object]]:
    """Let one person send every request (resource id, start, end) at the same instant, each from its
    own thread and connection; return the outcomes as ``race`` does."""
    from django.db import connection

    from coopconnect.accounts.models import User
    from coopconnect.bookings.services.create import booking_create
    from coopconnect.core.errors import Conflict
    from coopconnect.places.models import Resource

    barrier = threading.Barrier(len(requests))
    results: list[tuple[str, object]] = []
    lock = threading.Lock()

    def worker(resource_id: int, start: dt.datetime, end: dt.datetime) -> None:
        try:
            resource = Resource.objects.select_related("place").get(pk=resource_id)
            person = User.objects.get(pk=person_id)
            barrier.wait(timeout=30)
            try:
                booking = booking_create(resource=resource, person=person, start=start, end=end, notify=False)
                outcome: tuple[str, object] = ("ok", booking.resource_id)
            except Conflict as exc:
                outcome = ("conflict", exc.message)
            except Exception as exc:  # noqa: BLE001 - any other error is a failure the test reports
                outcome = ("error", repr(exc))
            with lock:
                results.append(outcome)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=request) for request in requests]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return results


def setup_person_scenario(*, places: int, per_place: int) -> dict:
    """Create ``places`` places with a pool of seats each, and one member; return the member's id and
    ``per_place`` requests per place for overlapping mornings (09:00-12:00, 10:00-13:00...)."""
    from coopconnect.accounts.models import User
    from coopconnect.bookings.slots import PARIS
    from coopconnect.places.models import Place, Resource

    person = User.objects.create_user(f"ubiquite-{places}-{per_place}@example.org", None)
    day = (dt.datetime.now(PARIS) + dt.timedelta(days=2)).date()
    requests = []
    for p in range(places):
        place = Place.objects.create(
            name=f"Partout {p}", slug=f"partout-{places}-{per_place}-{p}", latitude=44.0, longitude=5.0
        )
        resource = Resource.objects.create(place=place, kind="seat", name="Pool", capacity=per_place + 1)
        for i in range(per_place):
            start = dt.datetime.combine(day, dt.time(9 + (p + i) % 2, 0), tzinfo=PARIS)
            requests.append((resource.pk, start, start + dt.timedelta(hours=3)))
    return {"person_id": person.pk, "requests": requests}


def person_summary(person_id: int, results: list[tuple[str, object]]) -> dict:
    """Count outcomes and the person's active bookings, and whether any two of them overlap."""
    from coopconnect.bookings.models import ACTIVE_STATUSES, Booking

    spans = sorted(
        Booking.objects.filter(person_id=person_id, status__in=ACTIVE_STATUSES).values_list("start", "end")
    )
    return {
        "ok": sum(1 for r in results if r[0] == "ok"),
        "conflict": sum(1 for r in results if r[0] == "conflict"),
        "errors": [r[1] for r in results if r[0] == "error"],
        "messages": sorted({str(r[1])[:40] for r in results if r[0] == "conflict"}),
        "active": len(spans),
        "overlaps": sum(1 for a, b in zip(spans, spans[1:], strict=False) if b[0] < a[1]),
    }


def setup_scenario(*, threads: int, free: int, capacity: int, kind: str = "seat", move: bool = False) -> dict:
    """Create a place with a pool (or a single room) where ``free`` seats remain; return ids and times.

    With ``move``, each racer already has a booking at the same times in another pool of the place,
    to be moved into the first one.
    """
    from coopconnect.accounts.models import User
    from coopconnect.bookings.services.create import booking_create
    from coopconnect.bookings.slots import PARIS
    from coopconnect.places.models import Place, Resource

    suffix = f"{kind}-{threads}-{free}{'-move' if move else ''}"
    place = Place.objects.create(
        name=f"Course {suffix}", slug=f"course-{suffix}", latitude=44.0, longitude=5.0
    )
    resource = Resource.objects.create(place=place, kind=kind, name="Pool", capacity=capacity)
    day = (dt.datetime.now(PARIS) + dt.timedelta(days=2)).date()
    start = dt.datetime.combine(day, dt.time(9, 0), tzinfo=PARIS)
    end = dt.datetime.combine(day, dt.time(12, 0), tzinfo=PARIS)
    for i in range(capacity - free):
        early = User.objects.create_user(f"tot-{suffix}-{i}@example.org", None)
        booking_create(resource=resource, person=early, start=start, end=end, notify=False)
    people = [User.objects.create_user(f"course-{suffix}-{i}@example.org", None) for i in range(threads)]
    scenario = {"resource_id": resource.pk, "person_ids": [p.pk for p in people], "start": start, "end": end}
    if move:
        source = Resource.objects.create(place=place, kind="seat", name="Source", capacity=threads)
        scenario["booking_ids"] = [
            booking_create(resource=source, person=p, start=start, end=end, notify=False).pk for p in people
        ]
    return scenario


def summary(resource_id: int, results: list[tuple[str, object]]) -> dict:
    """Count outcomes and check the database: no seat taken twice at once."""
    from coopconnect.bookings.models import ACTIVE_STATUSES, Booking
    from coopconnect.places.models import Resource

    active = list(
        Booking.objects.filter(resource_id=resource_id, status__in=ACTIVE_STATUSES).values_list(
            "seat_number", "start", "end"
        )
    )
    seats = Counter(seat for seat, _s, _e in active)
    resource = Resource.objects.get(pk=resource_id)
    others = Booking.objects.filter(resource__place_id=resource.place_id, status__in=ACTIVE_STATUSES)
    return {
        "others_kept": others.exclude(resource_id=resource_id).count(),
        "ok": sum(1 for r in results if r[0] == "ok"),
        "conflict": sum(1 for r in results if r[0] == "conflict"),
        "errors": [r[1] for r in results if r[0] == "error"],
        "active": len(active),
        "double_booked_seats": sorted(s for s, n in seats.items() if n > 1),
        "seats": sorted(seats),
    }


def main() -> None:
    """Run the race on a fresh SQLite file database in the directory given; print a JSON summary."""
    workdir = sys.argv[1]
    os.environ["COOP_VAR_DIR"] = workdir
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    if sys.argv[2] == "person":
        person = setup_person_scenario(places=int(sys.argv[3]), per_place=int(sys.argv[4]))
        print(json.dumps(person_summary(person["person_id"], race_one_person(**person))))
        return
    threads, free, capacity, kind = int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
    move = len(sys.argv) > 6 and sys.argv[6] == "move"
    scenario = setup_scenario(threads=threads, free=free, capacity=capacity, kind=kind, move=move)
    results = race(**scenario)
    print(json.dumps(summary(scenario["resource_id"], results)))


if __name__ == "__main__":
    main()
