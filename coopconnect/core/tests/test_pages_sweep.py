"""Every page, opened by the right person, is a light, well-formed French page and survives garbage input.

The pages are the URL patterns of the project (see ``coopconnect/core/testing/routes/``): a public
page is opened anonymously, any other by its owner in the fixture world. Weight is counted as sent
over the wire: gzip-compressed, as GZipMiddleware serves HTML and WhiteNoise serves static files
(``.gz`` written at collectstatic); map tiles come from the tile server and are not counted.
"""

from __future__ import annotations

import gzip
import re
from typing import Any

import pytest
from django.contrib.staticfiles import finders
from django.test import Client
from django.urls import reverse

from coopconnect.core.testing import routes
from coopconnect.core.testing.routes import ANONYMOUS, API
from coopconnect.core.testing.world import World

pytestmark = pytest.mark.usefixtures("_fast_passwords")

BUDGET = 150 * 1024
GARBAGE = (
    "near=%00&within_minutes=abc&date=2026-99-99&q=%00&page=abc&minutes=abc&slot=zzz&kind=zzz"
    "&site=%00&month=2026-99&first_day=2026-99-99&last_day=x&code=%00&typology=zzz&open_on=2026-99-99"
    "&position=abc&territory=%00&limit=-1&offset=abc&past=peut-etre&insee=%00&service=%00&services=%00"
    "&network=%00&resource=abc&email=%00&token=%00"
)
# Error texts Django, pydantic or ninja show when a message was left untranslated.
ENGLISH = (
    "Enter a valid",
    "This field is required",
    "Input should be",
    "Field required",
    "Select a valid choice",
    "Not Found",
    "Bad Request",
    "Server Error",
    "is not a valid",
    "Cannot parse",
    "Ensure this value",
)
# What a page needs in its query string to show its normal state.
QUERY = {"places:search": "q=Pertuis", "billing:issuer_export": "start=2026-11-01&end=2026-11-30"}
# Full-page checks do not apply to these.
NOT_PAGES = {
    "places:commune_options": "htmx partial: <option>s of the commune search field",
    "set_language": "redirects back to the page the language was chosen on",
    "accounts:verify_email": "action link: verifies the address, then redirects",
    "accounts:password_reset_confirm": "Django hides the token in the session, then redirects",
    "api:openapi-view": "django-ninja's Swagger UI (API documentation, English, loads its own assets)",
    "api:api-root": "django-ninja's API root: an empty 404, the documentation is at /api/v1/docs",
    "account_login": "django-allauth's name for the login page: redirects there",
    "account_signup": "django-allauth's name for the sign-up page: redirects there",
    "socialaccount_signup": "finishing a provider's sign-in: without one pending, back to the login page",
    "oauth2_provider:authorize": "OAuth2 consent: anonymous people go to the login page (accounts tests)",
}
# These answer the sweep's GET with 401, 403 or 404: a failed sign-in, or they need a configured
# provider or an OAuth2 client
# (coopconnect/accounts/tests: test_sso, test_sso_browser, test_oauth2).
NEEDS_SETUP = {
    "openid_connect_login": "single sign-on: no provider is configured in the sweep (404)",
    "openid_connect_callback": "single sign-on: no provider is configured in the sweep (404)",
    "oauth2_provider:introspect": "OAuth2 introspection: only with a token (403)",
    "socialaccount_login_error": "a provider's sign-in failed: allauth's error page answers 401",
}
NON_HTML = (
    "application/json",
    "application/geo+json",
    "application/pdf",
    "application/xml",
    "application/zip",
    "text/csv",
    "text/calendar",
    "image/svg+xml",
    "image/webp",
)

ASSET = re.compile(
    r'<link\b[^>]*\brel="stylesheet"[^>]*\bhref="(/[^"/][^"]*)"|<script\b[^>]*\bsrc="(/[^"/][^"]*)"', re.I
)


def _pages() -> list[Any]:
    params = []
    for route in routes.page_routes():
        if route.is_admin or routes.classify(route) is None:
            continue
        params.append(pytest.param(route.name, id=route.name))
    return params


PAGES = _pages()
ROUTES = {r.name: r for r in routes.page_routes()}


def open_page(name: str, world: World, query: str = "") -> Any:
    access = routes.classify(ROUTES[name])
    assert access is not None
    client = Client()
    who = access.owner or ANONYMOUS
    if who != ANONYMOUS:
        client.force_login(world.users[who])
    url = reverse(name, kwargs=access.params(world) if access.params else None)
    query = query or QUERY.get(name, "")
    return client.get(f"{url}?{query}" if query else url)


def page_weight(html: bytes) -> tuple[int, list[str]]:
    """Return the compressed bytes of a page and of the same-origin CSS and JS it loads."""
    assets = [a or b for a, b in ASSET.findall(html.decode())]
    total = len(gzip.compress(html))
    for url in assets:
        assert url.startswith("/static/"), f"same-origin asset outside /static/: {url}"
        path = finders.find(url.removeprefix("/static/").split("?")[0])
        assert path, f"asset not found: {url}"
        with open(path, "rb") as f:
            total += len(gzip.compress(f.read()))
    return total, assets


def is_action_or_file(response: Any) -> bool:
    """POST-only actions answer GET with 405; files (CSV, PDF, XML, ICS, JSON, SVG) are not pages."""
    return response.status_code == 405 or response.get("Content-Type", "").startswith(NON_HTML)


