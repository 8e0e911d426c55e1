"""Service icons: one inline SVG sprite holds a symbol for every service of the bouquet."""

import re

import pytest

from coopconnect.places.bouquet import CODES
from coopconnect.places.models import Service

pytestmark = pytest.mark.django_db


def symbols(html: str) -> set[str]:
    return set(re.findall(r'<symbol id="i-([a-z_]+)"', html))


def test_every_service_has_its_icon_and_each_page_draws_them_from_the_sprite(client, place):
    place.services.set(Service.objects.filter(code__in=["wifi", "copier", "bike_parking"]))
    html = client.get(f"/lieux/{place.slug}/").content.decode()
    assert CODES <= symbols(html)
    used = set(re.findall(r'<use href="#i-([a-z_]+)"', html))
    assert used == {"wifi", "copier", "bike_parking"}
    assert html.count('<svg xmlns="http://www.w3.org/2000/svg" class="sprite"') == 1  # once per page


def test_the_search_form_shows_the_icons_beside_the_services(client):
    html = client.get("/recherche/").content.decode()
    assert CODES <= set(re.findall(r'<use href="#i-([a-z_]+)"', html))
