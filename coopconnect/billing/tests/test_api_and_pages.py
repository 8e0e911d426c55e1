"""API and pages: who may see and do what (outsider and other_host always refused), bad input."""

import json
from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from coopconnect.accounts.services import api_token_create
from coopconnect.billing import seed
from coopconnect.billing.models import Invoice, Payment, Subscription, Tariff, UsageRecord
from coopconnect.billing.services.invoicing.run import run_invoicing
from coopconnect.billing.services.usage import member_code_for
from coopconnect.billing.tests.conftest import seat
from coopconnect.billing.tests.test_invoicing import NOV

D = Decimal
BEFORE = "2026-10-01 08:00 +0200"


def post_json(client, url, data, **extra):
    return client.post(url, data=json.dumps(data), content_type="application/json", **extra)


# --- POST /api/v1/quotes ------------------------------------------------------------------------------


@pytest.fixture
def murat_seats(place):
    seed.configure_murat(place)
    return seat(place)


def slot(resource, day, h1="09:00", h2="17:00"):
    return {
        "resource_id": resource.pk,
        "start": f"2026-11-{day:02d}T{h1}:00+01:00",
        "end": f"2026-11-{day:02d}T{h2}:00+01:00",
    }


@time_machine.travel(BEFORE, tick=False)
def test_api_quote_week_rate(client, member, murat_seats):
    client.force_login(member)
    resp = post_json(
        client, "/api/v1/quotes", {"slots": [slot(murat_seats, d, "08:30", "12:00") for d in range(2, 7)]}
    )
    assert resp.status_code == 200, resp.content
    body = resp.json()
    # 5 half-days 8:30-12:00 in one week: 5 × 10 € = 50 € < week 80 € -> 50 € HT, 60 € TTC.
    assert D(body["total_ht"]) == D("50.00") and D(body["total_ttc"]) == D("60.00")
    resp = post_json(
        client, "/api/v1/quotes", {"slots": [slot(murat_seats, d, "08:30", "17:30") for d in range(2, 7)]}
    )
    # 5 full days: 100 € > week 80 € -> 80 €.
    assert D(resp.json()["total_ht"]) == D("80.00")


@time_machine.travel(BEFORE, tick=False)
@pytest.mark.parametrize(
    ("payload_slot", "field"),
    [
        ({"start": "2026-09-01T09:00:00+02:00", "end": "2026-09-01T17:00:00+02:00"}, "start"),  # past
        ({"start": "2026-11-02T17:00:00+01:00", "end": "2026-11-02T09:00:00+01:00"}, "end"),  # reversed
        (
            {"start": "2026-11-07T09:00:00+01:00", "end": "2026-11-07T17:00:00+01:00"},
            "start",
        ),  # Saturday: closed
    ],
)
def test_api_quote_unbookable_slot_is_a_clear_400(client, member, murat_seats, payload_slot, field):
    client.force_login(member)
    resp = post_json(client, "/api/v1/quotes", {"slots": [{"resource_id": murat_seats.pk, **payload_slot}]})
    assert resp.status_code == 400
    body = resp.json()
    assert body["detail"] == "Ce créneau ne peut pas être réservé." and field in body["errors"]


@time_machine.travel(BEFORE, tick=False)
def test_api_quote_refusals(client, member, outsider, murat_seats, employer, employer_admin):
    resp = post_json(client, "/api/v1/quotes", {"slots": [slot(murat_seats, 2)]})
    assert resp.status_code == 401
    client.force_login(outsider)
    assert (
        post_json(
            client, "/api/v1/quotes", {"slots": [{**slot(murat_seats, 2), "resource_id": 999999}]}
        ).status_code
        == 404
    )
    # An outsider cannot quote for someone else, nor bill an employer they do not belong to.
    assert (
        post_json(
            client, "/api/v1/quotes", {"slots": [slot(murat_seats, 2)], "person_id": member.pk}
        ).status_code
        == 403
    )
    assert (
        post_json(
            client, "/api/v1/quotes", {"slots": [slot(murat_seats, 2)], "employer_id": employer.pk}
        ).status_code
        == 403
    )
    assert post_json(client, "/api/v1/quotes", {"slots": []}).status_code == 422
    # The employer's admin may quote for the employee, billed to the employer.
    client.force_login(employer_admin)
    resp = post_json(
        client,
        "/api/v1/quotes",
        {"slots": [slot(murat_seats, 2)], "person_id": member.pk, "employer_id": employer.pk},
    )
    assert resp.status_code == 200 and D(resp.json()["total_ht"]) == D("20.00")


