"""An issued invoice keeps its documents as issued: identities, PDF/A-3 with Factur-X, UBL, SHA-256.

Editing the issuer afterwards changes only future invoices; pages, API and downloads serve the
stored bytes; the stored rows are write-once (model, querysets, PostgreSQL triggers); an invoice issued
before documents were stored is frozen on first access, once.
"""

from __future__ import annotations

import hashlib
from datetime import timedelta
from decimal import Decimal

import facturx
import pytest
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from coopconnect.billing.einvoicing.lifecycle import current_status, lifecycle, status_record
from coopconnect.billing.models import (
    ImmutableInvoiceError,
    Invoice,
    InvoiceCounter,
    InvoiceDocument,
    InvoiceLine,
    InvoiceStatus,
    InvoiceStatusEvent,
    Issuer,
    LifecycleStatus,
    PaymentMethod,
)
from coopconnect.billing.services.invoicing.documents import document_of
from coopconnect.billing.services.invoicing.issue import issue_invoice
from coopconnect.billing.services.payments import payment_record, payment_return_record
from coopconnect.billing.tests.einvoicing_kinds import line
from coopconnect.core.errors import DomainError

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="Triggers exist on PostgreSQL only (see test_immutability)."
)


def issue(issuer, place, member, amount="20", **buyer):
    today = timezone.localdate()
    return issue_invoice(
        issuer=issuer,
        lines=[(line(place, amount), member)],
        period_start=today.replace(day=1),
        period_end=today,
        **(buyer or {"person": member}),
    )


def downloads(client, invoice):
    return {
        name: client.get(reverse(f"billing:{name}", args=[invoice.pk])).content
        for name in ("invoice_pdf", "invoice_xml", "invoice_ubl")
    }


def invoice_section(client, invoice) -> str:
    """The invoice itself on its page (the rest holds a per-request CSRF token)."""
    page = client.get(reverse("billing:invoice_detail", args=[invoice.pk])).content.decode()
    start = page.index('<section class="invoice"')
    return page[start : page.index("</section>", start)]


def edit_issuer(issuer):
    Issuer.objects.filter(pk=issuer.pk).update(
        name="Nouvelle Raison Sociale SARL",
        address="99 avenue du Détournement",
        iban="FR7610107001011234567890129",
        vat_number="FR96552100554",
        rcs="RCS Avignon 552 100 554",
    )


def test_editing_the_issuer_after_issue_changes_nothing_issued(client, place_issuer, place, member, host):
    invoice = issue(place_issuer, place, member)
    doc = invoice.document
    assert doc.seller["name"] == "Pépinière Bâticom SAS" and doc.seller["iban"] == place_issuer.iban
    assert doc.pdf_sha256 == hashlib.sha256(bytes(doc.pdf)).hexdigest()
    assert doc.cii_sha256 == hashlib.sha256(bytes(doc.cii_xml)).hexdigest()
    _name, embedded = facturx.get_xml_from_pdf(bytes(doc.pdf), check_xsd=True)
    assert embedded == bytes(doc.cii_xml)  # the PDF carries exactly the stored XML

    client.force_login(member)
    before = downloads(client, invoice)
    page_before = invoice_section(client, invoice)
    assert before["invoice_pdf"] == bytes(doc.pdf) and before == downloads(client, invoice)  # twice: same

    edit_issuer(place_issuer)
    assert downloads(client, invoice) == before
    page_after = invoice_section(client, invoice)
    assert page_after == page_before
    assert "Pépinière Bâticom SAS" in page_after and "Nouvelle Raison Sociale" not in page_after
    api = client.get(f"/api/v1/invoices/{invoice.pk}/pdf")
    assert api.status_code == 200 and api.content == before["invoice_pdf"]

    # The next invoice carries the new identity.
    later = issue(Issuer.objects.get(pk=place_issuer.pk), place, member)
    assert later.document.seller["name"] == "Nouvelle Raison Sociale SARL"
    assert b"FR7610107001011234567890129" in bytes(later.document.cii_xml)
    assert b"FR7610107001011234567890129" not in bytes(invoice.document.cii_xml)


def test_documents_are_write_once(place_issuer, place, member):
    invoice = issue(place_issuer, place, member)
    doc = InvoiceDocument.objects.get(invoice=invoice)
    doc.pdf = b"%PDF forged"
    with pytest.raises(ImmutableInvoiceError):
        doc.save()
    with pytest.raises(ImmutableInvoiceError):
        doc.delete()
    with pytest.raises(ImmutableInvoiceError):
        InvoiceDocument.objects.filter(invoice=invoice).update(pdf=b"forged")
    with pytest.raises(ImmutableInvoiceError):
        InvoiceDocument.objects.filter(invoice=invoice).delete()
    event = InvoiceStatusEvent.objects.get(invoice=invoice)
    with pytest.raises(ImmutableInvoiceError):
        InvoiceStatusEvent.objects.filter(pk=event.pk).update(status=LifecycleStatus.PAID)
    assert bytes(InvoiceDocument.objects.get(invoice=invoice).pdf).startswith(b"%PDF-")


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_postgresql_refuses_raw_sql_on_documents(place_issuer, place, member):
    invoice = issue(place_issuer, place, member)
    for sql in (
        "UPDATE billing_invoicedocument SET pdf_sha256 = 'x' WHERE invoice_id = %s",
        "DELETE FROM billing_invoicedocument WHERE invoice_id = %s",
        "UPDATE billing_invoicestatusevent SET status = 'paid' WHERE invoice_id = %s",
    ):
        with (
            pytest.raises(IntegrityError, match="définitif"),
            transaction.atomic(),
            connection.cursor() as cur,
        ):
            cur.execute(sql, [invoice.pk])


