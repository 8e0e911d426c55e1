"""Admin (French) of the knowledge swap: the skills vocabulary and the profiles.

Superusers see everything; a coordinator sees the profiles of the people of the networks they
coordinate, as in places.admin.
"""

from __future__ import annotations

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from coopconnect.core.permissions import network_members
from coopconnect.places.admin import coordinated_networks
from coopconnect.skills.models import Skill, SkillProfile


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
        return qs.filter(person__in=network_members(coordinated_networks(request)).values("pk"))
