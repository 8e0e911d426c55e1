"""The demo's last month: booked, invoiced, paid, credited and settled through the services; twice
adds nothing."""

from decimal import Decimal

import pytest
import time_machine
from django.core.management import call_command

from coopconnect.billing.models import Invoice, InvoiceKind, Payment, PaymentMethod, SettlementStatement

D = Decimal
STEPS = [
    *("--only", "reference_places", "--only", "demo_users", "--only", "accounts"),
    *("--only", "billing", "--only", "billing_invoices"),
]


@pytest.fixture(autouse=True)
def _december():
    # Seeded on 2 December 2026: "last month" is November 2026.
    with time_machine.travel("2026-12-02 10:00 +0100", tick=False):
        yield


@pytest.mark.django_db
def test_demo_invoices_last_month_and_seeding_twice_adds_nothing():
    call_command("seed_demo", *STEPS)
    month = Invoice.objects.filter(period_start="2026-11-01")
    got = {
        (i.issuer.place.source_id if i.issuer.place else "network", i.buyer_name, i.total_ht) for i in month
    }
    # Bâticom: 2 mornings of video point, 2 blocks of 2 h each, room 49 € + session 49 € a block
    # = 4 × 49 + 4 × 49 = 392 € HT; Murat: Marie 3 days × 20 € = 60 €, Durance Numérique 2 days = 40 €;
    # Soho Solo network: Sofia printed 1,400 pages, 1,000 included, 400 × 0.05 € = 20 €;
    # the credit note gives back one line of Bâticom's invoice (196 € HT).
    assert got == {
        ("pertuis", "Marie Membre", D("392.00")),
        ("pertuis", "Marie Membre", D("196.00")),
        ("murat", "Marie Membre", D("60.00")),
        ("murat", "Société Durance Numérique", D("40.00")),
        ("network", "Sofia Benali", D("20.00")),
    }
    assert month.filter(kind=InvoiceKind.CREDIT_NOTE).count() == 1
    # Bâticom: 470.40 € TTC - 235.20 € credited = 235.20 € by transfer; Murat: 72 € by cheque.
    assert sorted(Payment.objects.values_list("method", "amount")) == [
        (PaymentMethod.CHEQUE, D("72.00")),
        (PaymentMethod.TRANSFER, D("235.20")),
    ]
    statement = SettlementStatement.objects.get()
    assert statement.place.source_id == "auch" and statement.total_ht == D("20.00")
    counts = (Invoice.objects.count(), Payment.objects.count(), SettlementStatement.objects.count())
    call_command("seed_demo", *STEPS)
    assert (Invoice.objects.count(), Payment.objects.count(), SettlementStatement.objects.count()) == counts
