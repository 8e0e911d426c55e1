import pytest
from django.urls import reverse

from coopconnect.accounts import services
from coopconnect.accounts.models import User


@pytest.fixture
def superuser(db) -> User:
    return User.objects.create_superuser("root@example.org", "mot-de-passe-root")


def test_admin_pages(client, superuser, employer, place, host):
    token, raw = services.api_token_create(place=place, name="Porte", created_by=host)
    client.force_login(superuser)
    assert client.get(reverse("admin:accounts_organisation_change", args=[employer.pk])).status_code == 200
    page = client.get(reverse("admin:accounts_apitoken_change", args=[token.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    assert token.secret_hash in html and raw.split("_", 2)[2] not in html
    assert client.get(reverse("admin:accounts_apitoken_add")).status_code == 403
    response = client.post(
        reverse("admin:accounts_apitoken_changelist"),
        {"action": "revoke_tokens", "_selected_action": [token.pk]},
    )
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_admin_refuses_hosts(client, host):
    client.force_login(host)
    assert client.get(reverse("admin:accounts_apitoken_changelist")).status_code == 302


def test_personal_tokens_in_the_admin_platform_staff_only(client, superuser, member, coordinator):
    from coopconnect.accounts.models import PersonalToken
    from coopconnect.accounts.seed import coordinator_group_grant

    token, raw = services.personal_token_create(user=member, name="Script", scopes=["bookings:read"], days=30)
    client.force_login(superuser)
    page = client.get(reverse("admin:accounts_personaltoken_change", args=[token.pk]))
    assert page.status_code == 200 and raw.split("_", 2)[2] not in page.content.decode()
    assert client.get(reverse("admin:accounts_personaltoken_add")).status_code == 403
    client.post(
        reverse("admin:accounts_personaltoken_changelist"),
        {"action": "revoke_personal_tokens", "_selected_action": [token.pk]},
    )
    assert PersonalToken.objects.get().revoked_at is not None
    # A coordinator with staff status, even given the model's view right, sees nobody's tokens.
    from django.contrib.auth.models import Permission

    coordinator_group_grant(coordinator)
    coordinator.user_permissions.add(Permission.objects.get(codename="view_personaltoken"))
    client.force_login(coordinator)
    assert client.get(reverse("admin:accounts_personaltoken_change", args=[token.pk])).status_code in (
        302,
        403,
        404,
    )
    listing = client.get(reverse("admin:accounts_personaltoken_changelist"))
    assert "Script" not in listing.content.decode()


def test_third_party_apps_registered_by_platform_staff_only(client, superuser, coordinator, host):
    from coopconnect.accounts.seed import coordinator_group_grant

    client.force_login(superuser)
    assert client.get(reverse("admin:oauth2_provider_application_add")).status_code == 200
    coordinator_group_grant(coordinator)
    client.force_login(coordinator)
    assert client.get(reverse("admin:oauth2_provider_application_add")).status_code == 403
    assert client.get(reverse("admin:oauth2_provider_application_changelist")).status_code == 403
    # Sign-in links (a provider's identifiers) and tokens: platform staff only.
    for name in (
        "socialaccount_socialaccount",
        "account_emailaddress",
        "oauth2_provider_accesstoken",
        "accounts_personaltoken",
    ):
        listing = client.get(reverse(f"admin:{name}_changelist"))
        assert listing.status_code == 403, name
    client.force_login(host)
    assert client.get(reverse("admin:oauth2_provider_application_changelist")).status_code == 302
