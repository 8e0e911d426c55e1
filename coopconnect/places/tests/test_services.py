"""Place, resource and services-bouquet writes: validation in French, slugs, capacities."""

from datetime import date

import pytest

from coopconnect.core.errors import DomainError
from coopconnect.places.bouquet import BOUQUET
from coopconnect.places.models import Place, ResourceKind, Service, Typology
from coopconnect.places.services import (
    network_create,
    place_create,
    place_set_services,
    place_update,
    resource_create,
    resource_update,
)

pytestmark = pytest.mark.django_db


def test_bouquet_migration_created_the_fourteen_services() -> None:
    assert list(Service.objects.values_list("code", flat=True)) == [item.code for item in BOUQUET]
    assert Service.objects.get(code="wifi").label == "Wifi très haut débit sécurisé"
    assert Service.objects.get(code="phone_booth").label_en == "Phone booth or acoustic chair"


class TestPlaceCreate:
    def test_creates_with_unique_slug_and_networks(self, network, host) -> None:
        first = place_create(
            name="Le Relais", latitude=44.33, longitude=5.82, networks=[network], hosts=[host]
        )
        second = place_create(name="Le Relais", latitude=44.34, longitude=5.83)
        assert (first.slug, second.slug) == ("le-relais", "le-relais-2")
        assert list(first.networks.all()) == [network]
        assert list(first.hosts.all()) == [host]

    def test_invalid_hours_are_refused_in_french(self) -> None:
        with pytest.raises(DomainError) as exc:
            place_create(name="X", latitude=44.0, longitude=5.0, opening_hours="lundi 9h-12h")
        assert exc.value.message == "Lieu invalide."
        assert exc.value.errors["opening_hours"][0].startswith("Horaires invalides : « lundi 9h-12h »")
        assert not Place.objects.exists()

    @pytest.mark.parametrize(
        ("lat", "lon", "field"),
        [
            (91.0, 5.0, "latitude"),
            (44.0, -181.0, "longitude"),
            (float("nan"), 5.0, "latitude"),
            (0.0, 0.0, "latitude"),
        ],
    )
    def test_bad_coordinates(self, lat: float, lon: float, field: str) -> None:
        with pytest.raises(DomainError) as exc:
            place_create(name="X", latitude=lat, longitude=lon)
        assert field in exc.value.errors

    def test_popup_needs_start_and_end(self) -> None:
        with pytest.raises(DomainError) as exc:
            place_create(name="Éphémère", latitude=44.0, longitude=5.0, typology=Typology.POPUP)
        assert exc.value.errors["popup_start"] == ["Un tiers-lieu éphémère a une date de début."]
        assert exc.value.errors["popup_end"] == ["Un tiers-lieu éphémère a une date de fin."]

    def test_popup_end_before_start(self) -> None:
        with pytest.raises(DomainError) as exc:
            place_create(
                name="Éphémère",
                latitude=44.0,
                longitude=5.0,
                typology=Typology.POPUP,
                popup_start=date(2026, 10, 3),
                popup_end=date(2026, 10, 1),
            )
        assert exc.value.errors["popup_end"] == ["La date de fin précède la date de début."]

    def test_popup_dates_on_a_permanent_place_are_refused(self) -> None:
        with pytest.raises(DomainError) as exc:
            place_create(name="Fixe", latitude=44.0, longitude=5.0, popup_start=date(2026, 10, 1))
        assert "popup_start" in exc.value.errors

    def test_valid_popup(self) -> None:
        place = place_create(
            name="Tiers-lieu éphémère d'Autrans",
            latitude=45.17,
            longitude=5.54,
            typology=Typology.POPUP,
            popup_start=date(2026, 10, 1),
            popup_end=date(2026, 10, 3),
        )
        assert place.slug == "tiers-lieu-ephemere-dautrans"

    def test_unknown_field_is_a_programming_error(self) -> None:
        with pytest.raises(TypeError):
            place_create(name="X", latitude=44.0, longitude=5.0, colour="red")


