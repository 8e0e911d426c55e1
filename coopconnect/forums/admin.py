"""Admin (French) of the forums: forums, topics, posts and reports.

Superusers see everything. A staff member sees only the forums they moderate
(``core.permissions.can_moderate_network`` / ``can_moderate_place``): the forums of the networks they
coordinate or whose places they host, and the forums of the places they manage.
"""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Q
from django.http import HttpRequest

from coopconnect.core.admin import ScopedAdmin
from coopconnect.core.permissions import is_platform_staff, places_managed_by
from coopconnect.forums.models import Forum, Post, Report, Topic


def moderated_forums(request: HttpRequest, prefix: str = "") -> Q:
    """Rows (through ``prefix``, e.g. ``"topic__forum__"``) of the forums the person moderates."""
    user = request.user
    return (
        Q(**{f"{prefix}network__coordinators": user})
        | Q(**{f"{prefix}network__places__hosts": user})
        | Q(**{f"{prefix}place__in": places_managed_by(user)})
    )


class ForumScopedAdmin(ScopedAdmin):
    """An admin of rows hanging off a forum (``scope_prefix`` leads from the row to it)."""

    scope_prefix = ""

    def scope(self, request: HttpRequest) -> Q:
        return moderated_forums(request, self.scope_prefix)


@admin.register(Forum)
class ForumAdmin(ForumScopedAdmin):
    list_display = ["__str__", "network", "place", "created_at"]
    raw_id_fields = ["network", "place"]

    def may_add(self, request: HttpRequest) -> bool:
        return is_platform_staff(request.user)


@admin.register(Topic)
class TopicAdmin(ForumScopedAdmin):
    scope_prefix = "forum__"
    list_display = ["title", "forum", "author", "pinned", "locked", "last_post_at"]
    list_filter = ["pinned", "locked"]
    search_fields = ["title"]
    raw_id_fields = ["forum", "author", "followers"]


@admin.register(Post)
class PostAdmin(ForumScopedAdmin):
    scope_prefix = "topic__forum__"
    list_display = ["__str__", "author", "created_at", "hidden_at", "hidden_reason"]
    list_filter = [("hidden_at", admin.EmptyFieldListFilter)]
    raw_id_fields = ["topic", "author", "hidden_by"]


@admin.register(Report)
class ReportAdmin(ForumScopedAdmin):
    scope_prefix = "post__topic__forum__"
    list_display = ["post", "reporter", "reason", "created_at", "resolved_at"]
    list_filter = [("resolved_at", admin.EmptyFieldListFilter)]
    raw_id_fields = ["post", "reporter"]
