"""Admin of the business plans."""

from django.contrib import admin

from coopconnect.businessplans.models import BusinessPlan, Scenario


class ScenarioInline(admin.TabularInline):
    model = Scenario
    extra = 0
    fields = ["position", "name", "occupancy_rate", "seats", "open_days_per_week"]


@admin.register(BusinessPlan)
class BusinessPlanAdmin(admin.ModelAdmin):
    list_display = ["name", "owner", "commune", "updated_at"]
    search_fields = ["name", "owner__email"]
    raw_id_fields = ["owner", "commune"]
    inlines = [ScenarioInline]
