"""Readers of the files an import takes: CSV (comma or semicolon) and GeoJSON points."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Any

from django.utils.translation import gettext as _

from coopconnect.places.importing.report import ImportFileError


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252")


def read_csv(data: bytes | str) -> tuple[list[str], Iterator[tuple[int, dict[str, str]]]]:
    """Return the header and an iterator of (line number, row) for a ``,`` or ``;`` separated CSV."""
    text = _decode(data) if isinstance(data, bytes) else data
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = [h.strip() for h in next(reader)]
    except StopIteration as exc:
        raise ImportFileError(_("Le fichier est vide.")) from exc
    if len(set(header)) != len(header):
        raise ImportFileError(_("L'en-tête contient des colonnes en double."))

    def rows() -> Iterator[tuple[int, dict[str, str]]]:
        previous_end = reader.line_num
        for record in reader:
            start, previous_end = previous_end + 1, reader.line_num
            if not any(cell.strip() for cell in record):
                continue
            if len(record) != len(header):
                yield (
                    start,
                    {
                        "__error__": _("%(n)s colonnes au lieu de %(m)s.")
                        % {"n": len(record), "m": len(header)}
                    },
                )
                continue
            yield start, dict(zip(header, record, strict=True))

    return header, rows()


def read_geojson(data: bytes | str) -> Iterator[tuple[int, dict[str, Any]]]:
    """Yield (feature number, properties + "__lat__"/"__lon__") for a FeatureCollection of Points."""
    text = _decode(data) if isinstance(data, bytes) else data
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportFileError(_("GeoJSON illisible : %(error)s.") % {"error": exc.msg}) from exc
    if (
        not isinstance(doc, dict)
        or doc.get("type") != "FeatureCollection"
        or not isinstance(doc.get("features"), list)
    ):
        raise ImportFileError(_("Une FeatureCollection GeoJSON est attendue."))
    for number, feature in enumerate(doc["features"], start=1):
        geometry = feature.get("geometry") if isinstance(feature, dict) else None
        props = feature.get("properties") if isinstance(feature, dict) else None
        coords = geometry.get("coordinates") if isinstance(geometry, dict) else None
        if (
            not isinstance(geometry, dict)
            or geometry.get("type") != "Point"
            or not isinstance(coords, list)
            or len(coords) < 2
        ):
            yield number, {"__error__": _("géométrie de type Point attendue.")}
            continue
        yield (
            number,
            {**(props if isinstance(props, dict) else {}), "__lon__": coords[0], "__lat__": coords[1]},
        )
