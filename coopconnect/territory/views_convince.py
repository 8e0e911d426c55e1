"""Pages of the tool to convince: catchment, criteria, coverage, siting, commute savings.

Public pages (tools for project holders), GET forms, no JavaScript: parse the form, call the
computation, render. A DomainError from a computation shows on the form, never as a 500.
"""

from __future__ import annotations

import math
from decimal import Decimal
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from coopconnect.core.errors import DomainError
from coopconnect.territory import commute as commute_mod
from coopconnect.territory.catchment import DEFAULT_MINUTES, Catchment, catchment, method_note
from coopconnect.territory.coverage import coverage, coverage_map
from coopconnect.territory.criteria import WEIGHTS, SiteInputs, check_site
from coopconnect.territory.forms_convince import (
    CatchmentForm,
    CommuteForm,
    CoverageForm,
    CriteriaForm,
    SitingForm,
    VideoForm,
    add_domain_error,
)
from coopconnect.territory.siting import DEFAULT_MIN_POPULATION, propose_sites, siting_map
from coopconnect.territory.svg import PALETTE, MapPoint, bar_chart, points_map

TABLE_ROWS = 50
MAP_POINTS = 1200


def _bound(form_class: Any, request: HttpRequest, trigger: str, prefix: str | None = None) -> Any:
    key = f"{prefix}-{trigger}" if prefix else trigger
    return form_class(request.GET, prefix=prefix) if key in request.GET else form_class(prefix=prefix)


