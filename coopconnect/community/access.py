"""Who may read, write and moderate in the community spaces (built on coopconnect.core.permissions)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from coopconnect.community.models import Forum, Mission, SkillProfile, Visibility
from coopconnect.core import permissions as perms


def can_read_forum(user: Any, forum: Forum) -> bool:
    """Members of the forum's network (or place) read and write in it."""
    if forum.network is not None:
        return perms.is_network_member(user, forum.network)
    return forum.place is not None and perms.is_place_member(user, forum.place)


def can_moderate_forum(user: Any, forum: Forum) -> bool:
    """Coordinators and hosts moderate (pin, lock, hide); see core.permissions.can_moderate_*."""
    if forum.network is not None:
        return perms.can_moderate_network(user, forum.network)
    return forum.place is not None and perms.can_moderate_place(user, forum.place)


def forum_moderators(forum: Forum) -> QuerySet[Any]:
    """Return the people alerted about reports: the hosts and coordinators who moderate the forum
    (platform staff moderate too but are not e-mailed for every forum)."""
    from coopconnect.accounts.models import User

    if forum.network is not None:
        who = Q(coordinated_networks=forum.network) | Q(hosted_places__networks=forum.network)
    else:
        who = Q(hosted_places=forum.place) | Q(coordinated_networks__places=forum.place)
    return User.objects.filter(who, is_active=True).distinct().order_by("pk")


def readable_forums(user: Any) -> QuerySet[Forum]:
    """Return the forums the user may read."""
    if not getattr(user, "is_authenticated", False):
        return Forum.objects.none()
    return Forum.objects.filter(
        Q(network__in=perms.member_networks(user)) | Q(place__in=perms.member_places(user))
    )


def visible_profiles(viewer: Any) -> QuerySet[SkillProfile]:
    """Return the published profiles the viewer may see: public ones, those of the people of the
    viewer's networks, and their own."""
    qs = SkillProfile.objects.filter(is_active=True)
    if not getattr(viewer, "is_authenticated", False):
        return qs.filter(visibility=Visibility.PUBLIC)
    neighbours = perms.network_members(perms.member_networks(viewer)).values("pk")
    return qs.filter(Q(visibility=Visibility.PUBLIC) | Q(person__in=neighbours) | Q(person=viewer))


def can_see_mission(user: Any, mission: Mission) -> bool:
    """Members of the mission's network see it (while on the board), its poster always."""
    return can_manage_mission(user, mission) or perms.is_network_member(user, mission.network)


def can_manage_mission(user: Any, mission: Mission) -> bool:
    """The poster, the admins of the organisation it is posted for, and platform staff manage a
    mission and read its answers."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.pk == mission.posted_by_id or perms.is_platform_staff(user):
        return True
    return mission.organisation is not None and perms.is_organisation_admin(user, mission.organisation)
