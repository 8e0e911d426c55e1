"""In a real browser, in French: a member signs a mandate; the host previews and makes the month's
collection, then opens reconciliation. Each page group passes axe-core (WCAG 2.1 AA)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from coopconnect.core.testing.axe import assert_accessible
from coopconnect.payments.models import Collection, Mandate
from coopconnect.payments.services.mandates import creditor_set
from coopconnect.payments.tests.conftest import ICS, MEMBER_IBAN, invoice_for, make_issuer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def login(page, base: str, email: str, password: str) -> None:
    page.goto(base + "/compte/connexion/")
    page.get_by_label("Adresse e-mail").fill(email)
    page.get_by_label("Mot de passe").fill(password)
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("button", name="Se déconnecter", include_hidden=True)).to_be_attached()


def test_mandate_then_collection_then_reconciliation(
    browser, browser_context_args, page, live_server, place, host, member
):
    issuer = make_issuer(place)
    creditor_set(issuer=issuer, identifier=ICS)
    invoice = invoice_for(issuer, person=member)

    login(page, live_server.url, member.email, "mot-de-passe-membre")
    page.goto(live_server.url + "/paiements/mandats/")
    expect(page.locator("h1")).to_have_text("Mes mandats de prélèvement SEPA")
    assert_accessible(page)
    page.get_by_label("Titulaire du compte").fill("Marie Membre")
    page.locator("#id_iban").fill(MEMBER_IBAN)
    page.get_by_label("J'accepte les termes du mandat ci-dessus.").check()
    page.get_by_role("button", name="Signer le mandat").click()
    mandate_cell = page.get_by_role("cell", name="FR14 •••• 2606")
    expect(mandate_cell).to_be_visible()
    assert Mandate.objects.filter(person=member).count() == 1
    assert_accessible(page)

    host_context = browser.new_context(**browser_context_args)
    hp = host_context.new_page()
    login(hp, live_server.url, host.email, "mot-de-passe-hote-1")
    hp.goto(live_server.url + f"/paiements/emetteurs/{issuer.pk}/prelevements/")
    expect(hp.get_by_role("cell", name=invoice.number)).to_be_visible()
    assert_accessible(hp)
    hp.get_by_role("button", name="Créer la remise et prévenir les débiteurs").click()
    expect(hp.get_by_role("link", name="Télécharger le fichier pain.008")).to_be_visible()
    assert Collection.objects.filter(issuer=issuer).count() == 1
    assert_accessible(hp)
    hp.goto(live_server.url + f"/paiements/emetteurs/{issuer.pk}/rapprochement/")
    expect(hp.locator("h1")).to_contain_text("Rapprochement bancaire")
    assert_accessible(hp)
    host_context.close()
