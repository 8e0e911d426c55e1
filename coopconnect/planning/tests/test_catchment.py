"""Catchment of a candidate site: vectorised travel times, communes reached, page and API."""
# ruff: noqa: F811 - pytest fixtures imported from convince_fixtures

import numpy as np
import pytest

from coopconnect.core.errors import DomainError
from coopconnect.planning.catchment.inputs import as_int, parse_site, validate_minutes
from coopconnect.planning.catchment.nearest import nearest_places
from coopconnect.planning.catchment.result import catchment
from coopconnect.planning.catchment.tables import CommuneTable
from coopconnect.planning.catchment.travel_matrix import reach_arrays
from coopconnect.territory import travel

from .convince_fixtures import luberon, make_place  # noqa: F401

pytestmark = pytest.mark.django_db


def test_vectorised_estimate_matches_the_engine_exactly():
    engine = travel.EstimateEngine()
    rng = np.random.default_rng(7)
    lats, lons = 43 + rng.random(500), 5 + rng.random(500)
    elevations = rng.random(500) * 1200
    minutes, km = reach_arrays(engine, (43.5, 5.5), lats, lons, origin_elevation=300, elevations=elevations)
    legs = engine.legs(
        (43.5, 5.5), list(zip(lats, lons, strict=True)), origin_elevation=300, elevations=list(elevations)
    )
    assert np.allclose(minutes, [leg.minutes for leg in legs], rtol=0, atol=1e-9)
    assert np.allclose(km, [leg.km for leg in legs], rtol=0, atol=1e-9)


def test_other_engines_are_asked_through_legs_and_none_is_unreachable():
    class Fake:
        name = "fake"

        def legs(self, origin, destinations):
            return [travel.Leg(5.0, 3.0, "fake"), None][: len(destinations)]

        def max_radius_km(self, minutes):
            return 100.0

    minutes, km = reach_arrays(Fake(), (43.0, 5.0), np.array([43.0, 43.1]), np.array([5.0, 5.1]))
    assert minutes.tolist() == [5.0, np.inf]
    assert km.tolist() == [3.0, np.inf]


def test_catchment_of_pertuis_at_20_minutes(luberon):
    # Estimate from Pertuis: La Tour-d'Aigues 9.7 min, Villelaure 10.5, Cadenet 16.1, Lourmarin 18.2,
    # Aix-en-Provence 22.6 (out). Population: 20 360 + 4 300 + 3 400 + 4 200 + 1 000 = 33 260.
    area = catchment(parse_site("84089"), 20)
    assert [r.name for r in area.rows] == [
        "Pertuis",
        "La Tour-d'Aigues",
        "Villelaure",
        "Cadenet",
        "Lourmarin",
    ]
    assert area.total_population == 33260
    assert area.rows[0].minutes == pytest.approx(1.0)
    assert area.rows[1].minutes == pytest.approx(9.7, abs=0.05)
    assert area.method == "estimate"


def test_catchment_grows_with_the_minutes(luberon):
    # At 25 minutes Aix-en-Provence (22.6) joins: 33 260 + 147 000 = 180 260.
    area = catchment(parse_site("Pertuis"), 25)
    assert area.total_population == 180260
    assert {"Cadenet", "Lourmarin", "Aix-en-Provence"} <= {r.name for r in area.rows}


def test_catchment_of_a_point(luberon):
    site = parse_site("43.7264, 5.5500")
    assert site.is_point and site.commune.name == "La Tour-d'Aigues"
    area = catchment(site, 15)
    # From La Tour-d'Aigues' point: itself (1 min), Pertuis (9.7 min) and Villelaure (14.8 min).
    assert [r.name for r in area.rows] == ["La Tour-d'Aigues", "Pertuis", "Villelaure"]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("Atlantis", "Commune inconnue : « Atlantis »"),
        ("99999", "Commune inconnue"),
        ("91.5,5.0", "Latitude entre -90 et 90"),
        ("", "Indiquez une commune ou des coordonnées."),
    ],
)
def test_parse_site_refuses_with_a_french_message(luberon, value, message):
    with pytest.raises(DomainError) as exc:
        parse_site(value)
    assert message in exc.value.message
    assert "site" in exc.value.errors


@pytest.mark.parametrize("value", [0, 121, -5, "abc", 2.5, None, True])
def test_minutes_out_of_range_are_refused(value):
    with pytest.raises(DomainError) as exc:
        validate_minutes(value)
    assert "minutes" in exc.value.errors


def test_as_int_accepts_only_whole_numbers():
    assert as_int("20") == 20 and as_int(20.0) == 20 and as_int(-3) == -3
    assert as_int("20.5") is None and as_int(True) is None and as_int(None) is None


