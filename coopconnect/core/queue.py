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
