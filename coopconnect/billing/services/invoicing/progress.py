"""Where a month's run started from an issuer's page stands, without a model of its own.

The run is a ``django.tasks`` task (``billing.jobs.run_invoicing_task``) whose arguments name the
issuer and the month and carry how many invoices the preview counted when it was started; the task's
result (django-tasks-db) gives its state, and the invoices already issued for that issuer and month
give how far it got.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from coopconnect.billing.models import Invoice, InvoiceKind, InvoiceStatus, Issuer

TASK_PATH = "coopconnect.billing.jobs.run_invoicing_task"

WAITING, RUNNING, DONE, FAILED, NONE = "waiting", "running", "done", "failed", "none"
STATES = {"READY": WAITING, "RUNNING": RUNNING, "SUCCESSFUL": DONE, "FAILED": FAILED}


@dataclass(frozen=True)
class RunProgress:
    """A month's run for one issuer: its state, invoices planned and issued, and its summary when done."""

    state: str
    planned: int
    issued: int
    summary: str = ""
    enqueued_at: Any = None
    finished_at: Any = None

    @property
    def finished(self) -> bool:
        return self.state in (DONE, FAILED, NONE)

    @property
    def percent(self) -> int:
        if self.planned <= 0:
            return 100 if self.state == DONE else 0
        return min(100, round(100 * self.issued / self.planned))


def issued_for(issuer: Issuer, first: date) -> int:
    """Count the invoices of the monthly run issued by ``issuer`` for the month starting ``first``."""
    return (
        Invoice.objects.filter(
            issuer=issuer, kind=InvoiceKind.INVOICE, status=InvoiceStatus.ISSUED, period_start=first
        )
        .exclude(run_key="")
        .count()
    )


def latest_run(issuer: Issuer, first: date) -> Any:
    """Return the latest run task queued for this issuer and month (django-tasks-db), or None."""
    from django_tasks_db.models import DBTaskResult

    return (
        DBTaskResult.objects.filter(
            task_path=TASK_PATH,
            args_kwargs__kwargs__issuer_id=issuer.pk,
            args_kwargs__kwargs__month=f"{first:%Y-%m}",
        )
        .order_by("-enqueued_at")
        .first()
    )


def run_progress(*, issuer: Issuer, first: date) -> RunProgress:
    """Return where the month's run of ``issuer`` stands (NONE when none was started from the page)."""
    issued = issued_for(issuer, first)
    task = latest_run(issuer, first)
    if task is None:
        return RunProgress(state=NONE, planned=issued, issued=issued)
    kwargs = (task.args_kwargs or {}).get("kwargs", {})
    planned = max(int(kwargs.get("planned") or 0), issued)
    summary = task.return_value if isinstance(task.return_value, str) else ""
    return RunProgress(
        state=STATES.get(str(task.status), WAITING),
        planned=planned,
        issued=issued,
        summary=summary,
        enqueued_at=task.enqueued_at,
        finished_at=task.finished_at,
    )
