"""Reads about the third-party apps a person let act for them."""

from django.db.models import Q, QuerySet
from django.utils import timezone
from oauth2_provider.models import AccessToken, Application, RefreshToken

from coopconnect.accounts.models import User


def apps_with_access(user: User) -> QuerySet[Application]:
    """Return the apps holding a live access token or refresh token of the person."""
    live_access = AccessToken.objects.filter(user=user, expires__gt=timezone.now()).values("application")
    live_refresh = RefreshToken.objects.filter(user=user, revoked__isnull=True).values("application")
    apps: QuerySet[Application] = Application.objects.filter(Q(pk__in=live_access) | Q(pk__in=live_refresh))
    return apps.order_by("name")
