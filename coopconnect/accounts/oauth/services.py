"""Writes about third-party apps' access to a person's account (django-oauth-toolkit tokens)."""

from django.db import transaction
from oauth2_provider.models import AccessToken, Application, Grant, RefreshToken

from coopconnect.accounts.models import User


@transaction.atomic
def oauth_access_revoke(*, user: User, application: Application) -> int:
    """Withdraw an app's access to the person's account: its codes, access and refresh tokens go.

    Return how many access tokens were live.
    """
    Grant.objects.filter(user=user, application=application).delete()
    for refresh in RefreshToken.objects.filter(user=user, application=application, revoked__isnull=True):
        refresh.revoke()
    count, _ = AccessToken.objects.filter(user=user, application=application).delete()
    return int(count)
