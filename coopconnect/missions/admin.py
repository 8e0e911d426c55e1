"""Admin (French) of the missions boards: a coordinator sees only the missions of their networks."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import Q
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from coopconnect.forums.admin import ScopedAdmin
from coopconnect.missions.models import Mission, MissionResponse
from coopconnect.places.admin import coordinated_networks


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
