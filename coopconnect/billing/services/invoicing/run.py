"""The monthly invoicing run: each person, or each employer globally, invoiced once per issuer."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coopconnect.billing.models import BillingProfile, Invoice, InvoiceLine, InvoiceStatus, Issuer
from coopconnect.billing.pricing.lines import Line
from coopconnect.billing.pricing.months import month_bounds
from coopconnect.billing.services.invoicing.batch import Batch, price_person
from coopconnect.billing.services.invoicing.buyers import buyer_snapshot
from coopconnect.billing.services.invoicing.lines import line_row, totals_of
from coopconnect.billing.services.invoicing.numbering import invoice_number, locked_counter
from coopconnect.billing.services.invoicing.settlements import settle_month
from coopconnect.core.errors import DomainError

CHUNK = 500


@dataclass
class RunReport:
    """What a run issued and skipped."""

    month: date
    created: list[str] = field(default_factory=list)
    skipped_existing: int = 0
    skipped_empty: int = 0
    without_issuer: set[str] = field(default_factory=set)

    def summary(self) -> str:
        text = (
            f"{self.month:%Y-%m} : {len(self.created)} facture(s) émise(s), {self.skipped_existing} déjà "
            f"émise(s), {self.skipped_empty} à zéro non émise(s)"
        )
        if self.without_issuer:
            text += " ; lieux sans émetteur configuré : " + ", ".join(sorted(self.without_issuer))
        return text


def parse_month(value: str) -> date:
    """Parse 'YYYY-MM' into the first day of that month, or raise a French DomainError."""
    try:
        year, month = (int(x) for x in value.split("-"))
        return date(year, month, 1)
    except (ValueError, TypeError) as exc:
        raise DomainError(
            "Mois invalide : utilisez le format AAAA-MM, par exemple 2026-11.",
            {"month": [_("Format AAAA-MM attendu.")]},
        ) from exc


@dataclass
class PendingInvoice:
    """An invoice of the run, priced, waiting for its number."""

    run_key: str
    buyer: dict[str, Any]
    lines: list[tuple[Line, Any]]


def issue_chunk(
    issuer: Issuer, pending: list[PendingInvoice], first: date, last: date
) -> tuple[list[str], int]:
    """Issue up to CHUNK invoices of one issuer in one transaction, numbered consecutively.

    The counter row is locked first, so a racing run waits here, then sees the run keys already issued
    and skips them: no duplicate, and a rollback takes the numbers back with the invoices (no gap).
    """
    with transaction.atomic():
        issue_date = timezone.localdate()
        counter = locked_counter(issuer, issue_date.year)
        done = set(
            Invoice.objects.filter(run_key__in=[p.run_key for p in pending]).values_list("run_key", flat=True)
        )
        todo = [p for p in pending if p.run_key not in done]
        invoices = [
            Invoice(
                issuer=issuer,
                status=InvoiceStatus.ISSUED,
                number=invoice_number(issuer, issue_date.year, n),
                year=issue_date.year,
                sequence=n,
                issue_date=issue_date,
                due_date=issue_date + timedelta(days=issuer.payment_terms_days),
                period_start=first,
                period_end=last,
                run_key=p.run_key,
                **totals_of([ln for ln, _who in p.lines]).as_fields(),
                **p.buyer,
            )
            for n, p in enumerate(todo, start=counter.last + 1)
        ]
        if not invoices:
            return [], len(done)
        Invoice.objects.bulk_create(invoices)
        counter.last += len(invoices)
        counter.save(update_fields=["last"])
        InvoiceLine.objects.bulk_create(
            [
                line_row(inv, i, ln, who, employer=inv.buyer_organisation_id is not None)
                for inv, p in zip(invoices, todo, strict=True)
                for i, (ln, who) in enumerate(p.lines, start=1)
            ],
            batch_size=2000,
        )
        return [inv.number for inv in invoices], len(done)


def run_invoicing(*, month: date) -> RunReport:
    """Invoice a month: each person, or each employer globally (a line per employee, place, service)."""
    from coopconnect.accounts.models import Organisation

    first, last = month_bounds(month)
    if last >= timezone.localdate():
        raise DomainError(
            _("Le mois %(m)s n'est pas terminé : il se facture à partir du 1er du mois suivant.")
            % {"m": f"{first:%Y-%m}"},
            {"month": [_("Mois en cours ou à venir.")]},
        )
    batch = Batch(month)
    report = RunReport(month=batch.first)
    groups: dict[tuple[int, str, int], list[tuple[Line, Any]]] = defaultdict(list)
    for person_id in sorted(batch.people):
        person = batch.people[person_id]
        for payer, lines in price_person(batch, person_id).items():
            for ln in lines:
                issuer = batch.issuer_of(ln)
                if issuer is None:
                    if ln.amount:
                        place = batch.places.get(ln.place_id) if ln.place_id else None
                        report.without_issuer.add(str(place or f"réseau {ln.network_id}"))
                    continue
                key = (issuer.pk, "org", payer) if payer else (issuer.pk, "person", person_id)
                groups[key].append((ln, person))
    issuers = Issuer.objects.in_bulk({k[0] for k in groups})
    orgs = Organisation.objects.in_bulk({k[2] for k in groups if k[1] == "org"})
    profiles = BillingProfile.objects.in_bulk(
        [k[2] for k in groups if k[1] == "person"], field_name="person_id"
    )
    per_issuer: dict[int, list[PendingInvoice]] = defaultdict(list)
    for (issuer_id, buyer_kind, buyer_id), invoice_lines in sorted(groups.items()):
        if sum((ln.amount for ln, _who in invoice_lines), Decimal("0")) <= 0:
            report.skipped_empty += 1
            continue
        snapshot = (
            buyer_snapshot(organisation=orgs[buyer_id])
            if buyer_kind == "org"
            else buyer_snapshot(person=batch.people[buyer_id], profile=profiles.get(buyer_id), known=True)
        )
        per_issuer[issuer_id].append(
            PendingInvoice(
                run_key=f"{issuer_id}:{buyer_kind}:{buyer_id}:{batch.first:%Y-%m}",
                buyer=snapshot,
                lines=invoice_lines,
            )
        )
    for issuer_id, pending in per_issuer.items():
        for i in range(0, len(pending), CHUNK):
            created, skipped = issue_chunk(
                issuers[issuer_id], pending[i : i + CHUNK], batch.first, batch.last
            )
            report.created += created
            report.skipped_existing += skipped
    settle_month(month=batch.first)
    return report
