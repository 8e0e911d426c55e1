"""Invoice PDF: HTML rendered by WeasyPrint as PDF/A-3b, with the Factur-X XML embedded.

Rendered once, at issue, from the identities frozen then (``einvoicing.parties``); the bytes are
stored (``InvoiceDocument``) and served as stored.
"""

from __future__ import annotations

import functools
import hashlib
import ssl
from collections import OrderedDict
from decimal import Decimal
from typing import Any

import facturx
from django.template.loader import render_to_string
from segno import helpers as segno_helpers

from coopconnect.billing.einvoicing import tax
from coopconnect.billing.einvoicing.parties import Buyer, Seller
from coopconnect.billing.models import Invoice, InvoiceKind, InvoiceLine, InvoiceStatus
from coopconnect.billing.models.tariffs import VAT_EXEMPT_MENTION
from coopconnect.billing.references import rf_display, rf_reference


def epc_qr_data_uri(invoice: Invoice, seller: Seller) -> str:
    """Return an EPC (SEPA credit transfer) QR code as an SVG data URI, or '' when it does not apply.

    The remittance is the invoice's structured RF creditor reference, read back from bank statements.
    """
    if not seller.iban or invoice.kind != InvoiceKind.INVOICE or invoice.total_ttc <= 0:
        return ""
    qr = segno_helpers.make_epc_qr(
        name=seller.name[:70],
        iban=seller.iban,
        amount=Decimal(invoice.total_ttc),
        reference=rf_reference(invoice.number),
        bic=seller.bic or None,
    )
    return qr.svg_data_uri(scale=3)


def invoice_context(
    invoice: Invoice, seller: Seller, buyer: Buyer, lines: list[InvoiceLine] | None = None
) -> dict[str, Any]:
    """What the invoice's page and PDF show, from the identities frozen at issue."""
    if lines is None:
        lines = list(invoice.lines.select_related("place").all())
    return {
        "invoice": invoice,
        "issuer": seller,
        "buyer": buyer,
        "lines": lines,
        "vat_rows": invoice.vat_breakdown,
        "qr": epc_qr_data_uri(invoice, seller),
        "payment_reference": rf_display(rf_reference(invoice.number)),
        "recovery_fee": tax.RECOVERY_FEE_TEXT if buyer.is_business else "",
        "vat_mention": VAT_EXEMPT_MENTION if invoice.mentions_293b or seller.vat_exempt else "",
        "vat_on_debits": tax.VAT_ON_DEBITS if seller.vat_on_debits and not seller.vat_exempt else "",
        "legal_mentions": tax.legal_mentions(seller),
        "operation_category": tax.OPERATION_CATEGORY,
    }


def render_invoice_pdf(
    invoice: Invoice, seller: Seller, buyer: Buyer, xml: bytes, lines: list[InvoiceLine] | None = None
) -> bytes:
    """Render an issued invoice as a PDF/A-3b with its EN 16931 Factur-X XML embedded."""
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    if invoice.status != InvoiceStatus.ISSUED:
        raise ValueError("only an issued invoice has a PDF")
    html = render_to_string("billing/invoice_pdf.html", invoice_context(invoice, seller, buyer, lines))
    key = hashlib.sha256(html.encode() + b"\0" + xml).hexdigest()
    if key in _RENDERED:
        _RENDERED.move_to_end(key)
        return _RENDERED[key]
    # Only data: URIs (the QR code) are fetched: the page never reaches the network or the disk.
    # The TLS context is made once: building one per document (loading the system's certificates)
    # cost a tenth of a PDF.
    fetcher = URLFetcher(ssl_context=_tls_context(), allowed_protocols=("data",))
    pdf = HTML(string=html, url_fetcher=fetcher).write_pdf(pdf_variant="pdf/a-3b")
    document = facturx.generate_from_binary(
        pdf, xml, flavor="factur-x", level="en16931", check_xsd=True, lang="fr-FR"
    )
    _RENDERED[key] = document
    if len(_RENDERED) > _RENDERED_KEEP:
        _RENDERED.popitem(last=False)
    return document


@functools.cache
def _tls_context() -> ssl.SSLContext:
    return ssl.create_default_context()


# The same page and XML give the same document: the last few are kept, so one rendered again (a
# document frozen on first access while its invoice is being shown, a retried transaction, a test
# world built afresh for each case) costs no second WeasyPrint run — the slow part of issuing.
_RENDERED: OrderedDict[str, bytes] = OrderedDict()
_RENDERED_KEEP = 16
