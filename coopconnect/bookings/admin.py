"""Admin of the bookings app: rules per place, 24/7 grants, bookings, waitlists, door checks.

Rows are scoped by place (``core.permissions.places_managed_by``): a coordinator sees their networks'
bookings without changing them, a host given staff status sees and manages their places' ones
(``bookings.permissions``). Calendar feeds are secret links: only their owner sees them.
"""

from typing import Any

from django.contrib import admin
from django.db.models import Q
from django.http import HttpRequest

from coopconnect.bookings.models import (
    AccessCheck,
    AccessGrant,
    Booking,
    BookingPolicy,
    BookingSeries,
    CalendarFeed,
    Hold,
    WaitlistEntry,
)
from coopconnect.bookings.permissions import can_manage_booking, is_host, visible_bookings
from coopconnect.core.admin import RecordAdmin, ScopedAdmin
from coopconnect.core.permissions import can_manage_place, is_platform_staff, places_managed_by


def _at_managed_places(request: HttpRequest, prefix: str = "") -> Q:
    return Q(**{f"{prefix}place__in": places_managed_by(request.user)})


@admin.register(BookingPolicy)
class BookingPolicyAdmin(ScopedAdmin):
    list_display = ["place", "max_days_ahead", "cancellation_deadline_hours", "no_show_release_minutes"]
    search_fields = ["place__name"]
    autocomplete_fields = ["place"]

    def scope(self, request: HttpRequest) -> Q:
        return _at_managed_places(request)

    def may_change(self, request: HttpRequest, obj: BookingPolicy | None) -> bool:
        return obj is None or can_manage_place(request.user, obj.place)


@admin.register(AccessGrant)
class AccessGrantAdmin(ScopedAdmin):
    list_display = ["place", "person", "valid_from", "valid_until"]
    search_fields = ["place__name", "person__email"]
    autocomplete_fields = ["place", "person"]
    readonly_fields = ["code"]

    def scope(self, request: HttpRequest) -> Q:
        return _at_managed_places(request)

    def may_change(self, request: HttpRequest, obj: AccessGrant | None) -> bool:
        return obj is None or can_manage_place(request.user, obj.place)


@admin.register(Booking)
class BookingAdmin(ScopedAdmin):
    list_display = ["short_code", "resource", "person", "start", "end", "status", "seat_number"]
    list_filter = ["status", "resource__kind", "is_walk_in"]
    search_fields = ["short_code", "person__email", "resource__name", "resource__place__name"]
    date_hierarchy = "start"
    raw_id_fields = ["resource", "person", "booked_by", "employer", "series"]
    readonly_fields = ["short_code", "idempotency_key", "checked_in_at", "cancelled_at", "reminder_sent_at"]

    def scope(self, request: HttpRequest) -> Q:
        return Q(pk__in=visible_bookings(request.user).values("pk"))

    def may_change(self, request: HttpRequest, obj: Booking | None) -> bool:
        return obj is None or can_manage_booking(request.user, obj)

    def may_add(self, request: HttpRequest) -> bool:
        # Bookings are made through the booking pages (capacity, policy); the admin only corrects them.
        return is_platform_staff(request.user)


class _PersonAtPlaceAdmin(ScopedAdmin):
    """Rows of a person at one of a place's resources: seen by that person and the place's managers."""

    def scope(self, request: HttpRequest) -> Q:
        return Q(person=request.user) | _at_managed_places(request, "resource__")

    def may_change(self, request: HttpRequest, obj: Any | None) -> bool:
        return obj is None or is_host(request.user, obj.resource.place)

    def may_add(self, request: HttpRequest) -> bool:
        return is_platform_staff(request.user)


@admin.register(BookingSeries)
class BookingSeriesAdmin(_PersonAtPlaceAdmin):
    list_display = ["resource", "person", "rule"]
    raw_id_fields = ["resource", "person"]


@admin.register(WaitlistEntry)
class WaitlistEntryAdmin(_PersonAtPlaceAdmin):
    list_display = ["resource", "person", "start", "end", "status"]
    raw_id_fields = ["resource", "person"]


@admin.register(Hold)
class HoldAdmin(_PersonAtPlaceAdmin):
    list_display = ["resource", "person", "start", "end", "expires_at"]
    raw_id_fields = ["entry", "resource", "person", "booking"]


@admin.register(AccessCheck)
class AccessCheckAdmin(RecordAdmin):
    list_display = ["checked_at", "place", "code", "allowed", "reason", "token_label"]
    list_filter = ["allowed", "reason"]

    def scope(self, request: HttpRequest) -> Q:
        return _at_managed_places(request)


@admin.register(CalendarFeed)
class CalendarFeedAdmin(ScopedAdmin):
    list_display = ["owner", "kind", "place", "resource", "revoked_at"]
    readonly_fields = ["token"]

    def scope(self, request: HttpRequest) -> Q:
        return Q(owner=request.user)
