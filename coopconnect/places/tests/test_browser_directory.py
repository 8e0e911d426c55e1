"""The issue's "Done when" in a real browser, in French, on the real communes and census.

A person types "Pertuis", sees the census places within 20 minutes sorted by travel time (the
list works without JavaScript; the map still shows the places when tiles fail), opens one; axe-core
finds no WCAG 2.1 A/AA violation on the home, results and place pages.
"""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from playwright.sync_api import expect

from coopconnect.core.testing.axe import assert_accessible
from coopconnect.places.selectors import places_near
from coopconnect.places.views.directory import PAGE_SIZE
from coopconnect.territory.selectors import commune_by_insee

CENSUS = Path(settings.BASE_DIR) / "coopconnect" / "places" / "data" / "cget-tiers-lieux-2019.csv"
TILES = re.compile(r"tile\.openstreetmap\.org|/\{z\}/")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def census(live_server):
    """Load every commune of France and the 1,512 census places, as the demo does."""
    call_command("load_communes", verbosity=0)
    call_command("import_places", str(CENSUS), verbosity=0)


def _squash(name: str) -> str:
    """Collapse spaces as the browser renders them (census names have double spaces)."""
    return " ".join(name.split())


def _minutes(text: str) -> int:
    return int(re.match(r"(\d+) minute", text).group(1))


def test_pertuis_finds_census_places_within_20_minutes(live_server, census, page):
    pertuis = commune_by_insee("84089")
    expected = places_near(origin=(pertuis.latitude, pertuis.longitude), origin_elevation=pertuis.elevation)
    assert expected, "the census has places near Pertuis"
    # No tile server here: tiles fail, the places must still show on the map.
    page.route(TILES, lambda route: route.abort())

    page.goto(live_server.url + "/")
    assert page.locator("html").get_attribute("lang") == "fr"
    expect(page.get_by_role("heading", level=1)).to_have_text("Trouver un tiers-lieu près de chez vous")
    assert_accessible(page)

    field = page.get_by_label("Votre commune")
    field.press_sequentially("Pertu", delay=30)
    # The datalist is filled as the person types (enhancement only).
    # (expect, not wait_for_function: the Content-Security-Policy refuses the eval it uses)
    expect(page.locator("#communes-list option")).not_to_have_count(0)
    assert page.locator("#communes-list option").first.get_attribute("value") == "Pertuis (84)"
    field.fill("Pertuis")
    page.get_by_role("button", name="Chercher").click()

    page.wait_for_url(re.compile(r"/recherche/\?"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Tiers-lieux à moins de 20 minutes de Pertuis")
    cards = page.locator("ol.hits > li")
    names = cards.locator("h2").all_inner_texts()
    assert names == [_squash(h.place.name) for h in expected]
    minutes = [_minutes(t) for t in cards.locator(".travel strong").all_inner_texts()]
    assert minutes == sorted(minutes) and all(m <= 20 for m in minutes)
    assert "estimation" in cards.first.inner_text()
    expect(page.locator("#map")).to_have_attribute("data-markers", str(len(expected)))
    expect(page.locator("#map path.leaflet-interactive")).to_have_count(len(expected))
    assert_accessible(page)

    # The same through the API.
    api = page.request.get(live_server.url + "/api/v1/places?near=Pertuis&within_minutes=20").json()
    assert [i["name"] for i in api["items"]] == [h.place.name for h in expected]
    assert [i["travel_minutes"] for i in api["items"]] == [h.travel_minutes for h in expected]

    # Widening to 45 minutes brings more census places (Lourmarin, Aix...), still nearest first.
    wider = places_near(
        origin=(pertuis.latitude, pertuis.longitude), origin_elevation=pertuis.elevation, within_minutes=45
    )
    assert len(wider) > len(expected)
    page.get_by_label("À combien de minutes de route au plus ?").fill("45")
    page.get_by_role("button", name="Chercher").click()
    page.wait_for_url(re.compile(r"minutes=45"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("45 minutes")
    # Results come 50 to a page (places.views.directory.PAGE_SIZE): the first page holds the 50 nearest.
    assert cards.locator("h2").all_inner_texts() == [_squash(h.place.name) for h in wider[:PAGE_SIZE]]
    minutes = [_minutes(t) for t in cards.locator(".travel strong").all_inner_texts()]
    assert minutes == sorted(minutes) and minutes[-1] <= 45 and len(set(minutes)) > 1

    first = wider[0].place
    cards.first.get_by_role("link", name=first.name).click()
    page.wait_for_url(re.compile(rf"/lieux/{first.slug}/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(_squash(first.name))
    expect(page.get_by_role("heading", name="Comment venir")).to_be_visible()
    assert "base des tiers-lieux 2019" in page.content()
    assert_accessible(page)


def test_search_works_without_javascript(live_server, browser, census, page):
    context = browser.new_context(java_script_enabled=False, locale="fr-FR")
    nojs = context.new_page()
    nojs.goto(live_server.url + "/")
    nojs.get_by_label("Votre commune").fill("st remy")
    nojs.get_by_role("button", name="Chercher").click()
    # "st remy" is several communes in France: the person picks one among the suggestions.
    expect(nojs.get_by_role("heading", level=1)).to_have_text("Quelle commune ?")
    suggestions_url = nojs.url
    nojs.get_by_role("link", name="Saint-Rémy-de-Provence").click()
    expect(nojs.get_by_role("heading", level=1)).to_have_text(re.compile("de Saint-Rémy-de-Provence$"))
    nojs.get_by_label("Votre commune").fill("")
    nojs.get_by_role("button", name="Chercher").click()
    expect(nojs.locator("body")).to_contain_text("Indiquez votre commune ou vos coordonnées.")
    errors_url = nojs.url
    context.close()
    # axe-core needs JavaScript: check the suggestions and form-error pages in a normal browser.
    for url in (suggestions_url, errors_url):
        page.goto(url)
        assert_accessible(page)


def test_use_my_position(live_server, browser, place):
    context = browser.new_context(
        locale="fr-FR", geolocation={"latitude": 43.6942, "longitude": 5.5017}, permissions=["geolocation"]
    )
    page = context.new_page()
    page.route(TILES, lambda route: route.abort())
    page.goto(live_server.url + "/")
    page.get_by_role("button", name="Utiliser ma position").click()
    field = page.get_by_label("Ou vos coordonnées (latitude,longitude)")
    expect(field).to_have_value("43.69420,5.50170")
    expect(page.get_by_role("status").filter(has_text="Position trouvée.")).to_be_visible()
    page.get_by_role("button", name="Chercher").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Tiers-lieux à moins de 20 minutes de votre position"
    )
    assert page.locator("ol.hits h2").all_inner_texts() == ["Bâticom Pertuis"]
    context.close()
