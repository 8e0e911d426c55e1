"""Page weight for rural connections: HTML + CSS + JS each page loads (map tiles excluded) <= 150 KB.

Bytes are counted as sent over the wire: gzip-compressed, as GZipMiddleware serves HTML and as
WhiteNoise serves the static files (CompressedStaticFilesStorage writes .gz next to each file at
collectstatic). The uncompressed size is checked too against a looser bound so that growth shows.
"""
# Fixtures imported from directory_fixtures come back as test arguments:
# ruff: noqa: F811

import gzip
import re

import pytest
from django.contrib.staticfiles import finders

from .directory_fixtures import luberon, ten_km  # noqa: F401

pytestmark = pytest.mark.django_db

BUDGET = 150 * 1024
ASSET = re.compile(r'<(?:link rel="stylesheet" href|script src)="/static/([^"]+)"')


def page_weight(client, url: str) -> tuple[int, int, list[str]]:
    """Return (compressed bytes, raw bytes, static assets) of a page and the CSS/JS it loads."""
    response = client.get(url)
    assert response.status_code in (200, 400)
    html = response.content
    assets = ASSET.findall(html.decode())
    raw, packed = len(html), len(gzip.compress(html))
    for asset in assets:
        path = finders.find(asset)
        assert path, asset
        with open(path, "rb") as f:
            data = f.read()
        raw += len(data)
        packed += len(gzip.compress(data))
    return packed, raw, assets


@pytest.mark.parametrize(
    "url",
    ["/", "/recherche/?q=Pertuis", "/lieux/fablab-a-dix-kilometres/", "/reseaux/reseau-luberon/",
     "/recherche/?q=", "/recherche/?q=Inconnue"],
)  # fmt: skip
def test_pages_stay_light(client, place, ten_km, luberon, url):
    packed, raw, assets = page_weight(client, url)
    assert packed <= BUDGET, f"{url}: {packed} bytes compressed ({assets})"
    # Leaflet alone is 144 KiB uncompressed: pages with a map stay under 200 KiB raw, others under 60.
    assert raw <= (200 if any("leaflet" in a for a in assets) else 60) * 1024, f"{url}: {raw} bytes raw"
    print(url, packed, raw)


def test_leaflet_only_on_pages_with_a_map(client, place):
    html = client.get("/recherche/?q=").content.decode()
    assert "leaflet" not in html
