"""Real-browser journey: sign up, verify from the mailed link, log in, edit the profile — in French."""

import re

import pytest

from coopconnect.accounts.models import User
from coopconnect.core.testing.axe import assert_accessible


@pytest.mark.browser
def test_signup_verify_login_profile(page, live_server, pertuis, mailoutbox):
    page.goto(live_server.url + "/compte/inscription/")
    assert page.locator("h1").inner_text() == "Créer un compte"
    assert_accessible(page)

    # A mistyped confirmation is reported in French and nothing is written.
    page.get_by_label("Adresse e-mail").fill("lea@example.org")
    page.get_by_label("Prénom").fill("Léa")
    page.get_by_label("Mot de passe", exact=True).fill("un-mot-de-passe-solide")
    page.get_by_label("Mot de passe (confirmation)").fill("un-autre-mot-de-passe")
    page.get_by_label("Commune de résidence (facultatif)").fill("Pertuis")
    page.get_by_role("button", name="Créer mon compte").click()
    assert page.get_by_text("Les deux mots de passe ne sont pas identiques.").is_visible()
    assert_accessible(page)
    assert not User.objects.filter(email="lea@example.org").exists()

    page.get_by_label("Mot de passe", exact=True).fill("un-mot-de-passe-solide")
    page.get_by_label("Mot de passe (confirmation)").fill("un-mot-de-passe-solide")
    page.get_by_role("button", name="Créer mon compte").click()
    assert page.locator("h1").inner_text() == "Vérifiez votre adresse e-mail"

    assert len(mailoutbox) == 1
    path = re.search(r"https?://[^/\s]+(/compte/verification/\S+)", mailoutbox[0].body).group(1)
    page.goto(live_server.url + path)
    assert page.locator("h1").inner_text() == "Connexion"
    assert page.get_by_text("Votre adresse e-mail est vérifiée.").is_visible()

    page.get_by_label("Adresse e-mail").fill("lea@example.org")
    page.get_by_label("Mot de passe").fill("un-mot-de-passe-solide")
    page.get_by_role("button", name="Se connecter").click()

    page.goto(live_server.url + "/compte/")
    assert page.locator("h1").inner_text() == "Mon compte"
    assert page.get_by_label("Commune de résidence (facultatif)").input_value() == "Pertuis (84)"
    assert page.get_by_text("(vérifiée)").is_visible()
    assert_accessible(page)

    page.get_by_label("Nom", exact=True).fill("Martin")
    page.get_by_role("button", name="Enregistrer").click()
    assert page.get_by_text("Votre profil est enregistré.").is_visible()
    user = User.objects.get(email="lea@example.org")
    assert user.last_name == "Martin" and user.email_verified and user.home_commune == pertuis
