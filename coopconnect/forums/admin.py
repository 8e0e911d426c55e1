"""Admin (French) of the forums: forums, topics, posts and reports.

Superusers see everything. A coordinator sees only what belongs to the networks they coordinate
(their forums and the forums of their places), as in places.admin.
"""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Q, QuerySet
from django.http import HttpRequest

from coopconnect.forums.models import Forum, Post, Report, Topic
from coopconnect.places.admin import coordinated_networks, coordinated_places


def _forum_scope(request: HttpRequest, prefix: str = "") -> Q:
    return Q(**{f"{prefix}network__in": coordinated_networks(request)}) | Q(
        **{f"{prefix}place__in": coordinated_places(request)}
    )


class ScopedAdmin(admin.ModelAdmin):
    """An admin showing a coordinator only the rows of their own networks (``scope``)."""

    scope_prefix = ""

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        qs = super().get_queryset(request)
        return qs if request.user.is_superuser else qs.filter(self.scope(request)).distinct()

    def scope(self, request: HttpRequest) -> Q:
        return _forum_scope(request, self.scope_prefix)


@admin.register(Forum)
class ForumAdmin(ScopedAdmin):
    list_display = ["__str__", "network", "place", "created_at"]
    raw_id_fields = ["network", "place"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return request.user.is_superuser


@admin.register(Topic)
class TopicAdmin(ScopedAdmin):
    scope_prefix = "forum__"
    list_display = ["title", "forum", "author", "pinned", "locked", "last_post_at"]
    list_filter = ["pinned", "locked"]
    search_fields = ["title"]
    raw_id_fields = ["forum", "author", "followers"]


@admin.register(Post)
class PostAdmin(ScopedAdmin):
    scope_prefix = "topic__forum__"
    list_display = ["__str__", "author", "created_at", "hidden_at", "hidden_reason"]
    list_filter = [("hidden_at", admin.EmptyFieldListFilter)]
    raw_id_fields = ["topic", "author", "hidden_by"]


@admin.register(Report)
class ReportAdmin(ScopedAdmin):
    scope_prefix = "post__topic__forum__"
    list_display = ["post", "reporter", "reason", "created_at", "resolved_at"]
    list_filter = [("resolved_at", admin.EmptyFieldListFilter)]
    raw_id_fields = ["post", "reporter"]