@pytest.mark.parametrize("name", PAGES)
def test_page_is_well_formed_and_light(name: str, world: World):
    response = open_page(name, world)
    if name in NEEDS_SETUP:
        assert response.status_code in (401, 403, 404), f"{name}: {response.status_code}"
        return
    if is_action_or_file(response) or name in NOT_PAGES:
        expected = (200, 404) if name == "api:api-root" else (200, 302, 405)
        assert response.status_code in expected, f"{name}: {response.status_code}"
        return
    assert response.status_code == 200, f"{name}: {response.status_code} {response.get('Location', '')}"
    html = response.content.decode()
    assert re.search(r'<html[^>]*\blang="fr"', html), f'{name}: no <html lang="fr">'
    title = re.search(r"<title>(.*?)</title>", html, re.S)
    assert title and title.group(1).strip(), f"{name}: no <title>"
    assert len(re.findall(r"<h1[\s>]", html)) == 1, f"{name}: {len(re.findall(r'<h1[\\s>]', html))} <h1>"
    weight, assets = page_weight(response.content)
    assert weight <= BUDGET, f"{name}: {weight} bytes compressed with {assets} (budget {BUDGET})"


def assert_survives_garbage(label: str, response: Any, *, redirect_ok: bool = False) -> None:
    allowed = (200, 400, 404, 405, 422) + ((301, 302) if redirect_ok else ())
    assert response.status_code in allowed, f"{label}: {response.status_code}"
    is_html = response.get("Content-Type", "").startswith("text/html")
    if response.status_code < 400 and not is_html:
        return
    body = response.content.decode(errors="replace")
    english = [e for e in ENGLISH if e in body]
    assert not english, f"{label}: untranslated message(s) {english} in the {response.status_code} answer"
    if response.status_code in (400, 404) and response.get("Content-Type", "").startswith("text/html"):
        assert re.search(r'<html[^>]*\blang="fr"', body), f"{label}: error page is not a French page"


@pytest.mark.parametrize("name", PAGES)
def test_page_survives_garbage_query(name: str, world: World):
    assert_survives_garbage(name, open_page(name, world, GARBAGE), redirect_ok=name in NOT_PAGES)


PUBLIC_API_GETS = [
    pytest.param(key, id=key)
    for key, access in API.items()
    if key.startswith("GET ") and access.owner is None and access.params is None
]


@pytest.mark.django_db
@pytest.mark.parametrize("key", PUBLIC_API_GETS)
def test_public_api_survives_garbage_query(key: str, client):
    response = client.get(key.split(" ", 1)[1] + "?" + GARBAGE)
    assert response.status_code in (200, 400, 404, 422), f"{key}: {response.status_code}"
    if response.status_code >= 400:
        assert {"detail", "errors"} <= set(response.json())


ENGLISH_PAGES = {
    "places:home": (
        ["Find a third place near you", "Skip to content"],
        ["Trouver un tiers-lieu", "Aller au contenu"],
    ),
    "accounts:login": (["Log in", "Password", "Forgot your password?"], ["Se connecter", "Mot de passe"]),
    "places:place": (
        ["Opening hours", "How to get there", "Networks"],
        ["Horaires", "Comment venir", "Réseaux"],
    ),
}


@pytest.mark.parametrize("name", list(ENGLISH_PAGES))
def test_pages_speak_english_once_chosen(name: str, world: World, client):
    """A visitor who picks English (the language form in the footer) reads the pages in English."""
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    access = routes.PAGES[name]
    html = client.get(reverse(name, kwargs=access.params(world) if access.params else None)).content.decode()
    assert re.search(r'<html[^>]*\blang="en"', html)
    english, french = ENGLISH_PAGES[name]
    assert [p for p in english if p in html] == english
    assert [p for p in french if p in html] == []
    # And back to French.
    client.post(reverse("set_language"), {"language": "fr", "next": "/"})
    assert re.search(r'<html[^>]*\blang="fr"', client.get("/").content.decode())


def _catalogs() -> list[Any]:
    from pathlib import Path

    from django.conf import settings

    root = Path(settings.BASE_DIR)
    found = [p for p in root.glob("locale/*/LC_MESSAGES/django.po")]
    found += [p for p in (root / "coopconnect").glob("*/locale/*/LC_MESSAGES/django.po")]
    return [pytest.param(p, id=str(p.relative_to(root))) for p in sorted(found)]


@pytest.mark.parametrize("po_path", _catalogs())
def test_catalog_is_compiled_and_consistent(po_path):
    """The committed .mo holds exactly the .po's translations, and no entry is fuzzy (run scripts/i18n)."""
    import polib

    po = polib.pofile(str(po_path))
    assert not po.fuzzy_entries(), f"{po_path}: fuzzy entries {[e.msgid for e in po.fuzzy_entries()][:5]}"
    mo = polib.mofile(str(po_path.with_suffix(".mo")))
    compiled = {(e.msgctxt, e.msgid): (e.msgstr, e.msgstr_plural) for e in mo}
    stale = [
        e.msgid
        for e in po.translated_entries()
        if compiled.get((e.msgctxt, e.msgid), ("?",))[0] != e.msgstr and not e.msgid_plural
    ]
    assert not stale, f"{po_path.with_suffix('.mo')} is older than its .po (run scripts/i18n): {stale[:5]}"


@pytest.mark.parametrize(
    "catalog", ["locale/en/LC_MESSAGES/django.po", "coopconnect/events/locale/en/LC_MESSAGES/django.po"]
)
def test_project_catalog_is_complete(catalog):
    """Every French string of the project (apps with their own catalogue aside) is in English too."""
    from pathlib import Path

    import polib
    from django.conf import settings

    po = polib.pofile(str(Path(settings.BASE_DIR) / catalog))
    missing = [e.msgid for e in po.untranslated_entries()]
    assert not missing, (
        f"{len(missing)} strings without English in {catalog}, e.g. {missing[:5]}; "
        "translate them there, then run scripts/i18n (or makemessages in the app)"
    )
