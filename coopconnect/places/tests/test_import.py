"""Importing places: the real 2019 census, re-imports, broken files (nothing written), GeoJSON, CLI."""

import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from coopconnect.places.importing.files import import_file, places_import
from coopconnect.places.importing.mapping import CENSUS_FILE, CENSUS_SOURCE
from coopconnect.places.importing.readers import read_csv
from coopconnect.places.importing.report import ImportFileError
from coopconnect.places.models import Place, Typology
from coopconnect.territory.models import Commune

pytestmark = pytest.mark.django_db

CENSUS_ROWS = 1512


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


class TestCensus:
    def test_whole_census_imports_then_reimport_changes_nothing(self, pertuis) -> None:
        report = import_file(CENSUS_FILE)
        assert report.errors == []
        assert (report.created, report.updated, report.unchanged) == (CENSUS_ROWS, 0, 0)
        assert Place.objects.filter(source=CENSUS_SOURCE).count() == CENSUS_ROWS

        again = import_file(CENSUS_FILE)
        assert (again.created, again.updated, again.unchanged) == (0, 0, CENSUS_ROWS)
        assert Place.objects.count() == CENSUS_ROWS

    def test_census_fields_and_quirks(self, pertuis) -> None:
        import_file(CENSUS_FILE)
        etable = Place.objects.get(source=CENSUS_SOURCE, source_id="411")
        assert etable.name == "L'Etable Cowork Pertuis"
        assert etable.typology == Typology.COWORKING
        assert etable.commune == pertuis  # INSEECOM 84089 is in the Commune table
        assert etable.postcode == "84120"
        assert etable.website == "http://etable-cowork.fr/"
        assert etable.slug == "letable-cowork-pertuis"
        # "www.ade-coworking.net" gets a scheme; CP "0" means unknown; TYPO empty -> other.
        assert Place.objects.get(source_id="1").website == "https://www.ade-coworking.net"
        assert Place.objects.get(source_id="26").postcode == ""
        assert Place.objects.filter(source=CENSUS_SOURCE, typology=Typology.OTHER).count() == 49
        assert Place.objects.filter(source=CENSUS_SOURCE, typology=Typology.FABLAB).count() == 345
        # Non-breaking spaces around names are trimmed.
        assert not Place.objects.filter(name__endswith="\xa0").exists()
        # Unknown communes stay unlinked rather than failing the import.
        assert Place.objects.filter(commune__isnull=True).count() == CENSUS_ROWS - 1

    def test_commune_found_by_name_when_census_code_is_zero(self, paca) -> None:
        from coopconnect.territory.models import Department

        alpes = Department.objects.create(code="04", name="Alpes-de-Haute-Provence", region=paca)
        manosque = Commune.objects.create(
            insee="04112",
            name="Manosque",
            search_name="manosque",
            department=alpes,
            region=paca,
            latitude=43.83,
            longitude=5.78,
        )
        import_file(CENSUS_FILE)
        # Row ID 402 has INSEECOM "0", NOMCOM "Manosque", INSEEDEP "04".
        assert Place.objects.get(source_id="402").commune == manosque

    def test_reimport_updates_changed_rows(self, tmp_path: Path) -> None:
        lines = CENSUS_FILE.read_text(encoding="utf-8").splitlines()
        small = write(tmp_path, "census.csv", "\n".join(lines[:4]) + "\n")
        import_file(small)
        slug = Place.objects.get(source_id="2").slug
        changed = write(
            tmp_path,
            "census.csv",
            "\n".join([lines[0], lines[1], lines[2].replace("Anticafé", "Anticafé Paris"), lines[3]]),
        )
        report = import_file(changed)
        assert (report.created, report.updated, report.unchanged) == (0, 1, 2)
        place = Place.objects.get(source_id="2")
        assert (place.name, place.slug) == ("Anticafé Paris", slug)


BROKEN = """id,nom,lat,lon,type,horaires
a1,Le Relais,44.33,5.82,coworking,Mo-Fr 08:30-12:00
a2,,44.1,5.1,coworking,
a3,"La Grange
du village",44.2,5.2,fablab,24/7
a4,Le Moulin,quarante,5.3,coworking,
a5,La Forge,44.5,5.5,yourte,
a6,L'Atelier,44.6,5.6,coworking,lundi 9h-12h
a1,Le Relais bis,44.7,5.7,coworking,
"""
MAPPING = {
    "fields": {
        "source_id": "id",
        "name": "nom",
        "latitude": "lat",
        "longitude": "lon",
        "typology": "type",
        "opening_hours": "horaires",
    }
}


