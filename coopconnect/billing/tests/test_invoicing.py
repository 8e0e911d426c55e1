"""The monthly run: a member and an employer invoiced after a month across two places; numbering, mentions."""

from datetime import date
from decimal import Decimal

import facturx
import pytest
import time_machine
from django.core.management import call_command

from coopconnect.billing import seed
from coopconnect.billing.models import (
    ImmutableInvoiceError,
    Invoice,
    InvoiceKind,
    InvoiceLine,
    SettlementStatement,
    UsageRecord,
)
from coopconnect.billing.services.invoicing.credit_notes import credit_note_create
from coopconnect.billing.services.invoicing.issue import invoice_update
from coopconnect.billing.services.invoicing.run import run_invoicing
from coopconnect.billing.tests.conftest import at, book, seat
from coopconnect.core.errors import DomainError

D = Decimal
NOV = date(2026, 11, 1)


@time_machine.travel("2026-12-01 06:00 +0100", tick=False)
def test_member_and_employer_invoiced_after_a_month_across_two_places(
    november, member, employer, place_issuer, network_issuer, network_place
):
    report = run_invoicing(month=NOV)
    assert len(report.created) == 3
    mine_bat = Invoice.objects.get(issuer=place_issuer, buyer_person=member, buyer_organisation=None)
    # Bâticom, Marie: 2 days × 20 € = 40 € HT + 20 % = 48 € TTC.
    assert (mine_bat.total_ht, mine_bat.total_vat, mine_bat.total_ttc) == (D("40.00"), D("8.00"), D("48.00"))
    assert mine_bat.number == "BAT2026-000002" and mine_bat.issue_date == date(2026, 12, 1)
    assert mine_bat.due_date == date(2026, 12, 31)
    org = Invoice.objects.get(issuer=place_issuer, buyer_organisation=employer)
    # Employer: 1 day × 20 € = 20 € HT, one line naming the employee and the place.
    line = org.lines.get()
    assert line.person == member and line.place_id == place_issuer.place_id and str(member) in line.label
    assert org.total_ttc == D("24.00") and org.buyer_is_business and org.buyer_siren == "552100554"
    assert org.number == "BAT2026-000001"  # employers first, then people
    net = Invoice.objects.get(issuer=network_issuer)
    # Cucuron (Pomerol grid, not a member): 1 day + 1 half-day, both 14 € (no half-day rate) = 28 €, no VAT.
    assert net.total_ht == D("28.00") and net.total_vat == D("0") and net.mentions_293b
    # The network invoiced on behalf of Cucuron: a settlement statement tells the place what it earned.
    st = SettlementStatement.objects.get(issuer=network_issuer, place=network_place)
    assert st.total_ht == D("28.00") and st.invoice_count == 1


@time_machine.travel("2026-12-01 06:00 +0100", tick=False)
def test_rerunning_a_month_does_not_invoice_twice(november):
    first = run_invoicing(month=NOV)
    again = run_invoicing(month=NOV)
    assert len(first.created) == 3 and again.created == [] and again.skipped_existing == 3
    assert Invoice.objects.count() == 3


@time_machine.travel("2026-12-01 06:00 +0100", tick=False)
def test_command_runs_the_month(november, capsys):
    call_command("run_invoicing", "--month", "2026-11")
    assert "3 facture(s) émise(s)" in capsys.readouterr().out
    with pytest.raises(Exception, match="AAAA-MM"):
        call_command("run_invoicing", "--month", "novembre")


