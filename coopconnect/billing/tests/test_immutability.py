"""An issued invoice, its lines, payments and refunds stay as issued: below the models too.

On both databases the querysets refuse ``update()``/``delete()`` touching issued rows; on PostgreSQL
triggers also refuse raw SQL (``billing/migrations/0004_pg_issued_invoices_immutable.py``).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from coopconnect.accounts.models import User
from coopconnect.billing.models import (
    ImmutableInvoiceError,
    Invoice,
    InvoiceLine,
    InvoiceStatus,
    Issuer,
    Payment,
    PaymentMethod,
    Refund,
)
from coopconnect.billing.pricing.lines import Line
from coopconnect.billing.services.invoicing.credit_notes import credit_note_create
from coopconnect.billing.services.invoicing.issue import issue_invoice, seal
from coopconnect.billing.services.payments import payment_record, refund_record

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="Triggers exist on PostgreSQL only (the test command's PostgreSQL run covers them); "
    "on SQLite the model and queryset guards refuse ORM writes instead.",
)


def day_line(place_id: int, amount: str = "20.00") -> Line:
    return Line(
        label="Journée de coworking",
        quantity=Decimal("1"),
        unit_price=Decimal(amount),
        amount=Decimal(amount),
        vat_rate=Decimal("20"),
        vat_exempt=False,
        place_id=place_id,
        code="day",
    )


@pytest.fixture
def issuer(place) -> Issuer:
    return Issuer.objects.create(
        place=place, name="Pépinière Bâticom SAS", siren="732829320", vat_number="FR44732829320",
        address="ZA", postcode="84120",
        city="Pertuis", number_prefix="BAT",
    )  # fmt: skip


@pytest.fixture
def issued(issuer, place, member) -> Invoice:
    today = timezone.localdate()
    return issue_invoice(
        issuer=issuer,
        lines=[(day_line(place.pk), member)],
        period_start=today.replace(day=1),
        period_end=today,
        person=member,
    )


@pytest.fixture
def draft(issuer, place, member) -> Invoice:
    today = timezone.localdate()
    invoice = Invoice.objects.create(
        issuer=issuer, buyer_person=member, buyer_name="Marie", period_start=today, period_end=today
    )
    InvoiceLine.objects.create(
        invoice=invoice, position=1, place=place, label="Journée", quantity=1, unit_price=20,
        amount_ht=20, vat_rate=20,
    )  # fmt: skip
    return invoice


@pytest.fixture
def payment(issued, host) -> Payment:
    return payment_record(
        invoice=issued,
        amount=Decimal("10.00"),
        method=PaymentMethod.TRANSFER,
        received_on=timezone.localdate(),
        recorded_by=host,
    )


def test_queryset_update_and_delete_of_an_issued_invoice_are_refused(issued):
    with pytest.raises(ImmutableInvoiceError, match="avoir"):
        Invoice.objects.filter(pk=issued.pk).update(buyer_name="Quelqu'un d'autre")
    with pytest.raises(ImmutableInvoiceError, match="avoir"):
        Invoice.objects.filter(pk=issued.pk).delete()
    with pytest.raises(ImmutableInvoiceError):
        Invoice.objects.filter(pk=issued.pk).update(status=InvoiceStatus.DRAFT)
    issued.refresh_from_db()
    assert issued.buyer_name == "Marie" and issued.status == InvoiceStatus.ISSUED


def test_a_bulk_write_mixing_drafts_and_issued_invoices_changes_nothing(issued, draft):
    with pytest.raises(ImmutableInvoiceError):
        Invoice.objects.all().update(buyer_city="Ailleurs")
    with pytest.raises(ImmutableInvoiceError):
        Invoice.objects.all().delete()
    assert set(Invoice.objects.values_list("buyer_city", flat=True)) == {""}
    assert Invoice.objects.count() == 2


def test_lines_payments_and_refunds_of_an_issued_invoice_are_refused_in_bulk(issued, payment, host):
    lines = InvoiceLine.objects.filter(invoice=issued)
    with pytest.raises(ImmutableInvoiceError, match="lignes"):
        lines.update(amount_ht=Decimal("1.00"))
    with pytest.raises(ImmutableInvoiceError, match="lignes"):
        lines.delete()
    with pytest.raises(ImmutableInvoiceError, match="paiement"):
        Payment.objects.filter(pk=payment.pk).update(amount=Decimal("1.00"))
    with pytest.raises(ImmutableInvoiceError, match="paiement"):
        Payment.objects.filter(pk=payment.pk).delete()
    with pytest.raises(ImmutableInvoiceError, match="paiement"):
        issued.payments.all().delete()
    note = credit_note_create(invoice=issued, reason="Journée annulée")
    refund = refund_record(
        document=note, amount=Decimal("5.00"), method=PaymentMethod.TRANSFER, refunded_on=timezone.localdate()
    )
    with pytest.raises(ImmutableInvoiceError):
        Refund.objects.filter(pk=refund.pk).update(amount=Decimal("1.00"))
    with pytest.raises(ImmutableInvoiceError):
        Refund.objects.filter(pk=refund.pk).delete()
    assert issued.lines.get().amount_ht == Decimal("20.00")
    assert Payment.objects.get().amount == Decimal("10.00") and Refund.objects.get().amount == Decimal("5.00")


def test_a_draft_can_still_be_changed_issued_and_deleted(draft, issuer):
    assert Invoice.objects.filter(pk=draft.pk).update(buyer_name="Marie Curie") == 1
    assert InvoiceLine.objects.filter(invoice=draft).update(label="Journée du 3") == 1
    draft.refresh_from_db()
    draft.buyer_city = "Pertuis"
    draft.save()
    other = Invoice.objects.create(
        issuer=issuer, buyer_person=draft.buyer_person, buyer_name="Marie", period_start=draft.period_start,
        period_end=draft.period_end,
    )  # fmt: skip
    deleted, _ = Invoice.objects.filter(pk=other.pk).delete()
    assert deleted == 1
    seal(draft, [day_line(draft.lines.get().place_id)])
    assert Invoice.objects.get(pk=draft.pk).status == InvoiceStatus.ISSUED


def test_deleting_the_staff_account_that_recorded_a_payment_keeps_the_payment(issued):
    clerk = User.objects.create_user("caisse@example.org", "mot-de-passe-caisse", first_name="Camille")
    paid = payment_record(
        invoice=issued, amount=Decimal("4.00"), method=PaymentMethod.CASH, received_on=timezone.localdate(),
        recorded_by=clerk,
    )  # fmt: skip
    clerk.delete()  # recorded_by is SET_NULL: the only change a recorded payment accepts
    paid.refresh_from_db()
    assert paid.recorded_by_id is None and paid.amount == Decimal("4.00")
    assert Payment.objects.filter(pk=paid.pk).update(recorded_by=None) == 1


@postgresql_only
def test_postgresql_refuses_raw_sql_update_and_delete_of_an_issued_invoice(issued, draft):
    with connection.cursor() as cursor:
        for sql in (
            "UPDATE billing_invoice SET total_ttc = 0 WHERE id = %s",
            "UPDATE billing_invoice SET status = 'draft' WHERE id = %s",
            "DELETE FROM billing_invoice WHERE id = %s",
            "UPDATE billing_invoiceline SET amount_ht = 1 WHERE invoice_id = %s",
            "DELETE FROM billing_invoiceline WHERE invoice_id = %s",
        ):
            with pytest.raises(IntegrityError, match="définitive"), transaction.atomic():
                cursor.execute(sql, [issued.pk])
        # A draft's line cannot be moved into an issued invoice either.
        with pytest.raises(IntegrityError, match="définitive"), transaction.atomic():
            cursor.execute(
                "UPDATE billing_invoiceline SET invoice_id = %s WHERE invoice_id = %s", [issued.pk, draft.pk]
            )
        # Drafts stay free: changed, then deleted with their lines, in plain SQL.
        cursor.execute("UPDATE billing_invoice SET buyer_name = 'Marie C.' WHERE id = %s", [draft.pk])
        cursor.execute("DELETE FROM billing_invoiceline WHERE invoice_id = %s", [draft.pk])
        cursor.execute("DELETE FROM billing_invoice WHERE id = %s", [draft.pk])
    issued.refresh_from_db()
    assert issued.total_ttc == Decimal("24.00") and issued.lines.get().amount_ht == Decimal("20.00")
    assert not Invoice.objects.filter(pk=draft.pk).exists()


@postgresql_only
def test_postgresql_refuses_raw_sql_changes_of_recorded_payments_and_refunds(issued, payment):
    note = credit_note_create(invoice=issued, reason="Journée annulée")
    refund_record(
        document=note, amount=Decimal("5.00"), method=PaymentMethod.CASH, refunded_on=timezone.localdate()
    )
    with connection.cursor() as cursor:
        for table in ("billing_payment", "billing_refund"):
            for sql in (
                f"UPDATE {table} SET amount = 1",
                f"UPDATE {table} SET reference = 'effacé', recorded_by_id = NULL",
                f"DELETE FROM {table}",
            ):
                with pytest.raises(IntegrityError, match="définitive"), transaction.atomic():
                    cursor.execute(sql)
        # The credit note is issued too: final like any invoice.
        with pytest.raises(IntegrityError, match="définitive"), transaction.atomic():
            cursor.execute("UPDATE billing_invoice SET reason = '' WHERE id = %s", [note.pk])
    assert Payment.objects.get().amount == Decimal("10.00") and Refund.objects.get().amount == Decimal("5.00")


@postgresql_only
def test_postgresql_orm_save_bypassing_the_guard_is_refused_by_the_trigger(issued):
    """Even a write through the base manager (no queryset guard) stops at the database."""
    with pytest.raises(IntegrityError, match="définitive"), transaction.atomic():
        Invoice._base_manager.filter(pk=issued.pk).update(due_date=dt.date(2099, 1, 1))
