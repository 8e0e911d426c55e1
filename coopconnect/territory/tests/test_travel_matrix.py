"""The precomputed commune matrix on the Monaco OpenStreetMap extract, and its refusals."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from coopconnect.core.text import search_key
from coopconnect.territory import matrix
from coopconnect.territory.models import Commune, Department, Region
from coopconnect.territory.tests.test_travel_osrm import MONACO_PBF
from coopconnect.territory.travel import OsrmEngine, osrm_dataset_build

pytestmark = [pytest.mark.osrm, pytest.mark.django_db]

RIVIERA = {
    "06032": ("Cap-d'Ail", 43.72208, 7.40584),
    "06012": ("Beausoleil", 43.74310, 7.42538),
    "06150": ("La Turbie", 43.74539, 7.39963),
    "06059": ("Èze", 43.72909, 7.36173),
    "06104": ("Roquebrune-Cap-Martin", 43.75782, 7.47363),
}


@pytest.fixture(scope="module")
def dataset(tmp_path_factory):
    return osrm_dataset_build(pbf=MONACO_PBF, outdir=tmp_path_factory.mktemp("osrm"), algorithm="CH")


def _communes(rows: dict[str, tuple[str, float, float]]) -> None:
    paca, _ = Region.objects.get_or_create(code="93", defaults={"name": "PACA"})
    deps: dict[str, Department] = {}
    for insee, (name, lat, lon) in rows.items():
        dep = (
            deps.get(insee[:2])
            or Department.objects.get_or_create(code=insee[:2], defaults={"name": insee[:2], "region": paca})[
                0
            ]
        )
        deps[insee[:2]] = dep
        Commune.objects.create(
            insee=insee,
            name=name,
            search_name=search_key(name),
            department=dep,
            region=paca,
            latitude=lat,
            longitude=lon,
        )


def test_build_and_load_the_matrix(dataset, tmp_path, settings):
    _communes({**RIVIERA, "84089": ("Pertuis", 43.6914, 5.50156)})
    out = StringIO()
    call_command("build_travel_matrix", dataset=str(dataset), out=str(tmp_path / "m.npz"), stdout=out)
    # Pertuis is far outside the extract: left out of the matrix.
    assert "5 communes couvertes sur 6" in out.getvalue()
    settings.OSRM_DATASET = str(dataset)
    settings.TRAVEL_MATRIX = str(tmp_path / "m.npz")
    loaded = matrix.load()
    assert loaded is not None and loaded.communes == 5 and "84089" not in loaded
    engine = OsrmEngine(dataset)
    for origin, (_, lat, lon) in RIVIERA.items():
        row = loaded.row(origin)
        assert row[origin][0] == 0
        for destination, (minutes, km) in row.items():
            (leg,) = engine.legs((lat, lon), [RIVIERA[destination][1:]])
            assert leg is not None
            assert minutes == pytest.approx(leg.minutes, rel=1e-4) and km == pytest.approx(leg.km, rel=1e-4)
            assert minutes <= 60
    assert loaded.minutes("06032", "84089") is None
    # A tighter limit keeps fewer trips (Èze -> Roquebrune takes about 16 minutes).
    call_command(
        "build_travel_matrix", dataset=str(dataset), out=str(tmp_path / "m.npz"), limit=10, stdout=out
    )
    tight = matrix.load()
    assert tight is not None and tight.pairs < loaded.pairs
    assert tight.minutes("06059", "06104") is None


def test_no_matrix_means_none(settings, tmp_path):
    settings.OSRM_DATASET = ""
    settings.TRAVEL_MATRIX = ""
    assert matrix.load() is None
    settings.TRAVEL_MATRIX = str(tmp_path / "absent.npz")
    assert matrix.load() is None
    (tmp_path / "bad.npz").write_bytes(b"not a matrix")
    with pytest.raises(matrix.MatrixError, match="illisible"):
        matrix.read(tmp_path / "bad.npz")


def test_a_dataset_that_does_not_match_the_communes_is_refused(dataset, tmp_path):
    _communes({"84089": ("Pertuis", 43.6914, 5.50156), "84003": ("Apt", 43.87597, 5.39458)})
    with pytest.raises(CommandError, match="ne correspond pas aux communes : 0 commune"):
        call_command("build_travel_matrix", dataset=str(dataset), out=str(tmp_path / "m.npz"))
    assert not (tmp_path / "m.npz").exists()


def test_command_refusals(tmp_path, settings):
    settings.OSRM_DATASET = ""
    with pytest.raises(CommandError, match="Aucun jeu de données OSRM"):
        call_command("build_travel_matrix")
    with pytest.raises(CommandError, match="illisible"):
        call_command("build_travel_matrix", dataset=str(tmp_path / "none.osrm"))
