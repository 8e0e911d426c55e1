"""In a real browser, in French: a host goes from the invoices page to the month's preview, issues it,
and watches the background run finish (htmx polling); every page is axe-clean and fits 390 px."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from coopconnect.billing.models import Invoice
from coopconnect.core.testing.axe import assert_accessible
from coopconnect.core.testing.header import account_link

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, live_server, email, password):
    page.goto(live_server.url + "/compte/connexion/")
    page.get_by_label("Adresse e-mail").fill(email)
    page.get_by_label("Mot de passe").fill(password)
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("button", name="Se déconnecter", include_hidden=True)).to_be_attached()


def assert_fits_390(page):
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390, page.url


def test_host_previews_issues_and_follows_the_month(page, live_server, november, host, place_issuer):
    # November 2026 is over (the fixture's bookings were made in October 2026).
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, live_server, host.email, "mot-de-passe-hote-1")
    page.locator("details.menu > summary").click()  # on a phone the header's links fold into a menu
    account_link(page, "Factures").click()
    page.get_by_role("link", name=place_issuer.name, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Factures émises par")
    page.get_by_role("link", name="Facturer un mois (aperçu, puis émission)").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Facturer un mois")
    page.get_by_label("Mois à prévisualiser (AAAA-MM)").fill("2026-11")
    page.get_by_role("button", name="Prévisualiser").click()
    expect(page.get_by_role("heading", name="Aperçu du mois 11/2026")).to_be_visible()
    # Green Ivory 1 day (24 € TTC) and Marie 2 days (48 € TTC): 72 € TTC together.
    expect(page.locator("main")).to_contain_text("72,00")
    page.get_by_text("Employeur : Green Ivory").click()
    expect(page.locator("main")).to_contain_text("Journée")
    assert_accessible(page)
    assert_fits_390(page)
    assert not Invoice.objects.exists()

    page.get_by_role("button", name="Émettre les 2 factures de 11/2026").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Émission du mois 11/2026")
    expect(page.get_by_role("status")).to_contain_text("En attente")
    assert_accessible(page)
    assert_fits_390(page)
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    # The page polls (htmx) and shows the end without a reload.
    expect(page.get_by_role("status")).to_have_text("Émission terminée.", timeout=15_000)
    expect(page.locator("#run-progress")).to_contain_text("2 facture(s) émise(s) sur 2")
    assert_accessible(page)
    assert Invoice.objects.filter(issuer=place_issuer).count() == 2


def test_progress_works_without_javascript(browser, live_server, november, host, place_issuer):
    context = browser.new_context(java_script_enabled=False, locale="fr-FR")
    page = context.new_page()
    log_in(page, live_server, host.email, "mot-de-passe-hote-1")
    page.goto(f"{live_server.url}/facturation/emetteurs/{place_issuer.pk}/facturation/?mois=2026-11")
    page.get_by_role("button", name="Émettre les 2 factures de 11/2026").click()
    expect(page.get_by_role("status")).to_contain_text("En attente")
    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)
    page.get_by_role("link", name="Actualiser").click()
    expect(page.get_by_role("status")).to_have_text("Émission terminée.")
    context.close()
