"""Twelve contact messages sent at the same instant by one person: the daily limit of 5 holds.

On PostgreSQL the threads run in this process against the test database (each thread opens its own
connection). On SQLite they run in a subprocess against a fresh file database in WAL mode with
IMMEDIATE transactions (the production settings): see race.py for why not the in-memory one.
"""

from pathlib import Path

import pytest
from django.db import connection

from coopconnect.core.testing.race import run_sqlite_race
from coopconnect.skills.tests.race import race, setup_scenario, summary


def run_race(tmp_path: Path, *, threads: int, limit: int, settings) -> dict:
    if connection.vendor == "postgresql":
        settings.COMMUNITY_CONTACTS_PER_DAY = limit
        scenario = setup_scenario(threads=threads)
        return summary(scenario["sender_id"], race(**scenario))
    return run_sqlite_race("coopconnect.skills.tests.race", tmp_path, str(threads), str(limit))


@pytest.mark.django_db(transaction=True)
def test_twelve_simultaneous_contacts_with_a_limit_of_five(tmp_path, settings):
    # 12 attempts at once, 5 allowed a day -> exactly 5 messages, 7 refused, quota row at 5.
    result = run_race(tmp_path, threads=12, limit=5, settings=settings)
    assert result["errors"] == []
    assert (result["ok"], result["limited"], result["sent"], result["quota"]) == (5, 7, 5, 5)
