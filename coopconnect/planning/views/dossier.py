"""The dossier of a candidate site: catchment, criteria, business plan, commute savings, survey results.

One shareable page and the same content as a PDF (WeasyPrint); every chart is inline SVG so it shows
without JavaScript and in the PDF.
"""

from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from coopconnect.businessplans.models import BusinessPlan
from coopconnect.businessplans.selectors import plan_by_share_token, plans_of
from coopconnect.businessplans.views import plan_context
from coopconnect.core.errors import DomainError
from coopconnect.core.svg import PALETTE, MapPoint, points_map
from coopconnect.planning.catchment.inputs import Site
from coopconnect.planning.catchment.result import catchment
from coopconnect.planning.commute.savings import commute_savings
from coopconnect.planning.criteria.check import check_site
from coopconnect.surveys.models import SurveyResponse
from coopconnect.surveys.selectors import interested_hook, surveys_for_commune
from coopconnect.surveys.views import results_context
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
    coords = {c.insee: c for c in Commune.objects.filter(insee__in=[r.insee for r in area.rows])}
    biggest = max((r.population for r in area.rows), default=1) or 1
    points = [
        MapPoint(
            latitude=coords[r.insee].latitude,
            longitude=coords[r.insee].longitude,
            label=f"{r.name} : {r.population} hab., {round(r.minutes)} min",
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


def _commute(commune: Commune, survey: Any) -> dict[str, Any] | None:
    """Sum the yearly savings of the survey's respondents if they worked at the site their stated days."""
    if survey is None:
        return None
    site = SimpleNamespace(
        name=commune.name, latitude=commune.latitude, longitude=commune.longitude, commune=commune
    )
    totals = {"people": 0, "km": 0.0, "euros": Decimal(0), "co2": Decimal(0), "hours": 0.0}
    params = None
    responses = (
        SurveyResponse.objects.filter(survey=survey, home_commune__isnull=False)
        .select_related("home_commune")
        .prefetch_related("answers__question")[:MAX_COMMUTE_RESPONSES]
    )
    work_codes: dict[int, str] = {}
    for response in responses:
        values = {a.question.code: a.value for a in response.answers.all()}
        work, days = values.get("work_commune"), values.get("days_elsewhere")
        if not isinstance(work, dict) or not str(days).isdigit() or int(days) == 0:
            continue
        work_codes[response.pk] = work.get("insee", "")
        work_commune = commune_by_insee(work_codes[response.pk])
        if work_commune is None:
            continue
        try:
            s = commute_savings(
                home=response.home_commune, work=work_commune, days_per_week=float(days), place=site
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


def dossier_context(request: HttpRequest, insee: str) -> dict[str, Any]:
    """Gather every section of the dossier for the commune; a section that cannot be computed says why."""
    commune = commune_by_insee(insee)
    if commune is None:
        raise Http404(_("Commune inconnue."))
    surveys = surveys_for_commune(commune, request.user)
    survey = surveys[0] if surveys else None
    survey_ctx = results_context(survey) if survey is not None else {}

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
    context.update(plan_context(plan))
    context["commute"] = _commute(commune, survey)
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
