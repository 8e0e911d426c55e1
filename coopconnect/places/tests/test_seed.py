"""seed_demo: census + the study's reference places + demo accounts, built on the services, idempotent."""

import sys
import types
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.management import CommandError, call_command

from coopconnect.accounts.models import User
from coopconnect.core import seed
from coopconnect.places import seed as places_seed  # noqa: F401  (registers the communes step)
from coopconnect.places.hours import describe, is_open_at, is_open_on
from coopconnect.places.models import AccessMode, Network, Place, Resource, ResourceKind, Typology
from coopconnect.territory.models import Commune, Department, Region

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")
REF = "etude-2012"


def ref_place(key: str) -> Place:
    return Place.objects.get(source=REF, source_id=key)


def counts() -> dict[str, int]:
    return {
        "places": Place.objects.count(),
        "published": Place.objects.filter(is_published=True).count(),
        "resources": Resource.objects.count(),
        "networks": Network.objects.count(),
        "users": User.objects.count(),
        "services": Place.services.through.objects.count(),
        "place_networks": Place.networks.through.objects.count(),
        "hosts": Place.hosts.through.objects.count(),
    }


@pytest.fixture(autouse=True)
def fast_hasher(settings):
    # Seven demo passwords with the production hasher cost seconds per test.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def seeded():
    call_command("seed_demo", "--skip", "communes")


def test_seed_runs_and_is_idempotent(seeded) -> None:
    first = counts()
    # 1,512 census rows + 9 reference places + the events step's demo pop-up place (near Pertuis);
    # 4 census rows describe reference places and are hidden.
    assert first["places"] == 1512 + 9 + 1
    assert first["published"] == 1512 + 9 + 1 - 4
    call_command("seed_demo", "--skip", "communes")
    assert counts() == first


def test_reference_places_as_the_study_describes_them(seeded) -> None:
    boitron = ref_place("boitron")
    assert boitron.access_mode == AccessMode.BADGE_24_7
    assert boitron.networks.get().name == "Nom@des100"
    room = boitron.resources.get(name="Salle principale")
    # 12 coworking / 18 meeting / 50 conference: capacity is the largest layout.
    assert (room.layouts, room.capacity) == ({"coworking": 12, "reunion": 18, "conference": 50}, 50)
    assert describe(boitron.opening_hours) == ["Ouvert 24 h/24, 7 j/7"]

    murat = ref_place("murat")
    assert murat.access_mode == AccessMode.BADGE_24_7
    assert murat.resources.filter(kind=ResourceKind.OFFICE, capacity=1).count() == 10  # 4 + 6 bureaux
    assert set(murat.services.values_list("code", flat=True)) >= {"phone_booth", "video", "public_transport"}

    auch = ref_place("auch")
    assert auch.networks.get().name == "Réseau Soho-Solo Gers"
    assert sorted(
        auch.resources.filter(kind=ResourceKind.MEETING_ROOM).values_list("capacity", flat=True)
    ) == [15, 25]
    # Offices for 8 people, coworking 3 then 6 more.
    assert sum(auch.resources.filter(kind=ResourceKind.OFFICE).values_list("capacity", flat=True)) == 8
    assert sum(auch.resources.filter(kind=ResourceKind.SEAT).values_list("capacity", flat=True)) == 9
    assert not auch.services.filter(code="domiciliation").exists()
    assert ref_place("nogaro").networks.get() == auch.networks.get()

    laragne = ref_place("laragne")
    assert laragne.typology == Typology.PUBLIC_SERVICES
    assert laragne.wifi_mbps == 18
    assert describe(laragne.opening_hours) == [
        "Lundi au vendredi : 8 h 00 – 12 h 00, 12 h 30 – 16 h 30",
        "Fermé les jours fériés",
    ]
    # Tuesday 14 July 2026 is a public holiday; Wednesday 15 at 12:45 it is open (12:30-16:30).
    assert is_open_on(laragne.opening_hours, date(2026, 7, 14)) is False
    assert is_open_at(laragne.opening_hours, datetime(2026, 7, 15, 12, 45, tzinfo=PARIS)) is True
    assert laragne.resources.get(name="Salle de réunion visio").capacity == 20

    reichstett = ref_place("reichstett")
    assert reichstett.resources.get(name="Open space modulable").capacity == 30
    assert Place.objects.get(source="cget-2019", source_id="931").is_published is False

    gap = ref_place("gap")
    assert (gap.slug, gap.opening_hours) == ("la-locomotive-gap", "")
    assert ref_place("pertuis").typology == Typology.BUSINESS_CENTRE
    assert ref_place("pomerol").resources.count() == 2


