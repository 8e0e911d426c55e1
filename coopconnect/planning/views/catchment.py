"""Catchment page: communes within N minutes of a candidate site, with a table and a map."""

from __future__ import annotations

import math
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from coopconnect.core import formatting
from coopconnect.core.errors import DomainError
from coopconnect.core.forms import add_domain_errors
from coopconnect.core.svg import PALETTE, MapPoint, points_map
from coopconnect.planning.catchment.inputs import DEFAULT_MINUTES
from coopconnect.planning.catchment.result import Catchment, catchment, method_note
from coopconnect.planning.forms import CatchmentForm
from coopconnect.planning.maps import catchment_outline_map
from coopconnect.planning.views.binding import TABLE_ROWS, bound_form
from coopconnect.territory.models import Commune

MAP_POINTS = 1200


def catchment_map(area: Catchment) -> Any:
    """Return the SVG map of a catchment: reached communes sized by population, the site as a diamond."""
    # Past MAP_POINTS communes (two hours around a city), the map keeps the most populous ones.
    rows = sorted(area.rows, key=lambda r: -r.population)[:MAP_POINTS]
    coords = {
        c.insee: c
        for c in Commune.objects.filter(insee__in=[r.insee for r in rows]).only(
            "insee", "latitude", "longitude"
        )
    }
    biggest = max((r.population for r in area.rows), default=1) or 1
    points = [
        MapPoint(
            coords[r.insee].latitude,
            coords[r.insee].longitude,
            f"{r.name} : {formatting.number(r.population)} hab., "
            f"{formatting.number(r.minutes, decimals=0)} min",
            radius=2 + 9 * math.sqrt(r.population / biggest),
            color=PALETTE[0] if r.minutes <= area.minutes / 2 else PALETTE[5],
        )
        for r in rows
        if r.insee in coords
    ]
    points.append(
        MapPoint(
            area.site.latitude,
            area.site.longitude,
            area.site.label,
            radius=7,
            color=PALETTE[4],
            shape="diamond",
        )
    )
    return points_map(
        points,
        title=_("Communes à %(m)s minutes ou moins de %(s)s") % {"m": area.minutes, "s": area.site.label},
        description=_("%(n)s communes, %(p)s habitants.")
        % {"n": len(area.rows), "p": formatting.number(area.total_population, decimals=0)},
        legend=[
            (PALETTE[0], "circle", _("à %(m)s min ou moins") % {"m": area.minutes // 2}),
            (PALETTE[5], "circle", _("de %(a)s à %(m)s min") % {"a": area.minutes // 2, "m": area.minutes}),
            (PALETTE[4], "circle", _("site candidat")),
        ],
    )


def catchment_view(request: HttpRequest) -> HttpResponse:
    """Communes within N minutes of a candidate site, with a table and a map."""
    form = bound_form(CatchmentForm, request, "site")
    context: dict[str, Any] = {"form": form, "tab": "catchment"}
    if form.is_bound and form.is_valid():
        try:
            demand = form.demand_choice()
            area = catchment(form.cleaned_data["site"], form.cleaned_data["minutes"] or DEFAULT_MINUTES)
        except DomainError as exc:
            add_domain_errors(form, exc)
        else:
            context.update(
                area=area,
                demand=demand,
                demand_total=demand.of_rows(area.rows),
                rows=area.rows[:TABLE_ROWS],
                map_svg=catchment_outline_map(area) or catchment_map(area),
                method_note=method_note(area.method),
            )
    return render(request, "planning/convince/catchment.html", context)
