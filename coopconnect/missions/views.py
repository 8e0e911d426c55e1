"""Missions board pages: the board, post a mission, a mission and its answers, my missions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coopconnect.core import permissions as perms
from coopconnect.core.errors import DomainError
from coopconnect.core.forms import add_domain_errors
from coopconnect.core.ratelimit import limit_posts
from coopconnect.missions import selectors
from coopconnect.missions.forms import (
    MissionEditForm,
    MissionForm,
    MissionSearchForm,
    ResponseForm,
    StatusForm,
)
from coopconnect.missions.permissions import can_manage_mission
from coopconnect.missions.services import (
    mission_create,
    mission_respond,
    mission_set_status,
    mission_update,
)
from coopconnect.skills.forms import resolve_commune_field
from coopconnect.skills.services import parse_tags


@login_required
def board(request: HttpRequest) -> HttpResponse:
    """The open missions of my networks, newest first, searchable by skill."""
    form = MissionSearchForm(request.GET or None)
    skill = form.cleaned_data["skill"] if form.is_valid() else ""
    page = Paginator(selectors.missions_board(viewer=request.user, skill=skill), 20).get_page(
        request.GET.get("page")
    )
    mine = selectors.missions_posted_by(request.user)[:50]
    status = 400 if request.GET and not form.is_valid() else 200
    return render(
        request, "missions/missions.html", {"form": form, "page": page, "mine": mine}, status=status
    )


@login_required
def mission_new(request: HttpRequest) -> HttpResponse:
    """Post a mission on one of my networks' boards, for me or an organisation I administer."""
    networks = list(perms.member_networks(request.user).order_by("name"))
    organisations = list(perms.organisations_administered_by(request.user).order_by("name"))
    form = MissionForm(request.POST or None, networks=networks, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            network = next(n for n in networks if n.pk == data["network"])
            organisation = next((o for o in organisations if o.pk == data["organisation"]), None)
            mission = mission_create(
                poster=request.user,
                network=network,
                organisation=organisation,
                title=data["title"],
                description=data["description"],
                skills=parse_tags(data["skills"]),
                commune=resolve_commune_field(data["commune"]),
                remote=data["remote"],
                start=data["start"],
                deadline=data["deadline"],
                budget=data["budget"],
                expires_on=data["expires_on"],
            )
        except DomainError as exc:
            add_domain_errors(form, exc)
        else:
            messages.success(request, _("Mission publiée."))
            return redirect("missions:mission", pk=mission.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "missions/mission_new.html", {"form": form, "networks": networks}, status=status)


@login_required
@limit_posts("contact")
def mission(request: HttpRequest, pk: int) -> HttpResponse:
    """A mission; members answer it with the form at the bottom."""
    found = selectors.mission_visible(request.user, pk)
    if found is None:
        raise Http404
    manager = can_manage_mission(request.user, found)
    if not found.is_on_board() and not manager:
        raise Http404
    form = ResponseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            mission_respond(mission=found, author=request.user, message=form.cleaned_data["message"])
        except DomainError as exc:
            add_domain_errors(form, exc)
        else:
            messages.success(request, _("Réponse envoyée à l'auteur de la mission."))
            return redirect("missions:mission", pk=found.pk)
    answered = found.responses.filter(author=request.user).first()
    context = {"mission": found, "form": form, "manager": manager, "answered": answered}
    return render(request, "missions/mission.html", context, status=400 if request.method == "POST" else 200)


@login_required
def mission_responses(request: HttpRequest, pk: int) -> HttpResponse:
    """The answers to a mission: its poster and the organisation's admins only."""
    found = selectors.mission_visible(request.user, pk)
    if found is None or not can_manage_mission(request.user, found):
        raise Http404
    responses = selectors.mission_responses(found)
    return render(request, "missions/mission_responses.html", {"mission": found, "responses": responses})


@login_required
@require_POST
def mission_status(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark a mission filled or closed, or open it again (its poster)."""
    found = selectors.mission_visible(request.user, pk)
    if found is None or not can_manage_mission(request.user, found):
        raise Http404
    form = StatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("État inconnu."))
    else:
        try:
            mission_set_status(mission=found, by=request.user, status=form.cleaned_data["status"])
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Mission mise à jour."))
    return redirect("missions:mission", pk=found.pk)


@login_required
def mission_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Edit a mission (its poster, or an admin of the organisation it is posted for)."""
    found = selectors.mission_visible(request.user, pk)
    if found is None or not can_manage_mission(request.user, found):
        raise Http404
    initial = {
        "title": found.title,
        "description": found.description,
        "skills": ", ".join(s.label for s in found.skills.all()),
        "commune": found.commune.insee if found.commune else "",
        "remote": found.remote,
        "start": found.start,
        "deadline": found.deadline,
        "budget": found.budget,
        "expires_on": found.expires_on,
    }
    form = MissionEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            mission_update(
                mission=found,
                by=request.user,
                title=data["title"],
                description=data["description"],
                skills=parse_tags(data["skills"]),
                commune=resolve_commune_field(data["commune"]),
                remote=data["remote"],
                start=data["start"],
                deadline=data["deadline"],
                budget=data["budget"],
                expires_on=data["expires_on"],
            )
        except DomainError as exc:
            add_domain_errors(form, exc)
        else:
            messages.success(request, _("Mission modifiée."))
            return redirect("missions:mission", pk=found.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "missions/mission_edit.html", {"mission": found, "form": form}, status=status)
