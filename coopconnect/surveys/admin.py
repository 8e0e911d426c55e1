"""Admin of the needs surveys."""

from django.contrib import admin

from coopconnect.surveys.models import Question, Survey


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
