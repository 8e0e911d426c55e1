"""Commuting demand (INSEE MOBPRO) in catchment, criteria, coverage and siting: pages and API."""
# ruff: noqa: F811 - pytest fixtures imported from convince_fixtures

from pathlib import Path

import pytest

from coopconnect.core import formatting
from coopconnect.core.errors import DomainError
from coopconnect.planning.demand import choose
from coopconnect.territory import demand as commuting
from coopconnect.territory.services.commutes import commutes_import

from .convince_fixtures import luberon, make_place  # noqa: F401

pytestmark = pytest.mark.django_db

HEADER = "COMMUNE;ARM;DCLT;ILT;IPONDI;TRANS;SEXE"
ROWS = [
    "84035;ZZZZZ;13055;3;5000;5;1",  # Cavaillon -> Marseille by car, 58.8 min by the estimate: long
    "84123;ZZZZZ;13055;3;900;5;2",  # Sault -> Marseille by car, 75.9 min: long
    "84089;ZZZZZ;84089;1;4000;5;1",  # Pertuis -> Pertuis: works at home, not long
    "84089;ZZZZZ;13055;3;300;6;1",  # Pertuis -> Marseille by coach: not by car, not counted
]


@pytest.fixture(autouse=True)
def fresh_cache():
    commuting.clear_cache()
    yield
    commuting.clear_cache()


@pytest.fixture
def mobpro(luberon, tmp_path: Path):
    path = tmp_path / "FD_MOBPRO_2022.csv"
    path.write_text("\n".join([HEADER, *ROWS]) + "\n", encoding="utf-8")
    commutes_import(path=path)
    commuting.clear_cache()
    return luberon


def _n(value: float) -> str:
    return formatting.number(value, decimals=0)


def test_choice_falls_back_to_population_without_mobpro_and_says_so(luberon):
    demand = choose("long_commuters")
    assert demand.used == "population" and demand.fell_back and not demand.available
    assert "Aucun fichier des déplacements domicile-travail (MOBPRO)" in demand.note
    with pytest.raises(DomainError) as exc:
        choose("touristes")
    assert "demand" in exc.value.errors
    with pytest.raises(DomainError) as exc:
        choose("potential_users", teleworkable_share=1.5)
    assert "teleworkable_share" in exc.value.errors


def test_catchment_api_counts_the_chosen_demand(client, mobpro):
    url = "/api/v1/territory/catchment"
    # Cavaillon within 20 minutes: Cavaillon alone (Apt is 31 min away), 26 000 inhabitants.
    population = client.get(url, {"site": "84035", "minutes": 20}).json()
    assert [c["insee"] for c in population["communes"]] == ["84035"]
    assert population["demand_detail"]["used"] == "population"
    assert population["demand_detail"]["total"] == 26000
    # Long commuters: the 5 000 driving to Marseille (58.8 min > 30).
    long = client.get(url, {"site": "84035", "minutes": 20, "demand": "long_commuters"}).json()
    assert long["demand_detail"]["used"] == "long_commuters" and long["demand_detail"]["total"] == 5000
    assert long["demand_detail"]["mobpro_imported"] is True
    assert "teleworkable_share" in long["demand_detail"]["sources"]
    # Potential users: 5 000 x 40 % teleworkable = 2 000.
    users = client.get(
        url, {"site": "84035", "minutes": 20, "demand": "potential_users", "teleworkable_share": 0.4}
    ).json()
    assert users["demand_detail"]["total"] == pytest.approx(2000)
    # Past 60 minutes, the 58.8-minute trip is no longer a long one: 0.
    far = client.get(url, {"site": "84035", "minutes": 20, "demand": "long_commuters", "demand_minutes": 60})
    assert far.json()["demand_detail"]["total"] == 0
    bad = client.get(url, {"site": "84035", "demand": "long_commuters", "demand_minutes": 500})
    assert bad.status_code == 400 and "demand_minutes" in bad.json()["errors"]


def test_coverage_share_of_demand(client, mobpro):
    make_place("Tiers-lieu de Cavaillon", mobpro["84035"])
    params = {"territory": "dep:84", "minutes": 20, "demand": "long_commuters"}
    body = client.get("/api/v1/territory/coverage", params).json()
    # Long commuters of Vaucluse: Cavaillon 5 000 + Sault 900 (+ Pertuis 0) = 5 900; Cavaillon's
    # own 5 000 live within 20 minutes of the place: 5 000 / 5 900 = 84.7 %.
    assert body["demand_detail"]["total"] == 5900 and body["demand_detail"]["within"] == 5000
    html = client.get("/territoire/couverture/", params).content.decode()
    assert f"Demande couverte : {_n(5000)} sur {_n(5900)} ({formatting.number(84.7, decimals=1)} %)" in html
    assert "Paramètres de la demande et leurs sources" in html and "insee.fr" in html


