"""Static files as production serves them: collected with hashed names, compressed, cached for a year.

The rest of the suite keeps plain names (``STATIC_MANIFEST=0`` in the test settings: nothing to
collect first); this test switches to the production storage, collects into a temporary directory
and asks WhiteNoise for every file the home page (with its map) loads, as a browser accepting
gzip and brotli would.
"""

import gzip
import re

import pytest
from django.core.management import call_command
from django.test import Client

ASSET = re.compile(r'<(?:link[^>]+href|script[^>]+src)="(/static/[^"]+)"')
HASHED = re.compile(r"\.[0-9a-f]{12}\.(?:css|js)$")
BUDGET = 150 * 1024
YEAR = 365 * 24 * 3600


@pytest.fixture
def production_static(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path / "static"
    settings.WHITENOISE_USE_FINDERS = False
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    call_command("collectstatic", interactive=False, verbosity=0)
    return settings.STATIC_ROOT


@pytest.mark.django_db
def test_home_page_with_its_map_is_served_hashed_compressed_and_under_budget(production_static):
    client = Client()  # a new client: WhiteNoise reads the collected files when it starts
    response = client.get("/", HTTP_ACCEPT_ENCODING="gzip, br")
    assert response.status_code == 200
    html = response.content
    if response.get("Content-Encoding") == "gzip":
        html = gzip.decompress(html)
    assets = ASSET.findall(html.decode())
    assert any("leaflet" in a and a.endswith(".js") for a in assets), assets
    total = len(response.content)
    for url in assets:
        assert HASHED.search(url), f"not a hashed name: {url}"
        asset = client.get(url, HTTP_ACCEPT_ENCODING="gzip, br")
        assert asset.status_code == 200, url
        assert asset["Content-Encoding"] in ("br", "gzip"), url
        cache = asset["Cache-Control"]
        assert "immutable" in cache and int(re.search(r"max-age=(\d+)", cache).group(1)) >= YEAR, cache
        body = b"".join(asset.streaming_content)
        total += len(body)
        if "leaflet" in url and url.endswith(".js"):
            # 147 KB of source: what is sent is the compressed copy (about 37 KB brotli, 42 KB gzip).
            assert len(body) < 45 * 1024
    assert total <= BUDGET, f"{total} bytes transferred for the home page and {assets}"


@pytest.mark.django_db
def test_an_unhashed_name_is_not_cached_for_ever(production_static):
    # The plain name still answers (old links), but may change: it is not marked immutable.
    response = Client().get("/static/css/site.css")
    assert response.status_code == 200
    assert "immutable" not in response.get("Cache-Control", "")
