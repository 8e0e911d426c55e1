"""Admin (French) of events: a staff member sees only the events they manage (``events.permissions``):
those of the places they host or whose networks they coordinate, and their networks' own events."""

from django.contrib import admin
from django.db.models import Q, QuerySet
from django.http import HttpRequest

from coopconnect.core.admin import ReferenceAdmin, ScopedAdmin, ScopedInline
from coopconnect.core.permissions import is_platform_staff, people_known_to
from coopconnect.events.models import Event, Registration, Theme, ThemeSubscription
from coopconnect.events.permissions import can_manage_event, managed_events, may_organise


def _managed(request: HttpRequest, prefix: str = "") -> Q:
    return Q(**{f"{prefix}pk__in": managed_events(request.user).values("pk")})


class RegistrationInline(ScopedInline):
    model = Registration
    extra = 0
    fields = ["person", "status", "registered_at", "attended_at"]
    readonly_fields = ["registered_at", "attended_at"]
    raw_id_fields = ["person"]


@admin.register(Event)
class EventAdmin(ScopedAdmin):
    list_display = ["title", "kind", "start", "status", "place", "network", "venue", "capacity", "price"]
    list_filter = ["status", "kind", ("network", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["title", "place__name", "network__name", "venue__name"]
    date_hierarchy = "start"
    raw_id_fields = ["place", "network", "venue", "room", "organiser"]
    filter_horizontal = ["themes", "relay_places"]
    readonly_fields = ["published_at", "cancelled_at", "created_at", "updated_at"]
    inlines = [RegistrationInline]

    def scope(self, request: HttpRequest) -> Q:
        return _managed(request)

    def may_change(self, request: HttpRequest, obj: Event | None) -> bool:
        return obj is None or can_manage_event(request.user, obj)

    def may_add(self, request: HttpRequest) -> bool:
        return may_organise(request.user)


@admin.register(Registration)
class RegistrationAdmin(ScopedAdmin):
    list_display = ["event", "person", "status", "registered_at", "attended_at"]
    list_filter = ["status"]
    search_fields = ["event__title", "person__email"]
    raw_id_fields = ["event", "person"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Registration]:
        return super().get_queryset(request).select_related("event", "person")

    def scope(self, request: HttpRequest) -> Q:
        return _managed(request, "event__")

    def may_change(self, request: HttpRequest, obj: Registration | None) -> bool:
        return obj is None or can_manage_event(request.user, obj.event)


@admin.register(Theme)
class ThemeAdmin(ReferenceAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(ThemeSubscription)
class ThemeSubscriptionAdmin(ScopedAdmin):
    list_display = ["person", "theme"]
    raw_id_fields = ["person"]

    def scope(self, request: HttpRequest) -> Q:
        return Q(person__in=people_known_to(request.user))

    def may_change(self, request: HttpRequest, obj: ThemeSubscription | None) -> bool:
        # A person's own choice of e-mails: theirs to change, through their account pages.
        return is_platform_staff(request.user) or (obj is not None and obj.person_id == request.user.pk)

    def may_add(self, request: HttpRequest) -> bool:
        return is_platform_staff(request.user)
