"""Accessibility indicators: shares within 10/20/30 minutes per level, seats within reach (2SFCA)."""
# ruff: noqa: F811 - pytest fixtures imported from convince_fixtures

import numpy as np
import pandas as pd
import pytest
from access.fca import two_stage_fca

from coopconnect.places.models import Resource, ResourceKind
from coopconnect.planning.access.fca import two_step_fca
from coopconnect.planning.access.indicators import WORKING_AGE_SHARE, access_csv, accessibility
from coopconnect.planning.catchment.pairs import pairs_within
from coopconnect.planning.catchment.tables import CommuneTable, PlaceTable
from coopconnect.planning.coverage import coverage
from coopconnect.planning.territories import parse_territory
from coopconnect.territory import travel

from .convince_fixtures import LUBERON_EPCI, luberon, make_place  # noqa: F401


def _random_world(seed: int, n: int = 300, m: int = 25):
    rng = np.random.default_rng(seed)
    lat = np.sort(43.5 + rng.random(n))
    table = CommuneTable(
        insee=np.array([f"{i:05d}" for i in range(n)], dtype=object),
        name=np.array(["c"] * n, dtype=object),
        department=np.array(["84"] * n, dtype=object),
        population=rng.integers(0, 8000, n),
        lat=lat,
        lon=4.8 + rng.random(n) * 1.2,
        elevation=rng.random(n) * 400,
        approximate=np.zeros(n, dtype=bool),
    )
    places = PlaceTable(
        ids=np.arange(1, m + 1),
        name=np.array(["p"] * m, dtype=object),
        lat=43.5 + rng.random(m),
        lon=4.8 + rng.random(m) * 1.2,
        elevation=rng.random(m) * 400,
    )
    seats = rng.integers(0, 40, m)
    return table, places, seats


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_two_step_floating_catchment_matches_pysal_access(seed):
    table, places, seats = _random_world(seed)
    engine = travel.EstimateEngine()
    demand = table.population * WORKING_AGE_SHARE
    ours = two_step_fca(table, places, seats, demand, 20, engine)
    # The same trips, handed to PySAL access as a cost table (commune -> place, minutes).
    rows, cols, mins = pairs_within(
        engine, places.lat, places.lon, places.elevation, table, np.arange(len(table)), 20
    )
    cost = pd.DataFrame({"origin": cols, "dest": places.ids[rows], "cost": mins})
    theirs = two_stage_fca(
        pd.DataFrame({"geoid": np.arange(len(table)), "demand": demand}).set_index("geoid"),
        pd.DataFrame({"geoid": places.ids, "supply": seats}).set_index("geoid"),
        cost,
        max_cost=20,
        demand_index="geoid",
        demand_name="demand",
        supply_name="supply",
    )
    theirs = theirs.reindex(np.arange(len(table))).fillna(0).to_numpy().ravel() * 1000
    assert (ours > 0).sum() > 50
    assert np.allclose(ours, theirs, rtol=1e-9, atol=1e-9)
    # Every seat with demand near it is handed out once: sum of A_i x D_i / 1000 = those seats.
    reached = np.bincount(rows, weights=demand[cols], minlength=len(places)) > 0
    assert np.isclose((ours * demand).sum() / 1000, seats[reached].sum())


pytestmark = pytest.mark.django_db


@pytest.fixture
def equipped(luberon):
    pertuis = make_place("Tiers-lieu de Pertuis", luberon["84089"])
    apt = make_place("Tiers-lieu d'Apt", luberon["84003"])
    Resource.objects.create(place=pertuis, kind=ResourceKind.SEAT, name="Open space", capacity=12)
    Resource.objects.create(place=pertuis, kind=ResourceKind.MEETING_ROOM, name="Salle", capacity=10)
    Resource.objects.create(place=apt, kind=ResourceKind.OFFICE, name="Bureau", capacity=2)
    return luberon


def test_shares_per_level_agree_with_coverage(equipped):
    table = accessibility()
    rows = {(r.level, r.code): r for r in table.rows}
    for level, code, key in (("fr", "", "fr"), ("reg", "93", "reg:93"), ("dep", "84", "dep:84")):
        row = rows[(level, code)]
        for i, minutes in enumerate(table.times):
            assert row.within[i] == coverage(parse_territory(key), minutes).covered_population
    assert rows[("epci", LUBERON_EPCI)].population == 32260
    assert [r.code for r in table.level("dep")] == ["04", "13", "84"]
    # Workstations only: 12 seats + 2 offices (the meeting room is not a workstation).
    assert (table.seats, table.places_with_seats) == (14, 2)
    france = rows[("fr", "")]
    assert 0 < france.seats_per_1000
    # Seats handed out: weighted sum over communes equals the 14 seats (both places reach people).
    demand_fr = france.population * WORKING_AGE_SHARE
    assert round(france.seats_per_1000 * demand_fr / 1000, 6) == 14


def test_accessibility_api_csv_and_page(client, equipped, outsider, other_host):
    body = client.get("/api/v1/territory/accessibility", {"level": "dep"}).json()
    assert [r["code"] for r in body["rows"]] == ["04", "13", "84"] and body["times"] == [10, 20, 30]
    vaucluse = body["rows"][2]
    assert vaucluse["population"] == 72160 and len(vaucluse["shares"]) == 3
    bad = client.get("/api/v1/territory/accessibility", {"level": "canton"})
    assert bad.status_code == 400 and "level" in bad.json()["errors"]
    csv_text = client.get("/territoire/accessibilite.csv").content.decode()
    assert csv_text.splitlines()[0].startswith("niveau;code;nom;communes;population")
    assert any(line.startswith(f"epci;{LUBERON_EPCI};") for line in csv_text.splitlines())
    page = client.get("/territoire/accessibilite/", {"departement": "84"})
    html = page.content.decode()
    assert page.status_code == 200 and len(page.content) < 150_000
    assert (
        "Vaucluse (84)" in html and "CC de test du Sud Luberon" in html and "Postes pour 1 000 actifs" in html
    )
    unknown = client.get("/territoire/accessibilite/", {"departement": "99"}).content.decode()
    assert "Département inconnu : code « 99 »." in unknown
    for user in (outsider, other_host):
        client.force_login(user)
        assert client.get("/territoire/accessibilite/").status_code == 200
        assert client.get("/api/v1/territory/accessibility").status_code == 200


def test_access_csv_has_every_row(equipped):
    table = accessibility()
    assert len(access_csv(table).splitlines()) == 1 + len(table.rows)
