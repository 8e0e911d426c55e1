"""Background tasks (django.tasks): each only calls a service."""

from django.tasks import task

from coopconnect.billing.services.invoicing import parse_month, run_invoicing
from coopconnect.billing.services.payments import send_reminders


@task()
def run_invoicing_task(month: str) -> str:
    """Invoice a month ('YYYY-MM'); safe to enqueue twice (the run is idempotent)."""
    return run_invoicing(month=parse_month(month)).summary()


@task()
def send_reminders_task() -> int:
    """Send the reminders due today for overdue invoices."""
    return send_reminders()


def enqueue_invoicing(month: str) -> None:
    """Queue a month's run once the current transaction commits (the worker: manage.py db_worker)."""
    from django.db import transaction

    transaction.on_commit(lambda: run_invoicing_task.enqueue(month))
