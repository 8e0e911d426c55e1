"""Maps people read: commune outlines coloured by coverage or travel time, SVG and GeoJSON."""
# ruff: noqa: F811 - pytest fixtures imported from convince_fixtures

import re

import pytest

from coopconnect.planning.catchment.inputs import parse_site
from coopconnect.planning.catchment.result import catchment
from coopconnect.planning.coverage import coverage
from coopconnect.planning.maps import COVER_COLORS, TIME_COLORS, catchment_outline_map, coverage_outline_map
from coopconnect.planning.territories import parse_territory
from coopconnect.territory import geometry

from .convince_fixtures import luberon, make_place  # noqa: F401

pytestmark = pytest.mark.django_db


def _view_box(svg: str) -> tuple[int, int]:
    w, h = re.search(r'viewBox="0 0 (\d+) (\d+)"', svg).groups()
    return int(w), int(h)


def test_coverage_map_draws_commune_outlines_framed_on_the_department(luberon):
    make_place("Tiers-lieu de Pertuis", luberon["84089"])
    result = coverage(parse_territory("dep:84"), 20)
    svg = str(coverage_outline_map(result))
    # Covered (Pertuis, La Tour-d'Aigues, Villelaure) and uncovered communes are filled outlines.
    assert f'fill="{COVER_COLORS[0]}"' in svg and f'fill="{COVER_COLORS[1]}"' in svg
    assert "commune couverte" in svg and "commune non couverte" in svg and "tiers-lieu existant" in svg
    # Names of the main communes, the place as a mark, the department border drawn on top.
    assert (
        ">Cavaillon</text>" in svg
        and ">Pertuis</text>" in svg
        and "<title>Tiers-lieu de Pertuis</title>" in svg
    )
    assert 'stroke-width="1.2"' in svg
    assert len(svg) < 60_000
    # Framed on Vaucluse: the drawing's paths stay inside the view box.
    width, height = _view_box(svg)
    xs = [int(x) for x in re.findall(r"M(-?\d+) -?\d+", svg)]
    assert xs and min(xs) >= 0 and max(xs) <= width and height < 900


def test_france_map_is_departments_by_covered_share(luberon):
    make_place("Tiers-lieu de Pertuis", luberon["84089"])
    svg = str(coverage_outline_map(coverage(parse_territory("fr"), 20)))
    assert "≥ 90 % de la population couverte" in svg and "Outre-mer non représenté" in svg
    assert len(svg) < 120_000


def test_catchment_map_colours_communes_by_travel_time(luberon):
    area = catchment(parse_site("84089"), 30)
    svg = str(catchment_outline_map(area))
    assert sum(f'fill="{c}"' in svg for c in TIME_COLORS) >= 2
    assert "au-delà" in svg and "Pertuis" in svg and len(svg) < 80_000


def test_outline_map_falls_back_when_no_commune_has_an_outline(luberon, monkeypatch):
    monkeypatch.setattr(geometry, "outlines_for", lambda codes: {})
    assert catchment_outline_map(catchment(parse_site("84089"), 20)) is None


def test_geojson_of_coverage_and_catchment(client, luberon):
    make_place("Tiers-lieu de Pertuis", luberon["84089"])
    r = client.get("/territoire/couverture.geojson", {"territory": "dep:84", "minutes": "20"})
    assert r.status_code == 200 and r["Content-Type"].startswith("application/geo+json")
    data = r.json()
    by_code = {f["id"]: f for f in data["features"]}
    assert data["type"] == "FeatureCollection" and by_code["84089"]["properties"]["covered"] is True
    assert by_code["84035"]["properties"]["class"] == "uncovered"
    assert by_code["84089"]["geometry"]["type"] == "MultiPolygon"
    cat = client.get("/territoire/bassin-de-vie.geojson", {"site": "84089", "minutes": "20"}).json()
    assert {f["id"] for f in cat["features"]} >= {"84089", "84133", "84147"}
    assert all(f["properties"]["minutes"] <= 20 for f in cat["features"])


@pytest.mark.parametrize(
    ("url", "params", "field"),
    [
        ("/territoire/couverture.geojson", {"territory": "dep:99"}, "territory"),
        ("/territoire/couverture.geojson", {"territory": "dep:84", "minutes": "500"}, "minutes"),
        ("/territoire/bassin-de-vie.geojson", {"site": "Nullepart-sur-Rien"}, "site"),
    ],
)
def test_geojson_bad_input_is_a_french_400(client, luberon, url, params, field):
    r = client.get(url, params)
    assert r.status_code == 400 and field in r.json()["errors"] and r.json()["detail"]


def test_pages_show_the_outline_maps(client, luberon, outsider, other_host):
    make_place("Tiers-lieu de Pertuis", luberon["84089"])
    cov = client.get("/territoire/couverture/", {"territory": "dep:84", "minutes": "20"})
    cat = client.get("/territoire/bassin-de-vie/", {"site": "84089", "minutes": "30"})
    for page in (cov, cat):
        assert page.status_code == 200 and len(page.content) < 150_000
        assert 'fill-rule="evenodd"' in page.content.decode()
    for user in (outsider, other_host):
        client.force_login(user)
        assert client.get("/territoire/couverture.geojson", {"territory": "dep:84"}).status_code == 200


def test_geojson_without_a_request_is_an_empty_collection(client, luberon):
    for url in ("/territoire/couverture.geojson", "/territoire/bassin-de-vie.geojson"):
        r = client.get(url)
        assert r.status_code == 200 and r.json() == {"type": "FeatureCollection", "features": []}


def test_siting_map_draws_commune_outlines_with_a_legend(client, luberon):
    from coopconnect.planning.siting.map import siting_outline_map
    from coopconnect.planning.siting.proposal import propose_sites

    make_place("Tiers-lieu de Pertuis", luberon["84089"])
    result = propose_sites(parse_territory("dep:84"), k=1)
    svg = str(siting_outline_map(result))
    # Pertuis is covered by the existing place; the proposed site (Cavaillon, the largest uncovered
    # commune) covers its own commune: the three classes are outlines, the pick a ranked mark.
    assert [p.name for p in result.picks] == ["Cavaillon"]
    assert 'fill-rule="evenodd"' in svg
    for text in ("commune non couverte", "commune déjà couverte", "couverte par les sites proposés"):
        assert text in svg
    assert "<title>1. Cavaillon" in svg and "site proposé" in svg and "tiers-lieu existant" in svg
    assert len(svg) < 80_000
    page = client.get("/territoire/implantation/", {"territory": "dep:84", "k": "1"})
    assert page.status_code == 200 and len(page.content) < 150_000
    assert "commune déjà couverte" in page.content.decode()
    france = str(siting_outline_map(propose_sites(parse_territory("fr"), k=1)))
    assert "≥ 90 % couverte après les sites proposés" in france and len(france) < 120_000


def test_siting_map_falls_back_to_points_without_outlines(luberon, monkeypatch):
    from coopconnect.planning.siting.map import siting_outline_map
    from coopconnect.planning.siting.proposal import propose_sites

    monkeypatch.setattr(geometry, "outlines_for", lambda codes: {})
    assert siting_outline_map(propose_sites(parse_territory("dep:84"), k=1)) is None
