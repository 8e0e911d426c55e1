"""API of the directory: GET /api/v1/places (search by travel time, filters, bad input) and /places/{id}."""
# Fixtures imported from directory_fixtures come back as test arguments:
# ruff: noqa: F811

import pytest
import time_machine

from coopconnect.core.testing.problems import detail_and_errors
from coopconnect.places.models import Place

from .directory_fixtures import (  # noqa: F401
    bdr,
    forty_km,
    luberon,
    popup_over,
    popup_running,
    saint_remy,
    saint_remy_bis,
    ten_km,
    unpublished,
)

URL = "/api/v1/places"
pytestmark = pytest.mark.django_db


def test_search_near_insee_code_sorted_by_travel_time(client, place, ten_km, forty_km):
    r = client.get(URL, {"near": "84089"})
    assert r.status_code == 200
    body = r.json()
    # Bâticom (0.1 km) then the fablab (10 km); the 40 km coworking is beyond 20 minutes.
    assert [i["name"] for i in body["items"]] == ["Bâticom Pertuis", "Fablab à dix kilomètres"]
    assert body["count"] == 2
    assert body["origin"]["commune"] == {"insee": "84089", "name": "Pertuis", "department": "84"}
    assert body["origin"]["within_minutes"] == 20
    first, second = body["items"]
    assert first["travel_minutes"] <= second["travel_minutes"]
    # 10 km as the crow flies x 1.2 detour = 12.0 road km.
    assert second["distance_km"] == pytest.approx(12.0, abs=0.2)
    assert second["travel_method"] == "estimate"
    assert second["url"] == "/lieux/fablab-a-dix-kilometres/"
    assert set(second["services"]) == {"wifi", "meeting_rooms"}


def test_search_by_name_and_by_coordinates_agree(client, place, ten_km):
    by_name = client.get(URL, {"near": "pertuis"}).json()
    by_coords = client.get(URL, {"near": "43.6942,5.5017"}).json()
    assert [i["id"] for i in by_name["items"]] == [i["id"] for i in by_coords["items"]]
    assert by_coords["origin"]["commune"] is None


def test_within_minutes_widens_the_search(client, place, ten_km, forty_km):
    body = client.get(URL, {"near": "84089", "within_minutes": 240}).json()
    assert [i["name"] for i in body["items"]][-1] == "Coworking à quarante kilomètres"


def test_filters_typology_service_network(client, place, ten_km, forty_km, luberon):
    assert [i["name"] for i in client.get(URL, {"near": "84089", "typology": "fablab"}).json()["items"]] == [
        "Fablab à dix kilomètres"
    ]
    items = client.get(URL, {"near": "84089", "service": ["wifi", "meeting_rooms"]}).json()["items"]
    assert [i["name"] for i in items] == ["Fablab à dix kilomètres"]
    items = client.get(URL, {"typology": ["fablab", "incubator"], "network": "reseau-luberon"}).json()[
        "items"
    ]
    assert [i["name"] for i in items] == ["Bâticom Pertuis", "Fablab à dix kilomètres"]


@time_machine.travel("2026-11-25 10:00 +01:00", tick=False)
def test_open_on_filter(client, place, ten_km, forty_km):
    # 29 November 2026 is a Sunday: only the coworking open Mo-Su remains (within 240 minutes).
    items = client.get(URL, {"near": "84089", "within_minutes": 240, "open_on": "2026-11-29"}).json()["items"]
    assert [i["name"] for i in items] == ["Coworking à quarante kilomètres"]
    items = client.get(URL, {"near": "84089", "open_on": "2026-11-30"}).json()["items"]
    assert [i["name"] for i in items] == ["Bâticom Pertuis", "Fablab à dix kilomètres"]


@time_machine.travel("2026-11-25 10:00 +01:00", tick=False)
def test_hidden_places_are_not_listed(client, place, unpublished, popup_over, popup_running):
    names = {i["name"] for i in client.get(URL).json()["items"]}
    assert names == {"Bâticom Pertuis", "Éphémère de l'hiver"}
    assert client.get(f"{URL}/{unpublished.pk}").status_code == 404
    assert client.get(f"{URL}/{popup_over.pk}").status_code == 404


def test_list_without_near_is_paginated(client, place, other_place, ten_km):
    body = client.get(URL, {"limit": 2, "offset": 1}).json()
    assert body["count"] == 3 and body["limit"] == 2 and body["offset"] == 1
    assert [i["name"] for i in body["items"]] == ["Bâticom Pertuis", "Fablab à dix kilomètres"]
    assert body["origin"] is None
    assert body["items"][0]["travel_minutes"] is None


