"""Siting driven by commuting demand (INSEE MOBPRO flows) instead of population."""
# ruff: noqa: F811 - pytest fixtures imported from convince_fixtures

import pytest

from coopconnect.core.errors import DomainError
from coopconnect.planning.siting.proposal import propose_sites
from coopconnect.planning.territories import parse_territory
from coopconnect.territory.models import CommuteFlow, CommuteImport

from .convince_fixtures import luberon  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def flows(luberon):
    source = CommuteImport.objects.create(file_name="FD_MOBPRO_test.csv", rows=3, workers=9900)
    # Cavaillon -> Marseille 58.8 min and Sault -> Marseille 75.9 min by the estimate: long trips;
    # Pertuis -> Pertuis: working at home commune, not a long commuter.
    for home, work, workers in (("84035", "13055", 5000), ("84123", "13055", 900), ("84089", "84089", 4000)):
        CommuteFlow.objects.create(
            source=source, home=luberon[home], work=luberon[work], workers=workers, by_car=workers
        )
    return source


def test_long_commuters_drive_the_siting_when_flows_are_imported(flows):
    territory = parse_territory("dep:84")
    # By population (no place): Pertuis reaches 33 260 inhabitants within 20 minutes.
    by_population = propose_sites(territory, k=1)
    assert [p.name for p in by_population.picks] == ["Pertuis"]
    # By long commuters: only Cavaillon (5 000) and Sault (900, not a candidate, 39.9 min from
    # Cavaillon) have any; Cavaillon covers its own 5 000.
    by_commuters = propose_sites(territory, k=1, demand="long_commuters")
    assert by_commuters.demand == "long_commuters"
    assert [(p.name, p.gain) for p in by_commuters.picks] == [("Cavaillon", 5000)]
    assert by_commuters.population == 5900
    assert any("MOBPRO" in n for n in by_commuters.notes)
    # Potential users: × 0.5 teleworkable share.
    assert propose_sites(territory, k=1, demand="potential_users").picks[0].gain == 2500


def test_without_flows_the_demand_is_population_and_says_so(luberon):
    result = propose_sites(parse_territory("dep:84"), k=1, demand="long_commuters")
    assert result.demand == "population" and [p.name for p in result.picks] == ["Pertuis"]
    assert any("Aucun fichier des déplacements domicile-travail" in n for n in result.notes)
    with pytest.raises(DomainError) as exc:
        propose_sites(parse_territory("dep:84"), k=1, demand="touristes")
    assert "demand" in exc.value.errors


def test_siting_api_and_page_with_commuting_demand(client, flows):
    body = client.post(
        "/api/v1/territory/siting",
        {"territory": "dep:84", "k": 1, "demand": "long_commuters"},
        content_type="application/json",
    ).json()
    assert body["demand"] == "long_commuters" and body["picks"][0]["insee"] == "84035"
    bad = client.post(
        "/api/v1/territory/siting",
        {"territory": "dep:84", "k": 1, "demand": "touristes"},
        content_type="application/json",
    )
    assert bad.status_code == 400 and "demand" in bad.json()["errors"]
    html = client.get(
        "/territoire/implantation/", {"territory": "dep:84", "k": "1", "demand": "long_commuters"}
    ).content.decode()
    assert "Cavaillon" in html and "MOBPRO" in html
