"""A small Luberon for the tool-to-convince tests: real coordinates, rounded populations.

Imported by the test modules (``from .convince_fixtures import *``) rather than a conftest, so
that the other territory tests keep their own fixtures.
"""

import pytest

from coopconnect.places.models import Place, Typology
from coopconnect.territory.models import Commune, Department, Epci, Region

# insee, name, dep, population, lat, lon, elevation
LUBERON = [
    ("84133", "La Tour-d'Aigues", "84", 4300, 43.7264, 5.5500, 250),
    ("84147", "Villelaure", "84", 3400, 43.7103, 5.4322, 200),
    ("84026", "Cadenet", "84", 4200, 43.7347, 5.3753, 170),
    ("84068", "Lourmarin", "84", 1000, 43.7639, 5.3625, 224),
    ("84003", "Apt", "84", 11500, 43.8764, 5.3964, 250),
    ("84035", "Cavaillon", "84", 26000, 43.8375, 5.0381, 75),
    ("84123", "Sault", "84", 1400, 44.0906, 5.4086, 765),
    ("13001", "Aix-en-Provence", "13", 147000, 43.5297, 5.4474, 173),
    ("13055", "Marseille", "13", 870000, 43.2965, 5.3698, 12),
    ("04112", "Manosque", "04", 22000, 43.8342, 5.7839, 387),
    ("04088", "Forcalquier", "04", 5000, 43.9597, 5.7803, 550),
]
LUBERON_EPCI = "200000001"


@pytest.fixture
def luberon(pertuis: Commune, vaucluse: Department, paca: Region) -> dict[str, Commune]:
    """Pertuis (84089) plus eleven communes around it, in three departments and one test EPCI."""
    deps = {
        "84": vaucluse,
        "13": Department.objects.create(code="13", name="Bouches-du-Rhône", region=paca),
        "04": Department.objects.create(code="04", name="Alpes-de-Haute-Provence", region=paca),
    }
    epci = Epci.objects.create(code=LUBERON_EPCI, name="CC de test du Sud Luberon")
    communes = {"84089": pertuis}
    Commune.objects.filter(pk=pertuis.pk).update(epci=epci)
    for insee, name, dep, pop, lat, lon, elev in LUBERON:
        communes[insee] = Commune.objects.create(
            insee=insee,
            name=name,
            search_name=name.lower().replace("-", " ").replace("'", " "),
            department=deps[dep],
            region=paca,
            population=pop,
            latitude=lat,
            longitude=lon,
            elevation=elev,
            epci=epci if dep == "84" and insee in ("84133", "84147", "84026") else None,
        )
    return communes


def make_place(name: str, commune: Commune, *, published: bool = True) -> Place:
    """Create a published place at the commune's reference point."""
    return Place.objects.create(
        name=name,
        slug=name.lower().replace(" ", "-").replace("'", ""),
        typology=Typology.COWORKING,
        commune=commune,
        latitude=commune.latitude,
        longitude=commune.longitude,
        is_published=published,
    )
