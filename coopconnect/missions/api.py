"""JSON API of the missions board (mounted under /api/v1/): missions and their answers."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status
from ninja.security import django_auth

from coopconnect.core import permissions as perms
from coopconnect.core import ratelimit
from coopconnect.core.errors import DomainError, NotFound, PermissionDenied
from coopconnect.core.schemas import ErrorOut
from coopconnect.forums.names import display_name
from coopconnect.missions import selectors
from coopconnect.missions.permissions import can_manage_mission
from coopconnect.missions.services import mission_create, mission_respond
from coopconnect.places.models import Network
from coopconnect.skills.forms import resolve_commune_field

router = Router(tags=["missions"])


class MissionIn(Schema):
    network_id: int
    organisation_id: int | None = None
    title: str = Field(..., max_length=160)
    description: str = Field(..., max_length=8000)
    skills: list[str] = Field(default_factory=list, max_length=20)
    commune: str = Field("", max_length=80, description="Nom ou code INSEE ; vide si à distance.")
    remote: bool = False
    start: dt.date | None = None
    deadline: dt.date | None = None
    budget: Decimal | None = Field(None, ge=0, max_digits=10, decimal_places=2)
    expires_on: dt.date | None = None


class MissionOut(Schema):
    id: int
    network_id: int
    title: str
    description: str
    skills: list[str]
    organisation: str | None = None
    posted_by: str
    commune: str | None = None
    remote: bool
    start: dt.date | None = None
    deadline: dt.date | None = None
    budget: Decimal | None = None
    status: str
    expires_on: dt.date


def _mission_out(m) -> MissionOut:  # noqa: ANN001 - a Mission
    return MissionOut(
        id=m.pk,
        network_id=m.network_id,
        title=m.title,
        description=m.description,
        skills=[s.label for s in m.skills.all()],
        organisation=m.organisation.name if m.organisation else None,
        posted_by=display_name(m.posted_by),
        commune=m.commune.name if m.commune else None,
        remote=m.remote,
        start=m.start,
        deadline=m.deadline,
        budget=m.budget,
        status=m.status,
        expires_on=m.expires_on,
    )


class BoardQuery(Schema):
    skill: str = Field("", max_length=80)


@router.get(
    "/missions",
    auth=django_auth,
    response={200: list[MissionOut], 401: ErrorOut, 422: ErrorOut},
    summary="Missions ouvertes",
)
def missions_list(request: HttpRequest, filters: Query[BoardQuery]):
    """The open, unexpired missions of the networks one belongs to."""
    board = selectors.missions_board(viewer=request.auth, skill=filters.skill).select_related("posted_by")
    return [_mission_out(m) for m in board[:200]]


@router.post(
    "/missions",
    auth=django_auth,
    response={201: MissionOut, 401: ErrorOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="Publier une mission",
)
def missions_create(request: HttpRequest, payload: MissionIn):
    """Post a mission on the board of a network one belongs to (for an organisation one administers)."""
    user = request.auth
    network = perms.member_networks(user).filter(pk=payload.network_id).first()
    if network is None:
        if Network.objects.filter(pk=payload.network_id).exists():
            raise PermissionDenied(
                "Seuls les membres du réseau publient sur sa bourse d'échanges.",
                {"network_id": ["Vous ne faites pas partie de ce réseau."]},
            )
        raise DomainError("Réseau inconnu.", {"network_id": ["Réseau inconnu."]})
    organisation = None
    if payload.organisation_id is not None:
        organisation = perms.organisations_administered_by(user).filter(pk=payload.organisation_id).first()
        if organisation is None:
            raise DomainError(
                "Vous n'administrez pas cette organisation.", {"organisation_id": ["Organisation inconnue."]}
            )
    mission = mission_create(
        poster=user,
        network=network,
        organisation=organisation,
        title=payload.title,
        description=payload.description,
        skills=[s for s in payload.skills if s.strip()],
        commune=resolve_commune_field(payload.commune),
        remote=payload.remote,
        start=payload.start,
        deadline=payload.deadline,
        budget=payload.budget,
        expires_on=payload.expires_on,
    )
    return Status(201, _mission_out(mission))


class ResponseIn(Schema):
    message: str = Field(..., max_length=4000)


class ResponseOut(Schema):
    id: int
    author: str
    author_email: str
    message: str
    created_at: dt.datetime


def _visible_mission(request: HttpRequest, mission_id: int):  # noqa: ANN202 - a Mission
    mission = selectors.mission_visible(request.auth, mission_id)
    if mission is None:
        raise NotFound("Mission introuvable.")
    return mission


@router.post(
    "/missions/{mission_id}/responses",
    auth=django_auth,
    response={
        201: ResponseOut,
        401: ErrorOut,
        400: ErrorOut,
        404: ErrorOut,
        409: ErrorOut,
        422: ErrorOut,
        429: ErrorOut,
    },
    summary="Répondre à une mission",
)
def missions_respond(request: HttpRequest, mission_id: int, payload: ResponseIn):
    """Answer a mission of one's networks; only its poster reads the answer."""
    ratelimit.hit(request, "contact")
    response = mission_respond(
        mission=_visible_mission(request, mission_id), author=request.auth, message=payload.message
    )
    return Status(
        201,
        ResponseOut(
            id=response.pk,
            author=display_name(response.author),
            author_email=response.author.email,
            message=response.message,
            created_at=response.created_at,
        ),
    )


@router.get(
    "/missions/{mission_id}/responses",
    auth=django_auth,
    response={200: list[ResponseOut], 401: ErrorOut, 404: ErrorOut},
    summary="Réponses à ma mission",
)
def missions_responses(request: HttpRequest, mission_id: int):
    """The answers to a mission: for its poster and its organisation's admins only."""
    mission = _visible_mission(request, mission_id)
    if not can_manage_mission(request.auth, mission):
        raise NotFound("Mission introuvable.")
    return [
        ResponseOut(
            id=r.pk,
            author=display_name(r.author),
            author_email=r.author.email,
            message=r.message,
            created_at=r.created_at,
        )
        for r in selectors.mission_responses(mission)
    ]
