"""Twelve password-reset requests from one address at the same instant, five allowed: five pass.

The counter lives in the shared database cache (every web worker sees it): its increment must not
lose hits when workers count at once. On PostgreSQL the threads run in this process against the test
database; on SQLite in a subprocess against a fresh file database in WAL mode (the production setup).
"""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache import cache
from django.db import connection

from coopconnect.core.tests.ratelimit_race import race, summary

ROOT = Path(__file__).resolve().parents[3]


def run_race(tmp_path: Path, *, threads: int, limit: int) -> dict:
    if connection.vendor == "postgresql":
        cache.clear()
        return summary(race(threads=threads, limit=limit))
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "coopconnect.core.tests.ratelimit_race",
            str(tmp_path),
            str(threads),
            str(limit),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


@pytest.mark.django_db(transaction=True)
def test_twelve_simultaneous_requests_with_a_limit_of_five(tmp_path):
    # 12 requests at once from one address, 5 an hour allowed -> exactly 5 pass, 7 refused with 429.
    result = run_race(tmp_path, threads=12, limit=5)
    assert result["errors"] == []
    assert (result["ok"], result["limited"]) == (5, 7)
