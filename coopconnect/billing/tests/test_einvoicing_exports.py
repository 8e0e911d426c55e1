"""E-reporting, the platform interface (directory backend) and the ``check_invoice`` command."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.urls import reverse

from coopconnect.billing.einvoicing.ereporting import ereporting
from coopconnect.billing.einvoicing.lifecycle import lifecycle
from coopconnect.billing.einvoicing.platforms import DirectoryPlatform, read_statuses, send_pending
from coopconnect.billing.models import Issuer, PaymentMethod
from coopconnect.billing.services.invoicing.credit_notes import credit_note_create
from coopconnect.billing.services.invoicing.issue import issue_invoice
from coopconnect.billing.services.payments import payment_record
from coopconnect.billing.tests.einvoicing_kinds import line

DEC = {"period_start": date(2026, 12, 1), "period_end": date(2026, 12, 31)}


@pytest.fixture
def december(place_issuer, place, member, employer):
    """Two B2C invoices on 2026-12-31 (one at 20 % and 10 %), a B2B one, a partial credit note."""
    with time_machine.travel("2026-12-31 18:00 +0100", tick=False):
        mixed = issue_invoice(
            issuer=place_issuer,
            lines=[(line(place, "40"), member), (line(place, "10", "10", label="Repas"), member)],
            person=member,
            **DEC,
        )  # 40 + 8 VAT at 20 %; 10 + 1 VAT at 10 %: 59 € TTC
        plain = issue_invoice(issuer=place_issuer, lines=[(line(place, "20"), member)], person=member, **DEC)
        b2b = issue_invoice(
            issuer=place_issuer, lines=[(line(place, "100"), member)], organisation=employer, **DEC
        )
    with time_machine.travel("2027-01-05 10:00 +0100", tick=False):
        credit_note_create(invoice=plain, reason="Journée non due", amount_ht=Decimal("5"))
        payment_record(
            invoice=mixed, amount=Decimal("59.00"), method=PaymentMethod.CARD, received_on=date(2027, 1, 5)
        )
        payment_record(
            invoice=b2b, amount=Decimal("120.00"), method=PaymentMethod.TRANSFER, received_on=date(2027, 1, 5)
        )
    return mixed, plain, b2b


def test_ereporting_totals_b2c_sales_per_day_and_rate_and_payments(december, place_issuer):
    report = ereporting(issuer=place_issuer, start=date(2026, 12, 1), end=date(2027, 1, 31))
    rows = {(r.date_operation, r.taux_tva): (r.montant_ht_cumule, r.montant_tva_cumule, r.nombre_transactions)
            for r in report.transactions}  # fmt: skip
    assert rows == {
        ("2026-12-31", "10.00"): ("10.00", "1.00", 1),
        ("2026-12-31", "20.00"): ("60.00", "12.00", 2),  # 40 + 20 HT; 8 + 4 VAT; the B2B invoice is not there
        ("2027-01-05", "20.00"): ("-5.00", "-1.00", 1),  # the credit note deducts 5 HT + 1 VAT
    }
    assert {r.categorie_transaction for r in report.transactions} == {"TPS1"}
    # The card payment of 59 € split by the invoice's VAT rows: 48 at 20 %, 11 at 10 %; the B2B
    # transfer is reported by the lifecycle ("paid"), not here.
    assert [(r.date_encaissement, r.taux_tva, r.montant_encaisse_ttc) for r in report.paiements] == [
        ("2027-01-05", "10.00", "11.00"),
        ("2027-01-05", "20.00", "48.00"),
    ]
    Issuer.objects.filter(pk=place_issuer.pk).update(vat_on_debits=True)
    debits = ereporting(
        issuer=Issuer.objects.get(pk=place_issuer.pk), start=date(2026, 12, 1), end=date(2027, 1, 31)
    )
    assert debits.paiements == [] and debits.transactions == report.transactions


def test_ereporting_page_and_api(client, december, place_issuer, host, other_host):
    url = reverse("billing:issuer_ereporting", args=[place_issuer.pk])
    client.force_login(host)
    assert "E-reporting" in client.get(url).content.decode()
    csv_text = client.get(url, {"start": "2026-12-01", "end": "2027-01-31", "format": "csv"}).content.decode()
    assert csv_text.splitlines()[0].startswith("flux;siren_declarant;date_operation;date_encaissement")
    assert "10.3;732829320;2026-12-31;;TPS1;EUR;20.00;60.00;12.00;2;" in csv_text
    as_json = json.loads(
        client.get(url, {"start": "2026-12-01", "end": "2027-01-31", "format": "json"}).content
    )
    assert as_json["siren_declarant"] == "732829320" and len(as_json["paiements"]) == 2
    bad = client.get(url, {"start": "2027-01-31", "end": "2026-12-01", "format": "csv"})
    assert bad.status_code == 400 and "Date de fin avant la date de début." in bad.content.decode()
    api = client.get(f"/api/v1/issuers/{place_issuer.pk}/e-reporting?start=2026-12-01&end=2027-01-31")
    assert api.status_code == 200 and api.json()["transactions"] == as_json["transactions"]
    assert (
        client.get(
            f"/api/v1/issuers/{place_issuer.pk}/e-reporting?start=2027-01-31&end=2026-12-01"
        ).status_code
        == 400
    )
    client.force_login(other_host)
    assert client.get(url).status_code == 404
    assert client.get(f"/api/v1/issuers/{place_issuer.pk}/e-reporting").status_code == 404


def test_directory_platform_sends_b2b_invoices_and_reads_statuses(tmp_path, december, place_issuer):
    _mixed, _plain, b2b = december
    platform = DirectoryPlatform(tmp_path)
    with time_machine.travel("2026-12-31 19:00 +0100", tick=False):
        assert send_pending(platform) == [b2b.number]  # B2C sales are e-reported, not sent
        assert send_pending(platform) == []  # sent once
    sent = tmp_path / "outbox" / "732829320" / f"{b2b.number}.pdf"
    assert sent.read_bytes() == bytes(b2b.document.pdf)
    (tmp_path / "inbox").mkdir()
    at = "2027-01-02T09:00:00+01:00"
    (tmp_path / "inbox" / "a.json").write_text(json.dumps([
        {"invoice": b2b.number, "seller_siren": "732829320", "status": "received", "at": at},
        {"invoice": "INCONNUE-1", "status": "refused", "at": at},
    ]))  # fmt: skip
    (tmp_path / "inbox" / "b.json").write_text("{pas du json")
    read = read_statuses(platform)
    assert read.applied == 1 and read.unknown == ["INCONNUE-1"] and len(read.refused) == 1
    assert "JSON invalide" in read.refused[0]
    assert [s.status for s in lifecycle(b2b)] == ["issued", "sent", "received", "paid"]
    assert (tmp_path / "inbox" / "lus" / "a.json").exists() and (
        tmp_path / "inbox" / "rejetes" / "b.json"
    ).exists()
    assert read_statuses(platform).applied == 0  # nothing left to read


def test_check_invoice_command(tmp_path, december, capsys):
    _mixed, _plain, b2b = december
    pdf = tmp_path / "facture.pdf"
    pdf.write_bytes(bytes(b2b.document.pdf))
    call_command("check_invoice", str(pdf))
    assert "Conforme : 0 erreur" in capsys.readouterr().out
    ubl = tmp_path / "facture-ubl.xml"
    ubl.write_bytes(bytes(b2b.document.ubl_xml))
    call_command("check_invoice", str(ubl))
    broken = tmp_path / "cassee.xml"
    broken.write_bytes(bytes(b2b.document.cii_xml).replace(b"<ram:Content>B2B</ram:Content>", b""))
    with pytest.raises(CommandError, match="erreur"):
        call_command("check_invoice", str(broken))
    assert "BR-FR" in capsys.readouterr().out
    with pytest.raises(CommandError, match="introuvable"):
        call_command("check_invoice", str(tmp_path / "absente.xml"))
