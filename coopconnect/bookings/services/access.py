"""Door access: does a code open a place now? Every check is logged, allowed or not."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from coopconnect.bookings.models import AccessCheck, AccessGrant, Booking, BookingPolicy, BookingStatus
from coopconnect.bookings.services.checkin import normalise_code
from coopconnect.bookings.slots import PARIS
from coopconnect.places.models import Place
from coopconnect.webhooks.services import emit


def access_verify(
    *, place: Place, code: str, now: dt.datetime | None = None, token_label: str = ""
) -> AccessCheck:
    """Say whether ``code`` opens ``place`` now, and log the check (allowed or not).

    A booking's code opens its own place only, from its start minus the grace period to its end
    plus the grace period; a 24/7 grant's code opens its place at any time while the grant is
    valid. A door opened during a confirmed booking also checks the person in.
    """
    now = now or timezone.now()
    clean = normalise_code(code)
    today = now.astimezone(PARIS).date()
    policy = BookingPolicy.for_place(place)
    grace = dt.timedelta(minutes=policy.checkin_grace_minutes)
    allowed, reason = False, "unknown_code"
    booking = grant = None
    with transaction.atomic():
        grant = AccessGrant.objects.filter(code=clean).select_related("place").first() if clean else None
        if grant is not None:
            if grant.place_id != place.pk:
                reason, grant = "other_place", grant
            elif grant.is_valid_on(today):
                allowed, reason = True, "access_24_7"
            else:
                reason = "grant_expired"
        else:
            booking = (
                Booking.objects.select_for_update()
                .select_related("resource")
                .filter(short_code=clean)
                .first()
                if clean
                else None
            )
            if booking is None:
                reason = "unknown_code"
            elif booking.resource.place_id != place.pk:
                reason = "other_place"
            elif booking.status not in (BookingStatus.CONFIRMED, BookingStatus.CHECKED_IN):
                reason = f"booking_{booking.status}"
            elif now < booking.start - grace:
                reason = "too_early"
            elif now > booking.end + grace:
                reason = "too_late"
            else:
                allowed, reason = True, "booking"
                if booking.status == BookingStatus.CONFIRMED and now < booking.end:
                    booking.status, booking.checked_in_at = BookingStatus.CHECKED_IN, now
                    booking.save(update_fields=["status", "checked_in_at", "updated_at"])
                    emit("checkin", place=place, payload=booking)
        check = AccessCheck.objects.create(
            place=place,
            code=clean[:40],
            checked_at=now,
            allowed=allowed,
            reason=reason,
            booking=booking,
            grant=grant,
            token_label=token_label[:120],
        )
        emit("access.granted" if allowed else "access.refused", place=place, payload=check)
        return check
