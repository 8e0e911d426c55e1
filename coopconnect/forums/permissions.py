"""Who may read, write and moderate in a forum (built on coopconnect.core.permissions)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from coopconnect.accounts.models import User
from coopconnect.core import permissions as perms
from coopconnect.forums.models import Forum, Post

# An author may correct their post for a day; after that the conversation has moved on and
# replies may quote it. Deleting (softly) stays possible at any time.
EDIT_WINDOW = dt.timedelta(hours=24)


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


def can_edit_post(user: Any, post: Post, *, now: dt.datetime | None = None) -> bool:
    """Tell whether the user may still edit the post: its author, within 24 hours, while it is
    neither hidden, deleted, nor in a locked topic."""
    now = now or timezone.now()
    return (
        getattr(user, "pk", None) == post.author_id
        and post.deleted_at is None
        and post.hidden_at is None
        and not post.topic.locked
        and now - post.created_at <= EDIT_WINDOW
    )


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
