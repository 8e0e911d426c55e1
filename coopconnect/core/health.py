"""Health checks of the service beyond django-health-check's own: the background task queue."""

import dataclasses
import datetime as dt

from asgiref.sync import sync_to_async
from django.conf import settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max
from health_check import HealthCheck
from health_check.checks import Database as _DatabaseCheck
from health_check.exceptions import ServiceUnavailable


def queue_lag(now: dt.datetime | None = None) -> dt.timedelta:
    """Return how long the oldest task due to run has been waiting for a worker (zero when none)."""
    now = now or timezone.now()
    due = DBTaskResult.objects.ready()
    never = get_date_max()
    oldest_enqueued = (
        due.filter(run_after=never).order_by("enqueued_at").values_list("enqueued_at", flat=True)
    )
    oldest_scheduled = due.exclude(run_after=never).order_by("run_after").values_list("run_after", flat=True)
    waiting_since = [m for m in (oldest_enqueued.first(), oldest_scheduled.first()) if m is not None]
    return max((now - moment for moment in waiting_since), default=dt.timedelta(0))


@dataclasses.dataclass
class TaskQueueLag(HealthCheck):
    """Fail when a due task has waited longer than ``TASK_QUEUE_MAX_LAG_SECONDS`` (no worker running?)."""

    max_lag: dt.timedelta = dataclasses.field(
        default_factory=lambda: dt.timedelta(seconds=settings.TASK_QUEUE_MAX_LAG_SECONDS)
    )

    async def run(self) -> None:
        # thread_sensitive: the query runs on the request's own database connection.
        lag = await sync_to_async(queue_lag, thread_sensitive=True)()
        if lag > self.max_lag:
            minutes = int(lag.total_seconds() // 60)
            raise ServiceUnavailable(
                f"file de tâches : la plus ancienne tâche due attend depuis {minutes} min "
                "(manage.py db_worker tourne-t-il ?)"
            )


@dataclasses.dataclass
class Database(_DatabaseCheck):
    """django-health-check's ``SELECT 1``, run on the request's own connection.

    The library runs a synchronous check in the event loop's executor, a thread of its own that opens
    a second connection for each health request and keeps it; here the query goes to the thread
    serving the request, like the other checks.
    """

    async def run(self) -> None:  # type: ignore[override]
        await sync_to_async(super().run, thread_sensitive=True)()
