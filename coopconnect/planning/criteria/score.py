"""The overall score of a site: the weighted share of passed criteria among the known ones."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _

from coopconnect.planning.criteria.verdicts import PASS, UNKNOWN, Criterion


@dataclass(frozen=True, slots=True)
class Score:
    """The overall score: Σ weights passed / Σ weights known, and how much is known."""

    passed_weight: int
    known_weight: int
    total_weight: int

    @property
    def percent(self) -> int | None:
        return None if self.known_weight == 0 else round(100 * self.passed_weight / self.known_weight)

    @property
    def completeness(self) -> int:
        return round(100 * self.known_weight / self.total_weight) if self.total_weight else 0

    @property
    def formula(self) -> str:
        if self.known_weight == 0:
            return _("Aucun critère connu : pas de score.")
        return _(
            "Score = poids des critères remplis ÷ poids des critères connus = %(p)s ÷ %(k)s = %(pct)s %% ; "
            "critères connus : %(k)s sur %(t)s points de poids (%(c)s %%)."
        ) % {
            "p": self.passed_weight,
            "k": self.known_weight,
            "pct": self.percent,
            "t": self.total_weight,
            "c": self.completeness,
        }


def score(criteria: Sequence[Criterion]) -> Score:
    """Return the weighted share of passed criteria among known ones (unknown ones left out)."""
    return Score(
        passed_weight=sum(c.weight for c in criteria if c.status == PASS),
        known_weight=sum(c.weight for c in criteria if c.status != UNKNOWN),
        total_weight=sum(c.weight for c in criteria),
    )
