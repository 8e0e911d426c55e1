"""Commute savings: what working some days a week at a third place near home saves in a year.

Arithmetic, for one member (everything shown to the user with its source):

    saved km per day   = 2 × (road km home → work − road km home → third place)   (there and back)
    saved km per year  = saved km per day × days a week at the place × working weeks a year
    euros              = saved km × cost per km                (study: "100 km ... au minimum 50 €")
    kg CO₂e            = saved km × emission factor per km    (ADEME Base Carbone, editable)
    hours              = 2 × (minutes home → work − minutes home → place) × days × weeks / 60

Road km and minutes come from the travel engine (the directory's estimate, or OSRM when configured);
a speed entered by the user replaces the engine's minutes by km / speed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils.translation import gettext as _

from coopconnect.core import formatting
from coopconnect.core.errors import DomainError
from coopconnect.core.money import round_cents
from coopconnect.planning.catchment.nearest import nearest_places
from coopconnect.planning.catchment.travel_matrix import leg_between
from coopconnect.planning.commute.params import DEFAULT_PARAMS, CommuteParams, validate_params
from coopconnect.territory.models import Commune


@dataclass(frozen=True, slots=True)
class Trip:
    """One-way road distance and time between two points, and how it was obtained."""

    km: float
    minutes: float
    method: str


@dataclass(slots=True)
class CommuteSavings:
    """Yearly savings of one member working ``days_per_week`` days at a third place."""

    home: Commune
    work: Commune
    place_name: str
    place_commune: str
    home_to_work: Trip
    home_to_place: Trip
    days_per_week: float
    params: CommuteParams
    days_per_year: float
    km_per_year: float
    euros_per_year: Decimal
    kg_co2e_per_year: Decimal
    hours_per_year: float
    warnings: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """Return the result as plain data (API, templates)."""
        return {
            "home": {"insee": self.home.insee, "name": self.home.name},
            "work": {"insee": self.work.insee, "name": self.work.name},
            "place": {"name": self.place_name, "commune": self.place_commune},
            "home_to_work": {
                "km": round(self.home_to_work.km, 1),
                "minutes": round(self.home_to_work.minutes),
                "method": self.home_to_work.method,
            },
            "home_to_place": {
                "km": round(self.home_to_place.km, 1),
                "minutes": round(self.home_to_place.minutes),
                "method": self.home_to_place.method,
            },
            "days_per_week": self.days_per_week,
            "days_per_year": self.days_per_year,
            "km_per_year": round(self.km_per_year),
            "euros_per_year": self.euros_per_year,
            "kg_co2e_per_year": self.kg_co2e_per_year,
            "hours_per_year": round(self.hours_per_year, 1),
            "parameters": [
                {"name": p.name, "label": p.label, "value": p.value, "unit": p.unit, "source": p.source}
                for p in self.params.documented()
            ],
            "warnings": self.warnings,
        }


def _trip(leg: Any, params: CommuteParams) -> Trip:
    minutes = leg.minutes if params.speed_kmh is None else leg.km / params.speed_kmh * 60
    method = leg.method if params.speed_kmh is None else f"{leg.method}, {params.speed_kmh:g} km/h"
    return Trip(km=float(leg.km), minutes=float(minutes), method=str(method))


def _same_point_trip() -> Trip:
    return Trip(km=0.0, minutes=0.0, method="même commune")


def trip_between(
    a: tuple[float, float], b: tuple[float, float], params: CommuteParams = DEFAULT_PARAMS
) -> Trip:
    """Return the one-way trip between two points, or raise DomainError when no route is known."""
    if a == b:
        return _same_point_trip()
    leg = leg_between(a, b)
    if leg is None:
        raise DomainError(_("Aucun itinéraire routier connu entre ces deux points."))
    return _trip(leg, params)


def _check_days(days_per_week: float) -> None:
    if not 0 < days_per_week <= 7:
        raise DomainError(
            _("Le nombre de jours par semaine doit être compris entre 0 (exclu) et 7."),
            errors={"days_per_week": [_("Entre 0 (exclu) et 7 jours.")]},
        )


def commute_savings(
    *,
    home: Commune,
    work: Commune,
    days_per_week: float,
    place: Any | None = None,
    params: CommuteParams = DEFAULT_PARAMS,
) -> CommuteSavings:
    """Compute one member's yearly savings; ``place`` defaults to the published place nearest home."""
    _check_days(days_per_week)
    validate_params(params)
    warnings: list[str] = []
    home_pt = (home.latitude, home.longitude)
    if place is None:
        nearest = nearest_places(home_pt, limit=1)
        if not nearest:
            raise DomainError(
                _("Aucun tiers-lieu publié n'est joignable depuis %(home)s : choisissez un lieu.")
                % {"home": home.name},
                errors={"place": [_("Aucun lieu trouvé près de la commune de résidence.")]},
            )
        place = nearest[0].place
    place_pt = (place.latitude, place.longitude)
    to_work = trip_between(home_pt, (work.latitude, work.longitude), params)
    to_place = trip_between(home_pt, place_pt, params)
    days_per_year = days_per_week * params.working_weeks
    km_per_year = 2 * (to_work.km - to_place.km) * days_per_year
    hours_per_year = 2 * (to_work.minutes - to_place.minutes) * days_per_year / 60
    if to_place.km >= to_work.km:
        warnings.append(
            _(
                "Le tiers-lieu (%(p)s km) est plus loin que le lieu de travail (%(w)s km) : pas d'économie, "
                "les chiffres négatifs sont un surcoût."
            )
            % {
                "p": formatting.number(to_place.km, decimals=1),
                "w": formatting.number(to_work.km, decimals=1),
            }
        )
    if home.coords_approximate or work.coords_approximate:
        warnings.append(_("Position approximative d'une des communes : distances à vérifier."))
    km_dec = Decimal(str(round(km_per_year, 3)))
    return CommuteSavings(
        home=home,
        work=work,
        place_name=place.name,
        place_commune=getattr(getattr(place, "commune", None), "name", "") or "",
        home_to_work=to_work,
        home_to_place=to_place,
        days_per_week=days_per_week,
        params=params,
        days_per_year=days_per_year,
        km_per_year=km_per_year,
        euros_per_year=round_cents(km_dec * params.cost_per_km),
        kg_co2e_per_year=(km_dec * params.kg_co2e_per_km).quantize(Decimal("0.1"), ROUND_HALF_UP),
        hours_per_year=hours_per_year,
        warnings=warnings,
    )
