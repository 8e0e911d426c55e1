"""Loading communes: a small generated file through the real code path, then all of France."""

import csv
import gzip
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from coopconnect.territory.models import Commune, CommuneWordKey, Department, Epci, Region
from coopconnect.territory.selectors import commune_search, resolve_commune
from coopconnect.territory.services import CommuneFileError, communes_load

HEADER = [
    "insee",
    "name",
    "dep",
    "region",
    "epci",
    "population",
    "postcodes",
    "lat",
    "lon",
    "elevation",
    "approx",
]
PERTUIS = ["84089", "Pertuis", "84", "93", "200054807", "19548", "84120", "43.69415", "5.50291", "220", "0"]
GAP = ["05061", "Gap", "05", "93", "200067452", "40935", "05000 05010", "44.55858", "6.07868", "750", "0"]
VILLE = ["84038", "Cucuron", "84", "93", "", "1800", "84160", "43.77", "5.44", "", "1"]


def _write(folder: Path, communes: list[list[str]], epci: list[list[str]] | None = None) -> Path:
    def plain(name: str, header: list[str], rows: list[list[str]]) -> None:
        with (folder / name).open("w", encoding="utf-8", newline="") as fh:
            csv.writer(fh).writerows([header, *rows])

    plain("regions.csv", ["code", "name"], [["93", "Provence-Alpes-Côte d'Azur"]])
    plain(
        "departments.csv",
        ["code", "name", "region"],
        [["05", "Hautes-Alpes", "93"], ["84", "Vaucluse", "93"]],
    )
    plain(
        "epci.csv",
        ["code", "name"],
        epci
        or [["200054807", "Métropole d'Aix-Marseille-Provence"], ["200067452", "CA Gap-Tallard-Durance"]],
    )
    path = folder / "communes.csv.gz"
    with gzip.open(path, "wt", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([HEADER, *communes])
    return path


def test_load_small_file(tmp_path, db):
    report = communes_load(path=_write(tmp_path, [PERTUIS, GAP, VILLE]))
    assert (report.communes_created, report.communes_updated, report.approximate) == (3, 0, 1)
    assert (report.regions, report.departments, report.epcis, report.not_in_file) == (1, 2, 2, 0)
    gap = Commune.objects.get(insee="05061")
    assert gap.search_name == "gap"
    assert gap.department.name == "Hautes-Alpes"
    assert gap.region_id == "93"
    assert gap.epci.name == "CA Gap-Tallard-Durance"
    assert gap.postcodes == "05000 05010"
    assert (gap.latitude, gap.longitude, gap.elevation, gap.coords_approximate) == (
        44.55858,
        6.07868,
        750,
        False,
    )
    cucuron = Commune.objects.get(insee="84038")
    assert (cucuron.epci, cucuron.elevation, cucuron.coords_approximate) == (None, None, True)
    assert commune_search("05010") == [gap]


def test_reload_updates_in_place_and_keeps_communes_gone_from_the_file(tmp_path, db):
    communes_load(path=_write(tmp_path, [PERTUIS, GAP, VILLE]))
    renamed = [*PERTUIS[:1], "Pertuis-la-Neuve", *PERTUIS[2:5], "20000", *PERTUIS[6:]]
    report = communes_load(path=_write(tmp_path, [renamed, GAP]))
    assert (report.communes_created, report.communes_updated, report.not_in_file) == (0, 2, 1)
    pertuis = Commune.objects.get(insee="84089")
    assert (pertuis.name, pertuis.search_name, pertuis.population) == (
        "Pertuis-la-Neuve",
        "pertuis la neuve",
        20000,
    )
    assert Commune.objects.count() == 3
    assert Region.objects.count() == 1 and Department.objects.count() == 2 and Epci.objects.count() == 2


def keys_of(insee: str) -> list[str]:
    return sorted(CommuneWordKey.objects.filter(commune_id=insee).values_list("key", flat=True))


def test_word_keys_follow_loads_and_renames(tmp_path, db):
    communes_load(path=_write(tmp_path, [PERTUIS, GAP, VILLE]))
    assert keys_of("84089") == ["pertuis"]
    assert commune_search("neuve") == []
    renamed = [*PERTUIS[:1], "Pertuis-la-Neuve", *PERTUIS[2:]]
    communes_load(path=_write(tmp_path, [renamed, GAP, VILLE]))
    # A renamed commune gets the keys of its new name (one per word start); the others keep theirs.
    assert keys_of("84089") == ["la neuve", "neuve", "pertuis la neuve"]
    assert keys_of("05061") == ["gap"]
    assert CommuneWordKey.objects.count() == 3 + 1 + 1
    assert [c.insee for c in commune_search("neuve")] == ["84089"]
    assert [c.insee for c in commune_search("la neu")] == ["84089"]


def test_bad_row_loads_nothing(tmp_path, db):
    bad = [*GAP[:7], "pas-un-nombre", *GAP[8:]]
    with pytest.raises(CommuneFileError, match="Ligne 3 invalide"):
        communes_load(path=_write(tmp_path, [PERTUIS, bad]))
    assert not Commune.objects.exists() and not Region.objects.exists()


def test_unknown_epci_loads_nothing(tmp_path, db):
    with pytest.raises(CommuneFileError, match="Commune 84089 : EPCI inconnu 200054807"):
        communes_load(path=_write(tmp_path, [PERTUIS], epci=[["200067452", "CA Gap-Tallard-Durance"]]))
    assert not Region.objects.exists()


def test_command_reports_and_fails_cleanly(tmp_path, db):
    out = StringIO()
    call_command("load_communes", str(_write(tmp_path, [PERTUIS, GAP])), stdout=out)
    assert "2 communes (2 créées, 0 mises à jour, 0 à position approximative)" in out.getvalue()
    with pytest.raises(CommandError, match="Fichier introuvable"):
        call_command("load_communes", str(tmp_path / "absent.csv.gz"))


def test_load_all_of_france(db):
    report = communes_load()
    # 34,969 current communes in the 2026 COG (arrondissements municipaux excluded).
    assert report.communes_created == Commune.objects.count() == 34969
    assert Commune.objects.get(insee="84089").population > 15000
    assert Commune.objects.filter(region_id="93").count() == 946
    assert commune_search("st remy")[0].name == "Saint-Rémy-de-Provence"
    assert resolve_commune("Pertuis")[0].insee == "84089"
    assert resolve_commune("coeuvres et valsery")[0].name == "Cœuvres-et-Valsery"
    marseille = resolve_commune("Marseille")[0]
    assert marseille.insee == "13055" and not marseille.coords_approximate
    assert marseille.latitude == pytest.approx(43.297, abs=0.05)
    # Every commune has a point: its town hall, else GeoNames' inside its boundary; the 1,391 left
    # (no source inside the boundary) have the centre of their outline, flagged approximate.
    assert Commune.objects.filter(coords_approximate=True).count() == 1391
    # The postcode table: every commune of a postcode, most populous first.
    assert report.postcodes >= 35311
    served, suggestions = resolve_commune("84120")
    assert served is None and suggestions[0].name == "Pertuis"
    assert {c.name for c in suggestions} >= {
        "Pertuis",
        "Beaumont-de-Pertuis",
        "Mirabeau",
        "La Bastidonne",
        "Saint-Trinit",
    }
    assert commune_search("13100")[0].name == "Aix-en-Provence"
    assert resolve_commune("05000")[1][0].name == "Gap"
    again = communes_load()
    assert (again.communes_created, again.communes_updated) == (0, 34969)