@time_machine.travel("2026-12-01 06:00 +0100", tick=False)
def test_issued_invoice_is_immutable_and_corrected_by_credit_note(november, place_issuer, member):
    run_invoicing(month=NOV)
    inv = Invoice.objects.get(issuer=place_issuer, buyer_person=member, buyer_organisation=None)
    inv.buyer_name = "Autre"
    with pytest.raises(ImmutableInvoiceError):
        inv.save()
    with pytest.raises(ImmutableInvoiceError):
        inv.delete()
    with pytest.raises(ImmutableInvoiceError):
        InvoiceLine.objects.create(invoice=inv, label="x", quantity=1, unit_price=1, amount_ht=1, vat_rate=20)
    with pytest.raises(DomainError, match="avoir"):
        invoice_update(invoice=inv, buyer_name="Autre")
    # A partial credit note of 20 € HT (one day refunded) at 20 % = 24 € TTC, numbered in the same sequence.
    note = credit_note_create(
        invoice=inv, reason="Journée du 2/11 annulée (panne internet)", amount_ht=D("20")
    )
    assert note.kind == InvoiceKind.CREDIT_NOTE and note.total_ttc == D("24.00")
    assert note.number == "BAT2026-000003" and note.credited_invoice == inv
    with pytest.raises(DomainError, match="compris entre"):
        credit_note_create(invoice=inv, reason="trop", amount_ht=D("20.01"))


@time_machine.travel("2026-12-01 06:00 +0100", tick=False)
def test_factur_x_pdf_is_valid_en16931_with_embedded_xml(november, employer, place_issuer, network_issuer):
    run_invoicing(month=NOV)
    for inv in Invoice.objects.all():
        xml = bytes(inv.document.cii_xml)
        assert facturx.xml_check_xsd(xml, flavor="factur-x", level="en16931")
        pdf = bytes(inv.document.pdf)
        assert pdf.startswith(b"%PDF")
        filename, embedded = facturx.get_xml_from_pdf(pdf, check_xsd=True)
        assert filename == "factur-x.xml" and embedded == xml
    org = Invoice.objects.get(buyer_organisation=employer)
    xml = bytes(org.document.cii_xml).decode()
    # Mandatory mentions for a business buyer: late penalties and the 40 € recovery fee.
    assert "pénalités" in xml and "40 €" in xml and "FR40552100554" in xml and "732829320" in xml


@time_machine.travel("2026-12-01 06:00 +0100", tick=False)
def test_credit_note_xml_and_293b_mention(november, network_issuer):
    run_invoicing(month=NOV)
    inv = Invoice.objects.get(issuer=network_issuer)
    note = credit_note_create(invoice=inv, reason="Erreur de saisie")
    xml = bytes(note.document.cii_xml)
    assert facturx.xml_check_xsd(xml, flavor="factur-x", level="en16931")
    text = xml.decode()
    assert "<ram:TypeCode>381</ram:TypeCode>" in text and inv.number in text
    assert "TVA non applicable, art. 293 B du CGI" in text
    assert bytes(note.document.pdf).startswith(b"%PDF")


@time_machine.travel("2026-12-01 06:00 +0100", tick=False)
def test_employer_invoice_has_one_line_per_employee_place_and_service(place, place_issuer, member, employer):
    from coopconnect.accounts.models import OrganisationMembership, User

    seed.configure_reichstett(place)
    bob = User.objects.create_user("bob@example.org", "x-pass-123456", first_name="Bob")
    OrganisationMembership.objects.create(organisation=employer, user=bob)
    r = seat(place)
    with time_machine.travel("2026-10-01 08:00 +0200", tick=False):
        for n, who in enumerate((member, bob), start=1):
            book(r, who, at(2026, 11, 2, 9), at(2026, 11, 2, 17), employer=employer, seat_number=n)
    UsageRecord.objects.create(
        place=place,
        person=bob,
        employer=employer,
        service_code="print",
        quantity=D("10"),
        at=at(2026, 11, 2, 11),
    )
    run_invoicing(month=NOV)
    inv = Invoice.objects.get(buyer_organisation=employer)
    labels = sorted(inv.lines.values_list("label", flat=True))
    # Marie 1 day 12 € + Bob 1 day 12 € + Bob 10 prints × 0.10 € = 1 € -> 25 € HT, 30 € TTC.
    assert len(labels) == 3 and inv.total_ht == D("25.00") and inv.total_ttc == D("30.00")
    assert any(lbl.startswith("Bob — Impressions") for lbl in labels)


@time_machine.travel("2026-11-25 12:00 +0100", tick=False)
def test_a_month_not_over_is_not_invoiced(november):
    with pytest.raises(DomainError, match="Le mois 2026-11 n'est pas terminé"):
        run_invoicing(month=NOV)
    assert not Invoice.objects.exists()
