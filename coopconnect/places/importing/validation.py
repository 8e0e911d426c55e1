"""Checks of one row against the same field rules as the model: a clean row, or a French reason."""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _

from coopconnect.core.text import search_key
from coopconnect.places.bouquet import CODES as SERVICE_CODES
from coopconnect.places.importing.mapping import TEXT_FIELDS, column_value, is_mapped
from coopconnect.places.models import AccessMode, LegalForm, Place, Typology


@dataclass
class CheckedRow:
    """A row that passed every check, ready to be written."""

    line: int
    source_id: str
    values: dict[str, Any]
    link_commune: bool
    commune_code: str
    commune_name: str
    department: str
    services: list[str] | None


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


def check_row(
    line: int, raw: dict[str, Any], mapping: dict[str, Any], warnings: list[tuple[int, str]]
) -> CheckedRow | str:
    if "__error__" in raw:
        return raw["__error__"]
    errors: list[str] = []
    values: dict[str, Any] = {}
    name = column_value(raw, mapping, "name")
    if not name:
        errors.append(_("nom manquant"))
    values["name"] = name
    for target in TEXT_FIELDS[1:]:
        if is_mapped(raw, mapping, target):
            values[target] = column_value(raw, mapping, target)

    for target, key in (("latitude", "__lat__"), ("longitude", "__lon__")):
        cell = column_value(raw, mapping, target) if is_mapped(raw, mapping, target) else raw.get(key, "")
        try:
            values[target] = _number(cell)
        except (TypeError, ValueError):
            errors.append(_("%(field)s invalide : « %(value)s »") % {"field": target, "value": cell})

    typology = column_value(raw, mapping, "typology")
    if is_mapped(raw, mapping, "typology") or typology:
        values["typology"] = _choice(
            typology, Typology, mapping.get("typology_values", {}), _("typologie"), errors
        )
    for target, choices, label in (
        ("legal_form", LegalForm, _("forme juridique")),
        ("access_mode", AccessMode, _("accès")),
    ):
        cell = column_value(raw, mapping, target)
        if cell:
            values[target] = _choice(cell, choices, mapping.get(f"{target}_values", {}), label, errors)

    if is_mapped(raw, mapping, "website"):
        cell = column_value(raw, mapping, "website")
        values["website"] = _website(cell) if cell else ""
        if cell and not values["website"]:
            warnings.append((line, _("site web ignoré : ce n'est pas un lien")))
    for target in ("email", "opening_hours"):
        if is_mapped(raw, mapping, target):
            values[target] = column_value(raw, mapping, target)
    for target in ("popup_start", "popup_end"):
        cell = column_value(raw, mapping, target)
        if cell:
            try:
                values[target] = date.fromisoformat(cell)
            except ValueError:
                errors.append(_("date invalide (AAAA-MM-JJ attendu) : « %(value)s »") % {"value": cell})
    wifi = column_value(raw, mapping, "wifi_mbps")
    if wifi:
        if wifi.isdigit() and int(wifi) > 0:
            values["wifi_mbps"] = int(wifi)
        else:
            errors.append(_("débit wifi invalide : « %(value)s »") % {"value": wifi})
    services = None
    if is_mapped(raw, mapping, "services"):
        cell = column_value(raw, mapping, "services")
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

    source_id = column_value(raw, mapping, "source_id")
    if not source_id:
        # No identifier column: the name and postcode identify the place across imports.
        key = f"{search_key(name)}|{values.get('postcode', '')}"
        source_id = "h-" + hashlib.sha1(key.encode()).hexdigest()[:20]
    if len(source_id) > 64:
        return _("identifiant trop long (64 caractères au plus)")
    return CheckedRow(
        line=line,
        source_id=source_id,
        values=values,
        link_commune=is_mapped(raw, mapping, "commune") or is_mapped(raw, mapping, "commune_name"),
        commune_code=column_value(raw, mapping, "commune"),
        commune_name=column_value(raw, mapping, "commune_name"),
        department=column_value(raw, mapping, "department"),
        services=services,
    )
