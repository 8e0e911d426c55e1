"""Coverage of a territory by existing places: figures, ranking, territories, page and API."""
# ruff: noqa: F811 - pytest fixtures imported from convince_fixtures

import pytest

from coopconnect.core.errors import DomainError
from coopconnect.planning.coverage import coverage, coverage_map
from coopconnect.planning.territories import parse_territory

from .convince_fixtures import LUBERON_EPCI, luberon, make_place  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_places(luberon):
    make_place("Tiers-lieu de Pertuis", luberon["84089"])
    make_place("Tiers-lieu d'Apt", luberon["84003"])
    make_place("Brouillon de Cavaillon", luberon["84035"], published=False)


def test_vaucluse_coverage_worked_example(two_places):
    # Vaucluse communes of the fixture: 20 360 + 4 300 + 3 400 + 4 200 + 1 000 + 11 500 + 26 000 + 1 400
    # = 72 160. Pertuis covers itself, La Tour-d'Aigues (9.7 min), Villelaure (10.5), Cadenet (16.1),
    # Lourmarin (18.2) = 33 260; Apt covers itself (Sault is 26.9 min away) = 11 500. Covered:
    # 44 760 / 72 160 = 62.0 %. The unpublished Cavaillon place does not count.
    result = coverage(parse_territory("dep:84"), 20)
    assert result.population == 72160
    assert result.covered_population == 44760
    assert round(100 * result.share, 1) == 62.0
    assert (result.communes, result.covered_communes) == (8, 6)
    assert [u.name for u in result.uncovered] == ["Cavaillon", "Sault"]
    assert "44\u202f760 habitants sur 72\u202f160 (62 %)" in result.explanation


def test_places_outside_the_territory_count(luberon):
    make_place("Tiers-lieu de Pertuis", luberon["84089"])
    # Bouches-du-Rhône: Aix (29.6 min from Pertuis) and Marseille are not covered by Pertuis...
    assert coverage(parse_territory("dep:13"), 20).covered_population == 0
    # ...but at 30 minutes Aix is: 147 000 of 1 017 000.
    result = coverage(parse_territory("dep:13"), 30)
    assert result.covered_population == 147000 and result.population == 1017000


def test_no_place_means_no_coverage(luberon):
    result = coverage(parse_territory("fr"), 20)
    assert result.covered_population == 0 and result.share == 0
    assert result.uncovered[0].name == "Marseille"


def test_region_and_epci_territories(two_places):
    assert coverage(parse_territory("reg:93"), 20).communes == 12
    # Test EPCI: Pertuis, La Tour-d'Aigues, Villelaure, Cadenet (16.1 min from Pertuis): all covered.
    result = coverage(parse_territory(f"epci:{LUBERON_EPCI}"), 20)
    assert (result.population, result.covered_population) == (32260, 32260)
    # At 15 minutes Cadenet (4 200) is not.
    assert coverage(parse_territory(f"epci:{LUBERON_EPCI}"), 15).covered_population == 28060


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("dep:99", "Département inconnu : code « 99 »."),
        ("reg:00", "Région inconnue"),
        ("epci:123", "EPCI inconnu"),
        ("canton:12", "Territoire inconnu « canton:12 »"),
        ("", "Territoire inconnu"),
    ],
)
def test_unknown_territory(luberon, value, message):
    with pytest.raises(DomainError) as exc:
        parse_territory(value)
    assert message in exc.value.message and "territory" in exc.value.errors


def test_map_is_svg_and_aggregates_big_territories(two_places):
    small = coverage_map(coverage(parse_territory("dep:84"), 20))
    assert small.startswith("<svg") and small.count("<circle") >= 8
    big = coverage_map(coverage(parse_territory("fr"), 20), max_points=5)
    assert "<rect" in big and "Outre-mer non représenté" in big


def test_coverage_api(client, two_places):
    r = client.get("/api/v1/territory/coverage", {"territory": "dep:84", "minutes": 20, "limit": 2})
    assert r.status_code == 200
    body = r.json()
    assert body["covered_population"] == 44760 and body["share"] == 0.6203
    assert body["uncovered_total"] == 2
    assert [u["name"] for u in body["uncovered"]] == ["Cavaillon", "Sault"]
    one = client.get("/api/v1/territory/coverage", {"territory": "dep:84", "minutes": 20, "limit": 1}).json()
    assert one["uncovered_total"] == 2 and [u["name"] for u in one["uncovered"]] == ["Cavaillon"]


