"""Siting page: K new sites maximising the population newly within N minutes."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from coopconnect.core.errors import DomainError
from coopconnect.core.forms import add_domain_errors
from coopconnect.core.svg import bar_chart
from coopconnect.planning.catchment.inputs import DEFAULT_MINUTES
from coopconnect.planning.forms import SitingForm
from coopconnect.planning.siting.candidates import DEFAULT_MIN_POPULATION
from coopconnect.planning.siting.map import siting_map, siting_outline_map
from coopconnect.planning.siting.proposal import propose_sites
from coopconnect.planning.views.binding import bound_form


def siting_view(request: HttpRequest) -> HttpResponse:
    """Propose K new sites maximising the population newly within N minutes."""
    form = bound_form(SitingForm, request, "territory")
    context: dict[str, Any] = {"form": form, "tab": "siting"}
    if form.is_bound and form.is_valid():
        d = form.cleaned_data
        try:
            demand = form.demand_choice()
            result = propose_sites(
                d["territory"],
                k=d["k"],
                minutes=d["minutes"] or DEFAULT_MINUTES,
                min_population=DEFAULT_MIN_POPULATION if d["min_population"] is None else d["min_population"],
                min_spacing_minutes=d["min_spacing_minutes"] or 0,
                exact=d.get("solve") != "greedy",
                demand=demand,
            )
        except DomainError as exc:
            add_domain_errors(form, exc)
        else:
            context.update(
                result=result,
                demand=demand,
                demand_total=None,
                map_svg=siting_outline_map(result) or siting_map(result),
                gains_svg=bar_chart(
                    [f"{p.rank}. {p.name}" for p in result.picks],
                    [p.gain for p in result.picks],
                    title=_("Habitants gagnés par site (gain marginal)"),
                    unit=_("hab."),
                ),
                share_before=round(100 * result.share_before, 1),
                share_after=round(100 * result.share_after, 1),
            )
    return render(request, "planning/convince/siting.html", context)