def catchment_map(area: Catchment) -> Any:
    """Return the SVG map of a catchment: reached communes sized by population, the site as a diamond."""
    from coopconnect.territory.models import Commune

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
            f"{r.name} : {r.population} hab., {r.minutes:.0f} min",
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
        description=_("%(n)s communes, %(p)s habitants.") % {"n": len(area.rows), "p": area.total_population},
        legend=[
            (PALETTE[0], "circle", _("à %(m)s min ou moins") % {"m": area.minutes // 2}),
            (PALETTE[5], "circle", _("de %(a)s à %(m)s min") % {"a": area.minutes // 2, "m": area.minutes}),
            (PALETTE[4], "circle", _("site candidat")),
        ],
    )


def catchment_view(request: HttpRequest) -> HttpResponse:
    """Communes within N minutes of a candidate site, with a table and a map."""
    form = _bound(CatchmentForm, request, "site")
    context: dict[str, Any] = {"form": form, "tab": "catchment"}
    if form.is_bound and form.is_valid():
        try:
            area = catchment(form.cleaned_data["site"], form.cleaned_data["minutes"] or DEFAULT_MINUTES)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            context.update(
                area=area,
                rows=area.rows[:TABLE_ROWS],
                map_svg=catchment_map(area),
                method_note=method_note(area.method),
            )
    return render(request, "territory/convince/catchment.html", context)


def criteria_view(request: HttpRequest) -> HttpResponse:
    """The study's criteria for a candidate site, each with its verdict and reason, and the score."""
    form = _bound(CriteriaForm, request, "site")
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
            report = check_site(d["site"], inputs, form.thresholds())
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            context.update(
                report=report,
                map_svg=catchment_map(report.catchment),
                method_note=method_note(report.catchment.method),
            )
    return render(request, "territory/convince/criteria.html", context)


def coverage_view(request: HttpRequest) -> HttpResponse:
    """Share of a territory's population within N minutes of an existing place; uncovered communes."""
    form = _bound(CoverageForm, request, "territory")
    context: dict[str, Any] = {"form": form, "tab": "coverage"}
    if form.is_bound and form.is_valid():
        try:
            result = coverage(form.cleaned_data["territory"], form.cleaned_data["minutes"] or DEFAULT_MINUTES)
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            context.update(
                result=result,
                uncovered=result.uncovered[:TABLE_ROWS],
                map_svg=coverage_map(result),
                share_pct=round(100 * result.share, 1),
                # The link to the siting proposes as many sites as there are eligible communes, up to 5.
                suggest_k=min(5, int((result.table.population >= DEFAULT_MIN_POPULATION).sum())),
            )
    return render(request, "territory/convince/coverage.html", context)


def siting_view(request: HttpRequest) -> HttpResponse:
    """Propose K new sites maximising the population newly within N minutes."""
    form = _bound(SitingForm, request, "territory")
    context: dict[str, Any] = {"form": form, "tab": "siting"}
    if form.is_bound and form.is_valid():
        d = form.cleaned_data
        try:
            result = propose_sites(
                d["territory"],
                k=d["k"],
                minutes=d["minutes"] or DEFAULT_MINUTES,
                min_population=DEFAULT_MIN_POPULATION if d["min_population"] is None else d["min_population"],
                min_spacing_minutes=d["min_spacing_minutes"] or 0,
            )
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            context.update(
                result=result,
                map_svg=siting_map(result),
                gains_svg=bar_chart(
                    [f"{p.rank}. {p.name}" for p in result.picks],
                    [p.gain for p in result.picks],
                    title=_("Habitants gagnés par site (gain marginal)"),
                    unit=_("hab."),
                ),
                share_before=round(100 * result.share_before, 1),
                share_after=round(100 * result.share_after, 1),
            )
    return render(request, "territory/convince/siting.html", context)


def _params(d: dict[str, Any]) -> commute_mod.CommuteParams:
    return commute_mod.with_overrides(
        commute_mod.DEFAULT_PARAMS,
        cost_per_km=d.get("cost_per_km"),
        kg_co2e_per_km=d.get("kg_co2e_per_km"),
        working_weeks=d.get("working_weeks"),
        speed_kmh=d.get("speed_kmh"),
    )


def commute_view(request: HttpRequest) -> HttpResponse:
    """A member's yearly commute savings, and a video session against the trip it replaces."""
    form = _bound(CommuteForm, request, "home")
    video_form = _bound(VideoForm, request, "session_price", prefix="visio")
    context: dict[str, Any] = {
        "form": form,
        "video_form": video_form,
        "tab": "commute",
        "parameters": commute_mod.DEFAULT_PARAMS.documented(),
    }
    if form.is_bound and form.is_valid():
        d = form.cleaned_data
        params = _params(d)
        try:
            result = commute_mod.commute_savings(
                home=d["home"],
                work=d["work"],
                days_per_week=float(d["days_per_week"]),
                place=d.get("place"),
                params=params,
            )
        except DomainError as exc:
            add_domain_error(form, exc)
        else:
            context.update(savings=result, parameters=params.documented())
    video_data = None
    if video_form.is_bound:
        if video_form.is_valid():
            video_data = video_form.cleaned_data
    else:
        # The study's example by default: Bâticom's session against a Pertuis–Marseille return trip.
        video_data = {name: f.initial for name, f in video_form.fields.items()}
        video_data["origin"] = video_form.fields["origin"].clean("Pertuis") if _exists("84089") else None
        video_data["destination"] = (
            video_form.fields["destination"].clean("13055") if _exists("13055") else None
        )
        if not (video_data["origin"] and video_data["destination"]):
            video_data = None
    if video_data is not None:
        try:
            context["video"] = _video(video_data)
        except DomainError as exc:
            if video_form.is_bound:
                add_domain_error(video_form, exc)
    return render(request, "territory/convince/commute.html", context)


def _exists(insee: str) -> bool:
    from coopconnect.territory.models import Commune

    return Commune.objects.filter(insee=insee).exists()


def _video(d: dict[str, Any]) -> commute_mod.VideoVersusTrip:
    cost = (
        d.get("cost_per_km") if d.get("cost_per_km") is not None else commute_mod.DEFAULT_PARAMS.cost_per_km
    )
    km = d.get("km_one_way")
    if km is None:
        a, b = d["origin"], d["destination"]
        km = commute_mod.trip_between((a.latitude, a.longitude), (b.latitude, b.longitude)).km
    return commute_mod.video_versus_trip(
        session_price=d["session_price"],
        km_one_way=km,
        cost_per_km=cost,
        travellers=d.get("travellers") or 1,
        tolls=d.get("tolls") or Decimal(0),
    )
