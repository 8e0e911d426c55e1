"""Settlement statements: what each place earned in a month invoiced by its network."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction

from coopconnect.billing.models import InvoiceKind, InvoiceLine, InvoiceStatus, Issuer, SettlementStatement
from coopconnect.billing.pricing.months import month_bounds
from coopconnect.core.money import round_cents


@transaction.atomic
def settle_month(*, month: date) -> list[SettlementStatement]:
    """For each network issuer, state what each place earned in the month (invoices minus credit notes)."""
    first, last = month_bounds(month)
    out = []
    for issuer in Issuer.objects.filter(network__isnull=False):
        per_place: dict[int, dict[str, Any]] = defaultdict(
            lambda: {"ht": Decimal("0"), "vat": Decimal("0"), "inv": set(), "lines": 0}
        )
        lines = InvoiceLine.objects.filter(
            invoice__issuer=issuer,
            invoice__status=InvoiceStatus.ISSUED,
            invoice__period_start=first,
            place__isnull=False,
        )
        for ln in lines.select_related("invoice"):
            if ln.place_id is None:  # excluded by the query; says so to the type checker
                continue
            sign = -1 if ln.invoice.kind == InvoiceKind.CREDIT_NOTE else 1
            row = per_place[ln.place_id]
            row["ht"] += sign * ln.amount_ht
            row["vat"] += sign * round_cents(ln.amount_ht * ln.vat_rate / 100)
            row["inv"].add(ln.invoice_id)
            row["lines"] += 1
        for place_id, row in per_place.items():
            st, _ = SettlementStatement.objects.update_or_create(
                issuer=issuer,
                place_id=place_id,
                period_start=first,
                defaults={
                    "period_end": last,
                    "total_ht": row["ht"],
                    "total_vat": row["vat"],
                    "invoice_count": len(row["inv"]),
                    "line_count": row["lines"],
                },
            )
            out.append(st)
    return out
