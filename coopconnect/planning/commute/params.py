"""The editable assumptions of the commute arithmetic, each with its source."""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from coopconnect.core.errors import DomainError


@dataclass(frozen=True, slots=True)
class Parameter:
    """A documented parameter: its value, unit and where the value comes from."""

    name: str
    label: str
    value: Decimal | int | float | None
    unit: str
    source: str


@dataclass(frozen=True, slots=True)
class CommuteParams:
    """Editable assumptions of the commute arithmetic (defaults and their sources below)."""

    cost_per_km: Decimal = Decimal("0.50")
    kg_co2e_per_km: Decimal = Decimal("0.218")
    working_weeks: int = 47
    speed_kmh: float | None = None

    def documented(self) -> list[Parameter]:
        """Return each parameter with its label and source, for display next to the results."""
        return [
            Parameter(
                "cost_per_km",
                _("Coût d'un kilomètre en voiture"),
                self.cost_per_km,
                "€/km",
                _(
                    "Étude Coop-connect 2012 : « un déplacement de 100 km en voiture coûte au "
                    "minimum 50 € » ; "
                    "« tarif fiscal, +/- 0,50 € du km ». Modifiable."
                ),
            ),
            Parameter(
                "kg_co2e_per_km",
                _("Facteur d'émission d'une voiture moyenne"),
                self.kg_co2e_per_km,
                "kg CO₂e/km",
                _(
                    "ADEME Base Carbone (Base Empreinte), voiture particulière, motorisation moyenne : "
                    "0,218 kg CO₂e/km retenu par défaut. Modifiable : mettez la valeur de votre "
                    "véhicule ou de la "
                    "version en vigueur de la base."
                ),
            ),
            Parameter(
                "working_weeks",
                _("Semaines travaillées par an"),
                self.working_weeks,
                _("semaines"),
                _("Hypothèse : 52 semaines moins 5 semaines de congés payés. Modifiable."),
            ),
            Parameter(
                "speed_kmh",
                _("Vitesse moyenne sur route"),
                self.speed_kmh,
                "km/h",
                _(
                    "Vide : temps du moteur de trajets (estimation de l'annuaire ou OSRM). "
                    "Renseignée : temps = distance ÷ vitesse."
                ),
            ),
        ]


DEFAULT_PARAMS = CommuteParams()


def validate_params(params: CommuteParams) -> None:
    """Raise DomainError with French field errors when a parameter is out of range."""
    errors: dict[str, list[str]] = {}
    if params.cost_per_km < 0 or params.cost_per_km > 10:
        errors["cost_per_km"] = [_("Le coût au kilomètre doit être compris entre 0 et 10 €.")]
    if params.kg_co2e_per_km < 0 or params.kg_co2e_per_km > 5:
        errors["kg_co2e_per_km"] = [_("Le facteur d'émission doit être compris entre 0 et 5 kg CO₂e/km.")]
    if not 1 <= params.working_weeks <= 52:
        errors["working_weeks"] = [_("Le nombre de semaines travaillées doit être compris entre 1 et 52.")]
    if params.speed_kmh is not None and not 5 <= params.speed_kmh <= 130:
        errors["speed_kmh"] = [_("La vitesse moyenne doit être comprise entre 5 et 130 km/h.")]
    if errors:
        raise DomainError(_("Paramètres invalides."), errors=errors)


def with_overrides(params: CommuteParams, **overrides: Any) -> CommuteParams:
    """Return ``params`` with the given non-None values replaced."""
    return replace(params, **{k: v for k, v in overrides.items() if v is not None})
