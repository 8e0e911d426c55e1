"""Concurrent collections and imports: one batch per month, one import per statement."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.db import connection

from coopconnect.core.testing.race import run_sqlite_race
from coopconnect.payments.tests.race import race, setup_scenario, summary


@pytest.mark.django_db(transaction=True)
def test_simultaneous_collections_and_imports(tmp_path: Path):
    # 6 threads at once: 3 collect the month, 3 import the same statement (3 transfers of 24 €).
    if connection.vendor == "postgresql":
        scenario = setup_scenario()
        result = summary(scenario["issuer_id"], race(**scenario, threads=6))
    else:
        result = run_sqlite_race("coopconnect.payments.tests.race", tmp_path, "6")
    assert result["errors"] == []
    assert (result["collect_new"], result["collect_again"], result["collections"]) == (1, 2, 1)
    assert result["debits"] == 3
    assert (result["import_new"], result["import_again"], result["statements"]) == (1, 2, 1)
    assert result["lines"] == 3
    assert result["transfers"] == 3
