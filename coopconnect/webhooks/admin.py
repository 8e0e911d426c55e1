"""Admin (French) of the webhooks: endpoints and their delivery log, scoped like the product.

A staff member sees the endpoints of the places and networks they manage (``webhooks.permissions``);
the secret is never shown. Deliveries and their attempts are records: read-only for everyone.
Endpoints are registered on the product's pages, where the secret is shown once.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import Q
from django.http import HttpRequest

from coopconnect.core.admin import RecordAdmin, ScopedAdmin
from coopconnect.webhooks.models import Attempt, Delivery, Endpoint
from coopconnect.webhooks.permissions import endpoints_managed_by


@admin.register(Endpoint)
class EndpointAdmin(ScopedAdmin):
    list_display = ["url", "place", "network", "is_active", "consecutive_failures", "created_at"]
    list_filter = ["is_active"]
    search_fields = ["url", "description"]
    exclude = ["secret"]
    # The URL and the events change on the product's pages, through their checks (SSRF, known events).
    readonly_fields = [
        "place",
        "network",
        "url",
        "events",
        "consecutive_failures",
        "disabled_at",
        "created_by",
    ]

    def scope(self, request: HttpRequest) -> Q:
        return Q(pk__in=endpoints_managed_by(request.user).values("pk"))

    def may_add(self, request: HttpRequest) -> bool:
        return False


class AttemptInline(admin.TabularInline):
    model = Attempt
    extra = 0
    can_delete = False
    readonly_fields = ["number", "at", "ok", "response_code", "duration_ms", "error"]

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Delivery)
class DeliveryAdmin(RecordAdmin):
    list_display = ["created_at", "event_type", "endpoint", "status", "attempts"]
    list_filter = ["status", "event_type"]
    inlines = [AttemptInline]

    def scope(self, request: HttpRequest) -> Q:
        return Q(endpoint__in=endpoints_managed_by(request.user).values("pk"))
