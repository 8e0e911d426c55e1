"""Admin (French) of the community: forums, posts and reports, profiles, missions.

Superusers see everything. A coordinator sees only what belongs to the networks they coordinate
(their forums and the forums of their places, the missions of their boards), as in places.admin.
"""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from coopconnect.community.models import (
    Forum,
    Mission,
    MissionResponse,
    Post,
    Report,
    Skill,
    SkillProfile,
    Topic,
)
from coopconnect.places.admin import coordinated_networks, coordinated_places


def _forum_scope(request: HttpRequest, prefix: str = "") -> Q:
    return Q(**{f"{prefix}network__in": coordinated_networks(request)}) | Q(
        **{f"{prefix}place__in": coordinated_places(request)}
    )


class ScopedAdmin(admin.ModelAdmin):
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


@admin.register(Skill)
class SkillAdmin(admin.ModelAdmin):
    list_display = ["label", "key", "curated"]
    list_filter = ["curated"]
    search_fields = ["label", "key"]

    def has_change_permission(self, request: HttpRequest, obj: Skill | None = None) -> bool:
        return request.user.is_superuser

    def has_delete_permission(self, request: HttpRequest, obj: Skill | None = None) -> bool:
        return request.user.is_superuser


@admin.register(SkillProfile)
class SkillProfileAdmin(admin.ModelAdmin):
    list_display = ["person", "headline", "visibility", "is_active", "updated_at"]
    list_filter = ["visibility", "is_active"]
    raw_id_fields = ["person", "commune"]
    filter_horizontal = ["skills"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[SkillProfile]:
        qs = super().get_queryset(request)
        if request.user.is_superuser:
            return qs
        from coopconnect.core.permissions import network_members

        return qs.filter(person__in=network_members(coordinated_networks(request)).values("pk"))


@admin.register(Mission)
class MissionAdmin(ScopedAdmin):
    list_display = ["title", "network", "organisation", "status", "expires_on", "created_at"]
    list_filter = ["status"]
    search_fields = ["title"]
    raw_id_fields = ["posted_by", "organisation", "commune"]
    filter_horizontal = ["skills"]

    def scope(self, request: HttpRequest) -> Q:
        return Q(network__in=coordinated_networks(request))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):  # noqa: ANN001, ANN201
        if db_field.name == "network" and not request.user.is_superuser:
            kwargs["queryset"] = coordinated_networks(request)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(MissionResponse)
class MissionResponseAdmin(ScopedAdmin):
    list_display = ["mission", "author", "created_at"]
    raw_id_fields = ["mission", "author"]
    verbose_name = _("réponse à une mission")

    def scope(self, request: HttpRequest) -> Q:
        return Q(mission__network__in=coordinated_networks(request))
