"""Commute page: a member's yearly commute savings, and a video session against the trip it replaces."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from coopconnect.core.errors import DomainError
from coopconnect.core.forms import add_domain_errors
from coopconnect.planning.commute.break_even import VideoVersusTrip, video_versus_trip
from coopconnect.planning.commute.params import DEFAULT_PARAMS, CommuteParams, with_overrides
from coopconnect.planning.commute.savings import commute_savings, trip_between
from coopconnect.planning.commute.scale import commune_savings
from coopconnect.planning.forms import CommuteForm, VideoForm
from coopconnect.planning.views.binding import bound_form
from coopconnect.territory.models import Commune


def _params(d: dict[str, Any]) -> CommuteParams:
    return with_overrides(
        DEFAULT_PARAMS,
        cost_per_km=d.get("cost_per_km"),
        kg_co2e_per_km=d.get("kg_co2e_per_km"),
        working_weeks=d.get("working_weeks"),
        speed_kmh=d.get("speed_kmh"),
    )


def commute_view(request: HttpRequest) -> HttpResponse:
    """A member's yearly commute savings, and a video session against the trip it replaces."""
    form = bound_form(CommuteForm, request, "home")
    video_form = bound_form(VideoForm, request, "session_price", prefix="visio")
    context: dict[str, Any] = {
        "form": form,
        "video_form": video_form,
        "tab": "commute",
        "parameters": DEFAULT_PARAMS.documented(),
    }
    if form.is_bound and form.is_valid():
        d = form.cleaned_data
        params = _params(d)
        try:
            demand = form.demand_choice()
            result = commute_savings(
                home=d["home"],
                work=d["work"],
                days_per_week=float(d["days_per_week"]),
                place=d.get("place"),
                params=params,
            )
        except DomainError as exc:
            add_domain_errors(form, exc)
        else:
            context.update(
                savings=result,
                parameters=params.documented(),
                demand=demand,
                demand_total=None,
                commune=commune_savings(result, demand),
            )
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
                add_domain_errors(video_form, exc)
    return render(request, "planning/convince/commute.html", context)


def _exists(insee: str) -> bool:
    return Commune.objects.filter(insee=insee).exists()


def _video(d: dict[str, Any]) -> VideoVersusTrip:
    cost = d.get("cost_per_km") if d.get("cost_per_km") is not None else DEFAULT_PARAMS.cost_per_km
    km = d.get("km_one_way")
    if km is None:
        a, b = d["origin"], d["destination"]
        km = trip_between((a.latitude, a.longitude), (b.latitude, b.longitude)).km
    return video_versus_trip(
        session_price=d["session_price"],
        km_one_way=km,
        cost_per_km=cost,
        travellers=d.get("travellers") or 1,
        tolls=d.get("tolls") or Decimal(0),
    )
