"""JSON API endpoints of this app (mounted under /api/v1/): skills search, missions board, forums."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status
from ninja.security import django_auth

from coopconnect.community import selectors
from coopconnect.community.access import can_manage_mission
from coopconnect.community.notifications import display_name
from coopconnect.community.services_forums import post_create, topic_create
from coopconnect.community.services_missions import mission_create, mission_respond
from coopconnect.community.views_skills import resolve_commune_field
from coopconnect.core import permissions as perms
from coopconnect.core.errors import DomainError, NotFound, PermissionDenied
from coopconnect.core.schemas import ErrorOut
from coopconnect.places.models import Network

router = Router(tags=["community"])


class SkillsQuery(Schema):
    skill: str = Field("", max_length=80, description="Compétence (ex. : comptabilité, WordPress).")
    near: str = Field("", max_length=80, description="Commune (nom ou code INSEE) ou « latitude,longitude ».")
    within_minutes: int = Field(30, ge=5, le=120, description="Temps de trajet maximal en voiture (minutes).")


class ProfileOut(Schema):
    id: int
    name: str
    headline: str
    skills: list[str]
    commune: str | None = None
    travel_minutes: int | None = None


@router.get(
    "/community/skills",
    response={200: list[ProfileOut], 400: ErrorOut, 422: ErrorOut},
    summary="Chercher des profils de compétences",
)
def skills_search(request: HttpRequest, filters: Query[SkillsQuery]):
    """Public profiles for everyone; signed in, also those of the people of one's networks."""
    from coopconnect.places.selectors import resolve_origin

    origin = resolve_origin(filters.near) if filters.near.strip() else None
    hits = selectors.profile_search(
        viewer=request.user, skill=filters.skill, origin=origin, within_minutes=filters.within_minutes
    )
    return [
        ProfileOut(
            id=h.profile.pk,
            name=display_name(h.profile.person),
            headline=h.profile.headline,
            skills=[s.label for s in h.profile.skills.all()],
            commune=h.profile.commune.name if h.profile.commune else None,
            travel_minutes=h.travel_minutes,
        )
        for h in hits
    ]


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
    response={201: ResponseOut, 401: ErrorOut, 400: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    summary="Répondre à une mission",
)
def missions_respond(request: HttpRequest, mission_id: int, payload: ResponseIn):
    """Answer a mission of one's networks; only its poster reads the answer."""
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


class TopicOut(Schema):
    id: int
    title: str
    author: str
    pinned: bool
    locked: bool
    posts: int
    last_post_at: dt.datetime


class TopicIn(Schema):
    title: str = Field(..., max_length=160)
    body: str = Field(..., max_length=10000)


class PostIn(Schema):
    body: str = Field(..., max_length=10000)


class PostOut(Schema):
    id: int
    topic_id: int
    author: str
    body: str
    created_at: dt.datetime


class PageQuery(Schema):
    limit: int = Field(50, ge=1, le=200)
    offset: int = Field(0, ge=0)


def _readable_forum(request: HttpRequest, forum_id: int):  # noqa: ANN202 - a Forum
    forum = selectors.forum_readable(request.auth, forum_id)
    if forum is None:
        raise NotFound("Forum introuvable.")
    return forum


@router.get(
    "/forums/{forum_id}/topics",
    auth=django_auth,
    response={200: list[TopicOut], 401: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="Sujets d'un forum",
)
def forum_topics(request: HttpRequest, forum_id: int, page: Query[PageQuery]):
    """The topics of a forum one belongs to, pinned first then by last activity."""
    topics = selectors.forum_topics(_readable_forum(request, forum_id))[
        page.offset : page.offset + page.limit
    ]
    return [
        TopicOut(
            id=t.pk,
            title=t.title,
            author=display_name(t.author),
            pinned=t.pinned,
            locked=t.locked,
            posts=t.post_count,
            last_post_at=t.last_post_at,
        )
        for t in topics
    ]


@router.post(
    "/forums/{forum_id}/topics",
    auth=django_auth,
    response={201: TopicOut, 401: ErrorOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="Ouvrir un sujet",
)
def forum_topic_create(request: HttpRequest, forum_id: int, payload: TopicIn):
    """Open a topic (with its first message) in a forum one belongs to."""
    topic = topic_create(
        forum=_readable_forum(request, forum_id), author=request.auth, title=payload.title, body=payload.body
    )
    return Status(
        201,
        TopicOut(
            id=topic.pk,
            title=topic.title,
            author=display_name(topic.author),
            pinned=topic.pinned,
            locked=topic.locked,
            posts=1,
            last_post_at=topic.last_post_at,
        ),
    )


@router.post(
    "/topics/{topic_id}/posts",
    auth=django_auth,
    response={
        201: PostOut,
        401: ErrorOut,
        400: ErrorOut,
        403: ErrorOut,
        404: ErrorOut,
        409: ErrorOut,
        422: ErrorOut,
    },
    summary="Répondre à un sujet",
)
def topic_reply(request: HttpRequest, topic_id: int, payload: PostIn):
    """Reply to a topic of a forum one belongs to (409 when it is locked)."""
    topic = selectors.topic_readable(request.auth, topic_id)
    if topic is None:
        raise NotFound("Sujet introuvable.")
    post = post_create(topic=topic, author=request.auth, body=payload.body)
    return Status(
        201,
        PostOut(
            id=post.pk,
            topic_id=topic.pk,
            author=display_name(post.author),
            body=post.body,
            created_at=post.created_at,
        ),
    )
