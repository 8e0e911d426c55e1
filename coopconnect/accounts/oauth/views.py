"""The consent page of the OAuth2 authorization-code flow (django-oauth-toolkit's view)."""

from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpResponse
from oauth2_provider.views import AuthorizationView as BaseAuthorizationView


def _redirect_sources(redirect_uris: str) -> list[str]:
    sources = []
    for uri in redirect_uris.split():
        url = urlsplit(uri)
        source = f"{url.scheme}://{url.netloc}" if url.netloc else f"{url.scheme}:"
        if url.scheme and source not in sources:
            sources.append(source)
    return sources


class AuthorizationView(BaseAuthorizationView):
    """The toolkit's consent page; the answer redirects to the app, which the page's
    Content-Security-Policy ``form-action`` must allow."""

    def render_to_response(self, context: dict[str, Any], **kwargs: Any) -> HttpResponse:
        response: HttpResponse = super().render_to_response(context, **kwargs)
        application = context.get("application")
        if application is not None:
            csp = dict(settings.SECURE_CSP)
            sources = _redirect_sources(application.redirect_uris)
            response._csp_config = {**csp, "form-action": [*csp.get("form-action", []), *sources]}  # type: ignore[attr-defined]
        return response
