"""Admin: payments records are read-only, and staff see only the rows of the issuers they manage."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission

from coopconnect.accounts.models import User
from coopconnect.payments.services.mandates import mandate_sign
from coopconnect.payments.tests.conftest import ORG_IBAN
from coopconnect.places.models import Network

MANDATES = "/admin/payments/mandate/"


def staff_with_view(user: User) -> User:
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    perms = Permission.objects.filter(content_type__app_label="payments", codename__startswith="view_")
    user.user_permissions.add(*perms, *Permission.objects.filter(codename="change_mandate"))
    return User.objects.get(pk=user.pk)


@pytest.fixture
def far_coordinator(db) -> User:
    user = User.objects.create_user("coord-loin@example.org", "x", first_name="Léa", email_verified=True)
    Network.objects.create(name="Réseau lointain", slug="lointain").coordinators.add(user)
    return user


def test_coordinator_sees_their_issuers_mandates_read_only(
    client, coordinator, far_coordinator, member_mandate, other_issuer, outsider
):
    foreign = mandate_sign(
        issuer=other_issuer, signed_by=outsider, holder_name="Ivan", iban=ORG_IBAN, accepted=True
    )
    client.force_login(staff_with_view(coordinator))
    listing = client.get(MANDATES).content.decode()
    assert member_mandate.reference in listing and foreign.reference not in listing
    change = f"{MANDATES}{member_mandate.pk}/change/"
    assert client.get(change).status_code == 200
    client.post(change, {"holder_name": "Pirate"})
    member_mandate.refresh_from_db()
    assert member_mandate.holder_name == "Marie Membre"
    assert client.get(f"{MANDATES}{foreign.pk}/change/").status_code == 302  # as if it did not exist
    client.force_login(staff_with_view(far_coordinator))
    listing = client.get(MANDATES).content.decode()
    assert member_mandate.reference not in listing and foreign.reference not in listing


@pytest.mark.parametrize("who", ["member", "outsider", "other_host"])
def test_non_staff_are_refused(client, request, who, member_mandate):
    client.force_login(request.getfixturevalue(who))
    response = client.get(MANDATES)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
