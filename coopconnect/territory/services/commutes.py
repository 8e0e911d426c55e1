"""Importing the INSEE home -> work flows (MOBPRO file of the census), whole or nothing.

The public file (« Mobilités professionnelles », fichier détail) is a CSV separated by ``;`` in
UTF-8, one row per weighted person: ``COMMUNE`` (home commune), ``DCLT`` (commune of work),
``IPONDI`` (weight, decimal point), ``TRANS`` (mode: 5 = car, van or lorry; 1 no transport,
2 on foot, 3 bicycle, 4 powered two-wheeler, 6 public transport). Other columns are ignored.
Rows are summed per (home, work) pair. A row whose fields cannot be read is rejected with its
line number and nothing is imported; a home commune unknown here (merged since the census) is
skipped and counted; a workplace unknown here (abroad) keeps its flow with no work commune.
"""

import codecs
import csv
import io
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction

from coopconnect.territory.models import Commune, CommuteFlow, CommuteImport

REQUIRED_COLUMNS = ("COMMUNE", "DCLT", "IPONDI", "TRANS")
CAR = "5"
MODES = {"1", "2", "3", "4", "5", "6"}
MAX_REPORTED = 50
BATCH_SIZE = 5000


class CommuteFileError(ValueError):
    """The file is refused as a whole (encoding, columns, rejected rows); ``lines`` lists row errors."""

    def __init__(self, message: str, lines: list[str] | None = None) -> None:
        super().__init__(message)
        self.lines = lines or []


@dataclass
class CommuteReport:
    rows: int = 0
    flows: int = 0
    workers: float = 0.0
    by_car: float = 0.0
    unknown_homes: int = 0
    abroad: float = 0.0
    unknown_home_codes: list[str] = field(default_factory=list)
    source_id: int | None = None


def _text(path: Path) -> io.TextIOWrapper:
    raw = path.open("rb")
    head = raw.read(1 << 20)
    raw.seek(0)
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError as exc:
        raw.close()
        raise CommuteFileError(
            f"Encodage refusé : le fichier n'est pas en UTF-8 (octet {exc.start + 1}). "
            "Le fichier public de l'Insee est en UTF-8 ; convertissez-le avant l'import."
        ) from exc
    return io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")


def _read(path: Path) -> tuple[dict[tuple[str, str], list[float]], int, list[str]]:
    flows: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0.0, 0.0])
    errors: list[str] = []
    rows = 0
    with _text(path) as fh:
        reader = csv.DictReader(fh, delimiter=";")
        columns = [c.strip().upper() for c in reader.fieldnames or []]
        missing = [c for c in REQUIRED_COLUMNS if c not in columns]
        if missing:
            found = ", ".join(columns[:8]) or "aucune"
            raise CommuteFileError(
                f"Colonnes manquantes : {', '.join(missing)} (séparateur « ; » attendu ; trouvées : {found})."
            )
        reader.fieldnames = columns
        try:
            for line, row in enumerate(reader, start=2):
                rows += 1
                home, work = (row.get("COMMUNE") or "").strip(), (row.get("DCLT") or "").strip()
                weight_text, mode = (row.get("IPONDI") or "").strip(), (row.get("TRANS") or "").strip()
                problem = None
                if len(home) != 5 or len(work) != 5:
                    problem = (
                        "code commune de résidence (COMMUNE) ou de travail (DCLT) sur 5 caractères attendu"
                    )
                elif mode not in MODES:
                    problem = f"mode de transport (TRANS) inconnu « {mode[:10]} »"
                else:
                    try:
                        weight = float(weight_text.replace(",", "."))
                    except ValueError:
                        weight = -1.0
                    if not (0 <= weight < 1e6):
                        problem = f"poids (IPONDI) invalide « {weight_text[:20]} »"
                if problem:
                    errors.append(f"ligne {line} : {problem}")
                    continue
                pair = flows[(home, work)]
                pair[0] += weight
                if mode == CAR:
                    pair[1] += weight
        except UnicodeDecodeError as exc:
            raise CommuteFileError(
                f"Encodage refusé : octet invalide en UTF-8 vers la ligne {rows + 2}."
            ) from exc
        except csv.Error as exc:
            raise CommuteFileError(f"Fichier CSV illisible vers la ligne {rows + 2} : {exc}.") from exc
    return flows, rows, errors


@transaction.atomic
def commutes_import(*, path: Path | str) -> CommuteReport:
    """Import a MOBPRO file, replacing the previous import; all or nothing (see module doc)."""
    path = Path(path)
    if not path.is_file():
        raise CommuteFileError(f"Fichier introuvable : {path}")
    flows, rows, errors = _read(path)
    if errors:
        shown = errors[:MAX_REPORTED]
        more = f" (et {len(errors) - len(shown)} autres)" if len(errors) > len(shown) else ""
        raise CommuteFileError(f"{len(errors)} ligne(s) refusée(s), rien n'est importé{more}.", shown)
    if not flows:
        raise CommuteFileError("Aucune ligne de déplacement dans le fichier.")
    known = set(Commune.objects.values_list("insee", flat=True))
    report = CommuteReport(rows=rows)
    unknown_homes: set[str] = set()
    CommuteImport.objects.all().delete()
    source = CommuteImport.objects.create(file_name=path.name[:255], rows=rows)
    merged: dict[tuple[str, str | None], list[float]] = defaultdict(lambda: [0.0, 0.0])
    for (home, work), (workers, by_car) in flows.items():
        if home not in known:
            unknown_homes.add(home)
            continue
        work_id = work if work in known else None
        if work_id is None:
            report.abroad += workers
        pair = merged[(home, work_id)]
        pair[0] += workers
        pair[1] += by_car
    rows_out = [
        CommuteFlow(
            source=source, home_id=home, work_id=work_id, workers=workers, by_car=min(by_car, workers)
        )
        for (home, work_id), (workers, by_car) in sorted(
            merged.items(), key=lambda item: (item[0][0], item[0][1] or "")
        )
    ]
    for start in range(0, len(rows_out), BATCH_SIZE):
        CommuteFlow.objects.bulk_create(rows_out[start : start + BATCH_SIZE])
    report.flows = len(rows_out)
    report.workers = sum(f.workers for f in rows_out)
    report.by_car = sum(f.by_car for f in rows_out)
    if report.flows == 0:
        raise CommuteFileError(
            "Aucune commune de résidence du fichier n'est connue : chargez les communes d'abord."
        )
    source.workers = report.workers
    source.save(update_fields=["workers"])
    report.unknown_homes = len(unknown_homes)
    report.unknown_home_codes = sorted(unknown_homes)[:20]
    report.source_id = source.pk
    return report
