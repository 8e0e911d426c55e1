"""Background jobs (django.tasks) that run billing's services: the monthly run, the daily reminders.

Run by the worker (``manage.py db_worker``) or called by the management commands; each only calls a
service.
"""

from django.tasks import task

from coopconnect.billing.services.invoicing.run import parse_month, run_invoicing
from coopconnect.billing.services.payments import send_reminders


@task()
def run_invoicing_task(month: str) -> str:
    """Invoice a month ('YYYY-MM'); safe to run twice (the run is idempotent). Return its summary."""
    return run_invoicing(month=parse_month(month)).summary()


@task()
def send_reminders_task() -> int:
    """Send the reminders due today for overdue invoices; return how many."""
    return send_reminders()
