"""Refunds against credit notes and overpaid invoices: caps, balances, export, page, API, races."""

import csv
import io
import json
import threading
from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from coopconnect.billing import selectors
from coopconnect.billing.models import Refund
from coopconnect.billing.pricing.lines import Line
from coopconnect.billing.services.invoicing.credit_notes import credit_note_create
from coopconnect.billing.services.invoicing.issue import issue_invoice
from coopconnect.billing.services.payments import accounting_export, payment_record, refund_record
from coopconnect.billing.tests.test_race import _in_threads, _retrying
from coopconnect.core.errors import DomainError

D = Decimal
TODAY = "2026-12-10 10:00 +0100"


def _line(amount: str) -> Line:
    return Line(
        label="Forfait semaine",
        quantity=D(1),
        unit_price=D(amount),
        amount=D(amount),
        vat_rate=D("20"),
        vat_exempt=False,
        place_id=None,
    )


def invoice_100(issuer, *, person=None, organisation=None):
    # 100 € HT + 20 % = 120 € TTC.
    return issue_invoice(
        issuer=issuer,
        lines=[(_line("100.00"), None)],
        period_start=date(2026, 11, 1),
        period_end=date(2026, 11, 30),
        person=person,
        organisation=organisation,
    )


@pytest.fixture
def paid_and_credited(place_issuer, member):
    """Marie paid her 120 € invoice, then it was cancelled by a full credit note of 120 € TTC."""
    with time_machine.travel(TODAY, tick=False):
        inv = invoice_100(place_issuer, person=member)
        payment_record(invoice=inv, amount=D("120.00"), method="transfer", received_on=date(2026, 12, 2))
        note = credit_note_create(invoice=inv, reason="Réservations annulées par le lieu")
    return inv, note


@time_machine.travel(TODAY, tick=False)
def test_refund_of_a_credit_note_is_capped_and_moves_the_balance(paid_and_credited, member):
    inv, note = paid_and_credited
    # Invoiced 120 - credited 120 - paid 120 = -120: the place owes Marie 120 €.
    assert selectors.balance(person=member) == D("-120.00")
    assert selectors.refundable(note) == D("120.00")
    refund_record(document=note, amount=D("50.00"), method="cheque", refunded_on=date(2026, 12, 9))
    # -120 + 50 refunded = -70; 70 € left to refund.
    assert selectors.balance(person=member) == D("-70.00")
    assert selectors.refundable(note) == D("70.00")
    with pytest.raises(DomainError) as exc:
        refund_record(document=note, amount=D("80.00"), method="cash", refunded_on=date(2026, 12, 9))
    # 80 € > the 70 € left on the credit note: refused, nothing written.
    assert "dépasse ce qui reste à rembourser sur l'avoir" in exc.value.message
    assert "70\u00a0€" in exc.value.message and "rien n'a été enregistré" in exc.value.message
    assert Refund.objects.count() == 1
    refund_record(document=note, amount=D("70.00"), method="transfer", refunded_on=date(2026, 12, 10))
    assert selectors.balance(person=member) == D("0.00")
    assert selectors.refundable(note) == D("0") and selectors.outstanding(inv) == D("0.00")


@time_machine.travel(TODAY, tick=False)
def test_a_credit_note_on_an_unpaid_invoice_has_nothing_to_refund(place_issuer, member):
    inv = invoice_100(place_issuer, person=member)
    note = credit_note_create(invoice=inv, reason="Erreur de tarif")
    # Nothing paid: the credit note cancels the 120 € debt, there is no money to give back.
    assert selectors.refundable(note) == D("0")
    with pytest.raises(DomainError) as exc:
        refund_record(document=note, amount=D("10.00"), method="cash", refunded_on=date(2026, 12, 9))
    assert "Le client n'a pas payé autant" in exc.value.message
    assert not Refund.objects.exists()


