"""allauth's OpenID Connect views, answering a page (not a 500) when the provider cannot be reached."""

from collections.abc import Callable
from functools import wraps

import requests
from allauth.socialaccount.providers.openid_connect import views as oidc_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def _provider_unreachable_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @wraps(view)
    def wrapped(request: HttpRequest, provider_id: str) -> HttpResponse:
        try:
            return view(request, provider_id)
        except requests.RequestException:
            return render(request, "socialaccount/authentication_error.html", status=502)

    return wrapped


login = _provider_unreachable_page(oidc_views.login)
callback = _provider_unreachable_page(oidc_views.callback)
