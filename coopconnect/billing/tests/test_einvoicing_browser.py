"""In a real browser, in French, at 390 px: an invoice with its documents and lifecycle, the issuer's
identity page (a refusal shown on the form) and the e-reporting page are axe-clean."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from coopconnect.billing.services.invoicing.issue import issue_invoice
from coopconnect.billing.tests.einvoicing_kinds import line
from coopconnect.core.testing.axe import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_host_sees_documents_identity_and_ereporting(page, live_server, host, place, member, place_issuer):
    today = timezone.localdate()
    invoice = issue_invoice(
        issuer=place_issuer, lines=[(line(place, "20"), member)], person=member,
        period_start=today.replace(day=1), period_end=today,
    )  # fmt: skip
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + "/compte/connexion/")
    page.get_by_label("Adresse e-mail").fill(host.email)
    page.get_by_label("Mot de passe").fill("mot-de-passe-hote-1")
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("button", name="Se déconnecter", include_hidden=True)).to_be_attached()

    page.goto(f"{live_server.url}/facturation/factures/{invoice.pk}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text(invoice.number)
    expect(page.get_by_role("link", name="XML UBL 2.1")).to_be_visible()
    expect(page.get_by_role("heading", name="Suivi de la facture")).to_be_visible()
    assert_accessible(page)

    page.goto(f"{live_server.url}/facturation/emetteurs/{place_issuer.pk}/")
    page.get_by_role("link", name="Identité de l'émetteur (mentions des prochaines factures)").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Identité de l'émetteur")
    page.get_by_label("n° TVA intracommunautaire").fill("FR00732829320")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.locator("main")).to_contain_text("N° de TVA intracommunautaire invalide.")
    assert_accessible(page)
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390

    page.goto(f"{live_server.url}/facturation/emetteurs/{place_issuer.pk}/e-reporting/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("E-reporting")
    assert_accessible(page)
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
