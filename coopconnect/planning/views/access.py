"""Accessibility page and CSV: shares within 10/20/30 minutes and seats within reach, France-wide."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from coopconnect.core.errors import DomainError
from coopconnect.core.forms import add_domain_errors
from coopconnect.planning.access.indicators import access_csv, accessibility
from coopconnect.planning.demand import Demand, choose
from coopconnect.planning.forms import AccessForm
from coopconnect.territory.models import Department


def _demand(request: HttpRequest) -> tuple[AccessForm, Demand]:
    """The demand chosen on the page (population when nothing or something wrong is asked)."""
    form = AccessForm(request.GET or None)
    if form.is_bound and form.is_valid():
        try:
            return form, form.demand_choice()
        except DomainError as exc:
            add_domain_errors(form, exc)
    return form, choose("population")


def accessibility_view(request: HttpRequest) -> HttpResponse:
    """France, regions and departments on the page; a department's EPCI when one is chosen."""
    form, demand = _demand(request)
    table = accessibility(demand=demand)
    dep = (request.GET.get("departement") or "").strip().upper()
    context: dict[str, Any] = {
        "tab": "access",
        "form": form,
        "demand": demand,
        "demand_total": None,
        "csv_query": request.GET.urlencode() if demand.used != "population" else "",
        "table": table,
        "france": table.level("fr"),
        "regions": table.level("reg"),
        "departments": table.level("dep"),
        "department_choices": list(Department.objects.order_by("code").values_list("code", "name")),
        "dep": dep,
        "epci_rows": [],
        "unknown_dep": False,
    }
    if dep:
        members = set(
            Department.objects.filter(code=dep).values_list("communes__epci_id", flat=True).distinct()
        )
        if not Department.objects.filter(code=dep).exists():
            context["unknown_dep"] = True
        else:
            context["epci_rows"] = [r for r in table.level("epci") if r.code in members]
    return render(request, "planning/convince/accessibility.html", context)


def accessibility_csv(request: HttpRequest) -> HttpResponse:
    """The whole table (France, regions, departments, every EPCI) as CSV."""
    _form, demand = _demand(request)
    response = HttpResponse(access_csv(accessibility(demand=demand)), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="accessibilite-tiers-lieux.csv"'
    return response
