"""Background jobs (django.tasks) that run billing's services: the monthly run, the daily reminders.

Run by the worker (``manage.py db_worker``) or called by the management commands; each only calls a
service. :func:`start_invoicing` queues a month's run from an issuer's page or the API.
"""

from __future__ import annotations

from django.tasks import task

from coopconnect.billing.models import Issuer
from coopconnect.billing.services.invoicing.preview import invoicing_preview
from coopconnect.billing.services.invoicing.run import check_month_over, parse_month, run_invoicing
from coopconnect.billing.services.payments import send_reminders


@task()
def run_invoicing_task(month: str, issuer_id: int | None = None, planned: int = 0) -> str:
    """Invoice a month ('YYYY-MM'), for every issuer or one; safe to run twice. Return its summary.

    ``planned``: how many invoices the preview counted when the run was queued (shown as progress).
    """
    issuer = Issuer.objects.get(pk=issuer_id) if issuer_id is not None else None
    return run_invoicing(month=parse_month(month), issuer=issuer).summary()


@task()
def send_reminders_task() -> int:
    """Send the reminders due today for overdue invoices; return how many."""
    return send_reminders()


def start_invoicing(*, issuer: Issuer, month: str) -> str:
    """Queue the run of a finished month for ``issuer``; return the task's id.

    Refuses a malformed, current or future month (DomainError) before anything is queued. Queuing
    twice is harmless: the second run finds the invoices issued and issues nothing.
    """
    first = parse_month(month)
    check_month_over(first)
    planned = invoicing_preview(issuer=issuer, month=first).planned
    result = run_invoicing_task.enqueue(month=f"{first:%Y-%m}", issuer_id=issuer.pk, planned=planned)
    return str(result.id)