@time_machine.travel(TODAY, tick=False)
def test_negative_payment_on_an_invoice_overpaid_after_a_partial_credit_note(place_issuer, employer):
    inv = invoice_100(place_issuer, organisation=employer)
    payment_record(invoice=inv, amount=D("120.00"), method="transfer", received_on=date(2026, 12, 2))
    credit_note_create(invoice=inv, reason="Une journée offerte", amount_ht=D("20.00"))
    # Credit note 20 € HT + 20 % = 24 € TTC after a full payment: overpaid by 24 €.
    assert selectors.outstanding(inv) == D("-24.00")
    assert selectors.balance(organisation=employer) == D("-24.00")
    assert selectors.refundable(inv) == D("24.00")
    with pytest.raises(DomainError):
        refund_record(document=inv, amount=D("24.01"), method="transfer", refunded_on=date(2026, 12, 9))
    refund_record(document=inv, amount=D("24.00"), method="transfer", refunded_on=date(2026, 12, 9))
    # 120 - 24 - 120 + 24 = 0 for the invoice and for the employer.
    assert selectors.outstanding(inv) == D("0.00")
    assert selectors.balance(organisation=employer) == D("0.00")
    # The credit note's own cap now sees the overpayment refunded: nothing more.
    assert selectors.refundable(inv.credit_notes.get()) == D("0")


@time_machine.travel(TODAY, tick=False)
def test_refund_in_the_future_or_unknown_method_is_refused(paid_and_credited):
    _inv, note = paid_and_credited
    with pytest.raises(DomainError) as exc:
        refund_record(document=note, amount=D("10"), method="bitcoin", refunded_on=date(2026, 12, 31))
    assert set(exc.value.errors) == {"method", "refunded_on"}
    assert not Refund.objects.exists()


@time_machine.travel(TODAY, tick=False)
def test_accounting_export_shows_refunds(paid_and_credited, place_issuer):
    _inv, note = paid_and_credited
    refund_record(
        document=note,
        amount=D("120.00"),
        method="cheque",
        refunded_on=date(2026, 12, 10),
        reference="0001234",
    )
    rows = list(
        csv.DictReader(
            io.StringIO(
                accounting_export(issuer=place_issuer, start=date(2026, 12, 1), end=date(2026, 12, 31))
            ),
            delimiter=";",
        )
    )
    avoir = next(r for r in rows if r["type"] == "avoir")
    assert avoir["montant_ttc"] == "-120.00" and avoir["rembourse"] == "120.00"
    refund = next(r for r in rows if r["type"] == "remboursement")
    assert refund["numero"] == note.number and refund["paye"] == "-120.00" and refund["rembourse"] == "120.00"
    assert refund["date"] == "2026-12-10" and "Chèque" in refund["libelle"] and "0001234" in refund["libelle"]


# --- page and API --------------------------------------------------------------------------------


@time_machine.travel(TODAY, tick=False)
def test_refund_page_for_hosts_works_without_js(client, paid_and_credited, host):
    _inv, note = paid_and_credited
    url = reverse("billing:refund_add", args=[note.pk])
    client.force_login(host)
    page = client.get(url)
    assert page.status_code == 200 and "Rembourser l'avoir" in page.content.decode()
    assert "120,00" in page.content.decode() or "120.00" in page.content.decode()
    data = {"amount": "130.00", "method": "cheque", "refunded_on": "2026-12-09", "reference": ""}
    too_much = client.post(url, data)
    # 130 € > 120 € credited: French message on the page, nothing written.
    assert too_much.status_code == 400 and "dépasse ce qui reste à rembourser" in too_much.content.decode()
    assert not Refund.objects.exists()
    ok = client.post(url, {**data, "amount": "120.00"})
    assert ok.status_code == 302 and ok["Location"] == reverse("billing:invoice_detail", args=[note.pk])
    assert Refund.objects.get().amount == D("120.00")


