"""Reads of the missions board: the board, one's missions, a mission's answers and matching profiles."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from coopconnect.accounts.privacy.registry import PersonalData
from coopconnect.core import permissions as perms
from coopconnect.missions.models import Mission, MissionResponse, MissionStatus
from coopconnect.missions.permissions import can_see_mission
from coopconnect.skills.models import SkillProfile
from coopconnect.skills.vocabulary import canonical


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


def personal_data(person: Any) -> PersonalData:
    """Return the missions the person posted and their own answers to missions (not others' answers)."""
    posted = (
        Mission.objects.filter(posted_by=person)
        .select_related("network")
        .annotate(answers=Count("responses"))
    )
    answers = MissionResponse.objects.filter(author=person).select_related("mission")
    return PersonalData(
        tables={
            "missions_posted": [
                {
                    "title": m.title,
                    "network": m.network.name,
                    "description": m.description,
                    "status": m.status,
                    "created_at": m.created_at,
                    "expires_on": m.expires_on,
                    "answers_received": m.answers,
                }
                for m in posted
            ],
            "mission_answers": [
                {"mission": r.mission.title, "message": r.message, "created_at": r.created_at}
                for r in answers
            ],
        }
    )
