"""Background jobs (django.tasks) that run billing's services: the monthly run, the daily reminders.

Run by the worker (``manage.py db_worker``); each only calls a service.
"""

from django.tasks import task

from coopconnect.billing.services.invoicing.run import parse_month, run_invoicing
from coopconnect.billing.services.payments import send_reminders
from coopconnect.core.queue import after_commit


@task()
def run_invoicing_task(month: str) -> str:
    """Invoice a month ('YYYY-MM'); safe to enqueue twice (the run is idempotent)."""
    return run_invoicing(month=parse_month(month)).summary()


@task()
def send_reminders_task() -> int:
    """Send the reminders due today for overdue invoices."""
    return send_reminders()


def enqueue_invoicing(month: str) -> None:
    """Queue a month's run once the current transaction commits."""
    after_commit(run_invoicing_task, month)
