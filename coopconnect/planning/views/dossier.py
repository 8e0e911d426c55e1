"""The dossier of a candidate site: catchment, criteria, business plan, commute savings, survey results.

One shareable page and the same content as a PDF (WeasyPrint); every chart is inline SVG so it shows
without JavaScript and in the PDF.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from coopconnect.businessplans.models import BusinessPlan
from coopconnect.businessplans.selectors import plan_by_share_token, plan_summary, plans_of
from coopconnect.core import formatting
from coopconnect.core.errors import DomainError
from coopconnect.core.svg import PALETTE, MapPoint, points_map
from coopconnect.planning.catchment.inputs import Site
from coopconnect.planning.catchment.result import catchment
from coopconnect.planning.commute.respondents import respondents_savings
from coopconnect.planning.criteria.check import check_site
from coopconnect.planning.maps import catchment_outline_map
from coopconnect.surveys.selectors import (
    interested_hook,
    responses_with_home,
    results_summary,
    surveys_for_commune,
)
from coopconnect.territory.models import Commune
from coopconnect.territory.selectors import commune_by_insee, resolve_commune

MAX_COMMUTE_RESPONSES = 300


def dossier_pick(request: HttpRequest) -> HttpResponse:
    """Choose the candidate commune (GET form, works without JavaScript)."""
    query = request.GET.get("commune", "").strip()
    suggestions: list[Commune] = []
    error = ""
    if query:
        commune, suggestions = resolve_commune(query)
        if commune is not None:
            return redirect("planning:dossier", insee=commune.insee)
        error = (
            _("Commune introuvable ou ambiguë : choisissez dans la liste.")
            if suggestions
            else _("Commune inconnue : « %(q)s ».") % {"q": query}
        )
    status = 400 if error else 200
    return render(
        request,
        "planning/dossier/pick.html",
        {"query": query, "suggestions": suggestions, "error": error},
        status=status,
    )


def _site(commune: Commune) -> Site:
    return Site(
        label=f"{commune.name} ({commune.department_id})",
        latitude=commune.latitude,
        longitude=commune.longitude,
        commune=commune,
    )


def _catchment_map(commune: Commune, area: Any) -> Any:
    outlined = catchment_outline_map(area)
    if outlined is not None:
        return outlined
    coords = {c.insee: c for c in Commune.objects.filter(insee__in=[r.insee for r in area.rows])}
    biggest = max((r.population for r in area.rows), default=1) or 1
    points = [
        MapPoint(
            latitude=coords[r.insee].latitude,
            longitude=coords[r.insee].longitude,
            label=f"{r.name} : {formatting.number(r.population)} hab., "
            f"{formatting.number(r.minutes, decimals=0)} min",
            radius=2 + 10 * (r.population / biggest) ** 0.5,
            color=PALETTE[0],
        )
        for r in area.rows
        if r.insee in coords
    ]
    points.append(
        MapPoint(
            commune.latitude,
            commune.longitude,
            _("Site : %(n)s") % {"n": commune.name},
            7,
            PALETTE[1],
            "diamond",
        )
    )
    return points_map(
        points,
        title=_("Communes à moins de %(m)s minutes de %(n)s") % {"m": area.minutes, "n": commune.name},
        legend=[
            (PALETTE[0], "circle", _("Commune atteinte (taille : population)")),
            (PALETTE[1], "square", _("Site candidat")),
        ],
    )


def _plan(request: HttpRequest, commune: Commune) -> BusinessPlan | None:
    token = request.GET.get("plan", "")
    if token:
        plan = plan_by_share_token(token)
        if plan is None:
            raise Http404(_("Lien de plan d'affaires invalide."))
        return plan
    return plans_of(request.user).filter(commune=commune).first()


def dossier_context(request: HttpRequest, insee: str) -> dict[str, Any]:
    """Gather every section of the dossier for the commune; a section that cannot be computed says why."""
    commune = commune_by_insee(insee)
    if commune is None:
        raise Http404(_("Commune inconnue."))
    surveys = surveys_for_commune(commune, request.user)
    survey = surveys[0] if surveys else None
    survey_ctx = results_summary(survey) if survey is not None else {}

    context: dict[str, Any] = {
        "commune": commune,
        "survey": survey,
        "generated_at": timezone.now(),
        **survey_ctx,
    }
    try:
        report = check_site(_site(commune), survey_interested_hook=interested_hook(request.user))
        context["report"] = report
        context["catchment"] = report.catchment
        context["catchment_svg"] = _catchment_map(commune, report.catchment)
    except DomainError as exc:
        context["criteria_error"] = exc.message
        try:
            area = catchment(_site(commune))
            context["catchment"] = area
            context["catchment_svg"] = _catchment_map(commune, area)
        except DomainError as exc2:
            context["catchment_error"] = exc2.message
    plan = _plan(request, commune)
    context["plan"] = plan
    context.update(plan_summary(plan))
    context["commute"] = (
        respondents_savings(site=commune, responses=responses_with_home(survey, limit=MAX_COMMUTE_RESPONSES))
        if survey is not None
        else None
    )
    query = f"?plan={plan.share_token}" if plan is not None and request.GET.get("plan") else ""
    context["query"] = query
    return context


def dossier(request: HttpRequest, insee: str) -> HttpResponse:
    """Show the dossier page of a candidate commune."""
    return render(request, "planning/dossier/page.html", dossier_context(request, insee))


def dossier_pdf(request: HttpRequest, insee: str) -> HttpResponse:
    """Download the dossier as a PDF (same content, print layout)."""
    from weasyprint import HTML

    context = dossier_context(request, insee)
    html = render_to_string("planning/dossier/pdf.html", context, request=request)
    pdf = HTML(string=html, base_url=None).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="dossier-{context["commune"].insee}.pdf"'
    return response