class TestPlaceUpdate:
    def test_update_keeps_slug(self, place) -> None:
        place_update(place=place, name="Bâticom", opening_hours="Mo-Fr 09:00-17:00")
        place.refresh_from_db()
        assert (place.name, place.slug, place.opening_hours) == (
            "Bâticom",
            "baticom-pertuis",
            "Mo-Fr 09:00-17:00",
        )

    def test_invalid_update_changes_nothing(self, place) -> None:
        with pytest.raises(DomainError):
            place_update(place=place, opening_hours="n'importe quoi")
        place.refresh_from_db()
        assert place.opening_hours == "Mo-Fr 08:30-12:30,13:30-18:00; PH off"


class TestResources:
    def test_room_capacity_is_the_largest_layout(self, place) -> None:
        # 12 coworking / 18 meeting / 50 conference -> capacity 50 whatever was passed.
        room = resource_create(
            place=place,
            kind=ResourceKind.MEETING_ROOM,
            name="Grande salle",
            capacity=1,
            layouts={"coworking": 12, "reunion": 18, "conference": 50},
            surface_m2=80,
        )
        assert room.capacity == 50

    @pytest.mark.parametrize(
        "layouts", [{"reunion": 0}, {"reunion": "18"}, {"reunion": 2.5}, {"reunion": True}]
    )
    def test_layout_capacities_are_positive_integers(self, place, layouts) -> None:
        with pytest.raises(DomainError) as exc:
            resource_create(
                place=place, kind=ResourceKind.MEETING_ROOM, name="Salle", capacity=10, layouts=layouts
            )
        assert exc.value.errors["layouts"] == [
            "Capacité invalide pour la disposition : reunion (nombre entier positif attendu)."
        ]

    def test_office_holds_one_to_four(self, place) -> None:
        with pytest.raises(DomainError) as exc:
            resource_create(place=place, kind=ResourceKind.OFFICE, name="Bureau 1", capacity=5)
        assert exc.value.errors["capacity"] == ["Un bureau privatif accueille de 1 à 4 personnes."]

    def test_zero_capacity_and_duplicate_name(self, place, seats) -> None:
        with pytest.raises(DomainError):
            resource_create(place=place, kind=ResourceKind.SEAT, name="Autre", capacity=0)
        with pytest.raises(DomainError):
            resource_create(place=place, kind=ResourceKind.SEAT, name="Open space", capacity=4)

    def test_unknown_kind(self, place) -> None:
        with pytest.raises(DomainError) as exc:
            resource_create(place=place, kind="yurt", name="Yourte", capacity=4)
        assert exc.value.message == "Type de ressource inconnu : yurt."

    def test_update(self, seats) -> None:
        resource_update(resource=seats, capacity=9, surface_m2=45)
        seats.refresh_from_db()
        assert (seats.capacity, seats.surface_m2) == (9, 45)


class TestServices:
    def test_set_services_and_speed(self, place) -> None:
        place_set_services(place=place, codes=["wifi", "copier", "wifi"], wifi_mbps=100)
        place.refresh_from_db()
        assert sorted(place.services.values_list("code", flat=True)) == ["copier", "wifi"]
        assert place.wifi_mbps == 100
        # Same bouquet without a figure keeps the speed; dropping wifi drops it.
        place_set_services(place=place, codes=["wifi"])
        place.refresh_from_db()
        assert place.wifi_mbps == 100
        place_set_services(place=place, codes=["copier"])
        place.refresh_from_db()
        assert place.wifi_mbps is None

    def test_unknown_code(self, place) -> None:
        with pytest.raises(DomainError) as exc:
            place_set_services(place=place, codes=["wifi", "sauna"])
        assert exc.value.message == "Service inconnu : sauna."
        assert not place.services.exists()

    def test_speed_without_wifi_or_not_positive(self, place) -> None:
        with pytest.raises(DomainError):
            place_set_services(place=place, codes=["copier"], wifi_mbps=50)
        with pytest.raises(DomainError):
            place_set_services(place=place, codes=["wifi"], wifi_mbps=0)


def test_network_create_slug() -> None:
    network = network_create(name="Réseau Soho-Solo Gers")
    assert network.slug == "reseau-soho-solo-gers"


@pytest.mark.django_db(transaction=True)
def test_bouquet_comes_back_after_a_flush():
    # A flush empties every table (as between transactional tests); the bouquet is reference data.
    from django.core.management import call_command

    call_command("flush", interactive=False, verbosity=0)
    assert Service.objects.count() == len(BOUQUET)
