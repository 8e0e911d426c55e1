"""Eight workers try one delivery at once: it is sent once. Eight failing deliveries at once against an
endpoint switched off after three failures: it is switched off once, its owner told once, every
failure counted.

On PostgreSQL the threads run in this process against the test database; on SQLite in a subprocess
against a fresh file database in WAL mode (the production setup).
"""

from pathlib import Path

import pytest
from django.db import connection

from coopconnect.core.testing.race import run_sqlite_race
from coopconnect.webhooks.tests.race import race


@pytest.mark.django_db(transaction=True)
def test_concurrent_workers_send_once_and_switch_off_once(tmp_path: Path):
    if connection.vendor == "postgresql":
        result = race(threads=8)
    else:
        result = run_sqlite_race("coopconnect.webhooks.tests.race", tmp_path, "8")
    assert result["errors"] == []
    # The conditional claim lets one worker through: one POST, one attempt logged.
    assert result["sent_once"] == {"hits": 1, "attempts": 1}
    # 8 tries failing together, the line at 3: off, one worker only reports it (one mail). A worker
    # that reads the endpoint once it is off sends nothing, so 3 to 8 tries went out: each one
    # counted once, none lost (failures = attempts logged = POSTs received).
    off = result["switched_off"]
    assert (off["is_active"], off["told"]) == (False, 1)
    assert 3 <= off["failures"] <= 8
    assert off["failures"] == off["attempts"] == off["hits"]
