"""Invoice PDF: HTML rendered by WeasyPrint as PDF/A-3b, with the Factur-X XML embedded."""

from __future__ import annotations

from decimal import Decimal

import facturx
from django.template.loader import render_to_string
from segno import helpers as segno_helpers

from coopconnect.billing.facturx_xml import build_cii_xml
from coopconnect.billing.models import Invoice, InvoiceKind, InvoiceStatus
from coopconnect.billing.models.invoices import RECOVERY_FEE_TEXT
from coopconnect.billing.models.tariffs import VAT_EXEMPT_MENTION


def epc_qr_data_uri(invoice: Invoice) -> str:
    """Return an EPC (SEPA credit transfer) QR code as an SVG data URI, or '' when it does not apply."""
    issuer = invoice.issuer
    if not issuer.iban or invoice.kind != InvoiceKind.INVOICE or invoice.total_ttc <= 0:
        return ""
    qr = segno_helpers.make_epc_qr(
        name=issuer.name[:70],
        iban=issuer.iban.replace(" ", ""),
        amount=Decimal(invoice.total_ttc),
        text=f"Facture {invoice.number}"[:140],
        bic=issuer.bic or None,
    )
    return qr.svg_data_uri(scale=3)


def invoice_context(invoice: Invoice) -> dict:
    return {
        "invoice": invoice,
        "issuer": invoice.issuer,
        "lines": list(invoice.lines.select_related("place").all()),
        "vat_rows": invoice.vat_breakdown,
        "qr": epc_qr_data_uri(invoice),
        "recovery_fee": RECOVERY_FEE_TEXT if invoice.buyer_is_business else "",
        "vat_mention": VAT_EXEMPT_MENTION if invoice.mentions_293b else "",
    }


def render_invoice_pdf(invoice: Invoice) -> bytes:
    """Render an issued invoice as a PDF/A-3b with its EN 16931 Factur-X XML embedded."""
    from weasyprint import HTML

    if invoice.status != InvoiceStatus.ISSUED:
        raise ValueError("only an issued invoice has a PDF")
    html = render_to_string("billing/invoice_pdf.html", invoice_context(invoice))
    pdf = HTML(string=html).write_pdf(pdf_variant="pdf/a-3b")
    xml = build_cii_xml(invoice)
    return facturx.generate_from_binary(
        pdf, xml, flavor="factur-x", level="en16931", check_xsd=True, lang="fr-FR"
    )
