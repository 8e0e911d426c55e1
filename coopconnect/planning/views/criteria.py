"""Criteria page: the study's criteria for a candidate site, each with its verdict, and the score."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from coopconnect.core.errors import DomainError
from coopconnect.core.forms import add_domain_errors
from coopconnect.planning.catchment.result import method_note
from coopconnect.planning.criteria.check import check_site
from coopconnect.planning.criteria.inputs import SiteInputs
from coopconnect.planning.criteria.verdicts import WEIGHTS
from coopconnect.planning.forms import CriteriaForm
from coopconnect.planning.maps import catchment_outline_map
from coopconnect.planning.views.binding import bound_form
from coopconnect.planning.views.catchment import catchment_map


def criteria_view(request: HttpRequest) -> HttpResponse:
    """The study's criteria for a candidate site, each with its verdict and reason, and the score."""
    form = bound_form(CriteriaForm, request, "site")
    context: dict[str, Any] = {"form": form, "tab": "criteria", "weights": WEIGHTS}
    if form.is_bound and form.is_valid():
        d = form.cleaned_data
        inputs = SiteInputs(
            broadband_mbps=d.get("broadband_mbps"),
            schools_nearby=form.tri("schools_nearby"),
            shops_nearby=form.tri("shops_nearby"),
            transport_or_parking=form.tri("transport_or_parking"),
            elected_technician_pair=form.tri("elected_technician_pair"),
            core_users=d.get("core_users"),
            need_identified=form.tri("need_identified"),
            pilot_sites=tuple(d.get("pilot_sites") or ()),
        )
        try:
            demand = form.demand_choice()
            report = check_site(d["site"], inputs, form.thresholds())
        except DomainError as exc:
            add_domain_errors(form, exc)
        else:
            context.update(
                report=report,
                demand=demand,
                demand_total=demand.of_rows(report.catchment.rows),
                map_svg=catchment_outline_map(report.catchment) or catchment_map(report.catchment),
                method_note=method_note(report.catchment.method),
            )
    return render(request, "planning/convince/criteria.html", context)
