"""The monthly invoicing run: each person, or each employer globally, invoiced once per issuer."""

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
from coopconnect.billing.services.invoicing.batch import Batch, price_person
from coopconnect.billing.services.invoicing.buyers import buyer_snapshot
from coopconnect.billing.services.invoicing.issue import PendingInvoice, issue_pending
from coopconnect.billing.services.invoicing.settlements import settle_month
from coopconnect.core.errors import DomainError

CHUNK = 500  # invoices issued per transaction


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
            created, skipped = issue_pending(
                issuers[issuer_id], pending[i : i + CHUNK], batch.first, batch.last
            )
            report.created += created
            report.skipped_existing += skipped
    settle_month(month=batch.first)
    return report
