"""An invoice's lifecycle (issued, sent, received, refused, paid), dated, kept apart from the invoice.

Steps are appended to ``InvoiceStatusEvent`` (each status once; the invoice row never changes):
"issued" at issue, "sent" when handed to the platform, "received"/"refused" as the platform reports
them. "Paid" follows payments: an invoice whose payments (returned debits excluded) cover what it
asks is paid, dated by its last payment; a returned debit makes it unpaid again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coopconnect.billing import selectors
from coopconnect.billing.models import (
    Invoice,
    InvoiceKind,
    InvoiceStatus,
    InvoiceStatusEvent,
    LifecycleStatus,
)
from coopconnect.core.errors import DomainError

REPORTED = {LifecycleStatus.SENT, LifecycleStatus.RECEIVED, LifecycleStatus.REFUSED, LifecycleStatus.PAID}


@dataclass(frozen=True)
class Step:
    status: str
    label: str
    on: date
    note: str = ""


def paid_on(invoice: Invoice) -> date | None:
    """The day an invoice became fully paid, or None while something is still due."""
    if invoice.kind != InvoiceKind.INVOICE or invoice.status != InvoiceStatus.ISSUED:
        return None
    if invoice.total_ttc <= 0 or selectors.outstanding(invoice) > 0:
        return None
    last = invoice.payments.filter(returned__isnull=True).order_by("-received_on").first()
    return last.received_on if last else invoice.issue_date


def lifecycle(invoice: Invoice) -> list[Step]:
    """The invoice's steps in order, "paid" derived from payments."""
    steps = []
    for ev in invoice.status_events.all():
        if ev.status == LifecycleStatus.PAID:
            continue  # payments decide
        steps.append(Step(ev.status, str(ev.get_status_display()), timezone.localdate(ev.at), ev.note))
    if not any(s.status == LifecycleStatus.ISSUED for s in steps) and invoice.issue_date:
        steps.insert(0, Step(LifecycleStatus.ISSUED, str(LifecycleStatus.ISSUED.label), invoice.issue_date))
    paid = paid_on(invoice)
    if paid is not None:
        steps.append(Step(LifecycleStatus.PAID, str(LifecycleStatus.PAID.label), paid))
    return steps


def current_status(invoice: Invoice) -> str:
    steps = lifecycle(invoice)
    return steps[-1].status if steps else LifecycleStatus.ISSUED


@transaction.atomic
def status_record(
    *, invoice: Invoice, status: str, at: datetime | None = None, source: str = "platform", note: str = ""
) -> bool:
    """Append a lifecycle step; False when the invoice already has it (reports read twice)."""
    if status not in REPORTED:
        raise DomainError(
            _("Statut de facture inconnu : %(s)s.") % {"s": status},
            {"status": [_("Valeurs : sent, received, refused, paid.")]},
        )
    if invoice.status != InvoiceStatus.ISSUED:
        raise DomainError(_("Seule une facture émise a un cycle de vie."))
    if InvoiceStatusEvent.objects.filter(invoice=invoice, status=status).exists():
        return False
    try:
        with transaction.atomic():
            InvoiceStatusEvent.objects.create(
                invoice=invoice, status=status, at=at or timezone.now(), source=source[:40], note=note[:300]
            )
    except IntegrityError:
        return False
    return True
