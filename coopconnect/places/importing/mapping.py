"""Column mappings: which column of the file fills which field of a place; the 2019 census mapping."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from coopconnect.places.importing.report import ImportFileError
from coopconnect.places.models import Typology

CENSUS_SOURCE = "cget-2019"
CENSUS_FILE = Path(__file__).resolve().parent.parent / "data" / "cget-tiers-lieux-2019.csv"
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


def column_value(raw: dict[str, Any], mapping: dict[str, Any], target: str) -> str:
    """Return the cleaned text of the column mapped to ``target`` ("" when absent or an empty marker)."""
    column = mapping["fields"].get(target)
    if column is None and mapping.get("auto"):
        column = target
    value = raw.get(column, "") if column is not None else mapping.get("defaults", {}).get(target, "")
    value = "" if value is None else str(value).replace("\xa0", " ").strip()
    return "" if value in mapping.get("empty_values", ()) else value


def is_mapped(raw: dict[str, Any], mapping: dict[str, Any], target: str) -> bool:
    """Tell whether the mapping fills ``target`` (a column, a default, or a same-named column)."""
    if target in mapping["fields"] or target in mapping.get("defaults", {}):
        return True
    return bool(mapping.get("auto")) and target in raw
