"""What a catchment is asked about: a candidate site (a commune or a point) and a duration in minutes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from django.utils.translation import gettext as _

from coopconnect.core.errors import DomainError
from coopconnect.core.geo import haversine_km, parse_latlon
from coopconnect.territory import travel
from coopconnect.territory.models import Commune
from coopconnect.territory.selectors import resolve_commune

MIN_MINUTES, MAX_MINUTES = 1, 120
DEFAULT_MINUTES = 20


def as_int(value: Any) -> int | None:
    """Return ``value`` as an int when it is a whole number (int, integral float, digits), else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value.strip())
    return None


def validate_minutes(minutes: Any, field_name: str = "minutes") -> int:
    """Return ``minutes`` as an int in 1..120, or raise DomainError with a French field error."""
    value = as_int(minutes)
    if value is None:
        raise DomainError(
            _("Durée invalide : indiquez un nombre entier de minutes."),
            errors={field_name: [_("Indiquez un nombre entier de minutes.")]},
        )
    if not MIN_MINUTES <= value <= MAX_MINUTES:
        raise DomainError(
            _("La durée doit être comprise entre %(lo)s et %(hi)s minutes (reçu : %(v)s).")
            % {"lo": MIN_MINUTES, "hi": MAX_MINUTES, "v": value},
            errors={
                field_name: [
                    _("La durée doit être comprise entre %(lo)s et %(hi)s minutes.")
                    % {"lo": MIN_MINUTES, "hi": MAX_MINUTES}
                ]
            },
        )
    return value


@dataclass(frozen=True, slots=True)
class Site:
    """A candidate site: a commune (its reference point) or a point given by its coordinates."""

    label: str
    latitude: float
    longitude: float
    commune: Commune | None
    is_point: bool = False

    @property
    def point(self) -> travel.Point:
        return (self.latitude, self.longitude)

    @property
    def elevation(self) -> float | None:
        return None if self.commune is None or self.is_point else self.commune.elevation


def nearest_commune(lat: float, lon: float) -> Commune | None:
    """Return the commune whose reference point is nearest (within 30 km), or None."""
    for radius in (5.0, 15.0, 30.0):
        dlat = radius / 111.0
        dlon = radius / (111.0 * max(np.cos(np.radians(lat)), 1e-6))
        found = list(
            Commune.objects.select_related("department").filter(
                latitude__range=(lat - dlat, lat + dlat), longitude__range=(lon - dlon, lon + dlon)
            )
        )
        if found:
            return min(found, key=lambda c: haversine_km(lat, lon, c.latitude, c.longitude))
    return None


def parse_site(value: str, field_name: str = "site") -> Site:
    """Read a site from an INSEE code, a commune name or "latitude,longitude"; DomainError if unknown."""
    value = (value or "").strip()
    if not value:
        raise DomainError(
            _("Indiquez une commune ou des coordonnées."), errors={field_name: [_("Champ requis.")]}
        )
    if "," in value and any(ch.isdigit() for ch in value.split(",")[0]):
        try:
            lat, lon = parse_latlon(value)
        except ValueError as exc:
            raise DomainError(str(exc), errors={field_name: [str(exc)]}) from exc
        commune = nearest_commune(lat, lon)
        label = _("Point %(lat).4f, %(lon).4f") % {"lat": lat, "lon": lon}
        if commune is not None:
            label += _(" (commune la plus proche : %(name)s)") % {"name": commune.name}
        return Site(label=label, latitude=lat, longitude=lon, commune=commune, is_point=True)
    commune, suggestions = resolve_commune(value)
    if commune is None:
        if suggestions:
            names = ", ".join(f"{c.name} ({c.department_id}, {c.insee})" for c in suggestions[:5])
            message = _(
                "Plusieurs communes correspondent à « %(q)s » : %(names)s. Précisez le code INSEE."
            ) % {
                "q": value,
                "names": names,
            }
        else:
            message = _(
                "Commune inconnue : « %(q)s ». Indiquez un nom, un code INSEE ou « latitude,longitude »."
            ) % {"q": value}
        raise DomainError(message, errors={field_name: [message]})
    return Site(
        label=f"{commune.name} ({commune.department_id})",
        latitude=commune.latitude,
        longitude=commune.longitude,
        commune=commune,
    )
