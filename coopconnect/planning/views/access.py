"""Accessibility page and CSV: shares within 10/20/30 minutes and seats within reach, France-wide."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from coopconnect.planning.access.indicators import access_csv, accessibility
from coopconnect.territory.models import Department


def accessibility_view(request: HttpRequest) -> HttpResponse:
    """France, regions and departments on the page; a department's EPCI when one is chosen."""
    table = accessibility()
    dep = (request.GET.get("departement") or "").strip().upper()
    context: dict[str, Any] = {
        "tab": "access",
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
    response = HttpResponse(access_csv(accessibility()), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="accessibilite-tiers-lieux.csv"'
    return response
