"""Fixtures of the directory tests: communes around Pertuis and places at known distances.

Distances east of Pertuis (43.6942 N): one degree of longitude there is
111.195 km x cos(43.6942°) = 80.39 km, so 0.1244° ≈ 10.0 km and 0.4976° ≈ 40.0 km.
"""

from datetime import date

import pytest

from coopconnect.places.models import Network, Place, Resource, ResourceKind, Service, Typology
from coopconnect.territory.models import Commune, Department

PERTUIS = (43.6942, 5.5017)
KM10_LON = 5.5017 + 0.1244
KM40_LON = 5.5017 + 0.4976


@pytest.fixture
def bdr(paca) -> Department:
    return Department.objects.create(code="13", name="Bouches-du-Rhône", region=paca)


@pytest.fixture
def saint_remy(bdr) -> Commune:
    return Commune.objects.create(
        insee="13100",
        name="Saint-Rémy-de-Provence",
        search_name="saint remy de provence",
        department=bdr,
        region=bdr.region,
        population=9800,
        postcodes="13210",
        latitude=43.7894,
        longitude=4.8317,
    )


@pytest.fixture
def saint_remy_bis(vaucluse) -> Commune:
    """A made-up homonym prefix so that "saint r" is ambiguous."""
    return Commune.objects.create(
        insee="84999",
        name="Saint-Romain-en-Viennois",
        search_name="saint romain en viennois",
        department=vaucluse,
        region=vaucluse.region,
        population=800,
        postcodes="84110",
        latitude=44.2667,
        longitude=5.1000,
    )


def _place(name: str, lon: float, commune: Commune, **extra) -> Place:
    from django.utils.text import slugify

    return Place.objects.create(
        name=name, slug=slugify(name), latitude=PERTUIS[0], longitude=lon, commune=commune, **extra
    )


@pytest.fixture
def ten_km(pertuis) -> Place:
    """A fablab 10 km east of Pertuis, open on weekdays, with wifi and a meeting room."""
    p = _place(
        "Fablab à dix kilomètres", KM10_LON, pertuis, typology=Typology.FABLAB,
        opening_hours="Mo-Fr 09:00-18:00", postcode="84120", website="www.fablab-dix.example.org",
        phone="04 90 00 00 10", email="contact@fablab-dix.example.org", siret="12345678900011",
    )  # fmt: skip
    p.services.add(Service.objects.get(code="wifi"), Service.objects.get(code="meeting_rooms"))
    Resource.objects.create(
        place=p, kind=ResourceKind.MEETING_ROOM, name="Grande salle", capacity=18,
        layouts={"coworking": 12, "reunion": 18, "conference": 50},
    )  # fmt: skip
    return p


@pytest.fixture
def forty_km(pertuis) -> Place:
    """A coworking 40 km east of Pertuis: beyond 20 minutes whatever the estimate."""
    return _place("Coworking à quarante kilomètres", KM40_LON, pertuis, typology=Typology.COWORKING,
                  opening_hours="Mo-Su 08:00-20:00")  # fmt: skip


@pytest.fixture
def unpublished(pertuis) -> Place:
    return _place("Lieu non publié", 5.5100, pertuis, is_published=False)


@pytest.fixture
def popup_over(pertuis) -> Place:
    """A pop-up place that closed on 31 August 2026."""
    return _place(
        "Éphémère de l'été", 5.5200, pertuis, typology=Typology.POPUP,
        popup_start=date(2026, 7, 1), popup_end=date(2026, 8, 31), opening_hours="Mo-Su 09:00-18:00",
    )  # fmt: skip


@pytest.fixture
def popup_running(pertuis) -> Place:
    """A pop-up place open from 1 November 2026 to 31 January 2027."""
    return _place(
        "Éphémère de l'hiver", 5.5300, pertuis, typology=Typology.POPUP,
        popup_start=date(2026, 11, 1), popup_end=date(2027, 1, 31), opening_hours="Mo-Sa 09:00-18:00",
    )  # fmt: skip


@pytest.fixture
def luberon(network: Network, place: Place, ten_km: Place) -> Network:
    ten_km.networks.add(network)
    return network
