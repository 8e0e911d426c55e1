"""Admin (French) of the knowledge swap: the skills vocabulary and the profiles.

Superusers see everything; a staff member sees the profiles of the people they deal with
(``core.permissions.people_known_to``). The vocabulary is written by the platform team.
"""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Q
from django.http import HttpRequest

from coopconnect.core.admin import ReferenceAdmin, ScopedAdmin
from coopconnect.core.permissions import people_known_to
from coopconnect.skills.models import Skill, SkillProfile


@admin.register(Skill)
class SkillAdmin(ReferenceAdmin):
    list_display = ["label", "key", "curated"]
    list_filter = ["curated"]
    search_fields = ["label", "key"]


@admin.register(SkillProfile)
class SkillProfileAdmin(ScopedAdmin):
    list_display = ["person", "headline", "visibility", "is_active", "updated_at"]
    list_filter = ["visibility", "is_active"]
    raw_id_fields = ["person", "commune"]
    filter_horizontal = ["skills"]

    def scope(self, request: HttpRequest) -> Q:
        return Q(person__in=people_known_to(request.user))
