"""The same month's run started several times at once from the page (or two workers) issues once.

On PostgreSQL the threads run in this process against the test database; on SQLite in a subprocess
against a fresh file database in WAL mode with IMMEDIATE transactions (see invoicing_race.py).
"""

import sqlite3
from pathlib import Path

import pytest
from django.db import connection

from coopconnect.billing.tests.invoicing_race import race, setup_scenario, summary
from coopconnect.core.testing.race import run_sqlite_race


def run_race(tmp_path: Path, *, threads: int, members: int) -> dict:
    if connection.vendor == "postgresql":
        issuer_id = setup_scenario(members=members)
        return summary(issuer_id, race(issuer_id=issuer_id, threads=threads))
    # Hand the harness this test's migrated (empty) database as a file: migrating a fresh one takes
    # minutes on a busy machine. The harness switches it to WAL mode as production does.
    connection.ensure_connection()
    target = sqlite3.connect(tmp_path / "coopconnect.sqlite3")
    connection.connection.backup(target)
    target.close()
    return run_sqlite_race("coopconnect.billing.tests.invoicing_race", tmp_path, str(threads), str(members))


@pytest.mark.django_db(transaction=True)
def test_three_runs_of_one_month_at_once_issue_each_invoice_once(tmp_path):
    # 4 members with 2 days each -> 4 invoices; 3 runs at once -> still 4, numbered 1..4.
    result = run_race(tmp_path, threads=3, members=4)
    assert result["errors"] == []
    assert result["ok"] == 3
    assert result["invoices"] == result["run_keys"] == 4
    assert result["sequences"] == list(range(1, 5))
