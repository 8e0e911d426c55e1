"""Coverage page: share of a territory's population within N minutes of a place; uncovered communes."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from coopconnect.core.errors import DomainError
from coopconnect.core.forms import add_domain_errors
from coopconnect.planning.catchment.inputs import DEFAULT_MINUTES
from coopconnect.planning.coverage import coverage, coverage_map
from coopconnect.planning.forms import CoverageForm
from coopconnect.planning.maps import coverage_outline_map
from coopconnect.planning.siting.candidates import DEFAULT_MIN_POPULATION
from coopconnect.planning.views.binding import TABLE_ROWS, bound_form


def coverage_view(request: HttpRequest) -> HttpResponse:
    """Share of a territory's population within N minutes of an existing place; uncovered communes."""
    form = bound_form(CoverageForm, request, "territory")
    context: dict[str, Any] = {"form": form, "tab": "coverage"}
    if form.is_bound and form.is_valid():
        try:
            demand = form.demand_choice()
            result = coverage(
                form.cleaned_data["territory"],
                form.cleaned_data["minutes"] or DEFAULT_MINUTES,
                uncovered_limit=TABLE_ROWS,
            )
        except DomainError as exc:
            add_domain_errors(form, exc)
        else:
            demand_total, demand_covered = demand.totals(
                result.table.insee, result.table.population, result.covered
            )
            context.update(
                result=result,
                demand=demand,
                demand_total=demand_total,
                demand_covered=demand_covered,
                demand_share=100 * demand_covered / demand_total if demand_total else 0.0,
                uncovered=result.uncovered[:TABLE_ROWS],
                map_svg=coverage_outline_map(result) or coverage_map(result),
                share_pct=round(100 * result.share, 1),
                # The link to the siting proposes as many sites as there are eligible communes, up to 5.
                suggest_k=min(5, int((result.table.population >= DEFAULT_MIN_POPULATION).sum())),
            )
    return render(request, "planning/convince/coverage.html", context)
