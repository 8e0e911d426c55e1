"""The read-replica router: directory and territory reads of GET requests go to the replica, the rest
(bookings, writes, transactions, jobs) to the primary."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import transaction

from coopconnect.bookings.models import Booking
from coopconnect.core import dbrouter
from coopconnect.core.dbrouter import PRIMARY, REPLICA, ReplicaRouter, reading
from coopconnect.places.models import Place, Resource
from coopconnect.territory.models import Commune

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def with_replica(monkeypatch):
    # The router asks whether a replica is configured; pretend one is.
    monkeypatch.setattr(dbrouter, "connections", _Connections())


class _Connections:
    settings = {PRIMARY: {}, REPLICA: {}}

    def __getitem__(self, alias):
        from django.db import connections

        return connections[alias]


def test_reads_of_the_directory_in_a_read_request_go_to_the_replica(with_replica, transactional_db):
    # Without the test transaction: inside one, every read stays on the primary (next test).
    router = ReplicaRouter()
    with reading():
        assert router.db_for_read(Place) == REPLICA
        assert router.db_for_read(Resource) == REPLICA
        assert router.db_for_read(Commune) == REPLICA
        # Bookings are never read from the replica: a seat count must not be behind.
        assert router.db_for_read(Booking) == PRIMARY


def test_writes_jobs_and_transactions_use_the_primary(with_replica, transactional_db):
    router = ReplicaRouter()
    # Outside a read request (a form post, a job, a command): the primary.
    assert router.db_for_read(Place) == PRIMARY
    assert router.db_for_write(Place) == PRIMARY
    with reading(), transaction.atomic():
        # Inside a transaction the read belongs to it.
        assert router.db_for_read(Place) == PRIMARY
    assert router.allow_migrate(PRIMARY, "places") is True
    assert router.allow_migrate(REPLICA, "places") is False


def test_without_a_replica_everything_reads_the_primary(db):
    with reading():
        assert ReplicaRouter().db_for_read(Place) == PRIMARY


SCRIPT = r"""
import json, os
import django
django.setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from django.db import connections
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

client = Client()
replica, primary = connections["replica"], connections["default"]
with CaptureQueriesContext(replica) as rep, CaptureQueriesContext(primary) as pri:
    get = client.get(reverse("places:map_points"))
on_replica = [q["sql"] for q in rep.captured_queries]
with CaptureQueriesContext(connections["replica"]) as rep_post:
    post = client.post("/api/v1/bookings", {}, content_type="application/json")
print(json.dumps({
    "get": get.status_code,
    "replica": on_replica,
    "primary": [q["sql"] for q in pri.captured_queries],
    "post": post.status_code,
    "replica_on_post": len(rep_post.captured_queries),
}))
"""


@pytest.mark.django_db
def test_a_directory_page_reads_places_from_the_configured_replica(tmp_path):
    # The same SQLite file stands for the primary and its replica: what matters is which connection
    # each statement goes through.
    url = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "COOP_VAR_DIR": str(tmp_path),
        "DATABASE_URL": url,
        "DATABASE_REPLICA_URL": url,
        "STATIC_MANIFEST": "0",
    }
    proc = subprocess.run(
        [sys.executable, "-c", SCRIPT], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    assert out["get"] == 200
    assert any("places_place" in sql for sql in out["replica"]), out
    assert not any("places_place" in sql for sql in out["primary"]), out
    # A write request (here refused: not signed in) reads nothing from the replica.
    assert out["post"] == 401
    assert out["replica_on_post"] == 0
