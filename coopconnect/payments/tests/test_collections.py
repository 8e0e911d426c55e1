"""Monthly collection: who is debited, the pain.008 file (checked against its XSD), settlement, returns."""

from __future__ import annotations

import hashlib
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
import sepaxml
import time_machine
from django.core import mail
from lxml import etree

from coopconnect.billing import selectors as billing_selectors
from coopconnect.billing.services.invoicing.credit_notes import credit_note_create
from coopconnect.core.errors import DomainError
from coopconnect.payments.models import Collection, Debit, SequenceType, WriteOnceError
from coopconnect.payments.services.collections import (
    collection_generate,
    collection_settle,
    collections_settle_due,
    debit_return,
)
from coopconnect.payments.services.mandates import mandate_revoke, mandate_sign
from coopconnect.payments.tests.conftest import ORG_IBAN, invoice_for

XSD = Path(sepaxml.__file__).parent / "schemas" / "pain.008.001.02.xsd"
NS = {"p": "urn:iso:std:iso:20022:tech:xsd:pain.008.001.02"}


def assert_valid_pain008(content: bytes) -> etree._Element:
    schema = etree.XMLSchema(etree.parse(str(XSD)))
    doc = etree.fromstring(content)
    assert schema.validate(doc), schema.error_log
    return doc


@pytest.fixture
def immediate(settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


def test_month_collection_debits_mandated_unpaid_invoices_only(
    issuer, member, outsider, employer, member_mandate, django_capture_on_commit_callbacks, immediate
):
    # 20 € HT + 20 % VAT = 24 € TTC each; 50 € HT -> 60 € TTC for the employer.
    own = invoice_for(issuer, person=member)
    org_invoice = invoice_for(issuer, organisation=employer, amount="50.00", who=member)
    no_mandate = invoice_for(issuer, person=outsider)
    mandate_sign(
        issuer=issuer,
        signed_by=member,
        organisation=employer,
        holder_name="Durance Numérique",
        iban=ORG_IBAN,
        bic="COBADEFFXXX",
        accepted=True,
    )
    with django_capture_on_commit_callbacks(execute=True):
        collection, created = collection_generate(issuer=issuer, by=member)
    assert created
    debits = {d.invoice_id: d for d in collection.debits.all()}
    assert set(debits) == {own.pk, org_invoice.pk}
    assert no_mandate.pk not in debits
    assert collection.total == Decimal("84.00")  # 24 + 60
    # 3 Nov + 5 days of notice = 8 Nov (a Sunday); the preferred 10th is later: Tuesday 10 Nov.
    assert collection.collection_date == date(2026, 11, 10)
    assert collection.sha256 == hashlib.sha256(bytes(collection.file)).hexdigest()
    doc = assert_valid_pain008(bytes(collection.file))
    assert doc.xpath("//p:SeqTp/text()", namespaces=NS) == ["FRST"]
    assert sorted(doc.xpath("//p:DrctDbtTxInf/p:InstdAmt/text()", namespaces=NS)) == ["24.00", "60.00"]
    assert doc.xpath("//p:CdtrSchmeId//p:Id/text()", namespaces=NS) == ["FR72ZZZ123456"]
    assert doc.xpath("//p:ReqdColltnDt/text()", namespaces=NS) == ["2026-11-10"]
    # One pre-notification per mandate: the member, and the employer's billing address.
    assert len(mail.outbox) == 2
    to = sorted(m.to[0] for m in mail.outbox)
    assert to == ["compta@durance.example", "membre@example.org"]
    member_mail = next(m for m in mail.outbox if m.to == ["membre@example.org"])
    assert "24,00" in member_mail.body and "10 novembre 2026" in member_mail.body
    assert member_mandate.reference in member_mail.body


def test_collecting_twice_the_same_month_creates_nothing_new(issuer, member, member_mandate):
    invoice_for(issuer, person=member)
    first, created = collection_generate(issuer=issuer)
    invoice_for(issuer, person=member)  # issued after the batch: waits for next month
    again, created_again = collection_generate(issuer=issuer)
    assert created and not created_again and again.pk == first.pk
    assert Collection.objects.count() == 1 and Debit.objects.count() == 1


def test_file_is_write_once(issuer, member, member_mandate):
    invoice_for(issuer, person=member)
    collection, _ = collection_generate(issuer=issuer)
    collection.file = b"<Document/>"
    with pytest.raises(WriteOnceError):
        collection.save()


def test_nothing_to_collect_is_a_french_refusal(issuer, member):
    invoice_for(issuer, person=member)  # no mandate
    with pytest.raises(DomainError, match="Rien à prélever"):
        collection_generate(issuer=issuer)
    assert not Collection.objects.exists()


def test_credited_invoice_and_revoked_mandate_are_never_debited(issuer, member, outsider, member_mandate):
    credited = invoice_for(issuer, person=member)
    credit_note_create(invoice=credited, reason="Annulation")
    other = invoice_for(issuer, person=outsider)
    outsider_mandate = mandate_sign(
        issuer=issuer, signed_by=outsider, holder_name="Ivan", iban=ORG_IBAN, accepted=True
    )
    mandate_revoke(mandate=outsider_mandate, by=outsider)
    with pytest.raises(DomainError, match="Rien à prélever"):
        collection_generate(issuer=issuer)
    assert billing_selectors.outstanding(other) == Decimal("24.00")


def test_settled_on_the_date_then_recurring_next_month(issuer, member, member_mandate):
    invoice = invoice_for(issuer, person=member)
    collection, _ = collection_generate(issuer=issuer)
    with pytest.raises(DomainError, match="échéance"):
        collection_settle(collection=collection)
    with time_machine.travel(date(2026, 11, 10), tick=False):
        assert collections_settle_due() == 1
    debit = collection.debits.get()
    debit.refresh_from_db()
    assert debit.payment.method == "sepa_dd" and debit.payment.received_on == date(2026, 11, 10)
    assert billing_selectors.outstanding(invoice) == Decimal("0")
    with time_machine.travel(date(2026, 12, 2), tick=False):
        december = invoice_for(issuer, person=member)
        batch, _ = collection_generate(issuer=issuer)
        assert [d.invoice_id for d in batch.debits.all()] == [december.pk]
        assert batch.debits.get().sequence_type == SequenceType.RECURRING
        assert_valid_pain008(bytes(batch.file))


def test_returned_debit_makes_invoice_unpaid_and_mails_the_host(
    issuer, member, host, member_mandate, django_capture_on_commit_callbacks, immediate
):
    invoice = invoice_for(issuer, person=member)
    collection, _ = collection_generate(issuer=issuer)
    debit = collection.debits.get()
    mail.outbox.clear()
    with time_machine.travel(date(2026, 11, 13), tick=False):
        with pytest.raises(DomainError, match="motif"):
            debit_return(debit=debit, returned_on=date(2026, 11, 12), reason_code="XX99")
        with django_capture_on_commit_callbacks(execute=True):
            debit_return(debit=debit, returned_on=date(2026, 11, 12), reason_code="am04")
    assert billing_selectors.outstanding(invoice) == Decimal("24.00")
    debit.refresh_from_db()
    assert debit.payment.returned.reason_code == "AM04"
    assert debit.payment.returned.reason == "Provision insuffisante"
    assert [m.to for m in mail.outbox] == [[host.email]]
    assert invoice.number in mail.outbox[0].subject
    with time_machine.travel(date(2026, 11, 14), tick=False), pytest.raises(DomainError, match="déjà"):
        debit_return(debit=debit, returned_on=date(2026, 11, 13), reason_code="AM04")
