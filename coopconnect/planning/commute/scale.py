"""One member's commute savings scaled to the commuting demand of their home commune (MOBPRO).

    people             = demand of the home commune (long commuters, or potential users)
    km, €, CO₂, hours  = people × the member's yearly figures

An order of magnitude: it assumes each of them saves as much as the member described. With the
population as demand (no MOBPRO file, or population chosen) there is no such figure: residents
are not all commuters.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from coopconnect.core.money import round_cents
from coopconnect.planning.commute.savings import CommuteSavings
from coopconnect.planning.demand import Demand


@dataclass(frozen=True, slots=True)
class CommuneSavings:
    """The member's yearly savings times the demand of their home commune."""

    people: float
    km_per_year: float
    euros_per_year: Decimal
    kg_co2e_per_year: Decimal
    hours_per_year: float

    def as_dict(self) -> dict[str, Any]:
        return {
            "people": round(self.people, 2),
            "km_per_year": round(self.km_per_year),
            "euros_per_year": self.euros_per_year,
            "kg_co2e_per_year": self.kg_co2e_per_year,
            "hours_per_year": round(self.hours_per_year, 1),
        }


def commune_savings(savings: CommuteSavings, demand: Demand) -> CommuneSavings | None:
    """Scale ``savings`` to the home commune's demand; None when the demand is the population."""
    if demand.used == "population":
        return None
    people = demand.by_commune([savings.home.insee]).get(savings.home.insee, 0.0)
    factor = Decimal(str(round(people, 6)))
    return CommuneSavings(
        people=people,
        km_per_year=savings.km_per_year * people,
        euros_per_year=round_cents(savings.euros_per_year * factor),
        kg_co2e_per_year=(savings.kg_co2e_per_year * factor).quantize(Decimal("0.1")),
        hours_per_year=savings.hours_per_year * people,
    )
