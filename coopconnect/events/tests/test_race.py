"""Many people click "register" at the same instant for the last seats: never more than the capacity.

On PostgreSQL the threads run in this process (each thread opens its own connection, the Event row
lock serialises them). On SQLite they run in a subprocess on a fresh file database in WAL mode with
IMMEDIATE transactions (the production settings), as the bookings race tests do.
"""

from pathlib import Path

import pytest
from django.db import connection

from coopconnect.core.testing.race import run_sqlite_race
from coopconnect.events.tests.race import race, setup_scenario, summary


def run_race(tmp_path: Path, *, threads: int, capacity: int) -> dict:
    if connection.vendor == "postgresql":
        scenario = setup_scenario(threads=threads, capacity=capacity)
        return summary(scenario["event_id"], race(**scenario))
    return run_sqlite_race("coopconnect.events.tests.race", tmp_path, str(threads), str(capacity))


@pytest.mark.django_db(transaction=True)
def test_twelve_people_race_for_five_seats(tmp_path, settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    # 5 seats, 12 simultaneous registrations -> 5 confirmed, 7 on the waitlist, nobody over capacity.
    result = run_race(tmp_path, threads=12, capacity=5)
    assert result["errors"] == []
    assert (result["confirmed"], result["waitlisted"]) == (5, 7)
    assert (result["db_confirmed"], result["db_waitlisted"]) == (5, 7)