@pytest.mark.parametrize("who", ["outsider", "other_host", "member"])
@time_machine.travel(TODAY, tick=False)
def test_refund_page_refuses_strangers_and_the_buyer(client, paid_and_credited, who, request):
    _inv, note = paid_and_credited
    client.force_login(request.getfixturevalue(who))
    url = reverse("billing:refund_add", args=[note.pk])
    assert client.get(url).status_code == 404
    r = client.post(url, {"amount": "10.00", "method": "cash", "refunded_on": "2026-12-09"})
    assert r.status_code == 404 and not Refund.objects.exists()


@time_machine.travel(TODAY, tick=False)
def test_refund_api(client, paid_and_credited, host, outsider, other_host, member):
    _inv, note = paid_and_credited
    url = f"/api/v1/invoices/{note.pk}/refunds"
    body = {"amount": "20.00", "method": "card", "refunded_on": "2026-12-09"}

    def post(data):
        return client.post(url, data=json.dumps(data), content_type="application/json")

    for stranger in (outsider, other_host):
        client.force_login(stranger)
        assert post(body).status_code == 404
    client.force_login(member)
    assert post(body).status_code == 403
    assert not Refund.objects.exists()
    client.force_login(host)
    r = post(body)
    assert r.status_code == 201 and D(r.json()["still_refundable"]) == D("100.00")  # 120 - 20
    r = post({**body, "amount": "100.01"})
    assert r.status_code == 400 and "amount" in r.json()["errors"]
    assert Refund.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_refunds_cannot_exceed_the_credit_note(place_issuer, member, monkeypatch):
    with time_machine.travel(TODAY, tick=False):
        inv = invoice_100(place_issuer, person=member)
        payment_record(invoice=inv, amount=D("120.00"), method="transfer", received_on=date(2026, 12, 2))
        note = credit_note_create(invoice=inv, reason="Annulation")
    outcomes: list[str] = []
    # Hold each refund right after it read the cap until the other one has read it too: without the
    # lock on the credited invoice both would see 120 € left and both write. With the lock the second
    # waits on the row, so the first gives up waiting (broken barrier) and commits first.
    both_read = threading.Barrier(2)
    real_refundable = selectors.refundable

    def refundable_then_wait(document):
        cap = real_refundable(document)
        try:
            both_read.wait(timeout=3)
        except threading.BrokenBarrierError:
            pass
        return cap

    monkeypatch.setattr(selectors, "refundable", refundable_then_wait)

    def work(i: int) -> None:
        with time_machine.travel(TODAY, tick=True):
            try:
                _retrying(
                    lambda: refund_record(
                        document=note, amount=D("70.00"), method="transfer", refunded_on=date(2026, 12, 9)
                    )
                )
                outcomes.append("ok")
            except DomainError:
                outcomes.append("refused")

    errors = _in_threads(work, 2)
    # Two refunds of 70 € against a 120 € credit note: 140 > 120, so exactly one goes through.
    assert errors == []
    assert sorted(outcomes) == ["ok", "refused"]
    assert Refund.objects.count() == 1 and real_refundable(note) == D("50.00")


@time_machine.travel(TODAY, tick=False)
def test_refund_page_takes_a_french_amount(client, paid_and_credited, host):
    _inv, note = paid_and_credited
    url = reverse("billing:refund_add", args=[note.pk])
    client.force_login(host)
    data = {"amount": "douze", "method": "cheque", "refunded_on": "2026-12-09", "reference": ""}
    bad = client.post(url, data)
    assert bad.status_code == 400 and "Saisissez un nombre." in bad.content.decode()
    assert 'value="douze"' in bad.content.decode()
    assert not Refund.objects.exists()
    # A decimal comma is read, and a re-shown form writes the amount back with it.
    in_future = client.post(url, {**data, "amount": "12.50", "refunded_on": "2027-01-01"})
    assert in_future.status_code == 400 and 'value="12,50"' in in_future.content.decode()
    assert not Refund.objects.exists()
    ok = client.post(url, {**data, "amount": "12,50"})
    assert ok.status_code == 302 and Refund.objects.get().amount == D("12.50")
    # 120 € credited - 12,50 € refunded = 107,50 € left.
    assert selectors.refundable(note) == D("107.50")
