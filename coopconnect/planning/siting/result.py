"""The result of a siting request: the picks, the figures, and which answer is shown."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from coopconnect.core import formatting
from coopconnect.planning.siting.ilp import IlpOutcome
from coopconnect.planning.territories import Territory


@dataclass(frozen=True, slots=True)
class Pick:
    """A proposed site and the population it brings newly within N minutes."""

    rank: int
    insee: str
    name: str
    department: str
    population: int
    gain: int
    communes_gained: int
    cumulative: int
    latitude: float
    longitude: float


@dataclass(slots=True)
class SitingResult:
    """The proposal, its figures and how it was obtained."""

    territory: Territory
    k: int
    minutes: int
    min_population: int
    min_spacing_minutes: int
    method: str  # "greedy" or "exact"
    engine: str
    population: int
    covered_before: int
    candidates: int
    excluded_by_spacing: int
    picks: list[Pick] = field(default_factory=list)
    upper_bound: int | None = None
    greedy_value: int | None = None
    combinations: int | None = None
    solver: str | None = None  # "enumeration", "highs" or None (greedy only)
    ilp: IlpOutcome | None = None
    greedy_gained: int = 0
    demand: str = "population"  # or "long_commuters", "potential_users" (MOBPRO imported)
    notes: list[str] = field(default_factory=list)
    map_layers: dict[str, Any] = field(default_factory=dict)

    @property
    def gained(self) -> int:
        return sum(p.gain for p in self.picks)

    @property
    def share_before(self) -> float:
        return self.covered_before / self.population if self.population else 0.0

    @property
    def share_after(self) -> float:
        return (self.covered_before + self.gained) / self.population if self.population else 0.0

    @property
    def greedy_gap(self) -> float | None:
        """How far the greedy answer is below the optimum (or below the proven bound), as a share."""
        if self.method == "exact" and self.gained:
            return max(0.0, 1 - self.greedy_gained / self.gained)
        if self.upper_bound:
            return max(0.0, 1 - self.greedy_gained / self.upper_bound)
        return None

    @property
    def optimality_gap(self) -> float | None:
        """How far the answer shown may be from the optimum (0 when proven optimal), as a share."""
        if self.method == "exact":
            return 0.0
        if self.upper_bound:
            return max(0.0, 1 - self.gained / self.upper_bound)
        return None

    @property
    def shown(self) -> str:
        """Which answer is shown: "exact", "solver_best" (time limit) or "greedy"."""
        if self.method == "exact":
            return "exact"
        if self.ilp is not None and self.ilp.status == "time_limit" and self.gained > self.greedy_gained:
            return "solver_best"
        return "greedy"

    @property
    def guarantee(self) -> str:
        ilp = self.ilp
        if ilp is not None and ilp.status in ("optimal", "time_limit"):
            return self._solver_text(ilp)
        if self.method == "exact":
            text = _(
                "Solution exacte : les %(n)s combinaisons de %(k)s sites ont été évaluées ; "
                "aucune ne couvre plus "
                "d'habitants."
            ) % {"n": people(self.combinations or 0), "k": self.k}
            if self.greedy_value is not None:
                text += " " + _("Pour comparaison, l'algorithme glouton obtient %(g)s habitants.") % {
                    "g": people(self.greedy_value)
                }
            return text
        text = _(
            "Algorithme glouton : sans contrainte d'écartement, il garantit au moins 1 − 1/e ≈ 63 "
            "% de l'optimum "
            "(Nemhauser, Wolsey et Fisher, 1978)."
        )
        if self.min_spacing_minutes:
            text += " " + _(
                "Avec l'écartement minimal de %(s)s minutes, cette garantie ne s'applique plus formellement."
            ) % {"s": self.min_spacing_minutes}
        if self.upper_bound:
            text += " " + _(
                "Borne calculée a posteriori : l'optimum ne dépasse pas %(b)s habitants, donc "
                "cette proposition "
                "en atteint au moins %(pct)s."
            ) % {
                "b": people(self.upper_bound),
                "pct": formatting.percent(100 * self.gained / self.upper_bound, decimals=0),
            }
        return text

    def _solver_text(self, ilp: IlpOutcome) -> str:
        secs = formatting.number(ilp.seconds, decimals=1)
        if ilp.status == "optimal":
            text = _(
                "Solution exacte : programme linéaire en nombres entiers résolu par HiGHS en %(s)s s ; "
                "aucun ensemble de %(k)s sites ne couvre plus d'habitants (écart d'optimalité nul)."
            ) % {"s": secs, "k": self.k}
        elif self.upper_bound:
            text = _(
                "Limite de temps atteinte (%(s)s s) : meilleure solution trouvée par HiGHS ; l'optimum ne "
                "dépasse pas %(b)s habitants (écart d'optimalité au plus %(gap)s)."
            ) % {
                "s": secs,
                "b": people(self.upper_bound),
                "gap": formatting.percent(100 * max(0.0, 1 - self.gained / self.upper_bound), decimals=1),
            }
        else:
            text = _(
                "Limite de temps atteinte (%(s)s s) avant toute borne prouvée : la proposition est la "
                "meilleure trouvée, sans garantie d'optimalité."
            ) % {"s": secs}
        gap = self.greedy_gap
        if gap is not None:
            text += " " + _(
                "L'algorithme glouton obtient %(g)s habitants, soit %(pct)s de moins que %(ref)s."
            ) % {
                "g": people(self.greedy_gained),
                "pct": formatting.percent(100 * gap, decimals=1),
                "ref": _("l'optimum") if ilp.status == "optimal" else _("cette borne"),
            }
        return text


def people(n: int) -> str:
    """Format a head count."""
    return formatting.number(n, decimals=0)
