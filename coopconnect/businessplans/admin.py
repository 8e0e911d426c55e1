"""Admin of the business plans: a plan is private to its owner (and the platform team)."""

from django.contrib import admin
from django.db.models import Q
from django.http import HttpRequest

from coopconnect.businessplans.models import BusinessPlan, Scenario
from coopconnect.core.admin import ScopedAdmin, ScopedInline


class ScenarioInline(ScopedInline):
    model = Scenario
    extra = 0
    fields = ["position", "name", "occupancy_rate", "seats", "open_days_per_week"]


@admin.register(BusinessPlan)
class BusinessPlanAdmin(ScopedAdmin):
    list_display = ["name", "owner", "commune", "updated_at"]
    search_fields = ["name", "owner__email"]
    raw_id_fields = ["owner", "commune"]
    inlines = [ScenarioInline]

    def scope(self, request: HttpRequest) -> Q:
        return Q(owner=request.user)
