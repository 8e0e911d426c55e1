"""Twelve password-reset requests from one address at the same instant, five allowed: five pass.

The counter lives in the shared database (``core.counters``, every web worker sees it): its increment
must not lose hits when workers count at once. On PostgreSQL the threads run in this process against the test
database; on SQLite in a subprocess against a fresh file database in WAL mode (the production setup).
"""

from pathlib import Path

import pytest
from django.core.cache import caches
from django.db import connection

from coopconnect.core.testing.race import run_sqlite_race
from coopconnect.core.tests.ratelimit_race import race, summary


def run_race(tmp_path: Path, *, threads: int, limit: int) -> dict:
    if connection.vendor == "postgresql":
        caches["ratelimit"].clear()
        return summary(race(threads=threads, limit=limit))
    return run_sqlite_race("coopconnect.core.tests.ratelimit_race", tmp_path, str(threads), str(limit))


@pytest.mark.django_db(transaction=True)
def test_twelve_simultaneous_requests_with_a_limit_of_five(tmp_path):
    # 12 requests at once from one address, 5 an hour allowed -> exactly 5 pass, 7 refused with 429.
    result = run_race(tmp_path, threads=12, limit=5)
    assert result["errors"] == []
    assert (result["ok"], result["limited"]) == (5, 7)
