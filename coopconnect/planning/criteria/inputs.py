"""What decides the criteria: the thresholds (the study's defaults, editable) and what the holder enters."""

from __future__ import annotations

from dataclasses import dataclass, fields

from django.utils.translation import gettext as _

from coopconnect.core.errors import DomainError
from coopconnect.planning.catchment.inputs import as_int, validate_minutes


@dataclass(frozen=True, slots=True)
class Thresholds:
    """The figures that decide each criterion; defaults from the study, all editable."""

    min_commune_population: int = 5000
    min_catchment_population: int = 20000
    catchment_minutes: int = 20
    min_broadband_mbps: float = 2.0
    min_core_users: int = 10
    min_survey_interested: int = 10
    min_spacing_minutes: int = 20

    def validated(self) -> Thresholds:
        """Return self, or raise DomainError with French field errors for out-of-range values."""
        errors: dict[str, list[str]] = {}
        for name in (
            "min_commune_population",
            "min_catchment_population",
            "min_core_users",
            "min_survey_interested",
        ):
            value = as_int(getattr(self, name))
            if value is None or value < 0:
                errors[name] = [_("Indiquez un nombre entier positif ou nul.")]
        for name in ("catchment_minutes", "min_spacing_minutes"):
            try:
                validate_minutes(getattr(self, name), name)
            except DomainError as exc:
                errors.update(exc.errors)
        if not isinstance(self.min_broadband_mbps, int | float) or not 0 <= self.min_broadband_mbps <= 100000:
            errors["min_broadband_mbps"] = [_("Le débit doit être un nombre positif ou nul (Mb/s).")]
        if errors:
            raise DomainError(_("Seuils invalides."), errors=errors)
        return self


@dataclass(frozen=True, slots=True)
class SiteInputs:
    """What the project holder knows and the platform cannot: None means "not entered"."""

    broadband_mbps: float | None = None
    schools_nearby: bool | None = None
    shops_nearby: bool | None = None
    transport_or_parking: bool | None = None
    elected_technician_pair: bool | None = None
    core_users: int | None = None
    need_identified: bool | None = None
    pilot_sites: tuple[str, ...] = ()

    def validated(self) -> SiteInputs:
        """Return self, or raise DomainError with French field errors (negative counts...)."""
        errors: dict[str, list[str]] = {}
        if self.broadband_mbps is not None and self.broadband_mbps < 0:
            errors["broadband_mbps"] = [_("Le débit ne peut pas être négatif.")]
        if self.core_users is not None and (as_int(self.core_users) is None or self.core_users < 0):
            errors["core_users"] = [_("Le nombre d'utilisateurs motivés doit être un entier positif ou nul.")]
        if errors:
            raise DomainError(_("Données invalides."), errors=errors)
        return self


def threshold_fields() -> list[str]:
    """Return the names of the editable thresholds (form and API)."""
    return [f.name for f in fields(Thresholds)]
