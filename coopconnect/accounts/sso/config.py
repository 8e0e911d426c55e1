"""OpenID Connect providers from environment variables (read by the settings: no Django imports).

``OIDC_PROVIDERS=acme,franceconnect`` lists the providers; each one is described by
``OIDC_<ID>_NAME`` (the button's label), ``OIDC_<ID>_SERVER_URL`` (the issuer: its
``/.well-known/openid-configuration`` is read), ``OIDC_<ID>_CLIENT_ID``, ``OIDC_<ID>_CLIENT_SECRET``,
and, for an employer's provider, ``OIDC_<ID>_ORGANISATION`` (the employer's SIREN) and
``OIDC_<ID>_EMPLOYEE_CLAIM`` (the claim saying the person works there, ``employee`` by default).
"""

import os
import re
from collections.abc import Mapping
from typing import Any

PROVIDER_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")


def _var(environ: Mapping[str, str], provider_id: str, name: str, default: str = "") -> str:
    key = f"OIDC_{provider_id.upper().replace('-', '_')}_{name}"
    return environ.get(key, default).strip()


def providers_from_env(environ: Mapping[str, str] | None = None) -> list[dict[str, Any]]:
    """Return allauth's ``APPS`` list for its ``openid_connect`` provider."""
    environ = os.environ if environ is None else environ
    apps = []
    for raw_id in environ.get("OIDC_PROVIDERS", "").split(","):
        provider_id = raw_id.strip().lower()
        if not provider_id:
            continue
        if not PROVIDER_ID.match(provider_id):
            raise ValueError(f"OIDC_PROVIDERS: identifiant de fournisseur invalide « {provider_id} ».")
        server_url = _var(environ, provider_id, "SERVER_URL")
        client_id = _var(environ, provider_id, "CLIENT_ID")
        if not server_url or not client_id:
            raise ValueError(f"OIDC_{provider_id.upper()}_SERVER_URL et _CLIENT_ID sont obligatoires.")
        apps.append(
            {
                "provider_id": provider_id,
                "name": _var(environ, provider_id, "NAME", provider_id),
                "client_id": client_id,
                "secret": _var(environ, provider_id, "CLIENT_SECRET"),
                "settings": {
                    "server_url": server_url,
                    "oauth_pkce_enabled": True,
                    "organisation_siren": _var(environ, provider_id, "ORGANISATION"),
                    "employee_claim": _var(environ, provider_id, "EMPLOYEE_CLAIM", "employee"),
                },
            }
        )
    return apps


def configured_providers() -> list[dict[str, str]]:
    """Return the providers of the login page's buttons: ``[{"id": ..., "name": ...}]``."""
    from django.conf import settings

    apps = getattr(settings, "SOCIALACCOUNT_PROVIDERS", {}).get("openid_connect", {}).get("APPS", [])
    return [{"id": app["provider_id"], "name": app.get("name") or app["provider_id"]} for app in apps]


def provider_origins() -> list[str]:
    """Return the providers' origins: the login page's buttons post to allauth, which redirects
    there, and the Content-Security-Policy ``form-action`` must allow that redirect."""
    from urllib.parse import urlsplit

    from django.conf import settings

    apps = getattr(settings, "SOCIALACCOUNT_PROVIDERS", {}).get("openid_connect", {}).get("APPS", [])
    origins = []
    for app in apps:
        url = urlsplit(app.get("settings", {}).get("server_url", ""))
        if url.scheme and url.netloc and f"{url.scheme}://{url.netloc}" not in origins:
            origins.append(f"{url.scheme}://{url.netloc}")
    return origins
