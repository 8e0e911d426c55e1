"""The account page of personal tokens and third-party apps: French first, English complete, bad
input reported on the page, another person's token or app out of reach."""

from datetime import timedelta

import pytest
from django.utils import timezone
from oauth2_provider.models import AccessToken, Application

from coopconnect.accounts import services
from coopconnect.accounts.models import PersonalToken
from coopconnect.accounts.scopes import BOOK, READ_BOOKINGS

PAGE = "/compte/jetons-personnels/"


@pytest.fixture
def app_with_access(member):
    app = Application.objects.create(
        name="Appli du réseau",
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        redirect_uris="https://appli.example/retour",
    )
    AccessToken.objects.create(
        user=member,
        application=app,
        token="t-1",
        scope=READ_BOOKINGS,
        expires=timezone.now() + timedelta(hours=1),
    )
    return app


def test_anonymous_is_sent_to_login(client):
    assert client.get(PAGE)["Location"].startswith("/compte/connexion/")
    assert client.post(PAGE + "nouveau/", {"name": "x"})["Location"].startswith("/compte/connexion/")


def test_create_list_and_revoke(client, member):
    client.force_login(member)
    page = client.get(PAGE)
    assert page.status_code == 200 and page["Cache-Control"] == "no-store"
    assert "Mes jetons d'API" in page.content.decode()
    client.post(PAGE + "nouveau/", {"name": "Appli", "scopes": [BOOK], "days": "90"})
    token = PersonalToken.objects.get(user=member)
    assert token.scopes == [BOOK]
    assert token.expires_at - timezone.now() > timedelta(days=89)
    listed = client.get(PAGE).content.decode()
    assert f"ccp_{token.prefix}_" in listed and "Réserver et annuler en mon nom" in listed
    assert client.post(PAGE + f"{token.pk}/revoquer/").status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_bad_input_in_french_nothing_written(client, member):
    client.force_login(member)
    response = client.post(PAGE + "nouveau/", {"name": "", "scopes": ["admin"], "days": "9999"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Ce champ est obligatoire." in html and "Sélectionnez un choix valide" in html
    assert not PersonalToken.objects.exists()


def test_page_in_english(client, member):
    client.force_login(member)
    client.cookies["django_language"] = "en"
    html = client.get(PAGE).content.decode()
    assert "My API tokens" in html and "Book and cancel on my behalf" in html and "Authorised apps" in html
    assert "Mes jetons" not in html


def test_another_persons_token_and_app_are_not_found(client, member, outsider, app_with_access):
    token, _ = services.personal_token_create(user=member, name="a", scopes=[BOOK], days=30)
    client.force_login(outsider)
    assert client.post(PAGE + f"{token.pk}/revoquer/").status_code == 404
    assert client.post(PAGE + f"applications/{app_with_access.pk}/retirer/").status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None and AccessToken.objects.filter(user=member).exists()
    assert "Appli du réseau" not in client.get(PAGE).content.decode()


def test_withdraw_an_apps_access(client, member, app_with_access):
    client.force_login(member)
    assert "Appli du réseau" in client.get(PAGE).content.decode()
    assert client.post(PAGE + f"applications/{app_with_access.pk}/retirer/").status_code == 302
    assert not AccessToken.objects.filter(user=member).exists()
    assert "Aucune application n'a accès à votre compte." in client.get(PAGE).content.decode()
