"""VAT categories and notes shared by the CII (Factur-X) and UBL documents of an issued invoice.

EN 16931 codes: "S" standard rate, "Z" zero rate, "E" exempt (art. 293 B: VATEX-FR-FRANCHISE). A line
priced zero without a VAT rate of its own (something free or included) takes the invoice's main
rate, or "E" at a 293 B issuer, so that no zero-rated category appears that the seller never uses.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from coopconnect.billing.einvoicing.parties import Buyer, Seller
from coopconnect.billing.models import Invoice, InvoiceKind, InvoiceLine
from coopconnect.billing.models.invoices import RECOVERY_FEE_TEXT
from coopconnect.billing.models.tariffs import VAT_EXEMPT_MENTION

ZERO = Decimal("0")
EXEMPTION_CODE = "VATEX-FR-FRANCHISE"
BUSINESS_PROCESS = "S1"  # services (prestations de services), an invoice deposited on its own
OPERATION_CATEGORY = "Prestations de services"
NO_DISCOUNT = "Pas d'escompte pour paiement anticipé."
VAT_ON_DEBITS = "Option pour le paiement de la taxe d'après les débits."
NO_RECOVERY_FEE = "Indemnité forfaitaire pour frais de recouvrement : sans objet (client non professionnel)."


@dataclass(frozen=True)
class TaxRow:
    category: str
    rate: Decimal
    base: Decimal
    vat: Decimal

    @property
    def exempt(self) -> bool:
        return self.category == "E"


def amount(value: Decimal) -> str:
    return f"{Decimal(value).quantize(Decimal('0.01')):f}"


def _main_rate(rows: list[dict[str, Any]]) -> Decimal | None:
    standard = [r for r in rows if not r["exempt"] and Decimal(r["rate"]) > 0]
    if not standard:
        return None
    return Decimal(max(standard, key=lambda r: Decimal(r["base"]))["rate"])


def _zero_rows_are_free(rows: list[dict[str, Any]]) -> bool:
    return all(Decimal(r["base"]) == 0 for r in rows if not r["exempt"] and Decimal(r["rate"]) == 0)


def category_of(invoice: Invoice, seller: Seller, rate: Decimal, exempt: bool) -> tuple[str, Decimal]:
    """The EN 16931 category and rate of a stored (rate, exempt) pair on this invoice."""
    rate = Decimal(rate)
    if exempt or seller.vat_exempt:
        return "E", ZERO
    if rate > 0:
        return "S", rate
    main = _main_rate(invoice.vat_breakdown or [])
    if main is not None and _zero_rows_are_free(invoice.vat_breakdown or []):
        return "S", main
    return "Z", ZERO


def tax_rows(invoice: Invoice, seller: Seller) -> list[TaxRow]:
    """The invoice's stored VAT breakdown by EN 16931 category (free lines merged into their rate)."""
    sums: dict[tuple[str, Decimal], list[Decimal]] = defaultdict(lambda: [ZERO, ZERO])
    for row in invoice.vat_breakdown or []:
        key = category_of(invoice, seller, Decimal(row["rate"]), bool(row["exempt"]))
        sums[key][0] += Decimal(row["base"])
        sums[key][1] += Decimal(row["vat"])
    return [TaxRow(category=c, rate=r, base=b, vat=v) for (c, r), (b, v) in sorted(sums.items())]


def line_category(invoice: Invoice, seller: Seller, line: InvoiceLine) -> tuple[str, Decimal]:
    return category_of(invoice, seller, line.vat_rate, line.vat_exempt)


def line_quantity_price(line: InvoiceLine) -> tuple[Decimal, Decimal]:
    """Quantity and net price as EN 16931 wants them: a negative line is a negative quantity (BR-27)."""
    price = abs(line.unit_price) if line.quantity else abs(line.amount_ht)
    qty = Decimal(line.quantity) if line.quantity else Decimal("1")
    if line.amount_ht < 0 and qty > 0:
        qty = -qty
    return qty, Decimal(price)


def legal_mentions(seller: Seller) -> str:
    """BT-33: legal form, share capital and RCS registration."""
    from coopconnect.core.formatting import money

    parts = [seller.legal_form] if seller.legal_form else []
    if seller.share_capital and "capital" not in seller.legal_form.lower():
        parts.append(f"au capital de {money(Decimal(seller.share_capital), lang='fr')}")
    if seller.rcs:
        parts.append(seller.rcs)
    return " — ".join(parts)


def notes(invoice: Invoice, seller: Seller, buyer: Buyer) -> list[tuple[str, str]]:
    """(text, subject code) of the invoice's notes: penalties, recovery fee, discount, VAT mentions,
    the buyer's category for the French rules (BAR: B2B or B2C)."""
    found = [
        (seller.late_penalty_text, "PMD"),
        (RECOVERY_FEE_TEXT if buyer.is_business else NO_RECOVERY_FEE, "PMT"),
        (NO_DISCOUNT, "AAB"),
    ]
    if invoice.mentions_293b or seller.vat_exempt:
        found.append((VAT_EXEMPT_MENTION, "REG"))
    elif seller.vat_on_debits:
        found.append((VAT_ON_DEBITS, "TXD"))
    found.append(("B2B" if buyer.is_business else "B2C", "BAR"))
    return found


def type_code(invoice: Invoice) -> str:
    return "381" if invoice.kind == InvoiceKind.CREDIT_NOTE else "380"
