"""Import places from the 2019 CGET census or any CSV/GeoJSON with a column mapping.

A file imports whole or not at all: every row is checked first (same field rules as the model), every
rejected row is reported with its line (CSV) or feature number (GeoJSON) and a French reason, and only
a clean file is written, in bulk, inside one transaction. Places are matched on (source, source_id), so
importing the same file again updates instead of duplicating.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _

from coopconnect.places.importing.mapping import load_mapping
from coopconnect.places.importing.readers import read_csv, read_geojson
from coopconnect.places.importing.report import ImportFileError, ImportReport
from coopconnect.places.importing.upsert import write_rows
from coopconnect.places.importing.validation import CheckedRow, check_row


def places_import(
    *,
    rows_source: Iterable[tuple[int, dict[str, Any]]],
    mapping: dict[str, Any],
    source: str,
    dry_run: bool = False,
    unit: str = "ligne",
) -> ImportReport:
    """Import rows whole or not at all, matching existing places on (source, source_id)."""
    with translation.override("fr"):
        report = ImportReport(source=source, dry_run=dry_run, unit=unit)
        rows: list[CheckedRow] = []
        seen: dict[str, int] = {}
        for line, raw in rows_source:
            checked = check_row(line, raw, mapping, report.warnings)
            if isinstance(checked, str):
                report.errors.append((line, checked))
            elif checked.source_id in seen:
                report.errors.append(
                    (
                        line,
                        _("identifiant « %(id)s » en double (déjà vu %(unit)s %(first)s)")
                        % {"id": checked.source_id, "unit": unit, "first": seen[checked.source_id]},
                    )
                )
            else:
                seen[checked.source_id] = line
                rows.append(checked)
        if not rows and not report.errors:
            report.errors.append((0, _("aucune ligne à importer")))
        if report.errors:
            return report
        write_rows(rows, source, report)
        return report


def import_file(
    path: str | Path,
    *,
    fmt: str | None = None,
    mapping: dict[str, Any] | None = None,
    source: str | None = None,
    dry_run: bool = False,
) -> ImportReport:
    """Read a CSV or GeoJSON file and import it; with no mapping the census columns are recognised."""
    path = Path(path)
    fmt = (fmt or ("geojson" if path.suffix.lower() in (".geojson", ".json") else "csv")).lower()
    data = path.read_bytes()
    if fmt == "geojson":
        checked = load_mapping(mapping)
        rows_source: Iterable[tuple[int, dict[str, Any]]] = read_geojson(data)
        unit = "entité"
    elif fmt == "csv":
        header, rows_source = read_csv(data)
        checked = load_mapping(mapping, header)
        if checked.get("auto") and not {"name", "latitude", "longitude"} <= set(header):
            raise ImportFileError(
                _("Colonnes non reconnues (%(columns)s) : fournissez une correspondance (--mapping).")
                % {"columns": ", ".join(header[:8])}
            )
        unit = "ligne"
    else:
        raise ImportFileError(_("Format inconnu : %(fmt)s (csv ou geojson).") % {"fmt": fmt})
    source = source or checked.get("source") or path.stem[:40]
    return places_import(rows_source=rows_source, mapping=checked, source=source, dry_run=dry_run, unit=unit)
