"""Row locks taken before a write that changes who holds which seat."""

from __future__ import annotations

from coopconnect.bookings.models import Booking
from coopconnect.places.models import Resource


def lock_resource(resource: Resource) -> Resource:
    """Lock the resource row until the transaction ends; return it fresh (with its place)."""
    return Resource.objects.select_related("place").select_for_update().get(pk=resource.pk)


def lock_resources(*resources: Resource) -> dict[int, Resource]:
    """Lock several resources in primary-key order, so that two opposite moves cannot deadlock."""
    locked: dict[int, Resource] = {}
    for resource in sorted({r.pk: r for r in resources}.values(), key=lambda r: r.pk):
        locked[resource.pk] = lock_resource(resource)
    return locked


def lock_booking(booking: Booking) -> Booking:
    """Lock the booking row until the transaction ends; return it fresh (resource, place, person)."""
    return (
        Booking.objects.select_related("resource", "resource__place", "person")
        .select_for_update()
        .get(pk=booking.pk)
    )
