"""Admin of the needs surveys: a survey is seen by its owner and its network's coordinators."""

from django.contrib import admin
from django.db.models import Q
from django.http import HttpRequest

from coopconnect.core.admin import ScopedAdmin, ScopedInline
from coopconnect.surveys.models import Question, Survey
from coopconnect.surveys.permissions import can_create_survey


class QuestionInline(ScopedInline):
    model = Question
    extra = 0
    fields = ["position", "code", "kind", "label", "required"]


@admin.register(Survey)
class SurveyAdmin(ScopedAdmin):
    list_display = ["title", "owner", "network", "territory", "status", "results_public"]
    list_filter = ["status", "results_public"]
    search_fields = ["title", "territory"]
    raw_id_fields = ["owner"]
    inlines = [QuestionInline]

    def scope(self, request: HttpRequest) -> Q:
        # The rule of surveys.permissions.can_manage_survey, as a filter.
        return Q(owner=request.user) | Q(network__coordinators=request.user)

    def may_add(self, request: HttpRequest) -> bool:
        return can_create_survey(request.user)