# --- POST /api/v1/usage (place token) -----------------------------------------------------------------


@pytest.fixture
def printer_token(place, host):
    _token, raw = api_token_create(place=place, name="imprimante", created_by=host)
    return raw


@time_machine.travel("2026-11-10 10:00 +0100", tick=False)
def test_api_usage_counts_against_the_months_quota(client, place, network, member, printer_token):
    seed.configure_gers_network(network)  # 1,000 pages a month included for members of the network
    from coopconnect.billing.services.subscriptions import subscribe

    subscribe(person=member, tariff=Tariff.objects.get(code="soho-solo-adhesion"), start=date(2026, 11, 10))
    code = member_code_for(member)
    auth = {"HTTP_AUTHORIZATION": f"Bearer {printer_token}"}
    resp = post_json(
        client,
        "/api/v1/usage",
        {"member_code": code, "service_code": "print", "quantity": 600, "external_id": "job-1"},
        **auth,
    )
    assert resp.status_code == 201, resp.content
    resp = post_json(
        client,
        "/api/v1/usage",
        {"member_code": code.lower(), "service_code": "print", "quantity": 300, "external_id": "job-2"},
        **auth,
    )
    body = resp.json()
    # 600 + 300 = 900 pages this month, 1,000 included -> 100 left.
    assert D(body["month_total"]) == D("900") and D(body["remaining_included"]) == D("100")
    # The same job posted twice is refused, nothing written.
    resp = post_json(
        client,
        "/api/v1/usage",
        {"member_code": code, "service_code": "print", "quantity": 300, "external_id": "job-2"},
        **auth,
    )
    assert resp.status_code == 409
    assert UsageRecord.objects.filter(place=place).count() == 2


@time_machine.travel("2026-11-10 10:00 +0100", tick=False)
def test_api_usage_unknown_member_code_or_no_token(client, place, printer_token, outsider):
    auth = {"HTTP_AUTHORIZATION": f"Bearer {printer_token}"}
    resp = post_json(
        client, "/api/v1/usage", {"member_code": "NOPE1234", "service_code": "print", "quantity": 3}, **auth
    )
    assert resp.status_code == 400 and resp.json()["detail"] == "Code membre inconnu."
    assert "member_code" in resp.json()["errors"]
    assert (
        post_json(
            client, "/api/v1/usage", {"member_code": "X", "service_code": "print", "quantity": 3}
        ).status_code
        == 401
    )
    # A logged-in person is not a machine: the session does not replace the place token.
    client.force_login(outsider)
    assert (
        post_json(
            client, "/api/v1/usage", {"member_code": "X", "service_code": "print", "quantity": 3}
        ).status_code
        == 401
    )
    bad = post_json(
        client, "/api/v1/usage", {"member_code": "X", "service_code": "print", "quantity": -3}, **auth
    )
    assert bad.status_code == 422
    assert UsageRecord.objects.count() == 0


# --- invoices: API and pages ----------------------------------------------------------------------------


@pytest.fixture
def invoiced(november):
    with time_machine.travel("2026-12-01 06:00 +0100", tick=False):
        run_invoicing(month=NOV)
    return Invoice.objects.all()


def _own(member):
    return Invoice.objects.get(buyer_person=member, buyer_organisation=None, issuer__place__isnull=False)


@time_machine.travel("2026-12-02 10:00 +0100", tick=False)
def test_invoice_visibility_api(
    client, invoiced, member, outsider, other_host, host, employer, employer_admin, coordinator
):
    own = _own(member)
    org = Invoice.objects.get(buyer_organisation=employer)
    client.force_login(member)
    numbers = {i["number"] for i in client.get("/api/v1/invoices").json()}
    assert own.number in numbers and org.number not in numbers  # the employee does not see the employer's
    assert client.get(f"/api/v1/invoices/{own.pk}/pdf").status_code == 200
    for intruder in (outsider, other_host):
        client.force_login(intruder)
        assert client.get("/api/v1/invoices").json() == []
        assert client.get(f"/api/v1/invoices/{own.pk}").status_code == 404
        assert client.get(f"/api/v1/invoices/{own.pk}/pdf").status_code == 404
    client.force_login(employer_admin)
    assert {i["number"] for i in client.get("/api/v1/invoices").json()} == {org.number}
    client.force_login(host)  # host of Bâticom: its own issuer's invoices, not the network's
    assert {i["number"] for i in client.get("/api/v1/invoices").json()} == set(
        Invoice.objects.filter(issuer__place__isnull=False).values_list("number", flat=True)
    )
    client.force_login(coordinator)  # coordinator of the network: the network's and its places'
    assert len(client.get("/api/v1/invoices").json()) == 3


