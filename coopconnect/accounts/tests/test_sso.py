"""Single sign-on without a browser: providers read from the environment, what a sign-in records,
the login page's buttons, and a provider that cannot be reached."""

import socket

import pytest

from coopconnect.accounts.models import Organisation, OrganisationMembership, OrganisationRole, User
from coopconnect.accounts.sso.config import providers_from_env
from coopconnect.accounts.sso.services import sso_sign_in

SIREN = "552100554"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_several_providers_from_the_environment():
    apps = providers_from_env(
        {
            "OIDC_PROVIDERS": "acme, franceconnect",
            "OIDC_ACME_NAME": "Acme",
            "OIDC_ACME_SERVER_URL": "https://sso.acme.example",
            "OIDC_ACME_CLIENT_ID": "coop",
            "OIDC_ACME_CLIENT_SECRET": "s",
            "OIDC_ACME_ORGANISATION": SIREN,
            "OIDC_FRANCECONNECT_SERVER_URL": "https://fc.example/api/v1",
            "OIDC_FRANCECONNECT_CLIENT_ID": "fc",
        }
    )
    assert [(a["provider_id"], a["name"]) for a in apps] == [
        ("acme", "Acme"),
        ("franceconnect", "franceconnect"),
    ]
    assert apps[0]["settings"]["organisation_siren"] == SIREN
    assert apps[0]["settings"]["employee_claim"] == "employee"
    assert apps[1]["settings"]["organisation_siren"] == ""
    assert providers_from_env({}) == []
    with pytest.raises(ValueError):
        providers_from_env({"OIDC_PROVIDERS": "acme"})
    with pytest.raises(ValueError):
        providers_from_env({"OIDC_PROVIDERS": "../x"})


def test_employee_claim_adds_and_removes_an_employee_never_an_admin(member, employer_admin):
    acme = Organisation.objects.create(name="Acme", siren=SIREN)
    sso_sign_in(user=member, organisation_siren=SIREN, employee=True)
    sso_sign_in(user=member, organisation_siren=SIREN, employee=True)
    assert OrganisationMembership.objects.get(user=member).role == OrganisationRole.EMPLOYEE
    sso_sign_in(user=member, organisation_siren=SIREN, employee=False)
    assert not OrganisationMembership.objects.filter(user=member).exists()
    OrganisationMembership.objects.create(organisation=acme, user=employer_admin, role=OrganisationRole.ADMIN)
    sso_sign_in(user=employer_admin, organisation_siren=SIREN, employee=False)
    assert OrganisationMembership.objects.get(user=employer_admin).role == OrganisationRole.ADMIN
    # A provider that is not an employer's changes no membership.
    sso_sign_in(user=member, organisation_siren="", employee=True)
    assert not OrganisationMembership.objects.filter(user=member).exists()


def test_unverified_local_account_loses_its_password_verified_one_keeps_it(member):
    squatter = User.objects.create_user("victime@example.org", "mot-de-passe-du-squatteur")
    sso_sign_in(user=squatter)
    squatter.refresh_from_db()
    assert squatter.email_verified and not squatter.has_usable_password()
    sso_sign_in(user=member)
    member.refresh_from_db()
    assert member.check_password("mot-de-passe-membre")


def test_login_page_offers_each_provider_and_lets_its_form_go_there(client, settings):
    settings.SOCIALACCOUNT_PROVIDERS = {
        "openid_connect": {
            "APPS": providers_from_env(
                {
                    "OIDC_PROVIDERS": "acme",
                    "OIDC_ACME_NAME": "Acme",
                    "OIDC_ACME_SERVER_URL": "https://sso.acme.example/realms/x",
                    "OIDC_ACME_CLIENT_ID": "coop",
                }
            )
        }
    }
    page = client.get("/compte/connexion/")
    html = page.content.decode()
    assert "Se connecter avec Acme" in html and 'action="/compte/sso/oidc/acme/login/"' in html
    assert "https://sso.acme.example" in page["Content-Security-Policy"]


def test_no_provider_no_button(client):
    assert "Se connecter avec" not in client.get("/compte/connexion/").content.decode()


def test_unknown_or_unreachable_provider_is_a_page_not_a_500(client, settings, db):
    settings.SOCIALACCOUNT_PROVIDERS = {
        "openid_connect": {
            "APPS": providers_from_env(
                {
                    "OIDC_PROVIDERS": "down",
                    "OIDC_DOWN_SERVER_URL": f"http://127.0.0.1:{_free_port()}/o",
                    "OIDC_DOWN_CLIENT_ID": "coop",
                }
            )
        }
    }
    assert client.post("/compte/sso/oidc/nope/login/").status_code == 404
    down = client.post("/compte/sso/oidc/down/login/")
    assert down.status_code == 502 and "Connexion impossible" in down.content.decode()


def test_password_login_and_its_lockout_still_work(client, member):
    for _ in range(6):
        client.post("/compte/connexion/", {"username": member.email, "password": "faux"})
    locked = client.post("/compte/connexion/", {"username": member.email, "password": "mot-de-passe-membre"})
    assert locked.status_code == 429


def test_erasure_removes_sign_in_links_and_tokens(member):
    from datetime import timedelta

    from allauth.socialaccount.models import SocialAccount
    from django.utils import timezone
    from oauth2_provider.models import AccessToken, Application

    from coopconnect.accounts.models import PersonalToken
    from coopconnect.accounts.privacy.services import person_erase
    from coopconnect.accounts.services import personal_token_create

    SocialAccount.objects.create(
        user=member, provider="acme", uid="sub-42", extra_data={"email": member.email}
    )
    personal_token_create(user=member, name="Script", scopes=["bookings:read"], days=30)
    app = Application.objects.create(
        name="Appli",
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        redirect_uris="https://appli.example/retour",
    )
    AccessToken.objects.create(
        user=member,
        application=app,
        token="t",
        scope="bookings:read",
        expires=timezone.now() + timedelta(hours=1),
    )
    person_erase(person=member, password="mot-de-passe-membre")
    assert not SocialAccount.objects.exists()
    assert not PersonalToken.objects.exists()
    assert not AccessToken.objects.exists()
