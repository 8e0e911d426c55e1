"""Race harness: many threads, each with its own connection, register for the same event at once.

Used by test_race.py in-process on PostgreSQL, and through ``python -m coopconnect.events.tests.race
<dir> <threads> <capacity>`` on a fresh SQLite *file* database in WAL mode (the production setup; the
pytest in-memory database does not make SQLite writers wait: see coopconnect/bookings/tests/race.py).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
import threading


def race(*, event_id: int, person_ids: list[int]) -> list[tuple[str, str]]:
    """Let everyone register at the same instant; return (status or "error", detail) per person."""
    from django.db import connection

    from coopconnect.accounts.models import User
    from coopconnect.events.models import Event
    from coopconnect.events.services import registration_create

    barrier = threading.Barrier(len(person_ids))
    results: list[tuple[str, str]] = []
    lock = threading.Lock()

    def worker(person_id: int) -> None:
        try:
            event = Event.objects.get(pk=event_id)
            person = User.objects.get(pk=person_id)
            barrier.wait(timeout=30)
            try:
                outcome = (registration_create(event=event, person=person).status, "")
            except Exception as exc:  # noqa: BLE001 - any error is a failure the test reports
                outcome = ("error", repr(exc))
            with lock:
                results.append(outcome)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(pid,)) for pid in person_ids]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return results


def setup_scenario(*, threads: int, capacity: int) -> dict:
    """Create a published event of ``capacity`` seats and ``threads`` verified people."""
    from django.utils import timezone

    from coopconnect.accounts.models import User
    from coopconnect.events.services import event_create
    from coopconnect.places.models import Place

    host = User.objects.create_user(f"hote-course-{threads}@example.org", None, email_verified=True)
    place = Place.objects.create(name="Course", slug=f"course-{threads}", latitude=44.0, longitude=5.0)
    place.hosts.add(host)
    start = timezone.now() + dt.timedelta(days=2)
    event = event_create(
        by=host, place=place, title="Course", start=start, end=start + dt.timedelta(hours=2),
        capacity=capacity, publish=True,
    )  # fmt: skip
    people = [
        User.objects.create_user(f"course-{threads}-{i}@example.org", None, email_verified=True).pk
        for i in range(threads)
    ]
    return {"event_id": event.pk, "person_ids": people}


def summary(event_id: int, results: list[tuple[str, str]]) -> dict:
    from coopconnect.events.models import Registration

    statuses = list(Registration.objects.filter(event_id=event_id).values_list("status", flat=True))
    return {
        "confirmed": sum(1 for s, _d in results if s == "confirmed"),
        "waitlisted": sum(1 for s, _d in results if s == "waitlisted"),
        "errors": [d for s, d in results if s == "error"],
        "db_confirmed": statuses.count("confirmed"),
        "db_waitlisted": statuses.count("waitlisted"),
    }


def main() -> None:
    workdir, threads, capacity = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    os.environ["COOP_VAR_DIR"] = workdir
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ["TASKS_BACKEND"] = "django.tasks.backends.dummy.DummyBackend"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    scenario = setup_scenario(threads=threads, capacity=capacity)
    print(json.dumps(summary(scenario["event_id"], race(**scenario))))


if __name__ == "__main__":
    main()
