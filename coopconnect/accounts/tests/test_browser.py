"""Real-browser journey: sign up, verify from the mailed link, log in, edit the profile — in French."""

import re

import pytest
from playwright.sync_api import expect

from coopconnect.accounts.models import User
from coopconnect.core.testing.axe import assert_accessible


@pytest.mark.browser
def test_signup_verify_login_profile(page, live_server, pertuis, mailoutbox):
    page.goto(live_server.url + "/compte/inscription/")
    expect(page.locator("h1")).to_have_text("Créer un compte")
    assert_accessible(page)

    # A mistyped confirmation is reported in French and nothing is written.
    page.get_by_label("Adresse e-mail").fill("lea@example.org")
    page.get_by_label("Prénom").fill("Léa")
    page.get_by_label("Mot de passe", exact=True).fill("un-mot-de-passe-solide")
    page.get_by_label("Mot de passe (confirmation)").fill("un-autre-mot-de-passe")
    page.get_by_label("Commune de résidence (facultatif)").fill("Pertuis")
    page.get_by_role("button", name="Créer mon compte").click()
    expect(page.get_by_text("Les deux mots de passe ne sont pas identiques.")).to_be_visible()
    assert_accessible(page)
    assert not User.objects.filter(email="lea@example.org").exists()

    page.get_by_label("Mot de passe", exact=True).fill("un-mot-de-passe-solide")
    page.get_by_label("Mot de passe (confirmation)").fill("un-mot-de-passe-solide")
    page.get_by_role("button", name="Créer mon compte").click()
    expect(page.locator("h1")).to_have_text("Vérifiez votre adresse e-mail")

    assert len(mailoutbox) == 1
    path = re.search(r"https?://[^/\s]+(/compte/verification/\S+)", mailoutbox[0].body).group(1)
    page.goto(live_server.url + path)
    expect(page.locator("h1")).to_have_text("Connexion")
    expect(page.get_by_text("Votre adresse e-mail est vérifiée.")).to_be_visible()

    page.get_by_label("Adresse e-mail").fill("lea@example.org")
    page.get_by_label("Mot de passe").fill("un-mot-de-passe-solide")
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("button", name="Se déconnecter", include_hidden=True)).to_be_attached()

    page.goto(live_server.url + "/compte/")
    expect(page.locator("h1")).to_have_text("Mon compte")
    expect(page.get_by_label("Commune de résidence (facultatif)")).to_have_value("Pertuis (84)")
    expect(page.get_by_text("(vérifiée)")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Nom", exact=True).fill("Martin")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("Votre profil est enregistré.")).to_be_visible()
    user = User.objects.get(email="lea@example.org")
    assert user.last_name == "Martin" and user.email_verified and user.home_commune == pertuis
