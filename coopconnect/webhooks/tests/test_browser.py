"""In a real browser, in French: a host registers a webhook endpoint and sees its secret once; the
embeddable page shows free slots with JavaScript off. Every page is axe-clean and fits 390 px."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from coopconnect.core.testing.axe import assert_accessible
from coopconnect.webhooks.models import Endpoint

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _fits_390(page):
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390, page.url


def test_host_registers_an_endpoint(page, live_server, host, place):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + "/compte/connexion/")
    page.get_by_label("Adresse e-mail").fill(host.email)
    page.get_by_label("Mot de passe").fill("mot-de-passe-hote-1")
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("button", name="Se déconnecter", include_hidden=True)).to_be_attached()
    page.goto(live_server.url + reverse("webhooks:place_endpoints", kwargs={"slug": place.slug}))
    expect(page.get_by_role("heading", level=1)).to_have_text("Webhooks — Bâticom Pertuis")
    assert_accessible(page)
    _fits_390(page)
    page.get_by_label("Adresse qui recevra les événements (https://…)").fill("https://portail.example.org/h")
    page.get_by_label("Réservation créée").check()
    page.get_by_label("Arrivée enregistrée").check()
    page.get_by_role("button", name="Ajouter").click()
    expect(page.get_by_role("heading", name="Secret de signature")).to_be_visible()
    endpoint = Endpoint.objects.get()
    expect(page.get_by_role("alert")).to_contain_text(endpoint.secret)
    assert endpoint.events == ["booking.created", "checkin"]
    assert_accessible(page)
    _fits_390(page)
    page.reload()
    expect(page.get_by_role("heading", name="Journal des livraisons")).to_be_visible()
    expect(page.locator("main")).not_to_contain_text(endpoint.secret)


def test_embeddable_page_without_javascript(browser, live_server, place, seats):
    context = browser.new_context(
        java_script_enabled=False, locale="fr-FR", viewport={"width": 390, "height": 844}
    )
    page = context.new_page()
    page.goto(live_server.url + reverse("embeds:embed", kwargs={"slug": place.slug}))
    expect(page.get_by_role("heading", level=1)).to_have_text("Réserver chez Bâticom Pertuis")
    expect(page.get_by_role("heading", name="Créneaux libres")).to_be_visible()
    _fits_390(page)
    context.close()
    # With JavaScript, for axe; an English browser gets the English page.
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    page.goto(live_server.url + reverse("embeds:embed", kwargs={"slug": place.slug}))
    expect(page.get_by_role("heading", level=1)).to_have_text("Book at Bâticom Pertuis")
    assert_accessible(page)
    context.close()