def legacy_invoice(issuer, place, member) -> Invoice:
    """An invoice issued before documents were stored (as on an upgraded database): no document."""
    today = timezone.localdate()
    inv = Invoice.objects.create(
        issuer=issuer, buyer_person=member, buyer_name="Marie Curie", buyer_email=member.email,
        period_start=today.replace(day=1), period_end=today,
    )  # fmt: skip
    InvoiceLine.objects.create(
        invoice=inv, position=1, place=place, label="Journée", quantity=1, unit_price=20, amount_ht=20,
        vat_rate=20,
    )  # fmt: skip
    Invoice.objects.filter(pk=inv.pk).update(
        status=InvoiceStatus.ISSUED, number="BAT2026-000099", year=today.year, sequence=99, issue_date=today,
        due_date=today + timedelta(days=30), total_ht=Decimal("20"), total_vat=Decimal("4"),
        total_ttc=Decimal("24"),
        vat_breakdown=[{"rate": "20", "exempt": False, "base": "20.00", "vat": "4.00"}],
    )  # fmt: skip
    return Invoice.objects.get(pk=inv.pk)


def test_an_invoice_issued_before_storage_is_frozen_on_first_access(client, place_issuer, place, member):
    invoice = legacy_invoice(place_issuer, place, member)
    assert not InvoiceDocument.objects.filter(invoice=invoice).exists()
    client.force_login(member)
    first = downloads(client, invoice)
    doc = InvoiceDocument.objects.get(invoice=invoice)
    assert doc.frozen_late and first["invoice_pdf"] == bytes(doc.pdf)
    edit_issuer(place_issuer)
    assert downloads(client, invoice) == first
    assert InvoiceDocument.objects.filter(invoice=invoice).count() == 1
    assert document_of(invoice).pk == doc.pk


def test_an_issuer_charging_vat_needs_a_valid_vat_number(place_issuer, place, member):
    Issuer.objects.filter(pk=place_issuer.pk).update(vat_number="FR00732829320")
    issuer = Issuer.objects.get(pk=place_issuer.pk)
    with pytest.raises(DomainError, match="n° de TVA intracommunautaire valide") as exc:
        issue(issuer, place, member)
    assert "vat_number" in exc.value.errors
    assert not Invoice.objects.exists() and not InvoiceDocument.objects.exists()
    assert not InvoiceCounter.objects.filter(last__gt=0).exists()  # no number taken


def test_lifecycle_is_dated_apart_and_paid_follows_payments(place_issuer, place, member):
    invoice = issue(place_issuer, place, member)  # 20 € + 20 % = 24 €
    assert [s.status for s in lifecycle(invoice)] == ["issued"]
    assert status_record(invoice=invoice, status="sent") is True
    assert status_record(invoice=invoice, status="sent") is False  # a report read twice
    with pytest.raises(DomainError, match="inconnu"):
        status_record(invoice=invoice, status="lost")
    payment = payment_record(
        invoice=invoice, amount=Decimal("24.00"), method=PaymentMethod.DIRECT_DEBIT,
        received_on=timezone.localdate(),
    )  # fmt: skip
    assert [s.status for s in lifecycle(invoice)] == ["issued", "sent", "paid"]
    payment_return_record(payment=payment, returned_on=timezone.localdate(), reason_code="AM04")
    assert current_status(invoice) == "sent"  # the returned debit makes it unpaid again
    assert Invoice.objects.filter(pk=invoice.pk, status=InvoiceStatus.ISSUED).exists()


def test_the_host_edits_the_issuer_on_its_page_for_future_invoices(client, place_issuer, place, member, host):
    invoice = issue(place_issuer, place, member)
    client.force_login(host)
    url = reverse("billing:issuer_identity", args=[place_issuer.pk])
    page = client.get(url)
    assert page.status_code == 200 and "Pépinière Bâticom SAS" in page.content.decode()
    form = {
        "name": "Bâticom Coopérative SCIC", "legal_form": "SCIC SAS", "share_capital": "12 500,00",
        "rcs": "RCS Avignon 732 829 320", "siret": "73282932000074", "vat_number": "FR44 732 829 320",
        "vat_on_debits": "on", "address": "Zone d'activités", "postcode": "84120", "city": "Pertuis",
        "email": "", "electronic_address": "", "iban": "FR76 3000 6000 0112 3456 7890 189", "bic": "AGRIFRPP",
        "payment_terms_days": "30",
    }  # fmt: skip
    bad = client.post(url, form | {"vat_number": "FR00732829320", "iban": "FR7630006000011234567890188"})
    assert bad.status_code == 400
    assert (
        "N° de TVA intracommunautaire invalide." in bad.content.decode()
        and "IBAN invalide." in bad.content.decode()
    )
    assert Issuer.objects.get(pk=place_issuer.pk).name == "Pépinière Bâticom SAS"  # nothing half-written
    assert client.post(url, form).status_code == 302
    issuer = Issuer.objects.get(pk=place_issuer.pk)
    assert issuer.name == "Bâticom Coopérative SCIC" and issuer.vat_on_debits
    assert issuer.share_capital == Decimal("12500.00") and issuer.vat_number == "FR44732829320"
    later = issue(issuer, place, member)
    text = bytes(later.document.cii_xml).decode()
    assert "Bâticom Coopérative SCIC" in text and "RCS Avignon 732 829 320" in text
    assert "<ram:DueDateTypeCode>5</ram:DueDateTypeCode>" in text  # VAT due on debits
    client.force_login(member)
    assert "Bâticom Coopérative SCIC" not in invoice_section(client, invoice)
