"""Run the queued background tasks inside a test, with the real worker of ``django-tasks-db``."""

from __future__ import annotations

from unittest import mock

from django.core.management import call_command


def run_queued_tasks() -> None:
    """Let ``manage.py db_worker --batch`` run what is queued, then return.

    The worker closes "old" connections between tasks; inside a test's transaction Django counts the
    test's own connection as one (its autocommit differs from the settings), so on PostgreSQL the
    test would lose it. Nothing is left to close there: that step alone is skipped.
    """
    with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
        call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
