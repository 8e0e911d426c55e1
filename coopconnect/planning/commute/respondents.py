"""What a needs survey's respondents would save in a year working at a candidate site their stated days.

Each respondent counted gave a home commune, a work commune and a number of days a week they would work
elsewhere (the survey's ``work_commune`` and ``days_elsewhere`` questions); their savings are those of
:func:`coopconnect.planning.commute.savings.commute_savings` with the site as the third place.
Respondents whose trip cannot be computed, or who would save no kilometre, are left out.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

from coopconnect.core.errors import DomainError
from coopconnect.planning.commute.params import CommuteParams
from coopconnect.planning.commute.savings import commute_savings
from coopconnect.territory.models import Commune
from coopconnect.territory.selectors import commune_by_insee


def respondents_savings(*, site: Commune, responses: Iterable[Any]) -> dict[str, Any]:
    """Sum the yearly km, euros, kg CO₂e and hours the respondents would save working at ``site``.

    ``responses`` are survey responses with their home commune and answers (``answers__question``
    prefetched). Returns ``people``, ``km`` and ``hours`` (rounded), ``euros``, ``co2`` and ``params``
    (the documented parameters used, empty when nobody counted).
    """
    place = SimpleNamespace(name=site.name, latitude=site.latitude, longitude=site.longitude, commune=site)
    totals: dict[str, Any] = {"people": 0, "km": 0.0, "euros": Decimal(0), "co2": Decimal(0), "hours": 0.0}
    params: CommuteParams | None = None
    for response in responses:
        values = {a.question.code: a.value for a in response.answers.all()}
        work, days = values.get("work_commune"), values.get("days_elsewhere")
        if not isinstance(work, dict) or not str(days).isdigit() or int(days) == 0:
            continue
        work_commune = commune_by_insee(work.get("insee", ""))
        if work_commune is None:
            continue
        try:
            s = commute_savings(
                home=response.home_commune, work=work_commune, days_per_week=float(days), place=place
            )
        except DomainError:
            continue
        if s.km_per_year <= 0:
            continue
        params = s.params
        totals["people"] += 1
        totals["km"] += s.km_per_year
        totals["euros"] += s.euros_per_year
        totals["co2"] += s.kg_co2e_per_year
        totals["hours"] += s.hours_per_year
    totals["params"] = params.documented() if params is not None else []
    totals["km"] = round(totals["km"])
    totals["hours"] = round(totals["hours"])
    return totals