def test_demo_accounts(seeded) -> None:
    admin = User.objects.get(email="admin@coop-connect.fr")
    assert admin.is_superuser and admin.check_password("coop-connect-demo")
    coordinator = User.objects.get(email="coordination@coop-connect.fr")
    assert coordinator.is_staff and not coordinator.is_superuser
    assert coordinator.has_perm("places.change_place")
    assert list(coordinator.coordinated_networks.values_list("slug", flat=True)) == ["coop-connect-paca"]
    host = User.objects.get(email="hote.pertuis@coop-connect.fr")
    # Bâticom, and the pop-up place the events step opens near Pertuis for the Forum des usages.
    assert sorted(host.hosted_places.values_list("name", flat=True)) == [
        "Bâticom Pertuis",
        "Tiers-lieu éphémère du Forum des usages — Pertuis",
    ]
    member = User.objects.get(email="membre@coop-connect.fr")
    assert member.check_password("coop-connect-demo") and member.email_verified


def test_reference_places_use_the_commune_point_when_communes_are_loaded() -> None:
    paca = Region.objects.create(code="93", name="Provence-Alpes-Côte d'Azur")
    hautes_alpes = Department.objects.create(code="05", name="Hautes-Alpes", region=paca)
    laragne = Commune.objects.create(
        insee="05070",
        name="Laragne-Montéglin",
        search_name="laragne monteglin",
        department=hautes_alpes,
        region=paca,
        latitude=44.3161,
        longitude=5.8215,
    )
    gap = Commune.objects.create(
        insee="05061",
        name="Gap",
        search_name="gap",
        department=hautes_alpes,
        region=paca,
        latitude=44.5594,
        longitude=6.0786,
    )
    call_command("seed_demo", "--only", "reference_places")
    place = ref_place("laragne")
    assert (place.commune, place.latitude, place.longitude) == (laragne, 44.3161, 5.8215)
    # La Locomotive keeps its own address point (from the census), but is linked to Gap.
    locomotive = ref_place("gap")
    assert (locomotive.commune, locomotive.latitude) == (gap, 44.559083)
    assert ref_place("murat").commune is None


def test_communes_step_calls_the_territory_service(monkeypatch) -> None:
    calls = []
    fake = types.ModuleType("coopconnect.territory.services")
    fake.communes_load = lambda: calls.append("load")  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "coopconnect.territory.services", fake)
    seed.run(seed.SeedContext(), only=["communes"])
    assert calls == ["load"]


def test_communes_step_without_the_service_says_so(monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "coopconnect.territory.services", types.ModuleType("x"))
    lines: list[str] = []
    ctx = seed.SeedContext(out=types.SimpleNamespace(write=lines.append))  # type: ignore[arg-type]
    seed.run(ctx, only=["communes"])
    assert "communes_load() est introuvable" in "".join(lines)


def test_other_apps_register_steps() -> None:
    ran = []
    seed.register("test_step", order=99)(lambda ctx: ran.append(ctx.results.get("places")))
    try:
        call_command("seed_demo", "--only", "reference_places", "--only", "test_step")
        assert ran and "laragne" in ran[0]
    finally:
        del seed.STEPS["test_step"]


def test_unknown_step_is_a_command_error() -> None:
    with pytest.raises(CommandError, match="Étape\\(s\\) inconnue\\(s\\) : nope"):
        call_command("seed_demo", "--only", "nope")
