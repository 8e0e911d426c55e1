"""Health endpoints: /healthz for the load balancer, /sante/ for monitoring (database, cache, task queue)."""

import datetime as dt
import gc
import sqlite3

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max

from coopconnect.core.health import queue_lag


def _queued(*, minutes_ago: int, run_after: dt.datetime | None = None, status: str = "READY") -> DBTaskResult:
    task = DBTaskResult.objects.create(
        status=status,
        args_kwargs={"args": [], "kwargs": {}},
        task_path="coopconnect.bookings.tasks.send_booking_reminder",
        queue_name="default",
        backend_name="default",
        run_after=run_after or get_date_max(),
        exception_class_path="",
        traceback="",
    )
    DBTaskResult.objects.filter(pk=task.pk).update(
        enqueued_at=timezone.now() - dt.timedelta(minutes=minutes_ago)
    )
    return task


@pytest.fixture(autouse=True)
def _no_foreign_sqlite_connection():
    """Close SQLite connections this thread's database connections do not own before each test.

    The test database is in memory with a shared cache, where a connection another thread left
    behind (a request thread, an executor of the health checks) keeps its table locks until it is
    collected, and a write of this test then fails at once with "database table is locked"
    (shared-cache locks do not wait). The task table is written by these tests alone.
    """
    from django.db import connections

    gc.collect()  # connections of threads that ended, waiting in a reference cycle, are closed here
    own = {id(c.connection) for c in connections.all(initialized_only=True) if c.connection is not None}
    for obj in gc.get_objects():
        if isinstance(obj, sqlite3.Connection) and id(obj) not in own:
            try:
                obj.close()
            except sqlite3.ProgrammingError:  # made in another live thread: not ours to close
                pass
    yield


@pytest.mark.django_db
def test_healthz_still_answers_ok(client):
    assert client.get("/healthz").json() == {"status": "ok"}


@pytest.mark.django_db
def test_sante_reports_database_cache_and_queue(client):
    _queued(minutes_ago=2)  # a worker picks it up soon: within the 10 minutes allowed
    response = client.get("/sante/")
    assert response.status_code == 200, response.content
    body = response.json()
    assert sorted(name.split("(")[0] for name in body) == ["Cache", "Database", "TaskQueueLag"]
    assert set(body.values()) == {"OK"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_sante_fails_when_the_queue_is_not_drained(client):
    _queued(minutes_ago=25)
    response = client.get("/sante/")
    assert response.status_code == 500
    lag = next(v for k, v in response.json().items() if k.startswith("TaskQueueLag"))
    assert lag == (
        "Unavailable: file de tâches : la plus ancienne tâche due attend depuis 25 min "
        "(manage.py db_worker tourne-t-il ?)"
    )
    assert client.get("/sante/?format=text").content.decode().count(": OK") == 2


@pytest.mark.django_db
def test_queue_lag_counts_only_tasks_due_and_waiting():
    now = timezone.now()
    assert queue_lag(now) == dt.timedelta(0)
    _queued(minutes_ago=60, status="SUCCESSFUL")
    _queued(minutes_ago=60, run_after=now + dt.timedelta(hours=1))  # scheduled for later
    assert queue_lag(now) == dt.timedelta(0)
    _queued(minutes_ago=60, run_after=now - dt.timedelta(minutes=15))  # due a quarter of an hour ago
    assert queue_lag(now) == dt.timedelta(minutes=15)
    _queued(minutes_ago=30)
    assert dt.timedelta(minutes=29) < queue_lag(now) <= dt.timedelta(minutes=30, seconds=5)
