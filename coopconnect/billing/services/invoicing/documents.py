"""The documents of an issued invoice, written once: identities, PDF/A-3 with Factur-X, UBL, SHA-256.

:func:`freeze_documents` runs inside the transaction that issues (one invoice, a credit note, a chunk
of the monthly run): the issuer and buyer are read once, the XML and PDF built from that snapshot and
stored with their hashes, with the "issued" step of the lifecycle. Nothing reads the live issuer for
an issued invoice afterwards.

Invoices issued before documents were stored get theirs on first access (:func:`document_of`):
frozen then, from the issuer as it is at that moment (``frozen_late``), and never again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from django.db import IntegrityError, transaction
from django.utils import timezone

from coopconnect.billing.einvoicing.parties import Buyer, Seller, buyer_of, seller_of
from coopconnect.billing.einvoicing.ubl import build_ubl_xml
from coopconnect.billing.facturx_xml import build_cii_xml
from coopconnect.billing.models import (
    BuyerDetails,
    Invoice,
    InvoiceDocument,
    InvoiceLine,
    InvoiceStatus,
    InvoiceStatusEvent,
    LifecycleStatus,
)
from coopconnect.billing.pdf import render_invoice_pdf


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def build_document(
    invoice: Invoice, seller: Seller, buyer: Buyer, lines: list[InvoiceLine], *, late: bool = False
) -> InvoiceDocument:
    """Build (not save) the document of an issued invoice from the identities given."""
    cii = build_cii_xml(invoice, seller, buyer, lines)
    ubl = build_ubl_xml(invoice, seller, buyer, lines)
    pdf = render_invoice_pdf(invoice, seller, buyer, cii, lines)
    return InvoiceDocument(
        invoice=invoice,
        seller=seller.as_json(),
        buyer=buyer.as_json(),
        pdf=pdf,
        pdf_sha256=_sha(pdf),
        cii_xml=cii,
        cii_sha256=_sha(cii),
        ubl_xml=ubl,
        ubl_sha256=_sha(ubl),
        frozen_at=timezone.now(),
        frozen_late=late,
    )


def _details(invoices: Iterable[Invoice]) -> dict[int, BuyerDetails]:
    org_ids = {inv.buyer_organisation_id for inv in invoices if inv.buyer_organisation_id}
    if not org_ids:
        return {}
    return {d.organisation_id: d for d in BuyerDetails.objects.filter(organisation_id__in=org_ids)}


def _credited_buyer(invoice: Invoice) -> Buyer | None:
    """A credit note names its buyer as the invoice it credits did (service code, commitment...)."""
    if not invoice.credited_invoice_id:
        return None
    stored = InvoiceDocument.objects.filter(invoice_id=invoice.credited_invoice_id).values_list(
        "buyer", flat=True
    )
    data = stored.first()
    return Buyer.from_json(data) if data else None


def freeze_documents(
    invoices: list[Invoice], lines: dict[int, list[InvoiceLine]] | None = None, *, late: bool = False
) -> list[InvoiceDocument]:
    """Store the documents of freshly issued invoices (of any issuers), with their "issued" step.

    ``lines`` gives each invoice's lines by invoice pk when the caller has them (the monthly run).
    """
    if not invoices:
        return []
    if lines is None:
        lines = {}
        for ln in (
            InvoiceLine.objects.filter(invoice__in=invoices).select_related("place").order_by("position")
        ):
            lines.setdefault(ln.invoice_id, []).append(ln)
    details = _details(invoices)
    sellers = {}
    docs = []
    for inv in invoices:
        if inv.issuer_id not in sellers:
            sellers[inv.issuer_id] = seller_of(inv.issuer)
        buyer = _credited_buyer(inv) or buyer_of(inv, details.get(inv.buyer_organisation_id or 0))
        docs.append(build_document(inv, sellers[inv.issuer_id], buyer, lines.get(inv.pk, []), late=late))
    InvoiceDocument.objects.bulk_create(docs)
    now = timezone.now()
    InvoiceStatusEvent.objects.bulk_create(
        [
            InvoiceStatusEvent(invoice=inv, status=LifecycleStatus.ISSUED, at=now, source="coopconnect")
            for inv in invoices
        ],
        ignore_conflicts=True,
    )
    return docs


def document_of(invoice: Invoice) -> InvoiceDocument:
    """The stored document of an issued invoice; frozen now, once, for one issued before storage."""
    if invoice.status != InvoiceStatus.ISSUED:
        raise ValueError("only an issued invoice has a document")
    doc: InvoiceDocument | None = InvoiceDocument.objects.filter(invoice=invoice).first()
    if doc is not None:
        return doc
    try:
        with transaction.atomic():
            # Lock the invoice row: two first accesses at once freeze it once.
            locked = Invoice.objects.select_for_update().select_related("issuer").get(pk=invoice.pk)
            if not InvoiceDocument.objects.filter(invoice=locked).exists():
                freeze_documents([locked], late=True)
    except IntegrityError:  # the other access won the race: read its document
        pass
    stored: InvoiceDocument = InvoiceDocument.objects.get(invoice=invoice)
    return stored


def seller_buyer(doc: InvoiceDocument) -> tuple[Seller, Buyer]:
    """The identities frozen on a document."""
    return Seller.from_json(doc.seller), Buyer.from_json(doc.buyer)
