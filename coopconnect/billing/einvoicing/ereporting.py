"""E-reporting data of an issuer for a period: B2C sales and payments received for services.

Under the French reform, sales to individuals (B2C) are not e-invoiced but reported: daily totals per
VAT rate and category of operation (transactions, flux 10.3), and, for services, the payments
received per day and VAT rate (payments, flux 10.4) unless the issuer opted for VAT on debits (the
VAT is then due at invoice, and no payment data is reported). Invoices between businesses go through
e-invoicing; their payments are reported by the lifecycle status "encaissée" (``lifecycle``).

The field names are those of the reform's vocabulary (DGFiP external specifications), in snake case;
the export is the data to hand to a licensed platform, not the platform's XML flux itself.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from dataclasses import asdict, dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from coopconnect.billing.einvoicing.parties import Seller, seller_of
from coopconnect.billing.einvoicing.tax import category_of
from coopconnect.billing.models import Invoice, InvoiceDocument, InvoiceKind, InvoiceStatus, Issuer, Payment
from coopconnect.core.errors import DomainError
from coopconnect.core.money import round_cents

SERVICES = "TPS1"  # prestations de services soumises à la TVA
NOT_TAXED = "TNT1"  # opérations non taxées (franchise en base, art. 293 B)
MAX_DAYS = 366
ZERO = Decimal("0")


@dataclass(frozen=True)
class TransactionRow:
    flux: str
    siren_declarant: str
    date_operation: str
    categorie_transaction: str
    code_devise: str
    taux_tva: str
    montant_ht_cumule: str
    montant_tva_cumule: str
    nombre_transactions: int


@dataclass(frozen=True)
class PaymentRow:
    flux: str
    siren_declarant: str
    date_encaissement: str
    categorie_transaction: str
    code_devise: str
    taux_tva: str
    montant_encaisse_ttc: str


@dataclass(frozen=True)
class EReport:
    siren_declarant: str
    periode_debut: date
    periode_fin: date
    transactions: list[TransactionRow]
    paiements: list[PaymentRow]

    def as_json(self) -> dict[str, Any]:
        return {
            "siren_declarant": self.siren_declarant,
            "periode_debut": self.periode_debut.isoformat(),
            "periode_fin": self.periode_fin.isoformat(),
            "transactions": [asdict(r) for r in self.transactions],
            "paiements": [asdict(r) for r in self.paiements],
        }

    def as_csv(self) -> str:
        columns = [
            "flux", "siren_declarant", "date_operation", "date_encaissement", "categorie_transaction",
            "code_devise", "taux_tva", "montant_ht_cumule", "montant_tva_cumule", "nombre_transactions",
            "montant_encaisse_ttc",
        ]  # fmt: skip
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=columns, delimiter=";", lineterminator="\n")
        writer.writeheader()
        for row in [*self.transactions, *self.paiements]:
            writer.writerow(asdict(row))
        return out.getvalue()


def _check_period(start: date, end: date) -> None:
    if end < start:
        raise DomainError(
            _("La fin de la période précède son début."), {"end": [_("Date de fin avant la date de début.")]}
        )
    if (end - start).days >= MAX_DAYS:
        raise DomainError(
            _("Une déclaration couvre au plus un an."), {"end": [_("Période de plus d'un an.")]}
        )


def _category(code: str) -> str:
    return NOT_TAXED if code == "E" else SERVICES


def _frozen_sellers(invoices: list[Invoice], today: Seller) -> dict[int, Seller]:
    """Each invoice's seller as frozen at issue (today's for one not frozen yet)."""
    stored = dict(InvoiceDocument.objects.filter(invoice__in=invoices).values_list("invoice_id", "seller"))
    return {inv.pk: Seller.from_json(stored[inv.pk]) if inv.pk in stored else today for inv in invoices}


def ereporting(*, issuer: Issuer, start: date, end: date) -> EReport:
    """B2C transactions per day, category and VAT rate (credit notes deducted) and B2C payments
    received for services per day and VAT rate (split by the invoice's VAT rows, to the cent)."""
    _check_period(start, end)
    seller = seller_of(issuer)  # today's options (debits); each invoice's categories as issued
    b2c = Invoice.objects.filter(issuer=issuer, status=InvoiceStatus.ISSUED, buyer_is_business=False)
    sums: dict[tuple[date, str, Decimal], list[Any]] = defaultdict(lambda: [ZERO, ZERO, 0])
    sold = list(b2c.filter(issue_date__range=(start, end)).order_by("issue_date", "sequence"))
    frozen = _frozen_sellers(sold, seller)
    for inv in sold:
        sign = -1 if inv.kind == InvoiceKind.CREDIT_NOTE else 1
        for row in inv.vat_breakdown or []:
            code, rate = category_of(inv, frozen[inv.pk], Decimal(row["rate"]), bool(row["exempt"]))
            key = (inv.issue_date, _category(code), rate)
            sums[key][0] += sign * Decimal(row["base"])
            sums[key][1] += sign * Decimal(row["vat"])
            sums[key][2] += 1
    transactions = [
        TransactionRow(
            "10.3", issuer.siren, day.isoformat(), cat, "EUR", f"{rate:.2f}", f"{b:.2f}", f"{v:.2f}", n
        )
        for (day, cat, rate), (b, v, n) in sorted(sums.items())
    ]
    paid: dict[tuple[date, str, Decimal], Decimal] = defaultdict(lambda: ZERO)
    if not seller.vat_on_debits:
        payments = Payment.objects.filter(
            invoice__in=b2c.filter(kind=InvoiceKind.INVOICE),
            received_on__range=(start, end),
            returned__isnull=True,
        ).select_related("invoice")
        sellers: dict[int, Seller] = {}

        def frozen_of(inv: Invoice) -> Seller:
            if inv.pk not in sellers:
                sellers.update(_frozen_sellers([inv], seller))
            return sellers[inv.pk]

        for payment in payments.order_by("received_on", "pk"):
            inv = payment.invoice
            rows = [r for r in inv.vat_breakdown or [] if Decimal(r["base"]) + Decimal(r["vat"]) > 0]
            total = sum((Decimal(r["base"]) + Decimal(r["vat"]) for r in rows), ZERO)
            left = Decimal(payment.amount)
            for i, row in enumerate(rows):
                share = Decimal(row["base"]) + Decimal(row["vat"])
                # Pro rata of the invoice's VAT rows; the last row takes what rounding left over.
                part = left if i == len(rows) - 1 else round_cents(payment.amount * share / total)
                left -= part
                code, rate = category_of(inv, frozen_of(inv), Decimal(row["rate"]), bool(row["exempt"]))
                paid[(payment.received_on, _category(code), rate)] += part
    paiements = [
        PaymentRow("10.4", issuer.siren, day.isoformat(), cat, "EUR", f"{rate:.2f}", f"{amount:.2f}")
        for (day, cat, rate), amount in sorted(paid.items())
    ]
    return EReport(issuer.siren, start, end, transactions, paiements)
