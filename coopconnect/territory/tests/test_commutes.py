"""Importing MOBPRO home -> work flows (a small file in the INSEE format) and the demand they give."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from coopconnect.core.text import search_key
from coopconnect.territory import demand
from coopconnect.territory.models import Commune, CommuteFlow, CommuteImport, Department, Region
from coopconnect.territory.services.commutes import CommuteFileError, commutes_import

pytestmark = pytest.mark.django_db

HEADER = "COMMUNE;ARM;DCLT;ILT;IPONDI;TRANS;SEXE"
ROWS = [
    "84089;ZZZZZ;13001;3;2.5;5;1",  # Pertuis -> Aix by car: about 23 min, not long
    "84089;ZZZZZ;05061;3;1.2;5;2",  # Pertuis -> Gap by car: far
    "84089;ZZZZZ;05061;3;0.8;6;1",  # Pertuis -> Gap by coach: far, not by car
    "84089;ZZZZZ;99999;5;1.0;5;1",  # abroad (no commune here)
    "84003;ZZZZZ;84035;3;3.0;5;2",  # Apt -> Cavaillon by car: about 31 min
    "84003;ZZZZZ;84035;3;0.5;5;1",  # same pair again: summed
    "12345;ZZZZZ;84089;3;4.0;5;1",  # home commune unknown here: skipped
]
POINTS = {
    "84089": ("Pertuis", 43.6914, 5.50156, 19548),
    "13001": ("Aix-en-Provence", 43.52994, 5.44765, 149695),
    "05061": ("Gap", 44.55877, 6.07980, 40935),
    "84003": ("Apt", 43.87597, 5.39458, 11800),
    "84035": ("Cavaillon", 43.83567, 5.03799, 26500),
}


@pytest.fixture(autouse=True)
def communes(db):
    paca = Region.objects.create(code="93", name="PACA")
    deps = {c: Department.objects.create(code=c, name=c, region=paca) for c in ("84", "13", "05")}
    for insee, (name, lat, lon, population) in POINTS.items():
        Commune.objects.create(
            insee=insee,
            name=name,
            search_name=search_key(name),
            department=deps[insee[:2]],
            region=paca,
            latitude=lat,
            longitude=lon,
            population=population,
        )
    demand.clear_cache()
    yield
    demand.clear_cache()


def _file(
    tmp_path: Path, lines: list[str], encoding: str = "utf-8", name: str = "FD_MOBPRO_2022.csv"
) -> Path:
    path = tmp_path / name
    path.write_bytes(("\n".join(lines) + "\n").encode(encoding))
    return path


def test_import_sums_pairs_and_reports(tmp_path):
    report = commutes_import(path=_file(tmp_path, [HEADER, *ROWS]))
    assert report.rows == 7 and report.unknown_homes == 1 and report.unknown_home_codes == ["12345"]
    # Pairs: Pertuis->Aix, Pertuis->Gap (car 1.2 of 2.0), Pertuis->abroad, Apt->Cavaillon (3.0 + 0.5).
    assert report.flows == 4
    assert report.workers == pytest.approx(2.5 + 2.0 + 1.0 + 3.5)
    assert report.abroad == pytest.approx(1.0)
    gap = CommuteFlow.objects.get(home_id="84089", work_id="05061")
    assert (gap.workers, gap.by_car) == pytest.approx((2.0, 1.2))
    assert CommuteFlow.objects.get(home_id="84003").workers == pytest.approx(3.5)


def test_long_commuters_potential_users_and_parameters(tmp_path):
    # Without a file: population, and the source says so.
    assert demand.source() == "population"
    assert demand.long_commuters(insee_codes=["84089"]) == {"84089": 19548.0}
    assert demand.weekly_seat_days(insee_codes=["84089"]) == {"84089": 19548.0}
    commutes_import(path=_file(tmp_path, [HEADER, *ROWS]))
    assert demand.source() == "mobpro"
    long = demand.long_commuters()
    # Pertuis: only the 1.2 driving to Gap (Aix is 23 min away; the coach and abroad do not count).
    # Apt: 3.5 driving to Cavaillon, about 31 min > 30.
    assert long["84089"] == pytest.approx(1.2) and long["84003"] == pytest.approx(3.5)
    assert demand.long_commuters(insee_codes=["84089", "13001"]) == {
        "84089": pytest.approx(1.2),
        "13001": 0.0,
    }
    every_mode = demand.DemandParameters(car_only=False)
    assert demand.long_commuters(params=every_mode)["84089"] == pytest.approx(2.0)
    # Beyond 35 minutes Apt -> Cavaillon no longer counts.
    assert demand.long_commuters(params=demand.DemandParameters(min_minutes=35))["84003"] == 0.0
    # Potential users: x 0.5 teleworkable; seat-days a week: x 2 days.
    assert demand.potential_users()["84003"] == pytest.approx(1.75)
    assert demand.weekly_seat_days()["84003"] == pytest.approx(3.5)
    custom = demand.DemandParameters(teleworkable_share=0.4, days_per_week=1)
    assert demand.weekly_seat_days(params=custom)["84003"] == pytest.approx(3.5 * 0.4)
    assert set(demand.SOURCES) >= {"min_minutes", "teleworkable_share", "days_per_week", "flows"}
    with pytest.raises(ValueError):
        demand.DemandParameters(teleworkable_share=1.5)


def test_missing_columns_are_refused(tmp_path):
    with pytest.raises(CommuteFileError, match="Colonnes manquantes : IPONDI"):
        commutes_import(path=_file(tmp_path, ["COMMUNE;DCLT;TRANS", "84089;13001;5"]))
    # A comma-separated file lacks every column but the first.
    with pytest.raises(CommuteFileError, match="séparateur"):
        commutes_import(path=_file(tmp_path, ["COMMUNE,DCLT,IPONDI,TRANS", "84089,13001,1.0,5"]))
    assert not CommuteImport.objects.exists()


def test_foreign_encoding_is_refused(tmp_path):
    lines = [HEADER + ";LIBELLE", "84089;ZZZZZ;13001;3;2.5;5;1;Pertuis Église"]
    with pytest.raises(CommuteFileError, match="Encodage refusé"):
        commutes_import(path=_file(tmp_path, lines, encoding="latin-1"))
    assert not CommuteImport.objects.exists()


def test_bad_rows_are_reported_by_line_and_nothing_is_imported(tmp_path):
    commutes_import(path=_file(tmp_path, [HEADER, *ROWS], name="first.csv"))
    bad = [
        HEADER,
        ROWS[0],
        "84089;ZZZZZ;13001;3;abc;5;1",
        "84089;ZZZZZ;130;3;1.0;5;1",
        "84089;ZZZZZ;13001;3;1.0;9;1",
    ]
    with pytest.raises(CommuteFileError) as caught:
        commutes_import(path=_file(tmp_path, bad, name="second.csv"))
    assert "3 ligne(s) refusée(s)" in str(caught.value)
    assert [line.split(" :")[0] for line in caught.value.lines] == ["ligne 3", "ligne 4", "ligne 5"]
    assert "IPONDI" in caught.value.lines[0] and "TRANS" in caught.value.lines[2]
    # The earlier import is still the one in use, whole.
    assert list(CommuteImport.objects.values_list("file_name", flat=True)) == ["first.csv"]
    assert CommuteFlow.objects.count() == 4


def test_command(tmp_path):
    out = StringIO()
    call_command("import_commutes", str(_file(tmp_path, [HEADER, *ROWS])), stdout=out)
    assert "7 lignes lues, 4 trajets domicile-travail" in out.getvalue()
    assert "1 communes de résidence inconnues ignorées" in out.getvalue()
    with pytest.raises(CommandError, match="ligne 2"):
        call_command(
            "import_commutes", str(_file(tmp_path, [HEADER, "84089;Z;13001;3;-1;5;1"], name="b.csv"))
        )
    with pytest.raises(CommandError, match="Fichier introuvable"):
        call_command("import_commutes", str(tmp_path / "absent.csv"))