def test_unknown_commune_gives_400_with_suggestions(client, saint_remy, saint_remy_bis):
    r = client.get(URL, {"near": "saint r"})
    assert r.status_code == 400
    body = r.json()
    assert body["detail"] == "Commune inconnue ou ambiguë."
    assert body["errors"]["near"] == ["Commune inconnue ou ambiguë : « saint r »."]
    assert body["errors"]["near.suggestions"] == [
        "13100 Saint-Rémy-de-Provence (13)",
        "84999 Saint-Romain-en-Viennois (84)",
    ]
    r = client.get(URL, {"near": "Nulle-Part-sur-Mer"})
    assert r.status_code == 400 and "near.suggestions" not in r.json()["errors"]


def test_st_remy_finds_saint_remy(client, saint_remy):
    body = client.get(URL, {"near": "st remy"}).json()
    assert body["origin"]["commune"]["name"] == "Saint-Rémy-de-Provence"


@pytest.mark.parametrize(
    ("near", "message"),
    [
        ("91,5", "Latitude entre -90 et 90, longitude entre -180 et 180."),
        ("43.6,", "Coordonnées attendues sous la forme « latitude,longitude »."),
        ("1,2,3", "Coordonnées attendues sous la forme « latitude,longitude »."),
    ],
)
def test_bad_coordinates_give_400(client, near, message):
    r = client.get(URL, {"near": near})
    assert r.status_code == 400
    assert detail_and_errors(r.json()) == {"detail": "Coordonnées invalides.", "errors": {"near": [message]}}


def test_bad_filters_give_400_with_field_errors(client, place):
    r = client.get(URL, {"typology": "chateau", "service": ["wifi", "piscine"], "network": "inconnu"})
    assert r.status_code == 400
    errors = r.json()["errors"]
    assert set(errors) == {"typology", "service", "network"}
    assert errors["typology"][0].startswith("Typologie inconnue : chateau. Valeurs possibles : telecentre,")
    assert errors["service"][0].startswith("Service inconnu : piscine.")
    assert errors["network"] == ["Réseau inconnu : « inconnu »."]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"within_minutes": 0}, "within_minutes"),
        ({"within_minutes": 241}, "within_minutes"),
        ({"within_minutes": "vingt"}, "within_minutes"),
        ({"open_on": "2026-13-45"}, "open_on"),
        ({"limit": 0}, "limit"),
        ({"offset": -1}, "offset"),
    ],
)
def test_malformed_parameters_give_422(client, params, field):
    r = client.get(URL, {"near": "84089", **params})
    assert r.status_code == 422
    assert r.json()["detail"] == "Données invalides."
    assert field in r.json()["errors"]


def test_place_detail(client, ten_km, luberon):
    r = client.get(f"{URL}/{ten_km.pk}")
    assert r.status_code == 200
    body = r.json()
    assert body["name"] == "Fablab à dix kilomètres"
    assert body["hours_text"]
    assert body["networks"] == [{"id": luberon.pk, "slug": "reseau-luberon", "name": "Réseau Luberon"}]
    assert body["resources"][0]["layouts"] == {"coworking": 12, "reunion": 18, "conference": 50}
    assert detail_and_errors(client.get(f"{URL}/999999").json()) == {
        "detail": "Lieu introuvable.",
        "errors": {},
    }


def test_listing_makes_a_bounded_number_of_queries(client, django_assert_max_num_queries, pertuis):
    for i in range(15):
        p = Place.objects.create(
            name=f"Lieu {i}", slug=f"lieu-{i}", latitude=43.69, longitude=5.50, commune=pertuis
        )
        p.services.add("wifi", "kitchen")
    # commune lookup + places (commune joined) + services prefetch, whatever the number of places.
    with django_assert_max_num_queries(6):
        assert client.get(URL, {"near": "84089"}).json()["count"] == 15


def test_openapi_documents_the_endpoints(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert {"/api/v1/places", "/api/v1/places/{place_id}", "/api/v1/places/export.geojson"} <= set(paths)


def test_five_digits_are_an_insee_code_first_in_the_api_a_postcode_first_on_pages(client, pertuis, place):
    # 84120 is Pertuis's postcode and the INSEE code of Saint-Trinit: people type postcodes, the API
    # documents INSEE codes (and machines send them), so each reads them its way.
    from coopconnect.territory.models import Commune

    Commune.objects.create(
        insee="84120", name="Saint-Trinit", search_name="saint trinit", department=pertuis.department,
        region=pertuis.region, population=130, postcodes="84390", latitude=44.10, longitude=5.47,
    )  # fmt: skip
    api = client.get(URL, {"near": "84120"}).json()
    assert api["origin"]["commune"]["name"] == "Saint-Trinit"
    page = client.get("/recherche/", {"q": "84120"}).content.decode()
    assert "de Pertuis" in page
