"""The one way services queue background work: after the transaction commits.

A rolled-back write must never send a mail or start a job, so services never call ``.enqueue``
themselves: they hand the task here (``after_commit(tasks.send_booking_email, booking.pk, "confirmed")``).
"""

from __future__ import annotations

from functools import partial
from typing import Any

from django.db import transaction


def after_commit(task: Any, *args: Any, **kwargs: Any) -> None:
    """Enqueue ``task`` with these arguments once the current transaction commits (now, outside one)."""
    transaction.on_commit(partial(task.enqueue, *args, **kwargs))


# Task backends that store a task as a row of the project's database.
_DATABASE_BACKENDS = ("django_tasks_db.DatabaseBackend",)


def with_transaction(task: Any, *args: Any, **kwargs: Any) -> None:
    """Enqueue ``task`` inside the current transaction when tasks are rows of this database: the row
    commits or rolls back with the write (a rolled-back write mails nobody) and no second transaction
    is spent on it. With any other backend, fall back to ``after_commit``."""
    from django.conf import settings

    backend = settings.TASKS.get(getattr(task, "backend", "default"), {}).get("BACKEND", "")
    if backend in _DATABASE_BACKENDS and transaction.get_connection().in_atomic_block:
        task.enqueue(*args, **kwargs)
    else:
        after_commit(task, *args, **kwargs)
