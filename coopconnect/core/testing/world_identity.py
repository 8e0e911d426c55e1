"""The fixture world's identity objects: a personal API token and a third-party app with access."""

from typing import Any


def identity_objects(*, member: Any) -> dict[str, Any]:
    """A personal API token of ``member`` and a third-party app ``member`` let read their bookings."""
    from datetime import timedelta

    from django.utils import timezone
    from oauth2_provider.models import AccessToken, Application

    from coopconnect.accounts.services import personal_token_create

    personal_token, _ = personal_token_create(user=member, name="Script", scopes=["bookings:read"], days=30)
    app = Application.objects.create(
        name="Appli du réseau",
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        redirect_uris="https://appli.example/retour",
    )
    AccessToken.objects.create(
        user=member,
        application=app,
        token="sweep-access-token",
        scope="bookings:read",
        expires=timezone.now() + timedelta(days=1),
    )
    return {"personal_token": personal_token, "oauth_app": app}
