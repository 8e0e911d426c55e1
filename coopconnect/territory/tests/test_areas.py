"""Territories typed by name or code, resolved once for every tool."""

import pytest

from coopconnect.core.text import search_key
from coopconnect.territory.areas import resolve_area
from coopconnect.territory.models import Department, Epci, Region

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def areas(db):
    paca = Region.objects.create(code="93", name="Provence-Alpes-Côte d'Azur")
    Region.objects.create(code="84", name="Auvergne-Rhône-Alpes")
    reunion = Region.objects.create(code="04", name="La Réunion")
    Department.objects.create(code="84", name="Vaucluse", region=paca)
    Department.objects.create(code="13", name="Bouches-du-Rhône", region=paca)
    Department.objects.create(code="974", name="La Réunion", region=reunion)
    Epci.objects.create(code="248400251", name="CA Luberon Monts de Vaucluse")
    Epci.objects.create(code="200040699", name="CC Territoriale Sud-Luberon")
    assert search_key("Côte d'Azur") == "cote d azur"


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("Vaucluse", "dep:84"),
        ("vaucluse ", "dep:84"),
        ("84", "dep:84"),  # a bare code is a department first (region 84 is reg:84)
        ("reg:84", "reg:84"),
        ("dep:84", "dep:84"),
        ("Provence-Alpes-Côte d'Azur", "reg:93"),
        ("provence alpes cote d azur", "reg:93"),
        ("bouches du rhone", "dep:13"),
        ("CA Luberon Monts de Vaucluse", "epci:248400251"),
        ("sud luberon", "epci:200040699"),
        ("200040699", "epci:200040699"),
        ("974", "dep:974"),
        ("France", "fr"),
        ("fr", "fr"),
    ],
)
def test_names_and_codes_resolve(typed, key):
    found = resolve_area(typed)
    assert found.area is not None and found.area.key == key


def test_ambiguous_names_offer_a_choice_and_unknown_is_nothing():
    # "La Réunion" is a region and a department.
    both = resolve_area("La Réunion")
    assert both.area is None and {a.key for a in both.choices} == {"reg:04", "dep:974"}
    # "Luberon" is in the names of two EPCI.
    luberon = resolve_area("Luberon")
    assert luberon.area is None and {a.key for a in luberon.choices} == {"epci:248400251", "epci:200040699"}
    for typed in ("Atlantide", "dep:99", "99", ""):
        assert resolve_area(typed) == resolve_area(typed).__class__(None)
