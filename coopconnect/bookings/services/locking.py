"""Row locks taken before a write that changes who holds which seat.

Lock order, the same in every write so that two requests never wait for each other: the booking
being changed (or the waitlist hold being accepted), then the resources in primary-key order, then
the person whose bookings are checked (``lock_person``). Each lock takes its own row only
(``of=("self",)``): the place or person loaded alongside is not locked by it.
"""

from __future__ import annotations

from django.db import connection

from coopconnect.accounts.models import User
from coopconnect.bookings.models import Booking
from coopconnect.places.models import Resource


def lock_resource(resource: Resource) -> Resource:
    """Lock the resource row until the transaction ends; return it fresh (with its place)."""
    return Resource.objects.select_related("place").select_for_update(of=("self",)).get(pk=resource.pk)


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
        .select_for_update(of=("self",))
        .get(pk=booking.pk)
    )


def lock_person(person: User) -> User:
    """Lock the person's row until the transaction ends, after the resource locks: what one person
    holds across places (``services.fair_use``) is checked by one request at a time."""
    return User.objects.select_for_update().get(pk=person.pk)


def lock_resource_and_person(resource: Resource, person: User) -> tuple[int, bool] | None:
    """Lock the resource row, then the person's row, in one statement; return the resource's fresh
    (capacity, is_active), or None when the resource is gone.

    PostgreSQL takes the row locks of ``FOR UPDATE OF r, u`` in that order, the order of
    ``lock_resource`` then ``lock_person``. SQLite has no row locks: its IMMEDIATE transactions take
    the database's write lock at BEGIN, so the rows are read without a statement of their own.
    """
    if not connection.features.has_select_for_update:
        return resource.capacity, resource.is_active
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT r.capacity, r.is_active FROM {Resource._meta.db_table} r, {User._meta.db_table} u "
            "WHERE r.id = %s AND u.id = %s FOR UPDATE OF r, u",
            [resource.pk, person.pk],
        )
        row = cursor.fetchone()
    return (int(row[0]), bool(row[1])) if row else None