def test_pages_show_the_demand_and_its_parameters(client, mobpro):
    catchment = client.get(
        "/territoire/bassin-de-vie/",
        {"site": "84035", "minutes": "20", "demand": "potential_users", "teleworkable_share": "40"},
    ).content.decode()
    # 5 000 long commuters x 40 % = 2 000 potential users in Cavaillon's 20-minute catchment.
    assert f"Demande dans le périmètre : {_n(2000)}." in catchment
    assert "usagers potentiels" in catchment and "MOBPRO" in catchment
    assert "Insee, enquête Emploi 2021" in catchment
    criteria = client.get(
        "/territoire/criteres/", {"site": "84035", "demand": "long_commuters"}
    ).content.decode()
    assert "actifs allant travailler en voiture à plus de 30 minutes" in criteria
    bad = client.get("/territoire/bassin-de-vie/", {"site": "84035", "demand_minutes": "500"})
    assert bad.status_code == 200 and 'id="id_demand_minutes-err"' in bad.content.decode()


def test_siting_demand_parameters_are_editable(client, mobpro):
    body = client.post(
        "/api/v1/territory/siting",
        {"territory": "dep:84", "k": 1, "demand": "potential_users", "teleworkable_share": 0.2},
        content_type="application/json",
    ).json()
    # Cavaillon covers its own 5 000 long commuters x 20 % = 1 000.
    assert body["picks"][0]["insee"] == "84035" and body["picks"][0]["gain"] == 1000
    assert body["demand_detail"]["teleworkable_share"] == 0.2


def test_without_mobpro_the_pages_say_population_is_counted(client, luberon):
    html = client.get(
        "/territoire/bassin-de-vie/", {"site": "84035", "minutes": "20", "demand": "long_commuters"}
    ).content.decode()
    assert "Aucun fichier MOBPRO importé : la population est comptée" in html
    assert f"Demande dans le périmètre : {_n(26000)}." in html


def test_accessibility_counts_the_chosen_demand(client, mobpro):
    from coopconnect.places.models import Resource, ResourceKind

    place = make_place("Tiers-lieu de Cavaillon", mobpro["84035"])
    Resource.objects.create(place=place, kind=ResourceKind.SEAT, name="Open space", capacity=10)
    body = client.get("/api/v1/territory/accessibility", {"level": "dep", "demand": "long_commuters"}).json()
    vaucluse = next(r for r in body["rows"] if r["code"] == "84")
    # Vaucluse: 5 900 long commuters, the 5 000 of Cavaillon within 20 minutes of the place.
    assert vaucluse["population"] == 5900 and vaucluse["within"][1] == 5000
    # Seats within 20 min: the 10 seats shared by the 5 000 who reach them = 2 per 1 000 (the
    # 900 of Sault reach no place in 20 minutes).
    assert vaucluse["seats_per_1000"] == pytest.approx(5000 / 5900 * 2.0, rel=1e-3)
    assert body["demand_detail"]["used"] == "long_commuters"
    page = client.get("/territoire/accessibilite/", {"demand": "long_commuters", "departement": "84"})
    html = page.content.decode()
    assert page.status_code == 200 and "Demande comptée" in html and len(page.content) < 150_000
    assert 'name="demand" value="long_commuters"' in html  # the EPCI form keeps the demand
    csv_text = client.get("/territoire/accessibilite.csv", {"demand": "long_commuters"}).content.decode()
    assert ";5900;" in csv_text


def test_commute_savings_scaled_to_the_home_commune_demand(client, mobpro):
    make_place("Tiers-lieu de Cavaillon", mobpro["84035"])
    member = {"home": "84035", "work": "13055", "days_per_week": 2}
    alone = client.post("/api/v1/commute-savings", {"member": member}, content_type="application/json").json()
    # Population as demand: the member's figures only, no commune scale.
    assert alone["commune"] is None and alone["demand_detail"]["used"] == "population"
    body = client.post(
        "/api/v1/commute-savings",
        {"member": member, "demand": "potential_users", "teleworkable_share": 0.1},
        content_type="application/json",
    ).json()
    # Cavaillon: 5 000 long commuters x 10 % = 500 potential users, each saving the member's figures.
    one = body["member"]
    assert body["commune"]["people"] == pytest.approx(500)
    assert body["commune"]["km_per_year"] == pytest.approx(500 * one["km_per_year"], abs=500)
    assert float(body["commune"]["euros_per_year"]) == pytest.approx(500 * float(one["euros_per_year"]))
    html = client.get(
        "/territoire/trajets/",
        {
            "home": "84035",
            "work": "13055",
            "days_per_week": "2",
            "demand": "potential_users",
            "teleworkable_share": "10",
        },
    ).content.decode()
    assert "À l'échelle de Cavaillon : si ses 500 personnes de la demande" in html
