"""JSON API of the knowledge swap (mounted under /api/v1/): skills search."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from coopconnect.core.schemas import ErrorOut
from coopconnect.forums.names import display_name
from coopconnect.skills import selectors

router = Router(tags=["skills"])


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

    origin = resolve_origin(filters.near, insee_first=True) if filters.near.strip() else None
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