@time_machine.travel("2026-12-02 10:00 +0100", tick=False)
def test_payment_api_and_balance(client, invoiced, member, host, other_host, outsider):
    own = _own(member)
    url = f"/api/v1/invoices/{own.pk}/payments"
    data = {"amount": "20.00", "method": "cheque", "received_on": "2026-12-02"}
    client.force_login(member)
    assert post_json(client, url, data).status_code == 403  # the buyer cannot mark their own invoice paid
    for intruder in (outsider, other_host):
        client.force_login(intruder)
        assert post_json(client, url, data).status_code == 404
    client.force_login(host)
    resp = post_json(client, url, data)
    # 48 € TTC - 20 € cheque = 28 € still due.
    assert resp.status_code == 201 and D(resp.json()["outstanding"]) == D("28.00")
    too_much = post_json(client, url, {**data, "amount": "30.00"})
    assert too_much.status_code == 400 and "reste à payer" in too_much.json()["detail"]
    assert Payment.objects.count() == 1
    client.force_login(member)
    # Balance: Bâticom 48 - 20 = 28 € + Cucuron (network) 28 € = 56 €.
    assert D(client.get("/api/v1/balance").json()["person"]) == D("56.00")


@time_machine.travel("2026-12-02 10:00 +0100", tick=False)
def test_invoice_pages(client, invoiced, member, outsider, other_host, host, employer, employer_admin):
    own = _own(member)
    org = Invoice.objects.get(buyer_organisation=employer)
    client.force_login(member)
    page = client.get(reverse("billing:invoices")).content.decode()
    assert own.number in page and org.number not in page
    detail = client.get(reverse("billing:invoice_detail", args=[own.pk]))
    assert detail.status_code == 200 and "Enregistrer un paiement" not in detail.content.decode()
    assert client.get(reverse("billing:invoice_pdf", args=[own.pk]))["Content-Type"] == "application/pdf"
    for intruder in (outsider, other_host):
        client.force_login(intruder)
        for name in ("billing:invoice_detail", "billing:invoice_pdf"):
            assert client.get(reverse(name, args=[own.pk])).status_code == 404
        assert client.post(reverse("billing:payment_add", args=[own.pk]), {}).status_code == 404
        assert client.post(reverse("billing:credit_note_add", args=[own.pk]), {}).status_code == 404
        assert client.get(reverse("billing:issuer_invoices", args=[own.issuer_id])).status_code == 404
        assert client.get(reverse("billing:issuer_export", args=[own.issuer_id])).status_code == 404
    client.force_login(employer_admin)
    assert org.number in client.get(reverse("billing:invoices")).content.decode()
    assert client.get(reverse("billing:invoice_detail", args=[org.pk])).status_code == 200
    client.force_login(host)
    resp = client.post(
        reverse("billing:payment_add", args=[own.pk]),
        {"amount": "48.00", "method": "card", "received_on": "2026-12-02"},
    )
    assert resp.status_code == 302 and own.payments.get().amount == D("48.00")
    bad = client.post(
        reverse("billing:payment_add", args=[own.pk]),
        {"amount": "1.00", "method": "card", "received_on": "2026-12-02"},
    )
    assert bad.status_code == 400 and "reste à payer" in bad.content.decode()
    resp = client.post(
        reverse("billing:credit_note_add", args=[org.pk]), {"reason": "Geste commercial", "amount_ht": "5"}
    )
    assert resp.status_code == 302
    csv = client.get(
        reverse("billing:issuer_export", args=[own.issuer_id]), {"start": "2026-12-01", "end": "2026-12-31"}
    )
    text = csv.content.decode()
    # Header + 2 invoices + 1 credit note (one VAT rate each); the credit note is negative: -5 € HT, -6 € TTC.
    assert csv.status_code == 200 and len(text.strip().splitlines()) == 4 and ";-5.00;-1.00;-6.00;" in text
    assert (
        client.get(
            reverse("billing:issuer_export", args=[own.issuer_id]),
            {"start": "2026-12-31", "end": "2026-12-01"},
        ).status_code
        == 400
    )


