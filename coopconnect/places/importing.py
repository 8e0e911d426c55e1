"""Import places from the 2019 CGET census or any CSV/GeoJSON with a column mapping.

A file imports whole or not at all: every row is checked first (same field rules as the model), every
rejected row is reported with its line (CSV) or feature number (GeoJSON) and a French reason, and only
a clean file is written, in bulk, inside one transaction. Places are matched on (source, source_id), so
importing the same file again updates instead of duplicating.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from coopconnect.core.text import search_key
from coopconnect.places.bouquet import CODES as SERVICE_CODES
from coopconnect.places.models import AccessMode, LegalForm, Place, Typology
from coopconnect.places.services import unique_slug
from coopconnect.territory.models import Commune

CENSUS_SOURCE = "cget-2019"
CENSUS_FILE = Path(__file__).resolve().parent / "data" / "cget-tiers-lieux-2019.csv"
CENSUS_ATTRIBUTION = "CGET – Mission Coworking, base des tiers-lieux 2019 (Licence Ouverte 2.0)"
CENSUS_MAPPING: dict[str, Any] = {
    "source": CENSUS_SOURCE,
    "fields": {
        "source_id": "ID",
        "name": "NOM_TL",
        "address": "ADRESSE",
        "postcode": "CP",
        "commune": "INSEECOM",
        "commune_name": "NOMCOM",
        "department": "INSEEDEP",
        "latitude": "LAT",
        "longitude": "LONG",
        "website": "WEB",
        "typology": "TYPO",
    },
    "typology_values": {
        "Tiers lieux à dominante coworking": Typology.COWORKING.value,
        "Tiers lieux à dominante fablab": Typology.FABLAB.value,
        "": Typology.OTHER.value,
    },
    # The census writes "0" for an unknown postcode or INSEE code.
    "empty_values": ["0"],
}
CENSUS_COLUMNS = {"ID", "NOM_TL", "LAT", "LONG", "INSEECOM", "TYPO"}

# Target fields a mapping may fill; anything else in a mapping is refused.
TEXT_FIELDS = ("name", "address", "postcode", "carrier_name", "description", "phone", "how_to_get_there")
TARGETS = {
    *TEXT_FIELDS,
    "source_id",
    "typology",
    "legal_form",
    "access_mode",
    "commune",
    "commune_name",
    "department",
    "latitude",
    "longitude",
    "website",
    "email",
    "opening_hours",
    "services",
    "wifi_mbps",
    "popup_start",
    "popup_end",
}
_MODEL_FIELDS = (
    *TEXT_FIELDS,
    "typology",
    "legal_form",
    "access_mode",
    "latitude",
    "longitude",
    "website",
    "email",
    "opening_hours",
    "wifi_mbps",
    "popup_start",
    "popup_end",
)


class ImportFileError(Exception):
    """The file itself cannot be read (format, encoding, columns): no row was looked at."""


@dataclass
class ImportReport:
    """What an import did, or would do with ``dry_run``; ``errors`` and ``warnings`` are (line, reason)."""

    source: str
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)
    warnings: list[tuple[int, str]] = field(default_factory=list)
    communes_linked: int = 0
    dry_run: bool = False
    unit: str = "ligne"

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged


@dataclass
class _Row:
    line: int
    source_id: str
    values: dict[str, Any]
    link_commune: bool
    commune_code: str
    commune_name: str
    department: str
    services: list[str] | None


# Readers -------------------------------------------------------------------------------------------


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


# Mapping -------------------------------------------------------------------------------------------


def load_mapping(raw: dict[str, Any] | None, header: Iterable[str] | None = None) -> dict[str, Any]:
    """Check a mapping ({"fields": {target: column}, ...} or a flat {target: column}); detect the census."""
    if raw is None:
        if header is not None and CENSUS_COLUMNS <= set(header):
            return CENSUS_MAPPING
        return {"fields": {}, "auto": True}
    mapping = raw if "fields" in raw else {"fields": raw}
    unknown = sorted(set(mapping["fields"]) - TARGETS)
    if unknown:
        raise ImportFileError(
            _("Champs inconnus dans la correspondance : %(fields)s (possibles : %(targets)s).")
            % {"fields": ", ".join(unknown), "targets": ", ".join(sorted(TARGETS))}
        )
    return mapping


# Row checks ----------------------------------------------------------------------------------------


def _cell(raw: dict[str, Any], mapping: dict[str, Any], target: str) -> str:
    column = mapping["fields"].get(target)
    if column is None and mapping.get("auto"):
        column = target
    value = raw.get(column, "") if column is not None else mapping.get("defaults", {}).get(target, "")
    value = "" if value is None else str(value).replace("\xa0", " ").strip()
    return "" if value in mapping.get("empty_values", ()) else value


def _has(raw: dict[str, Any], mapping: dict[str, Any], target: str) -> bool:
    if target in mapping["fields"] or target in mapping.get("defaults", {}):
        return True
    return bool(mapping.get("auto")) and target in raw


def _number(value: Any) -> float:
    number = float(str(value).replace(",", ".")) if not isinstance(value, int | float) else float(value)
    if not math.isfinite(number):
        raise ValueError
    return number


def _website(value: str) -> str:
    """Keep the first thing that looks like a link ("Innovation studio http://x.fr", "www.x.fr|site web")."""
    for token in value.replace("|", " ").split():
        url = token if token.lower().startswith(("http://", "https://")) else f"https://{token}"
        try:
            URLValidator()(url)
        except ValidationError:
            continue
        if "." in token:
            return url[:500]
    return ""


def _choice(value: str, choices: type, mapped: dict[str, str], label: str, errors: list[str]) -> str | None:
    if value in mapped:
        return mapped[value]
    if value in choices.values:
        return value
    by_label = {str(lbl).lower(): val for val, lbl in choices.choices}
    if value.lower() in by_label:
        return by_label[value.lower()]
    errors.append(
        _("%(label)s inconnue : « %(value)s » (attendu : %(choices)s)")
        % {"label": label, "value": value, "choices": ", ".join(choices.values)}
    )
    return None


def _check_row(
    line: int, raw: dict[str, Any], mapping: dict[str, Any], warnings: list[tuple[int, str]]
) -> _Row | str:
    if "__error__" in raw:
        return raw["__error__"]
    errors: list[str] = []
    values: dict[str, Any] = {}
    name = _cell(raw, mapping, "name")
    if not name:
        errors.append(_("nom manquant"))
    values["name"] = name
    for target in TEXT_FIELDS[1:]:
        if _has(raw, mapping, target):
            values[target] = _cell(raw, mapping, target)

    for target, key in (("latitude", "__lat__"), ("longitude", "__lon__")):
        cell = _cell(raw, mapping, target) if _has(raw, mapping, target) else raw.get(key, "")
        try:
            values[target] = _number(cell)
        except (TypeError, ValueError):
            errors.append(_("%(field)s invalide : « %(value)s »") % {"field": target, "value": cell})

    typology = _cell(raw, mapping, "typology")
    if _has(raw, mapping, "typology") or typology:
        values["typology"] = _choice(
            typology, Typology, mapping.get("typology_values", {}), _("typologie"), errors
        )
    for target, choices, label in (
        ("legal_form", LegalForm, _("forme juridique")),
        ("access_mode", AccessMode, _("accès")),
    ):
        cell = _cell(raw, mapping, target)
        if cell:
            values[target] = _choice(cell, choices, mapping.get(f"{target}_values", {}), label, errors)

    if _has(raw, mapping, "website"):
        cell = _cell(raw, mapping, "website")
        values["website"] = _website(cell) if cell else ""
        if cell and not values["website"]:
            warnings.append((line, _("site web ignoré : ce n'est pas un lien")))
    for target in ("email", "opening_hours"):
        if _has(raw, mapping, target):
            values[target] = _cell(raw, mapping, target)
    for target in ("popup_start", "popup_end"):
        cell = _cell(raw, mapping, target)
        if cell:
            try:
                values[target] = date.fromisoformat(cell)
            except ValueError:
                errors.append(_("date invalide (AAAA-MM-JJ attendu) : « %(value)s »") % {"value": cell})
    wifi = _cell(raw, mapping, "wifi_mbps")
    if wifi:
        if wifi.isdigit() and int(wifi) > 0:
            values["wifi_mbps"] = int(wifi)
        else:
            errors.append(_("débit wifi invalide : « %(value)s »") % {"value": wifi})
    services = None
    if _has(raw, mapping, "services"):
        cell = _cell(raw, mapping, "services")
        services = [c.strip() for c in cell.replace(";", ",").replace("|", ",").split(",") if c.strip()]
        unknown = [c for c in services if c not in SERVICE_CODES]
        if unknown:
            errors.append(_("service inconnu : %(codes)s") % {"codes": ", ".join(unknown)})

    if not errors:
        # Same field rules as the admin and the services (lengths, URL, e-mail, hours, popup dates).
        probe = Place(**{k: v for k, v in values.items() if v is not None})
        try:
            probe.clean_fields(exclude=["slug", "commune", "source", "source_id", "photo"])
            probe.clean()
        except ValidationError as exc:
            for field_name, messages in exc.message_dict.items():
                # Our own messages (hours, coordinates, dates) already say which field is wrong.
                own = field_name in (
                    "__all__",
                    "opening_hours",
                    "latitude",
                    "longitude",
                    "popup_start",
                    "popup_end",
                )
                label = "" if own else str(Place._meta.get_field(field_name).verbose_name)
                errors.extend(f"{label} : {m}" if label else m for m in messages)
    if errors:
        return " ; ".join(errors)

    source_id = _cell(raw, mapping, "source_id")
    if not source_id:
        # No identifier column: the name and postcode identify the place across imports.
        key = f"{search_key(name)}|{values.get('postcode', '')}"
        source_id = "h-" + hashlib.sha1(key.encode()).hexdigest()[:20]
    if len(source_id) > 64:
        return _("identifiant trop long (64 caractères au plus)")
    return _Row(
        line=line,
        source_id=source_id,
        values=values,
        link_commune=_has(raw, mapping, "commune") or _has(raw, mapping, "commune_name"),
        commune_code=_cell(raw, mapping, "commune"),
        commune_name=_cell(raw, mapping, "commune_name"),
        department=_cell(raw, mapping, "department"),
        services=services,
    )


# Service -------------------------------------------------------------------------------------------


def _link_communes(rows: list[_Row]) -> dict[int, str]:
    codes = {r.commune_code for r in rows if r.commune_code}
    known = set(Commune.objects.filter(insee__in=codes).values_list("insee", flat=True))
    result = {r.line: r.commune_code for r in rows if r.commune_code in known}
    missing = [r for r in rows if r.line not in result and r.commune_name and r.department]
    if missing:
        by_name: dict[tuple[str, str], list[str]] = {}
        communes = Commune.objects.filter(department_id__in={r.department for r in missing})
        for insee, department, name in communes.values_list("insee", "department_id", "search_name"):
            by_name.setdefault((department, name), []).append(insee)
        for r in missing:
            found = by_name.get((r.department, search_key(r.commune_name)), [])
            if len(found) == 1:
                result[r.line] = found[0]
    return result


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
        rows: list[_Row] = []
        seen: dict[str, int] = {}
        for line, raw in rows_source:
            checked = _check_row(line, raw, mapping, report.warnings)
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
        _write(rows, source, report)
        return report


@transaction.atomic
def _write(rows: list[_Row], source: str, report: ImportReport) -> None:
    communes = _link_communes(rows)
    report.communes_linked = len(communes)
    existing = {
        p.source_id: p for p in Place.objects.filter(source=source, source_id__in=[r.source_id for r in rows])
    }
    taken = set(Place.objects.values_list("slug", flat=True))
    to_create: list[Place] = []
    to_update: list[Place] = []
    changed_fields: set[str] = set()
    services_for: dict[str, list[str]] = {}
    for row in rows:
        values = {k: v for k, v in row.values.items() if v is not None}
        if row.link_commune:
            values["commune_id"] = communes.get(row.line)
        place = existing.get(row.source_id)
        if row.services is not None:
            services_for[row.source_id] = row.services
        if place is None:
            place = Place(
                source=source, source_id=row.source_id, slug=unique_slug(values["name"], taken), **values
            )
            to_create.append(place)
            continue
        diff = {k for k, v in values.items() if getattr(place, k) != v}
        if diff:
            for k in diff:
                setattr(place, k, values[k])
            changed_fields |= diff
            to_update.append(place)
        else:
            report.unchanged += 1
    report.created, report.updated = len(to_create), len(to_update)
    if report.dry_run:
        return
    Place.objects.bulk_create(to_create, batch_size=500)
    if to_update:
        now = timezone.now()
        for place in to_update:
            place.updated_at = now
        Place.objects.bulk_update(to_update, sorted(changed_fields | {"updated_at"}), batch_size=500)
    if services_for:
        _set_services(source, services_for)


def _set_services(source: str, services_for: dict[str, list[str]]) -> None:
    through = Place.services.through
    ids = dict(Place.objects.filter(source=source, source_id__in=services_for).values_list("source_id", "id"))
    through.objects.filter(place_id__in=ids.values()).delete()
    through.objects.bulk_create(
        [
            through(place_id=ids[sid], service_id=code)
            for sid, codes in services_for.items()
            for code in dict.fromkeys(codes)
        ],
        batch_size=1000,
    )


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
