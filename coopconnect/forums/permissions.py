"""Who may read, write and moderate in a forum (built on coopconnect.core.permissions)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from coopconnect.accounts.models import User
from coopconnect.core import permissions as perms
from coopconnect.forums.models import Forum


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
