"""Exports of the directory: GeoJSON, CSV and data·inclusion structures (validated by the schema)."""
# Fixtures imported from directory_fixtures come back as test arguments:
# ruff: noqa: F811

import csv
import io

import pytest
from data_inclusion.schema.v1 import Structure

from coopconnect.places.exports import to_data_inclusion
from coopconnect.places.models import LegalForm, Place, Typology

from .directory_fixtures import forty_km, luberon, ten_km, unpublished  # noqa: F401

pytestmark = pytest.mark.django_db


def test_geojson_export_follows_rfc7946(client, place, ten_km, unpublished):
    r = client.get("/api/v1/places/export.geojson")
    assert r.status_code == 200
    assert r["Content-Type"].startswith("application/geo+json")
    body = r.json()
    assert body["type"] == "FeatureCollection"
    by_name = {f["properties"]["name"]: f for f in body["features"]}
    assert set(by_name) == {"Bâticom Pertuis", "Fablab à dix kilomètres"}
    # GeoJSON puts longitude first.
    assert by_name["Bâticom Pertuis"]["geometry"] == {"type": "Point", "coordinates": [5.5030, 43.6950]}
    assert by_name["Bâticom Pertuis"]["properties"]["url"].endswith("/lieux/baticom-pertuis/")


def test_exports_take_the_search_filters(client, place, ten_km, forty_km):
    body = client.get("/api/v1/places/export.geojson", {"near": "84089", "typology": "fablab"}).json()
    [feature] = body["features"]
    assert feature["properties"]["travel_minutes"] is not None
    # 10 km as the crow flies × the road detour factor 1.2 (territory.travel.DETOUR_FACTOR) = 12 km.
    assert feature["properties"]["distance_km"] == pytest.approx(12.0, abs=0.2)
    r = client.get("/api/v1/places/export.csv", {"near": "Atlantide"})
    assert r.status_code == 400 and "near" in r.json()["errors"]
    r = client.get("/api/v1/places/export/data-inclusion.json", {"service": "sauna"})
    assert r.status_code == 400 and "service" in r.json()["errors"]


def test_csv_export(client, place, ten_km):
    r = client.get("/api/v1/places/export.csv", {"near": "84089"})
    assert r.status_code == 200
    assert r["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(r.content.decode("utf-8"))))
    assert [row["name"] for row in rows] == ["Bâticom Pertuis", "Fablab à dix kilomètres"]
    assert rows[1]["services"] == "meeting_rooms|wifi" or rows[1]["services"] == "wifi|meeting_rooms"
    assert rows[1]["commune_insee"] == "84089"
    assert rows[1]["travel_method"] == "estimate"


def test_data_inclusion_export_validates_against_the_schema(client, place, ten_km, luberon, pertuis):
    odd = Place.objects.create(
        name="AB.", slug="ab", latitude=43.7, longitude=5.5, commune=pertuis,
        typology=Typology.PUBLIC_SERVICES, legal_form=LegalForm.COMMUNE, postcode="8412", siret="123",
        email="pas-un-courriel", website="ht tp://x",
    )  # fmt: skip
    r = client.get("/api/v1/places/export/data-inclusion.json")
    assert r.status_code == 200
    items = r.json()
    assert len(items) == 3
    structures = [Structure.model_validate(item) for item in items]
    by_id = {s.id: s for s in structures}
    fablab = by_id[f"coop-connect--{ten_km.pk}"]
    assert fablab.nom == "Fablab à dix kilomètres"
    assert fablab.code_insee == "84089" and fablab.code_postal == "84120"
    assert str(fablab.site_web) == "https://www.fablab-dix.example.org/"
    assert fablab.siret == "12345678900011"
    assert fablab.horaires_accueil == "Mo-Fr 09:00-18:00"
    weird = by_id[f"coop-connect--{odd.pk}"]
    # Too short a name gets its commune; invalid optional values are left out rather than exported wrong.
    assert weird.nom == "AB – Pertuis"
    assert (
        weird.siret is None
        and weird.code_postal is None
        and weird.courriel is None
        and weird.site_web is None
    )
    assert {r.value for r in weird.reseaux_porteurs} == {"france-service", "communes"}


def test_every_census_like_place_exports_valid_structure(pertuis):
    names = ["Le Bureau", "Espace Numérique.", "X", "Tiers-lieu " * 18]
    for i, name in enumerate(names):
        p = Place.objects.create(name=name, slug=f"p{i}", latitude=43.7, longitude=5.5, commune=pertuis)
        Structure.model_validate(to_data_inclusion(p))
