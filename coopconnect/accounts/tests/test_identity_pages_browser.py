"""Real browser: the personal tokens page and the OAuth2 consent page, accessible, without JavaScript
needed, at 390 px without horizontal scroll."""

import pytest
from oauth2_provider.models import Application
from playwright.sync_api import expect

from coopconnect.core.testing.axe import assert_accessible


def _no_horizontal_scroll(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


@pytest.mark.browser
def test_tokens_and_consent_pages(page, live_server, member):
    Application.objects.create(
        name="Appli du réseau",
        client_id="appli",
        client_secret="secret",
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        redirect_uris="https://appli.example/retour",
    )
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + "/compte/connexion/")
    page.get_by_label("Adresse e-mail").fill(member.email)
    page.get_by_label("Mot de passe").fill("mot-de-passe-membre")
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url(live_server.url + "/mon-espace/")

    page.goto(live_server.url + "/compte/jetons-personnels/")
    expect(page.locator("h1")).to_have_text("Mes jetons d'API")
    page.get_by_label("Nom du jeton").fill("Script")
    page.get_by_label("Réserver et annuler en mon nom").check()
    page.get_by_role("button", name="Créer le jeton").click()
    expect(page.get_by_text("Copiez-le maintenant")).to_be_visible()
    assert page.get_by_label("Jeton", exact=True).input_value().startswith("ccp_")
    assert_accessible(page)
    _no_horizontal_scroll(page)

    page.goto(
        live_server.url + "/oauth/authorize/?response_type=code&client_id=appli"
        "&redirect_uri=https%3A%2F%2Fappli.example%2Fretour&scope=bookings%3Aread&state=s"
        "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256"
    )
    expect(page.locator("h1")).to_have_text("Autoriser Appli du réseau ?")
    expect(page.get_by_text("Voir mes réservations")).to_be_visible()
    assert_accessible(page)
    _no_horizontal_scroll(page)
