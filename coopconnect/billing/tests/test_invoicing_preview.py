"""A month previewed per issuer: the run's own plan, nothing written; a run limited to one issuer."""

from datetime import date
from decimal import Decimal

import pytest
import time_machine

from coopconnect.billing.models import Invoice, InvoiceCounter, SettlementStatement
from coopconnect.billing.services.invoicing.batch import people_invoiced_by, places_invoiced_by
from coopconnect.billing.services.invoicing.preview import invoicing_preview
from coopconnect.billing.services.invoicing.run import run_invoicing
from coopconnect.core.errors import DomainError

D = Decimal
NOV = date(2026, 11, 1)


@pytest.fixture(autouse=True)
def _december():
    with time_machine.travel("2026-12-01 06:00 +0100", tick=False):
        yield


def test_preview_shows_each_buyer_and_writes_nothing(november, place_issuer, member, employer):
    preview = invoicing_preview(issuer=place_issuer, month=NOV)
    # Bâticom in November: Marie 2 days × 20 € = 40 € HT (48 € TTC); Green Ivory 1 day = 20 € HT (24 € TTC).
    assert [(i.buyer_name, i.is_employer, i.total_ht, i.total_ttc) for i in preview.invoices] == [
        ("Green Ivory", True, D("20.00"), D("24.00")),
        (str(member), False, D("40.00"), D("48.00")),
    ]
    assert (preview.total_ht, preview.total_vat, preview.total_ttc) == (D("60.00"), D("12.00"), D("72.00"))
    assert (preview.planned, preview.issued, preview.to_issue) == (2, 0, 2)
    # The employer's line names the employee, as the issued invoice will.
    assert str(member) in preview.employers[0].lines[0].label
    assert Invoice.objects.count() == 0 and InvoiceCounter.objects.count() == 0
    assert SettlementStatement.objects.count() == 0


def test_preview_agrees_with_the_run_then_shows_what_is_issued(november, place_issuer, network_issuer):
    before = invoicing_preview(issuer=place_issuer, month=NOV)
    report = run_invoicing(month=NOV, issuer=place_issuer)
    # Only Bâticom's 2 invoices: the network's invoice for Cucuron is not part of this run.
    assert len(report.created) == 2 and not Invoice.objects.filter(issuer=network_issuer).exists()
    issued = {i.buyer_name: i.total_ttc for i in Invoice.objects.filter(issuer=place_issuer)}
    assert issued == {i.buyer_name: i.total_ttc for i in before.invoices}
    after = invoicing_preview(issuer=place_issuer, month=NOV)
    assert (after.planned, after.issued, after.to_issue) == (2, 2, 0)
    numbers = {i.issued_number for i in after.invoices}
    assert numbers == set(Invoice.objects.filter(issuer=place_issuer).values_list("number", flat=True))


def test_network_issuer_preview_covers_only_the_places_it_invoices(
    november, place, network_place, place_issuer, network_issuer, member
):
    # Bâticom has its own carrier; Cucuron is invoiced by the network.
    assert places_invoiced_by(network_issuer) == {network_place.pk}
    assert places_invoiced_by(place_issuer) == {place.pk}
    assert people_invoiced_by(network_issuer, NOV) == {member.pk}
    preview = invoicing_preview(issuer=network_issuer, month=NOV)
    # Cucuron: 1 day + 1 half-day at 14 € = 28 € HT, VAT exempt (art. 293 B).
    assert [(i.total_ht, i.total_vat) for i in preview.invoices] == [(D("28.00"), D("0"))]


@pytest.mark.parametrize("month", [date(2026, 12, 1), date(2027, 1, 1)])
def test_current_or_future_month_is_refused(month, place_issuer):
    with pytest.raises(DomainError, match="n'est pas terminé") as exc:
        invoicing_preview(issuer=place_issuer, month=month)
    assert exc.value.errors == {"month": ["Mois en cours ou à venir."]}
    with pytest.raises(DomainError):
        run_invoicing(month=month, issuer=place_issuer)
    assert Invoice.objects.count() == 0
