"""Admin for territory reference data (read-mostly: loaded by load_communes)."""

from django.contrib import admin

from coopconnect.territory.models import Commune, Department, Epci, Region


@admin.register(Commune)
class CommuneAdmin(admin.ModelAdmin):
    list_display = ["insee", "name", "department", "population", "coords_approximate"]
    list_filter = ["region", "coords_approximate"]
    search_fields = ["insee", "name", "search_name"]
    readonly_fields = ["search_name"]


@admin.register(Epci)
class EpciAdmin(admin.ModelAdmin):
    search_fields = ["code", "name"]


admin.site.register(Region)
admin.site.register(Department)


# Business plans and needs surveys (the tool to convince).
from coopconnect.territory.models import BusinessPlan, Question, Scenario, Survey  # noqa: E402


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


class QuestionInline(admin.TabularInline):
    model = Question
    extra = 0
    fields = ["position", "code", "kind", "label", "required"]


@admin.register(Survey)
class SurveyAdmin(admin.ModelAdmin):
    list_display = ["title", "owner", "network", "territory", "status", "results_public"]
    list_filter = ["status", "results_public"]
    search_fields = ["title", "territory"]
    raw_id_fields = ["owner"]
    inlines = [QuestionInline]
