"""Reads of the community app: forums, profiles search, missions board, inbox."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from coopconnect.community.access import can_read_forum, can_see_mission, readable_forums, visible_profiles
from coopconnect.community.models import (
    ContactRequest,
    Forum,
    Mission,
    MissionResponse,
    MissionStatus,
    Post,
    Skill,
    SkillProfile,
    Topic,
)
from coopconnect.community.vocabulary import canonical
from coopconnect.core import permissions as perms
from coopconnect.core.geo import bounding_box


def forums_of(user: Any) -> list[Forum]:
    """Return the forums the user may read, networks first, with their topic counts."""
    qs = readable_forums(user).select_related("network", "place").annotate(topic_count=Count("topics"))
    return sorted(qs, key=lambda f: (f.network_id is None, str(f).lower()))


def forum_readable(user: Any, pk: int) -> Forum | None:
    """Return the forum when the user may read it, else None (a stranger cannot tell it exists)."""
    forum = Forum.objects.select_related("network", "place").filter(pk=pk).first()
    return forum if forum is not None and can_read_forum(user, forum) else None


def forum_topics(forum: Forum) -> QuerySet[Topic]:
    """Return the forum's topics, pinned first then by last activity, with their reply counts."""
    return (
        forum.topics.select_related("author")
        .annotate(post_count=Count("posts"))
        .order_by("-pinned", "-last_post_at", "-pk")
    )


def topic_readable(user: Any, pk: int) -> Topic | None:
    """Return the topic when the user may read its forum, else None."""
    topic = (
        Topic.objects.select_related("forum", "forum__network", "forum__place", "author")
        .filter(pk=pk)
        .first()
    )
    return topic if topic is not None and can_read_forum(user, topic.forum) else None


def topic_posts(topic: Topic) -> QuerySet[Post]:
    """Return the topic's posts in order, with their authors."""
    return (
        topic.posts.select_related("author")
        .annotate(open_reports=Count("reports", filter=Q(reports__resolved_at__isnull=True)))
        .order_by("created_at", "pk")
    )


def post_readable(user: Any, pk: int) -> Post | None:
    """Return the post when the user may read its forum, else None."""
    post = Post.objects.select_related("topic", "topic__forum", "author").filter(pk=pk).first()
    return post if post is not None and can_read_forum(user, post.topic.forum) else None


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


def missions_board(*, viewer: Any, skill: str = "", today: dt.date | None = None) -> QuerySet[Mission]:
    """Return the open, unexpired missions of the viewer's networks (newest first)."""
    today = today or timezone.localdate()
    qs = Mission.objects.filter(
        network__in=perms.member_networks(viewer), status=MissionStatus.OPEN, expires_on__gte=today
    )
    if skill.strip():
        key, _label, curated = canonical(skill)
        qs = qs.filter(
            Q(skills__key=key)
            if curated
            else Q(skills__key__contains=key) | Q(title__icontains=skill.strip())
        ).distinct()
    return qs.select_related("network", "commune", "organisation").prefetch_related("skills")


def missions_posted_by(user: Any) -> QuerySet[Mission]:
    """Return the missions the user posted or may manage for an organisation, every status."""
    if not getattr(user, "is_authenticated", False):
        return Mission.objects.none()
    orgs = perms.organisations_administered_by(user)
    return (
        Mission.objects.filter(Q(posted_by=user) | Q(organisation__in=orgs))
        .select_related("network", "organisation")
        .annotate(response_count=Count("responses"))
        .order_by("-created_at", "-pk")
    )


def mission_visible(viewer: Any, pk: int) -> Mission | None:
    """Return the mission when the viewer may see it, else None."""
    mission = (
        Mission.objects.select_related("network", "commune", "organisation", "posted_by")
        .prefetch_related("skills")
        .filter(pk=pk)
        .first()
    )
    return mission if mission is not None and can_see_mission(viewer, mission) else None


def mission_responses(mission: Mission) -> QuerySet[MissionResponse]:
    """Return the answers to a mission, oldest first."""
    return mission.responses.select_related("author")


def profiles_matching_mission(mission: Mission) -> QuerySet[SkillProfile]:
    """Return the published profiles of the network's members sharing a skill with the mission."""
    members = perms.network_members([mission.network]).values("pk")
    return (
        SkillProfile.objects.filter(
            is_active=True, person__in=members, skills__in=mission.skills.all(), person__is_active=True
        )
        .exclude(person_id=mission.posted_by_id)
        .select_related("person")
        .distinct()
    )
