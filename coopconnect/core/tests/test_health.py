"""Health endpoints: /healthz for the load balancer, /sante/ for monitoring (database, cache, task queue)."""

import asyncio
import datetime as dt
import threading

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max

from coopconnect.core.health import queue_lag
from coopconnect.core.testing.threads import release_thread_connections


def _get(client, path: str):
    """GET ``path`` as a web worker would: from a thread with no event loop running.

    /sante/ is an async view, which Django runs through ``async_to_sync``; a process that ran a
    browser journey keeps Playwright's loop running in the main thread, where that is refused. The
    tests are transactional, so the worker thread's own connection sees their rows.
    """
    if asyncio._get_running_loop() is None:
        return client.get(path), threading.get_ident()
    out = {}

    def work() -> None:
        try:
            out["response"] = client.get(path)
            out["thread"] = threading.get_ident()
        finally:
            release_thread_connections()

    worker = threading.Thread(target=work)
    worker.start()
    worker.join(timeout=60)
    return out["response"], out["thread"]


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


@pytest.mark.django_db
def test_healthz_still_answers_ok(client):
    assert client.get("/healthz").json() == {"status": "ok"}


@pytest.mark.django_db(transaction=True)
def test_sante_reports_database_cache_and_queue(client):
    _queued(minutes_ago=2)  # a worker picks it up soon: within the 10 minutes allowed
    response, _ = _get(client, "/sante/")
    assert response.status_code == 200, response.content
    body = response.json()
    assert sorted(name.split("(")[0] for name in body) == ["Cache", "Database", "TaskQueueLag"]
    assert set(body.values()) == {"OK"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db(transaction=True)
def test_sante_fails_when_the_queue_is_not_drained(client):
    _queued(minutes_ago=25)
    response, _ = _get(client, "/sante/")
    assert response.status_code == 500
    lag = next(v for k, v in response.json().items() if k.startswith("TaskQueueLag"))
    assert lag == (
        "Unavailable: file de tâches : la plus ancienne tâche due attend depuis 25 min "
        "(manage.py db_worker tourne-t-il ?)"
    )
    assert _get(client, "/sante/?format=text")[0].content.decode().count(": OK") == 2


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


@pytest.mark.django_db(transaction=True)
def test_the_database_check_runs_on_the_request_thread(client, monkeypatch):
    # A check run in the executor's own thread would open (and keep) a second connection per request.
    from health_check.checks import Database

    seen = []
    real = Database.run

    def run(self):
        seen.append(threading.get_ident())
        return real(self)

    monkeypatch.setattr(Database, "run", run)
    response, thread = _get(client, "/sante/")
    assert response.status_code == 200
    assert seen == [thread]
