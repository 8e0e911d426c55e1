"""The monthly invoicing run: each person, or each employer globally, invoiced once per issuer.

:func:`plan_month` prices the month and groups the lines into the invoices to issue; the preview
(``preview``) shows that plan and :func:`run_invoicing` issues it, so what a host previews is what
the run issues.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from coopconnect.billing.models import BillingProfile, Issuer
from coopconnect.billing.pricing.lines import Line
from coopconnect.billing.pricing.months import month_bounds
from coopconnect.billing.services.invoicing.batch import Batch, people_invoiced_by, price_person
from coopconnect.billing.services.invoicing.buyers import buyer_snapshot
from coopconnect.billing.services.invoicing.issue import PendingInvoice, issue_pending
from coopconnect.billing.services.invoicing.settlements import settle_month
from coopconnect.core.errors import DomainError

CHUNK = 20  # invoices per transaction: a chunk renders and stores its PDFs while holding the counter
# (and, on SQLite, the one write lock): small, so other writers wait seconds, not minutes


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


@dataclass
class MonthPlan:
    """The invoices a month gives, per issuer, before any is issued (nothing written)."""

    first: date
    last: date
    per_issuer: dict[int, list[PendingInvoice]] = field(default_factory=dict)
    issuers: dict[int, Issuer] = field(default_factory=dict)
    skipped_empty: int = 0
    without_issuer: set[str] = field(default_factory=set)


def parse_month(value: str) -> date:
    """Parse 'YYYY-MM' into the first day of that month, or raise a French DomainError."""
    try:
        year, month = (int(x) for x in str(value).split("-"))
        return date(year, month, 1)
    except (ValueError, TypeError) as exc:
        raise DomainError(
            _("Mois invalide : utilisez le format AAAA-MM, par exemple 2026-11."),
            {"month": [_("Format AAAA-MM attendu.")]},
        ) from exc


def check_month_over(month: date) -> tuple[date, date]:
    """Return the month's first and last days, or refuse a month not over yet (current or future)."""
    first, last = month_bounds(month)
    if last >= timezone.localdate():
        raise DomainError(
            _("Le mois %(m)s n'est pas terminé : il se facture à partir du 1er du mois suivant.")
            % {"m": f"{first:%Y-%m}"},
            {"month": [_("Mois en cours ou à venir.")]},
        )
    return first, last


def run_key(issuer_id: int, buyer_kind: str, buyer_id: int, first: date) -> str:
    """Return the run key of a month's invoice: one per issuer, buyer and month."""
    return f"{issuer_id}:{buyer_kind}:{buyer_id}:{first:%Y-%m}"


def plan_month(*, month: date, issuer: Issuer | None = None) -> MonthPlan:
    """Price a month and group its lines into invoices, for every issuer or for ``issuer`` only."""
    from coopconnect.accounts.models import Organisation

    check_month_over(month)
    people = None if issuer is None else people_invoiced_by(issuer, month)
    batch = Batch(month, person_ids=people)
    plan = MonthPlan(first=batch.first, last=batch.last)
    groups: dict[tuple[int, str, int], list[tuple[Line, Any]]] = defaultdict(list)
    for person_id in sorted(batch.people):
        person = batch.people[person_id]
        for payer, lines in price_person(batch, person_id).items():
            for ln in lines:
                line_issuer = batch.issuer_of(ln)
                if line_issuer is None:
                    if ln.amount and issuer is None:
                        place = batch.places.get(ln.place_id) if ln.place_id else None
                        plan.without_issuer.add(str(place or f"réseau {ln.network_id}"))
                    continue
                if issuer is not None and line_issuer.pk != issuer.pk:
                    continue
                key = (line_issuer.pk, "org", payer) if payer else (line_issuer.pk, "person", person_id)
                groups[key].append((ln, person))
    plan.issuers = Issuer.objects.in_bulk({k[0] for k in groups})
    orgs = Organisation.objects.in_bulk({k[2] for k in groups if k[1] == "org"})
    profiles = BillingProfile.objects.in_bulk(
        [k[2] for k in groups if k[1] == "person"], field_name="person_id"
    )
    per_issuer: dict[int, list[PendingInvoice]] = defaultdict(list)
    for (issuer_id, buyer_kind, buyer_id), invoice_lines in sorted(groups.items()):
        if sum((ln.amount for ln, _who in invoice_lines), Decimal("0")) <= 0:
            plan.skipped_empty += 1
            continue
        snapshot = (
            buyer_snapshot(organisation=orgs[buyer_id])
            if buyer_kind == "org"
            else buyer_snapshot(person=batch.people[buyer_id], profile=profiles.get(buyer_id), known=True)
        )
        per_issuer[issuer_id].append(
            PendingInvoice(
                run_key=run_key(issuer_id, buyer_kind, buyer_id, batch.first),
                buyer=snapshot,
                lines=invoice_lines,
            )
        )
    plan.per_issuer = dict(per_issuer)
    return plan


def run_invoicing(*, month: date, issuer: Issuer | None = None) -> RunReport:
    """Invoice a month: each person, or each employer globally (a line per employee, place, service).

    With ``issuer``, only that issuer's invoices are issued (the run started from its page).
    Running a month again issues nothing twice: each invoice's run key is unique.
    """
    plan = plan_month(month=month, issuer=issuer)
    report = RunReport(month=plan.first, skipped_empty=plan.skipped_empty, without_issuer=plan.without_issuer)
    for issuer_id, pending in plan.per_issuer.items():
        for i in range(0, len(pending), CHUNK):
            created, skipped = issue_pending(
                plan.issuers[issuer_id], pending[i : i + CHUNK], plan.first, plan.last
            )
            report.created += created
            report.skipped_existing += skipped
    settle_month(month=plan.first)
    return report
