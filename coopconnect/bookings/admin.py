"""Admin of the bookings app: rules per place, 24/7 grants, bookings, waitlists, door checks."""

from django.contrib import admin

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


@admin.register(BookingPolicy)
class BookingPolicyAdmin(admin.ModelAdmin):
    list_display = ["place", "max_days_ahead", "cancellation_deadline_hours", "no_show_release_minutes"]
    search_fields = ["place__name"]
    autocomplete_fields = ["place"]


@admin.register(AccessGrant)
class AccessGrantAdmin(admin.ModelAdmin):
    list_display = ["place", "person", "valid_from", "valid_until"]
    search_fields = ["place__name", "person__email"]
    autocomplete_fields = ["place", "person"]
    readonly_fields = ["code"]


@admin.register(Booking)
class BookingAdmin(admin.ModelAdmin):
    list_display = ["short_code", "resource", "person", "start", "end", "status", "seat_number"]
    list_filter = ["status", "resource__kind", "is_walk_in"]
    search_fields = ["short_code", "person__email", "resource__name", "resource__place__name"]
    date_hierarchy = "start"
    raw_id_fields = ["resource", "person", "booked_by", "employer", "series"]
    readonly_fields = ["short_code", "idempotency_key", "checked_in_at", "cancelled_at", "reminder_sent_at"]


admin.site.register(BookingSeries)
admin.site.register(WaitlistEntry)
admin.site.register(Hold)


@admin.register(AccessCheck)
class AccessCheckAdmin(admin.ModelAdmin):
    list_display = ["checked_at", "place", "code", "allowed", "reason", "token_label"]
    list_filter = ["allowed", "reason"]
    readonly_fields = [f.name for f in AccessCheck._meta.fields]


@admin.register(CalendarFeed)
class CalendarFeedAdmin(admin.ModelAdmin):
    list_display = ["owner", "kind", "place", "resource", "revoked_at"]
    readonly_fields = ["token"]
