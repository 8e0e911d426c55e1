"""Reads of the knowledge swap: who sees which profile, the profiles search, the contact inbox."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, Q, QuerySet

from coopconnect.accounts.privacy.registry import PersonalData
from coopconnect.core import permissions as perms
from coopconnect.core.geo import bounding_box
from coopconnect.skills.models import ContactRequest, Skill, SkillProfile, Visibility
from coopconnect.skills.vocabulary import canonical


def visible_profiles(viewer: Any) -> QuerySet[SkillProfile]:
    """Return the published profiles the viewer may see: public ones, those of the people of the
    viewer's networks, and their own."""
    qs = SkillProfile.objects.filter(is_active=True)
    if not getattr(viewer, "is_authenticated", False):
        return qs.filter(visibility=Visibility.PUBLIC)
    neighbours = perms.network_members(perms.member_networks(viewer)).values("pk")
    return qs.filter(Q(visibility=Visibility.PUBLIC) | Q(person__in=neighbours) | Q(person=viewer))


@dataclass(frozen=True)
class ProfileHit:
    """A profile found by the search, with the travel time from the commune searched when given."""

    profile: SkillProfile
    travel_minutes: int | None = None


def _skill_filter(skill: str) -> Q:
    key, _label, curated = canonical(skill)
    if curated:
        return Q(skills__key=key)
    return Q(skills__key__contains=key) | Q(headline__icontains=skill.strip())


def profile_search(
    *, viewer: Any, skill: str = "", origin: Any = None, within_minutes: int = 30, limit: int = 200
) -> list[ProfileHit]:
    """Find the profiles the viewer may see, by skill and within ``within_minutes`` of ``origin`` (by car)."""
    from coopconnect.territory.travel import EstimateEngine, get_engine

    qs = (
        visible_profiles(viewer)
        .select_related("person", "commune")
        .prefetch_related(Prefetch("skills", queryset=Skill.objects.order_by("-curated", "label")))
    )
    if skill.strip():
        qs = qs.filter(_skill_filter(skill)).distinct()
    if origin is None:
        return [ProfileHit(p) for p in qs.order_by("-updated_at", "pk")[:limit]]
    engine = get_engine()
    south, north, west, east = bounding_box(
        origin.point[0], origin.point[1], engine.max_radius_km(within_minutes)
    )
    candidates = list(
        qs.filter(
            commune__isnull=False,
            commune__latitude__gte=south,
            commune__latitude__lte=north,
            commune__longitude__gte=west,
            commune__longitude__lte=east,
        )[:2000]
    )
    if not candidates:
        return []
    communes = [p.commune for p in candidates if p.commune is not None]
    points = [(c.latitude, c.longitude) for c in communes]
    if isinstance(engine, EstimateEngine):
        legs = engine.legs(
            origin.point,
            points,
            origin_elevation=origin.elevation,
            elevations=[c.elevation for c in communes],
        )
    else:
        legs = engine.legs(origin.point, points)
    hits = [
        ProfileHit(p, round(leg.minutes))
        for p, leg in zip(candidates, legs, strict=True)
        if leg is not None and leg.minutes <= within_minutes
    ]
    hits.sort(key=lambda h: (h.travel_minutes or 0, h.profile.pk))
    return hits[:limit]


def profile_visible(viewer: Any, pk: int) -> SkillProfile | None:
    """Return the profile when the viewer may see it, else None."""
    return visible_profiles(viewer).select_related("person", "commune").filter(pk=pk).first()


def inbox(user: Any) -> tuple[QuerySet[ContactRequest], QuerySet[ContactRequest]]:
    """Return (received, sent) contact messages of the user."""
    received = ContactRequest.objects.filter(recipient=user).select_related("sender")
    sent = ContactRequest.objects.filter(sender=user).select_related("recipient")
    return received, sent


def contact_visible(user: Any, pk: int) -> ContactRequest | None:
    """Return a contact message the user sent or received, else None."""
    if not getattr(user, "is_authenticated", False):
        return None
    return (
        ContactRequest.objects.select_related("sender", "recipient")
        .filter(Q(sender=user) | Q(recipient=user), pk=pk)
        .first()
    )


def personal_data(person: Any) -> PersonalData:
    """Return the person's skills profile and the words they wrote in contact messages (not others')."""
    profile = SkillProfile.objects.filter(person=person).select_related("commune").first()
    sent = ContactRequest.objects.filter(sender=person)
    received = ContactRequest.objects.filter(recipient=person)
    return PersonalData(
        tables={
            "skills_profile": [
                {
                    "headline": profile.headline,
                    "skills": [s.label for s in profile.skills.all()],
                    "offers": profile.offers,
                    "seeks": profile.seeks,
                    "commune": profile.commune.name if profile.commune else "",
                    "visibility": profile.visibility,
                    "published": profile.is_active,
                    "updated_at": profile.updated_at,
                }
            ]
            if profile
            else [],
            "contacts_sent": [
                {"subject": c.subject, "body": c.body, "sent_at": c.created_at, "answered_at": c.answered_at}
                for c in sent
            ],
            "contacts_received": [
                {"received_at": c.created_at, "my_answer": c.answer, "answered_at": c.answered_at}
                for c in received
            ],
        }
    )