@pytest.mark.parametrize(
    ("params", "status", "field"),
    [
        ({"territory": "dep:99"}, 400, "territory"),
        ({"territory": "dep:84", "minutes": 0}, 400, "minutes"),
        ({"territory": "dep:84", "minutes": 121}, 400, "minutes"),
        ({"territory": "dep:84", "limit": -1}, 400, "limit"),
        ({"territory": "dep:84", "minutes": "x"}, 422, "minutes"),
    ],
)
def test_coverage_api_bad_input(client, luberon, params, status, field):
    r = client.get("/api/v1/territory/coverage", params)
    assert r.status_code == status
    assert field in r.json()["errors"]


def test_coverage_page(client, two_places):
    r = client.get("/territoire/couverture/", {"territory": "dep:84", "minutes": "20"})
    assert r.status_code == 200
    html = r.content.decode()
    assert "62 %" in html and "Cavaillon" in html and "<svg" in html


def test_coverage_page_errors(client, luberon):
    r = client.get("/territoire/couverture/", {"territory": "dep:99", "minutes": "0"})
    assert r.status_code == 200
    html = r.content.decode()
    assert "Département inconnu :" in html and "supérieure ou égale à 1" in html


def test_coverage_page_public(client, two_places, outsider, other_host):
    for user in (outsider, other_host):
        client.force_login(user)
        assert client.get("/territoire/couverture/", {"territory": "dep:84"}).status_code == 200


def test_coverage_with_another_engine_goes_through_legs(two_places):
    # An engine other than the estimate (OSRM in production) is asked through legs(): here a fake one
    # driving 1 km of straight line per minute. Pertuis -> Cadenet is 11.1 km, -> La Tour-d'Aigues 5.3 km.
    from coopconnect.core.geo import haversine_km
    from coopconnect.territory.travel import Leg

    class OneKmPerMinute:
        name = "fake"

        def legs(self, origin, destinations):
            return [Leg(haversine_km(*origin, *d), haversine_km(*origin, *d), "fake") for d in destinations]

        def max_radius_km(self, minutes):
            return float(minutes)

    result = coverage(parse_territory("dep:84"), 12, engine=OneKmPerMinute())
    assert result.method == "fake"
    names = {u.name for u in result.uncovered}
    assert "Cadenet" not in names and "La Tour-d'Aigues" not in names and "Cavaillon" in names


def test_territories_typed_by_name_on_the_page_and_the_api(client, luberon):
    from coopconnect.territory.models import Region

    Region.objects.create(code="84", name="Auvergne-Rhône-Alpes")
    # "Vaucluse", "84" and "dep:84" are the same territory.
    for typed in ("Vaucluse", "84", "dep:84"):
        body = client.get("/api/v1/territory/coverage", {"territory": typed}).json()
        assert body["territory"] == "dep:84"
    paca = client.get("/api/v1/territory/coverage", {"territory": "Provence-Alpes-Côte d'Azur"}).json()
    assert paca["territory"] == "reg:93"
    # "Bouches" matches one department; "de" matches several territories: a choice.
    assert parse_territory("bouches").key == "dep:13"
    many = client.get("/api/v1/territory/coverage", {"territory": "de"})
    assert many.status_code == 400 and "Plusieurs territoires correspondent" in many.json()["detail"]
    page = client.get("/territoire/couverture/", {"territory": "de"}).content.decode()
    assert 'type="radio" name="territory" value="dep:04"' in page and "choisissez-en un" in page
    # The choice picked (the radio comes after the text box) wins.
    chosen = client.get("/territoire/couverture/?territory=de&territory=dep%3A04").content.decode()
    assert "Alpes-de-Haute-Provence (04) : couverture" in chosen
    unknown = client.get("/territoire/couverture/", {"territory": "Atlantide"}).content.decode()
    assert "Territoire inconnu « Atlantide »" in unknown
