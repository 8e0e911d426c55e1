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