def test_anonymous_is_sent_to_login(client):
    for url in (reverse("billing:invoices"), reverse("billing:quote")):
        resp = client.get(url)
        assert resp.status_code == 302 and "/compte/connexion/" in resp["Location"]


# --- host pages: usage and subscriptions -----------------------------------------------------------------


@time_machine.travel("2026-11-10 10:00 +0100", tick=False)
def test_usage_page(client, place, host, other_host, outsider, member):
    url = reverse("billing:usage", args=[place.slug])
    code = member_code_for(member)
    for intruder in (outsider, other_host):
        client.force_login(intruder)
        assert client.get(url).status_code == 404
        assert (
            client.post(url, {"member_code": code, "service_code": "print", "quantity": "5"}).status_code
            == 404
        )
    client.force_login(host)
    assert client.get(url).status_code == 200
    assert (
        client.post(url, {"member_code": code, "service_code": "coffee", "quantity": "2"}).status_code == 302
    )
    bad = client.post(url, {"member_code": "ZZZZ", "service_code": "coffee", "quantity": "2"})
    assert bad.status_code == 400 and "Aucun membre n&#x27;a le code" in bad.content.decode()
    assert UsageRecord.objects.count() == 1


@time_machine.travel("2026-11-10 10:00 +0100", tick=False)
def test_subscriptions_page(client, place, host, other_host, outsider, member):
    seed.configure_murat(place)
    url = reverse("billing:subscriptions", args=[place.slug])
    plan = Tariff.objects.get(code="murat-mois-2j")
    for intruder in (outsider, other_host):
        client.force_login(intruder)
        assert client.get(url).status_code == 404
    client.force_login(host)
    past = client.post(url, {"email": member.email, "tariff": plan.pk, "start": "2026-11-01"})
    assert past.status_code == 400 and "dans le passé" in past.content.decode()
    ok = client.post(url, {"email": member.email, "tariff": plan.pk, "start": "2026-11-15"})
    assert ok.status_code == 302
    sub = Subscription.objects.get()
    action = reverse("billing:subscription_action", args=[place.slug, sub.pk])
    client.force_login(other_host)
    assert client.post(action, {"action": "end"}).status_code == 404
    client.force_login(host)
    client.post(action, {"action": "pause", "start": "2026-12-20", "until": "2027-01-03"})
    sub.refresh_from_db()
    assert sub.status == "paused" and sub.paused_until == date(2027, 1, 3)


def test_tariffs_page_is_public(client, place):
    seed.configure_baticom(place)
    page = client.get(reverse("billing:tariffs", args=[place.slug])).content.decode()
    assert "Session de visioconférence" in page and "49,00\u00a0€" in page


@time_machine.travel(BEFORE, tick=False)
def test_quote_page_and_partial(client, member, murat_seats):
    client.force_login(member)
    url = reverse("billing:quote")
    ok = client.get(url, {"resource": murat_seats.pk, "start": "2026-11-02T09:00", "end": "2026-11-02T17:00"})
    assert ok.status_code == 200 and "20,00\u00a0€" in ok.content.decode()
    closed = client.get(
        url, {"resource": murat_seats.pk, "start": "2026-11-07T09:00", "end": "2026-11-07T17:00"}
    )
    assert closed.status_code == 400 and "fermé" in closed.content.decode()
    partial = client.get(
        url,
        {"resource": murat_seats.pk, "start": "2026-11-02T09:00", "end": "2026-11-02T12:00"},
        HTTP_HX_REQUEST="true",
    )
    assert "<html" not in partial.content.decode() and "10,00\u00a0€" in partial.content.decode()


@time_machine.travel("2026-11-10 10:00 +0100", tick=False)
def test_host_subscribes_an_employee_paid_by_the_employer(client, place, host, member, employer):
    seed.configure_reichstett(place)
    plan = Tariff.objects.get(code="reichstett-2-jours-semaine")
    url = reverse("billing:subscriptions", args=[place.slug])
    client.force_login(host)
    bad = client.post(
        url, {"email": member.email, "tariff": plan.pk, "start": "2026-12-01", "employer_siren": "999999999"}
    )
    assert bad.status_code == 400 and "Employeur inconnu" in bad.content.decode()
    ok = client.post(
        url,
        {"email": member.email, "tariff": plan.pk, "start": "2026-12-01", "employer_siren": employer.siren},
    )
    assert ok.status_code == 302 and Subscription.objects.get().employer == employer
