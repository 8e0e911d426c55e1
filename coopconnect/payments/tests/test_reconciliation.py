"""Bank statements (CAMT.053, MT940): imported once, credits matched to invoices, the rest listed."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
import time_machine

from coopconnect.billing import selectors as billing_selectors
from coopconnect.billing.models import Payment
from coopconnect.billing.references import rf_display, rf_reference
from coopconnect.billing.services.invoicing.credit_notes import credit_note_create
from coopconnect.core.errors import DomainError
from coopconnect.payments.models import LineStatus, Statement, StatementLine
from coopconnect.payments.services.collections import collection_generate
from coopconnect.payments.services.reconciliation import line_assign, line_ignore, statement_import
from coopconnect.payments.statements.samples import Movement, camt053, mt940
from coopconnect.payments.tests.conftest import ISSUER_IBAN, invoice_for

NOV_20 = date(2026, 11, 20)


@pytest.fixture
def nov_20(issuer):
    with time_machine.travel(NOV_20, tick=False):
        yield


def test_camt053_matches_by_rf_reference_and_by_number_and_lists_the_rest(issuer, member, outsider, nov_20):
    by_rf = invoice_for(issuer, person=member)  # 24 € TTC
    by_number = invoice_for(issuer, person=outsider, amount="50.00")  # 60 € TTC
    wrong_amount = invoice_for(issuer, person=member, amount="10.00")  # 12 € TTC
    content = camt053(
        [
            # The RF reference grouped by four, as printed on the invoice, in the structured field.
            Movement(date(2026, 11, 18), Decimal("24.00"), structured=rf_display(rf_reference(by_rf.number))),
            Movement(date(2026, 11, 18), Decimal("60.00"), text=f"Paiement facture {by_number.number} merci"),
            # Invoice number quoted with another amount: not booked on a guess.
            Movement(date(2026, 11, 19), Decimal("10.00"), text=f"Facture {wrong_amount.number}"),
            Movement(date(2026, 11, 19), Decimal("300.00"), text="Subvention région"),
            Movement(date(2026, 11, 19), Decimal("45.90"), credit=False, text="Frais bancaires"),
        ],
        iban=ISSUER_IBAN,
    )
    statement, created = statement_import(issuer=issuer, content=content, fmt="camt053")
    assert created and statement.line_count == 5
    assert billing_selectors.outstanding(by_rf) == 0
    assert billing_selectors.outstanding(by_number) == 0
    assert billing_selectors.outstanding(wrong_amount) == Decimal("12.00")
    payment = Payment.objects.get(invoice=by_rf)
    assert payment.method == "transfer" and payment.received_on == date(2026, 11, 18)
    statuses = sorted(StatementLine.objects.values_list("status", flat=True))
    assert statuses == ["matched", "matched", "other", "unmatched", "unmatched"]
    diff = StatementLine.objects.get(amount=Decimal("10.00"))
    assert "montant diffère" in diff.note


def test_the_same_statement_twice_changes_nothing(issuer, member, nov_20):
    invoice = invoice_for(issuer, person=member)
    movements = [Movement(date(2026, 11, 18), Decimal("24.00"), text=rf_reference(invoice.number))]
    content = camt053(movements, iban=ISSUER_IBAN)
    statement_import(issuer=issuer, content=content, fmt="camt053")
    again, created = statement_import(issuer=issuer, content=content, fmt="camt053")
    assert not created
    # Another file (other statement id) repeating the same movement does not book it again either.
    overlapping = camt053(movements, iban=ISSUER_IBAN, statement_id="STMT-2")
    other, created_other = statement_import(issuer=issuer, content=overlapping, fmt="camt053")
    assert created_other and other.line_count == 0
    assert Payment.objects.count() == 1 and StatementLine.objects.count() == 1


def test_mt940_matches_too(issuer, member, nov_20):
    invoice = invoice_for(issuer, person=member)
    content = mt940(
        [
            Movement(
                date(2026, 11, 17), Decimal("24.00"), text=f"VIR SEPA MARIE {rf_reference(invoice.number)}"
            )
        ],
        account=ISSUER_IBAN,
    )
    statement, created = statement_import(issuer=issuer, content=content, fmt="mt940")
    assert created and statement.format == "mt940"
    assert billing_selectors.outstanding(invoice) == 0


@pytest.mark.parametrize(
    ("content", "fmt", "message"),
    [
        (b"not xml at all", "camt053", "pas un relevé CAMT.053"),
        (b"<Document xmlns='urn:iso:std:iso:20022:tech:xsd:pain.008.001.02'/>", "camt053", "CAMT.053"),
        (b"hello", "mt940", "pas un relevé MT940"),
        (b"<x/>", "ofx", "Format de relevé inconnu"),
    ],
)
def test_wrong_format_is_refused_in_french_and_writes_nothing(issuer, nov_20, content, fmt, message):
    with pytest.raises(DomainError, match=message):
        statement_import(issuer=issuer, content=content, fmt=fmt)
    assert not Statement.objects.exists()


def test_statement_of_another_account_is_refused(issuer, nov_20):
    content = camt053([Movement(NOV_20, Decimal("5.00"))], iban="DE89370400440532013000")
    with pytest.raises(DomainError, match="autre compte"):
        statement_import(issuer=issuer, content=content, fmt="camt053")
    assert not Statement.objects.exists() and not StatementLine.objects.exists()


def test_credit_on_a_cancelled_invoice_is_not_booked(issuer, member, nov_20):
    invoice = invoice_for(issuer, person=member)
    credit_note_create(invoice=invoice, reason="Annulée")
    content = camt053(
        [Movement(NOV_20, Decimal("24.00"), text=rf_reference(invoice.number))], iban=ISSUER_IBAN
    )
    statement_import(issuer=issuer, content=content, fmt="camt053")
    line = StatementLine.objects.get()
    assert line.status == LineStatus.UNMATCHED and "annulée par un avoir" in line.note
    assert not Payment.objects.exists()


def test_host_assigns_or_ignores_what_did_not_match(issuer, member, nov_20):
    invoice = invoice_for(issuer, person=member)
    content = camt053(
        [
            Movement(NOV_20, Decimal("24.00"), text="Marie coworking"),
            Movement(NOV_20, Decimal("3.00"), text="Don"),
        ],
        iban=ISSUER_IBAN,
    )
    statement_import(issuer=issuer, content=content, fmt="camt053")
    first, second = StatementLine.objects.order_by("amount").reverse()
    with pytest.raises(DomainError, match="Aucune facture"):
        line_assign(line=first, invoice_number="BAT2099-999999")
    line_assign(line=first, invoice_number=invoice.number.lower())
    assert billing_selectors.outstanding(invoice) == 0
    with pytest.raises(DomainError, match="plus à traiter"):
        line_assign(line=first, invoice_number=invoice.number)
    line_ignore(line=second, note="Don à l'association")
    second.refresh_from_db()
    assert second.status == LineStatus.IGNORED


def test_returned_direct_debit_read_from_the_statement(issuer, member, member_mandate, nov_20):
    with time_machine.travel(date(2026, 11, 3), tick=False):
        invoice = invoice_for(issuer, person=member)
        collection, _ = collection_generate(issuer=issuer)
    debit = collection.debits.get()
    content = camt053(
        [
            Movement(
                date(2026, 11, 13),
                Decimal("24.00"),
                credit=False,
                end_to_end=debit.end_to_end_id,
                return_reason="AM04",
                text="Rejet prélèvement",
            )
        ],
        iban=ISSUER_IBAN,
    )
    statement_import(issuer=issuer, content=content, fmt="camt053")
    line = StatementLine.objects.get()
    assert line.status == LineStatus.RETURN and line.invoice_id == invoice.pk
    debit.refresh_from_db()
    assert debit.payment.returned.reason_code == "AM04"
    assert billing_selectors.outstanding(invoice) == Decimal("24.00")
