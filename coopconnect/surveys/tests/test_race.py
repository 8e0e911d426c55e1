"""Simultaneous survey answers from one address never go over the hourly limit.

On PostgreSQL the threads run in this process against the test database; on SQLite in a subprocess
against a fresh file database in WAL mode with IMMEDIATE transactions (see survey_race.py).
"""

from pathlib import Path

import pytest
from django.db import connection

from coopconnect.core.testing.race import run_sqlite_race
from coopconnect.surveys.tests.survey_race import race, setup_scenario, summary


def run_race(tmp_path: Path, *, threads: int, already: int, limit: int, settings) -> dict:
    if connection.vendor == "postgresql":
        settings.SURVEY_MAX_RESPONSES_PER_HOUR = limit
        survey_id = setup_scenario(already=already)
        return summary(survey_id, race(survey_id=survey_id, threads=threads))
    return run_sqlite_race(
        "coopconnect.surveys.tests.survey_race", tmp_path, str(threads), str(already), str(limit)
    )


@pytest.mark.django_db(transaction=True)
def test_six_simultaneous_answers_for_the_last_allowed_one(tmp_path, settings):
    # Limit 3 an hour, 2 already sent from the address: 6 answers at once -> 1 saved, 5 refused (429).
    result = run_race(tmp_path, threads=6, already=2, limit=3, settings=settings)
    assert result["errors"] == []
    assert (result["ok"], result["limited"], result["saved"]) == (1, 5, 3)


@pytest.mark.django_db(transaction=True)
def test_first_answers_from_a_new_address_race_for_the_lock_row(tmp_path, settings):
    # No answer yet (the lock row does not exist): 5 at once with a limit of 2 -> exactly 2 saved.
    result = run_race(tmp_path, threads=5, already=0, limit=2, settings=settings)
    assert result["errors"] == []
    assert (result["ok"], result["limited"], result["saved"]) == (2, 3, 2)
