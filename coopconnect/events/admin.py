"""Admin (French) of events for coordinators: they see only the events of their networks' places."""

from django.contrib import admin
from django.db.models import Q, QuerySet
from django.http import HttpRequest

from coopconnect.events.models import Event, Registration, Theme, ThemeSubscription


def _coordinated_events(request: HttpRequest) -> Q:
    user = request.user
    return Q(network__coordinators=user) | Q(place__networks__coordinators=user)


class RegistrationInline(admin.TabularInline):
    model = Registration
    extra = 0
    fields = ["person", "status", "registered_at", "attended_at"]
    readonly_fields = ["registered_at", "attended_at"]
    raw_id_fields = ["person"]


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "start", "status", "place", "network", "venue", "capacity", "price"]
    list_filter = ["status", "kind", "network"]
    search_fields = ["title", "place__name", "network__name", "venue__name"]
    date_hierarchy = "start"
    raw_id_fields = ["place", "network", "venue", "room", "organiser"]
    filter_horizontal = ["themes", "relay_places"]
    readonly_fields = ["published_at", "cancelled_at", "created_at", "updated_at"]
    inlines = [RegistrationInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Event]:
        qs = super().get_queryset(request)
        if request.user.is_superuser:
            return qs
        return qs.filter(pk__in=Event.objects.filter(_coordinated_events(request)).values("pk"))


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ["event", "person", "status", "registered_at", "attended_at"]
    list_filter = ["status"]
    search_fields = ["event__title", "person__email"]
    raw_id_fields = ["event", "person"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Registration]:
        qs = super().get_queryset(request).select_related("event", "person")
        if request.user.is_superuser:
            return qs
        return qs.filter(event__in=Event.objects.filter(_coordinated_events(request)).values("pk"))


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


admin.site.register(ThemeSubscription)