class TestBrokenFiles:
    def test_nothing_written_and_every_rejected_row_reported(self, tmp_path: Path) -> None:
        path = write(tmp_path, "lieux.csv", BROKEN)
        report = import_file(path, mapping=MAPPING, source="test")
        assert Place.objects.count() == 0
        # Line numbers are file lines: the quoted name of a3 spans lines 4-5, so a4 is on line 6.
        assert [line for line, _reason in report.errors] == [3, 6, 7, 8, 9]
        reasons = dict(report.errors)
        assert reasons[3] == "nom manquant"
        assert reasons[6] == "latitude invalide : « quarante »"
        assert reasons[7].startswith("typologie inconnue : « yourte » (attendu : telecentre, coworking,")
        assert reasons[8].startswith("Horaires invalides : « lundi 9h-12h »")
        assert reasons[9] == "identifiant « a1 » en double (déjà vu ligne 2)"

    def test_bad_coordinates_and_popup(self, tmp_path: Path) -> None:
        text = (
            "id,nom,lat,lon,type\nb1,Loin,95,5,coworking\nb2,Nulle part,0,0,coworking\nb3,Fête,44,5,popup\n"
        )
        report = import_file(write(tmp_path, "x.csv", text), mapping=MAPPING, source="test")
        reasons = dict(report.errors)
        assert reasons[2] == "Coordonnée invalide : latitude doit être comprise entre -90 et 90."
        assert reasons[3] == "Coordonnées manquantes (0, 0)."
        assert (
            reasons[4]
            == "Un tiers-lieu éphémère a une date de début. ; Un tiers-lieu éphémère a une date de fin."
        )
        assert Place.objects.count() == 0

    def test_wrong_column_count(self, tmp_path: Path) -> None:
        text = "id,nom,lat,lon,type\nc1,Ok,44,5,coworking\nc2,Trop,44,5,coworking,en trop\n"
        report = import_file(write(tmp_path, "x.csv", text), mapping=MAPPING, source="test")
        assert report.errors == [(3, "6 colonnes au lieu de 5.")]

    def test_fixed_file_then_imports(self, tmp_path: Path) -> None:
        fixed = "\n".join(line for n, line in enumerate(BROKEN.splitlines(), 1) if n not in (3, 6, 7, 8, 9))
        report = import_file(write(tmp_path, "lieux.csv", fixed), mapping=MAPPING, source="test")
        assert report.errors == []
        assert report.created == 2
        grange = Place.objects.get(source="test", source_id="a3")
        assert (grange.name, grange.typology, grange.opening_hours) == (
            "La Grange\ndu village",
            "fablab",
            "24/7",
        )

    def test_unknown_columns_without_mapping(self, tmp_path: Path) -> None:
        with pytest.raises(ImportFileError, match="Colonnes non reconnues"):
            import_file(write(tmp_path, "x.csv", "a;b;c\n1;2;3\n"))

    def test_mapping_with_unknown_target(self, tmp_path: Path) -> None:
        with pytest.raises(ImportFileError, match="Champs inconnus dans la correspondance : couleur"):
            import_file(write(tmp_path, "x.csv", "nom\nA\n"), mapping={"couleur": "nom"})


class TestGenericCsv:
    def test_semicolon_csv_with_own_column_names_and_no_ids(self, tmp_path: Path) -> None:
        text = (
            "name;latitude;longitude;typology;services;wifi_mbps\n"
            "Le Relais;44,33;5,82;Télécentre;wifi,copier;100\n"
        )
        path = write(tmp_path, "reseau.csv", text)
        report = import_file(path, source="reseau")
        assert report.errors == []
        place = Place.objects.get(source="reseau")
        assert (place.latitude, place.typology, place.wifi_mbps) == (44.33, Typology.TELECENTRE, 100)
        assert sorted(place.services.values_list("code", flat=True)) == ["copier", "wifi"]
        # No id column: the name and postcode identify the row, so the second import updates nothing.
        again = import_file(path, source="reseau")
        assert (again.created, again.unchanged) == (0, 1)

    def test_dry_run_writes_nothing(self, tmp_path: Path) -> None:
        report = import_file(CENSUS_FILE, dry_run=True)
        assert report.created == CENSUS_ROWS
        assert Place.objects.count() == 0


