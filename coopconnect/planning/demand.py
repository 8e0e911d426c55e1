"""The demand the planning tools count: population, long commuters or potential users (MOBPRO).

One choice for every page and endpoint (catchment, criteria, coverage, siting, commute savings,
accessibility): ``choose()`` checks the kind and its editable parameters, ``Demand.weights()`` gives
a figure per commune. Without an imported MOBPRO file the demand falls back to population and the
note says so. The figures themselves come from ``coopconnect.territory.demand``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coopconnect.core import formatting
from coopconnect.core.errors import DomainError
from coopconnect.territory import demand as commuting
from coopconnect.territory.models import Commune

DEMANDS = ("population", "long_commuters", "potential_users")
CHOICES = [
    ("population", gettext_lazy("population")),
    ("long_commuters", gettext_lazy("actifs allant travailler en voiture à plus de N minutes (MOBPRO)")),
    ("potential_users", gettext_lazy("usagers potentiels (MOBPRO × part télétravaillable)")),
]
DEFAULTS = commuting.DemandParameters()
LARGE = 3000


@dataclass(frozen=True)
class Demand:
    """A demand choice: what was asked, what is counted, and its parameters."""

    requested: str
    used: str
    params: commuting.DemandParameters
    available: bool

    @property
    def fell_back(self) -> bool:
        return self.requested != self.used

    @property
    def label(self) -> str:
        """Say in French what is counted."""
        m = formatting.number(self.params.min_minutes, decimals=0)
        if self.used == "long_commuters":
            return _("actifs allant travailler en voiture à plus de %(m)s minutes de chez eux") % {"m": m}
        if self.used == "potential_users":
            return _(
                "usagers potentiels : actifs à plus de %(m)s minutes en voiture × part télétravaillable %(s)s"
            ) % {"m": m, "s": formatting.percent(100 * self.params.teleworkable_share, decimals=0)}
        return _("population (recensement)")

    @property
    def note(self) -> str:
        """Say which demand is used and, after a fallback, why."""
        if self.fell_back:
            return _(
                "Aucun fichier des déplacements domicile-travail (MOBPRO) importé : "
                "la demande est la population."
            )
        if self.used == "population":
            return _("Demande comptée : la population.")
        return _("Demande comptée : %(what)s, d'après le fichier MOBPRO importé.") % {"what": self.label}

    @property
    def seat_days(self) -> float:
        """Days a week each potential user would work away from the office."""
        return self.params.days_per_week

    def parameters(self) -> list[tuple[str, str, str]]:
        """Return (parameter, value, source) rows, shown beside every result using the demand."""
        p = self.params
        return [
            (
                _("Durée minimale du trajet domicile-travail"),
                _("%(m)s minutes") % {"m": formatting.number(p.min_minutes, decimals=0)},
                commuting.SOURCES["min_minutes"],
            ),
            (
                _("Part des emplois télétravaillables"),
                formatting.percent(100 * p.teleworkable_share, decimals=0),
                commuting.SOURCES["teleworkable_share"],
            ),
            (
                _("Jours par semaine hors du bureau"),
                formatting.number(p.days_per_week, decimals=1),
                commuting.SOURCES["days_per_week"],
            ),
            (_("Déplacements domicile-travail"), _("fichier MOBPRO"), commuting.SOURCES["flows"]),
        ]

    def by_commune(self, insee_codes: list[str]) -> dict[str, float]:
        """Return {INSEE: demand} for the given communes."""
        # Past a few thousand communes, the France-wide figures (computed once, cached) are cheaper.
        codes = insee_codes if len(insee_codes) <= LARGE else None
        if self.used == "long_commuters":
            return commuting.long_commuters(params=self.params, insee_codes=codes)
        if self.used == "potential_users":
            return commuting.potential_users(params=self.params, insee_codes=codes)
        rows = Commune.objects.filter(insee__in=insee_codes).values_list("insee", "population")
        return {code: float(pop) for code, pop in rows}

    def weights(self, insee: Any, population: Any) -> np.ndarray:
        """Return the demand of each commune of the arrays (population when population is counted)."""
        counts: np.ndarray = np.asarray(population, dtype=float)
        if self.used == "population":
            return counts
        codes = [str(c) for c in insee]
        values = self.by_commune(codes)
        return np.array([values.get(c, 0.0) for c in codes], dtype=float)

    def totals(self, insee: Any, population: Any, within: Any = None) -> tuple[float, float]:
        """Return (demand of all the communes, demand of those in the ``within`` mask, or all)."""
        w = self.weights(insee, population)
        inside = w if within is None else w[np.asarray(within, dtype=bool)]
        return float(w.sum()), float(inside.sum())

    def of_rows(self, rows: Any) -> float:
        """Return the demand of catchment rows (objects with ``insee`` and ``population``)."""
        rows = list(rows)
        return self.totals([r.insee for r in rows], [r.population for r in rows])[0]

    def as_dict(self, total: float | None = None, within: float | None = None) -> dict[str, Any]:
        """Return the choice for an API answer, with the demand counted when given."""
        return {
            "total": None if total is None else round(total, 2),
            "within": None if within is None else round(within, 2),
            "requested": self.requested,
            "used": self.used,
            "label": self.label,
            "note": self.note,
            "mobpro_imported": self.available,
            "min_minutes": self.params.min_minutes,
            "teleworkable_share": self.params.teleworkable_share,
            "days_per_week": self.params.days_per_week,
            "sources": {key: str(text) for key, text in commuting.SOURCES.items()},
        }


def choose(
    kind: Any = "population",
    *,
    min_minutes: float | None = None,
    teleworkable_share: float | None = None,
    days_per_week: float | None = None,
) -> Demand:
    """Return the demand to count; DomainError (field errors in French) on an unknown kind or bound."""
    if isinstance(kind, Demand):
        return kind
    kind = str(kind or "population")
    if kind not in DEMANDS:
        message = _("Demande inconnue : attendu population, long_commuters ou potential_users.")
        raise DomainError(message, errors={"demand": [message]})
    values = {
        "min_minutes": DEFAULTS.min_minutes if min_minutes is None else float(min_minutes),
        "teleworkable_share": DEFAULTS.teleworkable_share
        if teleworkable_share is None
        else float(teleworkable_share),
        "days_per_week": DEFAULTS.days_per_week if days_per_week is None else float(days_per_week),
    }
    bounds = {
        "min_minutes": (0, 240, _("La durée minimale du trajet doit être comprise entre 0 et 240 minutes.")),
        "teleworkable_share": (0, 1, _("La part télétravaillable doit être comprise entre 0 et 1.")),
        "days_per_week": (0, 5, _("Le nombre de jours par semaine doit être compris entre 0 et 5.")),
    }
    # Errors are keyed by the names the pages and the API use for these parameters.
    fields = {"min_minutes": "demand_minutes", "teleworkable_share": "teleworkable_share"}
    errors = {
        fields.get(name, "telework_days"): [msg]
        for name, (lo, hi, msg) in bounds.items()
        if not lo <= values[name] <= hi
    }
    if errors:
        raise DomainError(next(iter(errors.values()))[0], errors=errors)
    available = commuting.source() == "mobpro"
    used = kind if available or kind == "population" else "population"
    return Demand(
        requested=kind,
        used=used,
        params=commuting.DemandParameters(
            min_minutes=values["min_minutes"],
            teleworkable_share=values["teleworkable_share"],
            days_per_week=values["days_per_week"],
        ),
        available=available,
    )