def test_window_prefilter_keeps_exactly_the_points_within_the_radius(luberon):
    table = CommuneTable.load()
    idx = table.window(43.6942, 5.5017, 6.0)
    assert sorted(table.name[idx]) == ["La Tour-d'Aigues", "Pertuis", "Villelaure"]


def test_nearest_places_sorted_by_minutes_and_unpublished_ignored(luberon):
    make_place("Hors ligne", luberon["84133"], published=False)
    make_place("Tiers-lieu de Cadenet", luberon["84026"])
    make_place("Tiers-lieu d'Apt", luberon["84003"])
    near = nearest_places((43.6942, 5.5017), limit=2)
    assert [n.place.name for n in near] == ["Tiers-lieu de Cadenet", "Tiers-lieu d'Apt"]
    assert near[0].minutes == pytest.approx(16.1, abs=0.1)


def test_catchment_api(client, luberon):
    r = client.get("/api/v1/territory/catchment", {"site": "84089", "minutes": 20})
    assert r.status_code == 200
    body = r.json()
    assert body["total_population"] == 33260
    assert body["site"]["insee"] == "84089"
    assert [c["insee"] for c in body["communes"]] == ["84089", "84133", "84147", "84026", "84068"]


def test_catchment_api_with_a_point(client, luberon):
    r = client.get("/api/v1/territory/catchment", {"site": "43.6942,5.5017"})
    assert r.status_code == 200
    assert r.json()["site"]["is_point"] is True
    assert r.json()["minutes"] == 20


@pytest.mark.parametrize(
    ("params", "status", "field"),
    [
        ({"site": "Atlantis"}, 400, "site"),
        ({"site": "84089", "minutes": 0}, 400, "minutes"),
        ({"site": "84089", "minutes": 500}, 400, "minutes"),
        ({"site": "84089", "minutes": "vingt"}, 422, "minutes"),
        ({}, 422, "site"),
    ],
)
def test_catchment_api_bad_input(client, luberon, params, status, field):
    r = client.get("/api/v1/territory/catchment", params)
    assert r.status_code == status
    assert field in r.json()["errors"]


def test_catchment_page(client, luberon):
    r = client.get("/territoire/bassin-de-vie/", {"site": "Pertuis", "minutes": "20"})
    assert r.status_code == 200
    html = r.content.decode()
    assert "<svg" in html and "La Tour-d&#x27;Aigues" in html
    assert "5 communes, 33\u202f260 habitants au total." in html


def test_catchment_page_empty_form_and_errors_in_french(client, luberon):
    assert client.get("/territoire/bassin-de-vie/").status_code == 200
    r = client.get("/territoire/bassin-de-vie/", {"site": "Atlantis", "minutes": "500"})
    assert r.status_code == 200
    html = r.content.decode()
    assert "Commune inconnue" in html
    assert "inférieure ou égale à 120" in html


def test_catchment_page_is_public_and_the_same_for_everyone(client, luberon, outsider, other_host):
    # A public tool for project holders: no data of a place or a person is shown, nothing to refuse.
    anonymous = client.get("/territoire/bassin-de-vie/", {"site": "84089"}).content
    for user in (outsider, other_host):
        client.force_login(user)
        assert client.get("/territoire/bassin-de-vie/", {"site": "84089"}).content.count(
            b"<tr>"
        ) == anonymous.count(b"<tr>")


def test_pairs_within_matches_one_origin_at_a_time():
    # The blockwise computation used on all of France must find exactly the per-origin pairs.
    from coopconnect.planning.catchment.pairs import pairs_within

    rng = np.random.default_rng(3)
    n = 800
    lat = np.sort(43 + rng.random(n) * 1.5)
    table = CommuneTable(
        insee=np.array([f"{i:05d}" for i in range(n)], dtype=object),
        name=np.array(["c"] * n, dtype=object),
        department=np.array(["84"] * n, dtype=object),
        population=rng.integers(0, 5000, n),
        lat=lat,
        lon=4.5 + rng.random(n) * 2,
        elevation=rng.random(n) * 1000,
        approximate=np.zeros(n, dtype=bool),
    )
    engine = travel.EstimateEngine()
    origins = rng.choice(n, 60, replace=False)
    columns = np.flatnonzero(rng.random(n) < 0.7)
    rows, cols, _mins = pairs_within(
        engine, table.lat[origins], table.lon[origins], table.elevation[origins], table, columns, 20, chunk=7
    )
    found = set(zip(rows.tolist(), cols.tolist(), strict=True))
    expected = set()
    for o, c in enumerate(origins):
        idx, _m, _k = table.reach(
            engine, (table.lat[c], table.lon[c]), 20, origin_elevation=table.elevation[c]
        )
        expected |= {(o, int(i)) for i in np.intersect1d(idx, columns)}
    assert found == expected and len(found) > 100
