"""Pages and API: members sign and revoke, hosts collect and reconcile; strangers are refused."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from coopconnect.accounts.models import User
from coopconnect.billing import selectors as billing_selectors
from coopconnect.billing.references import rf_reference
from coopconnect.payments.models import Collection, Mandate, StatementLine
from coopconnect.payments.statements.samples import Movement, camt053
from coopconnect.payments.tests.conftest import ISSUER_IBAN, MEMBER_IBAN, invoice_for
from coopconnect.places.models import Network


@pytest.fixture
def far_coordinator(db):
    user = User.objects.create_user("coord-loin@example.org", "x", first_name="Léa", email_verified=True)
    Network.objects.create(name="Réseau lointain", slug="lointain").coordinators.add(user)
    return user


@pytest.fixture
def billed(issuer, member):
    return invoice_for(issuer, person=member)


def test_member_signs_with_the_legal_text_then_revokes(client, issuer, member, billed):
    client.force_login(member)
    page = client.get(reverse("payments:mandates"))
    assert page.status_code == 200
    assert "vous autorisez (A) le créancier" in page.text and "8 semaines" in page.text
    assert "FR72ZZZ123456" in page.text
    response = client.post(
        reverse("payments:mandates"),
        {
            "issuer": issuer.pk,
            "debtor": "self",
            "holder_name": "Marie",
            "iban": MEMBER_IBAN,
            "accepted": "on",
        },
    )
    assert response.status_code == 302
    mandate = Mandate.objects.get(person=member)
    client.post(reverse("payments:mandate_revoke", args=[mandate.pk]))
    mandate.refresh_from_db()
    assert mandate.revoked_on is not None


def test_mandate_text_in_english(client, issuer, member, billed):
    client.force_login(member)
    page = client.get(reverse("payments:mandates"), HTTP_ACCEPT_LANGUAGE="en")
    assert "By signing this mandate form" in page.text and "8 weeks" in page.text
    assert "vous autorisez" not in page.text


def test_bad_iban_on_the_page_is_a_french_message(client, issuer, member, billed):
    client.force_login(member)
    response = client.post(
        reverse("payments:mandates"),
        {
            "issuer": issuer.pk,
            "debtor": "self",
            "holder_name": "Marie",
            "iban": "XX1420041010050500013M02606",
            "accepted": "on",
        },
    )
    assert response.status_code == 400 and "Code pays d&#x27;IBAN inconnu." in response.text
    assert not Mandate.objects.exists()


def test_outsider_cannot_sign_for_an_issuer_that_does_not_bill_them_nor_revoke(
    client, issuer, member, outsider, member_mandate
):
    client.force_login(outsider)
    response = client.post(
        reverse("payments:mandates"),
        {"issuer": issuer.pk, "debtor": "self", "holder_name": "Ivan", "iban": MEMBER_IBAN, "accepted": "on"},
    )
    assert response.status_code == 400
    assert client.post(reverse("payments:mandate_revoke", args=[member_mandate.pk])).status_code == 404
    member_mandate.refresh_from_db()
    assert member_mandate.is_live and Mandate.objects.count() == 1


def test_host_previews_generates_and_downloads(client, issuer, host, member_mandate, billed):
    client.force_login(host)
    url = reverse("payments:collections", args=[issuer.pk])
    page = client.get(url)
    assert page.status_code == 200 and billed.number in page.text and "FRST" in page.text
    response = client.post(url, {"action": "generate"})
    collection = Collection.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "payments:collection_detail", args=[collection.pk]
    )
    client.post(url, {"action": "generate"})
    assert Collection.objects.count() == 1
    download = client.get(reverse("payments:collection_file", args=[collection.pk]))
    assert download.content == bytes(collection.file)
    assert download["Content-Disposition"].endswith('prelevements-2026-11.xml"')


def test_strangers_are_refused_on_host_pages(
    client, issuer, other_host, far_coordinator, coordinator, billed
):
    for who in (other_host, far_coordinator):
        client.force_login(who)
        assert client.get(reverse("payments:collections", args=[issuer.pk])).status_code == 404
        assert (
            client.post(reverse("payments:collections", args=[issuer.pk]), {"action": "generate"}).status_code
            == 404
        )
        assert client.get(reverse("payments:reconciliation", args=[issuer.pk])).status_code == 404
    client.force_login(coordinator)  # coordinates the place's network
    assert client.get(reverse("payments:collections", args=[issuer.pk])).status_code == 200


def test_return_recorded_on_the_page(client, issuer, host, member_mandate, billed):
    client.force_login(host)
    client.post(reverse("payments:collections", args=[issuer.pk]), {"action": "generate"})
    collection = Collection.objects.get()
    debit = collection.debits.get()
    url = reverse("payments:collection_detail", args=[collection.pk])
    with time_machine.travel(date(2026, 11, 12), tick=False):
        bad = client.post(url, {"debit": debit.pk, "returned_on": "2026-11-01", "reason_code": "AM04"})
        assert bad.status_code == 400 and "précéder" in bad.text
        ok = client.post(url, {"debit": debit.pk, "returned_on": "2026-11-11", "reason_code": "AM04"})
    assert ok.status_code == 302
    assert billing_selectors.outstanding(billed) == Decimal("24.00")


def test_statement_upload_and_resolution_on_the_page(client, issuer, host, billed):
    client.force_login(host)
    url = reverse("payments:reconciliation", args=[issuer.pk])
    wrong = client.post(
        url, {"action": "import", "format": "camt053", "file": SimpleUploadedFile("r.xml", b"nope")}
    )
    assert wrong.status_code == 400 and "CAMT.053" in wrong.text
    content = camt053(
        [
            Movement(date(2026, 11, 2), Decimal("24.00"), text="virement Marie"),
            Movement(date(2026, 11, 2), Decimal("9.00"), text=rf_reference("BAT2099-000001")),
        ],
        iban=ISSUER_IBAN,
    )
    response = client.post(
        url, {"action": "import", "format": "camt053", "file": SimpleUploadedFile("r.xml", content)}
    )
    assert response.status_code == 302
    page = client.get(url)
    assert "virement Marie" in page.text
    line = StatementLine.objects.get(amount=Decimal("24.00"))
    bad = client.post(url, {"action": "assign", "line": line.pk, "invoice": "NOPE"})
    assert bad.status_code == 400 and "Aucune facture" in bad.text
    assert (
        client.post(url, {"action": "assign", "line": line.pk, "invoice": billed.number}).status_code == 302
    )
    assert billing_selectors.outstanding(billed) == 0


def api(client, method, path, body=None):
    data = json.dumps(body) if body is not None else None
    return getattr(client, method)(f"/api/v1{path}", data=data, content_type="application/json")


def test_api_mandates(client, issuer, member, outsider, employer, billed):
    client.force_login(member)
    body = {"issuer_id": issuer.pk, "holder_name": "Marie", "iban": "XX00", "accepted": True}
    bad = api(client, "post", "/payments/mandates", body)
    assert bad.status_code == 400 and "iban" in bad.json()["errors"]
    created = api(client, "post", "/payments/mandates", {**body, "iban": MEMBER_IBAN})
    assert created.status_code == 201
    mandate_id = created.json()["id"]
    assert [m["id"] for m in api(client, "get", "/payments/mandates").json()] == [mandate_id]
    client.force_login(outsider)
    other_org = api(
        client, "post", "/payments/mandates", {**body, "iban": MEMBER_IBAN, "organisation_id": employer.pk}
    )
    assert other_org.status_code in (403, 404)
    assert api(client, "get", "/payments/mandates").json() == []
    assert api(client, "post", f"/payments/mandates/{mandate_id}/revoke").status_code == 404
    client.force_login(member)
    assert api(client, "post", f"/payments/mandates/{mandate_id}/revoke").json()["revoked_on"] == "2026-11-03"


def test_api_collections_and_statements(client, issuer, host, other_host, member_mandate, billed):
    client.force_login(other_host)
    assert api(client, "post", f"/payments/issuers/{issuer.pk}/collections").status_code == 404
    client.force_login(host)
    preview = api(client, "get", f"/payments/issuers/{issuer.pk}/collection-preview").json()
    assert preview["total"] == "24.00" and preview["collection_date"] == "2026-11-10"
    first = api(client, "post", f"/payments/issuers/{issuer.pk}/collections")
    again = api(client, "post", f"/payments/issuers/{issuer.pk}/collections")
    assert (first.status_code, again.status_code) == (201, 200) and first.json()["id"] == again.json()["id"]
    content = camt053(
        [Movement(date(2026, 11, 2), Decimal("7.00"), text="inconnu")], iban=ISSUER_IBAN
    ).decode()
    imported = api(
        client, "post", f"/payments/issuers/{issuer.pk}/statements", {"format": "camt053", "content": content}
    )
    assert imported.status_code == 201 and imported.json()["unmatched"] == 1
    twice = api(
        client, "post", f"/payments/issuers/{issuer.pk}/statements", {"format": "camt053", "content": content}
    )
    assert twice.status_code == 200 and twice.json()["id"] == imported.json()["id"]
    wrong = api(
        client, "post", f"/payments/issuers/{issuer.pk}/statements", {"format": "mt940", "content": "x"}
    )
    assert wrong.status_code == 400 and "file" in wrong.json()["errors"]
    lines = api(client, "get", f"/payments/issuers/{issuer.pk}/unmatched-lines").json()
    assert [line["remittance"] for line in lines] == ["inconnu"]