GEOJSON = {
    "type": "FeatureCollection",
    "features": [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [6.0786, 44.5594]},
            "properties": {
                "ref": "gap-1",
                "nom": "La Locomotive",
                "genre": "Coworking",
                "horaires": "Mo-Fr 09:00-18:00",
                "bouquet": "wifi|kitchen",
            },
        },
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [5.8197, 44.3326]},
            "properties": {"ref": "lar-1", "nom": "Relais de Laragne", "genre": "RSP"},
        },
    ],
}
GEO_MAPPING = {
    "fields": {
        "source_id": "ref",
        "name": "nom",
        "typology": "genre",
        "opening_hours": "horaires",
        "services": "bouquet",
    },
    "typology_values": {"Coworking": "coworking", "RSP": "public_services"},
}


class TestGeoJson:
    def test_points_with_mapping(self, tmp_path: Path) -> None:
        path = write(tmp_path, "lieux.geojson", json.dumps(GEOJSON))
        report = import_file(path, mapping=GEO_MAPPING, source="alpes")
        assert report.errors == []
        assert report.created == 2
        loco = Place.objects.get(source="alpes", source_id="gap-1")
        assert (loco.latitude, loco.longitude) == (44.5594, 6.0786)
        assert loco.typology == Typology.COWORKING
        assert sorted(loco.services.values_list("code", flat=True)) == ["kitchen", "wifi"]
        assert Place.objects.get(source_id="lar-1").typology == Typology.PUBLIC_SERVICES

    def test_bad_feature_numbers_and_nothing_written(self, tmp_path: Path) -> None:
        doc = json.loads(json.dumps(GEOJSON))
        doc["features"][1]["geometry"] = {"type": "LineString", "coordinates": [[5, 44], [6, 45]]}
        doc["features"][0]["properties"]["bouquet"] = "wifi|sauna"
        report = import_file(
            write(tmp_path, "x.geojson", json.dumps(doc)), mapping=GEO_MAPPING, source="alpes"
        )
        assert report.unit == "entité"
        assert report.errors == [(1, "service inconnu : sauna"), (2, "géométrie de type Point attendue.")]
        assert Place.objects.count() == 0

    def test_not_geojson(self, tmp_path: Path) -> None:
        with pytest.raises(ImportFileError, match="GeoJSON illisible"):
            import_file(write(tmp_path, "x.geojson", "{pas du json"))


class TestService:
    def test_places_import_takes_any_rows(self) -> None:
        _header, rows = read_csv("nom,lat,lon\nA,44,5\n")
        report = places_import(
            rows_source=rows,
            mapping={"fields": {"name": "nom", "latitude": "lat", "longitude": "lon"}},
            source="s",
        )
        assert (report.ok, report.created) == (True, 1)

    def test_empty_file_is_an_error(self) -> None:
        report = places_import(rows_source=iter(()), mapping={"fields": {}}, source="s")
        assert report.errors == [(0, "aucune ligne à importer")]


class TestCommand:
    def test_success(self, capsys) -> None:
        call_command("import_places", str(CENSUS_FILE))
        out = capsys.readouterr().out
        assert "source cget-2019 : 1512 créé(s), 0 mis à jour, 0 inchangé(s)" in out

    def test_errors_exit_non_zero_and_list_lines(self, tmp_path: Path, capsys) -> None:
        path = write(tmp_path, "lieux.csv", BROKEN)
        mapping = write(tmp_path, "mapping.json", json.dumps(MAPPING))
        with pytest.raises(
            CommandError, match="Import annulé : 5 ligne\\(s\\) rejetée\\(s\\), rien n'a été enregistré."
        ):
            call_command("import_places", str(path), "--mapping", str(mapping), "--source", "test")
        err = capsys.readouterr().err
        assert "Rejet, ligne 3 : nom manquant" in err
        assert Place.objects.count() == 0

    def test_missing_file(self) -> None:
        with pytest.raises(CommandError, match="Fichier introuvable"):
            call_command("import_places", "/nulle/part.csv")

    def test_exit_code_is_one(self, tmp_path: Path) -> None:
        # run_from_argv turns CommandError into exit status 1, which is what a shell or CI sees.
        from django.core.management import ManagementUtility

        path = write(tmp_path, "x.csv", "a;b\n1;2\n")
        with pytest.raises(SystemExit) as exc:
            ManagementUtility(["manage.py", "import_places", "--skip-checks", str(path)]).execute()
        assert exc.value.code == 1
