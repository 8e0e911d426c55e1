"""Single sign-on end to end: a real OpenID Connect provider (django-oauth-toolkit, its own process
and database) and a real browser; two providers configured at once, as environment variables say."""

import pytest
from playwright.sync_api import expect

from coopconnect.accounts.models import Organisation, OrganisationMembership, OrganisationRole, User
from coopconnect.accounts.sso.config import providers_from_env
from coopconnect.accounts.tests.oidc_provider.running import running_provider
from coopconnect.core.testing.axe import assert_accessible

SIREN = "552100554"
SETUP_USERS = [
    {"username": "lea", "password": "pw-lea", "email": "Lea.Martin@example.org", "first_name": "Léa"},
    {"username": "marie", "password": "pw-marie", "email": "membre@example.org", "groups": ["employees"]},
    {"username": "paul", "password": "pw-paul", "email": "paul@example.org", "groups": []},
    {"username": "zoe", "password": "pw-zoe", "email": "zoe@example.org", "groups": ["unverified"]},
]


def _callback(base: str, provider_id: str) -> str:
    return f"{base}/compte/sso/oidc/{provider_id}/login/callback/"


@pytest.fixture(scope="module")
def provider(live_server):
    clients = [
        {"client_id": cid, "client_secret": f"secret-{cid}", "redirect_uri": _callback(live_server.url, cid)}
        for cid in ("acme", "franceconnect")
    ]
    with running_provider({"users": SETUP_USERS, "clients": clients}) as running:
        yield running


@pytest.fixture
def two_providers(provider, settings):
    """An employer's provider (Acme, naming its SIREN) and FranceConnect, on one test provider."""
    env = {
        **provider.env(
            "acme", "acme", "secret-acme", NAME="Acme", ORGANISATION=SIREN, EMPLOYEE_CLAIM="employee"
        ),
        **provider.env("franceconnect", "franceconnect", "secret-franceconnect", NAME="FranceConnect"),
        "OIDC_PROVIDERS": "acme,franceconnect",
    }
    settings.SOCIALACCOUNT_PROVIDERS = {"openid_connect": {"APPS": providers_from_env(env)}}
    return env


def _sign_in_at_provider(page, live_server, button: str, username: str, password: str) -> None:
    page.goto(live_server.url + "/compte/connexion/")
    expect(page.locator("h1")).to_have_text("Connexion")
    page.get_by_role("button", name=button).click()
    expect(page.locator("h1")).to_have_text("Fournisseur d'identité")
    page.get_by_label("Identifiant").fill(username)
    page.get_by_label("Mot de passe").fill(password)
    page.get_by_role("button", name="Valider").click()


@pytest.mark.browser
def test_new_person_signs_in_with_franceconnect(page, live_server, two_providers):
    page.goto(live_server.url + "/compte/connexion/")
    expect(page.get_by_role("button", name="Se connecter avec Acme")).to_be_visible()
    expect(page.get_by_role("button", name="Se connecter avec FranceConnect")).to_be_visible()
    assert_accessible(page)

    _sign_in_at_provider(page, live_server, "Se connecter avec FranceConnect", "lea", "pw-lea")
    page.wait_for_url(live_server.url + "/mon-espace/")
    page.goto(live_server.url + "/compte/")
    expect(page.locator("h1")).to_have_text("Mon compte")
    expect(page.get_by_text("lea.martin@example.org")).to_be_visible()
    lea = User.objects.get(email="lea.martin@example.org")
    assert (lea.first_name, lea.email_verified, lea.has_usable_password()) == ("Léa", True, False)
    assert not lea.organisation_memberships.exists()


@pytest.mark.browser
def test_employer_claim_links_the_existing_account_and_makes_an_employee(
    page, live_server, two_providers, member
):
    acme = Organisation.objects.create(name="Acme", siren=SIREN)
    _sign_in_at_provider(page, live_server, "Se connecter avec Acme", "marie", "pw-marie")
    page.wait_for_url(live_server.url + "/mon-espace/")
    page.goto(live_server.url + "/compte/")
    expect(page.get_by_text(member.email)).to_be_visible()
    # Linked to Marie's own account by the verified address, not a second account.
    assert User.objects.filter(email=member.email).count() == 1
    membership = OrganisationMembership.objects.get(user=member)
    assert (membership.organisation, membership.role) == (acme, OrganisationRole.EMPLOYEE)


@pytest.mark.browser
def test_no_claim_no_membership_and_unverified_address_refused(page, live_server, two_providers):
    Organisation.objects.create(name="Acme", siren=SIREN)
    _sign_in_at_provider(page, live_server, "Se connecter avec Acme", "paul", "pw-paul")
    page.wait_for_url(live_server.url + "/mon-espace/")
    paul = User.objects.get(email="paul@example.org")
    assert not paul.organisation_memberships.exists()

    page.context.clear_cookies()
    _sign_in_at_provider(page, live_server, "Se connecter avec FranceConnect", "zoe", "pw-zoe")
    expect(page.locator("h1")).to_have_text("Connexion")
    expect(page.get_by_text("Ce fournisseur n'a pas confirmé votre adresse e-mail.")).to_be_visible()
    assert not User.objects.filter(email="zoe@example.org").exists()
