"""Admin (French) of the missions boards: a staff member sees the missions of the networks they
coordinate and those they posted (``missions.permissions``)."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Q
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from coopconnect.core.admin import ScopedAdmin
from coopconnect.core.permissions import can_oversee_network
from coopconnect.missions.models import Mission, MissionResponse
from coopconnect.missions.permissions import can_manage_mission


def _board(request: HttpRequest, prefix: str = "") -> Q:
    return Q(**{f"{prefix}network__coordinators": request.user}) | Q(**{f"{prefix}posted_by": request.user})


def _may_run(request: HttpRequest, mission: Mission) -> bool:
    """The network's coordinators keep the board; the poster and the organisation's admins run it."""
    return can_oversee_network(request.user, mission.network) or can_manage_mission(request.user, mission)


@admin.register(Mission)
class MissionAdmin(ScopedAdmin):
    list_display = ["title", "network", "organisation", "status", "expires_on", "created_at"]
    list_filter = ["status"]
    search_fields = ["title"]
    raw_id_fields = ["posted_by", "organisation", "commune"]
    filter_horizontal = ["skills"]

    def scope(self, request: HttpRequest) -> Q:
        return _board(request)

    def may_change(self, request: HttpRequest, obj: Mission | None) -> bool:
        return obj is None or _may_run(request, obj)


@admin.register(MissionResponse)
class MissionResponseAdmin(ScopedAdmin):
    list_display = ["mission", "author", "created_at"]
    raw_id_fields = ["mission", "author"]
    verbose_name = _("réponse à une mission")

    def scope(self, request: HttpRequest) -> Q:
        return _board(request, "mission__")

    def may_change(self, request: HttpRequest, obj: MissionResponse | None) -> bool:
        return obj is None or _may_run(request, obj.mission)
