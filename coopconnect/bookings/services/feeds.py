"""Secret, revocable iCalendar feeds: a member's bookings, a resource's or a whole place's."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coopconnect.accounts.models import User
from coopconnect.bookings.ics import calendar_bytes
from coopconnect.bookings.models import Booking, BookingStatus, CalendarFeed, FeedKind, new_token
from coopconnect.bookings.permissions import is_coordinator, is_host
from coopconnect.core.errors import DomainError, NotFound, PermissionDenied
from coopconnect.places.models import Place, Resource

# A feed shows a little history (last 30 days) and everything ahead.
HISTORY = dt.timedelta(days=30)


@transaction.atomic
def feed_create(*, owner: User, kind: str, target_id: int | str | None = None) -> CalendarFeed:
    """Create a secret feed URL: ``person`` (mine), or a ``resource``/``place`` its owner hosts."""
    if kind == FeedKind.PERSON:
        return CalendarFeed.objects.create(owner=owner, kind=kind)
    if kind not in (FeedKind.RESOURCE, FeedKind.PLACE):
        raise DomainError(_("Type de calendrier inconnu."), {"kind": [_("Valeur inconnue.")]})
    try:
        pk = int(target_id or 0)
    except (TypeError, ValueError) as exc:
        raise DomainError(_("Cible inconnue."), {"target": [_("Valeur inconnue.")]}) from exc
    resource: Resource | None = None
    place: Place | None
    if kind == FeedKind.RESOURCE:
        resource = Resource.objects.select_related("place").filter(pk=pk).first()
        if resource is None:
            raise NotFound(_("Ressource inconnue."))
        place = resource.place
    else:
        place = Place.objects.filter(pk=pk).first()
        if place is None:
            raise NotFound(_("Lieu inconnu."))
    if not (is_host(owner, place) or is_coordinator(owner, place)):
        raise PermissionDenied(_("Réservé aux hôtes et coordinateurs de ce lieu."))
    return CalendarFeed.objects.create(
        owner=owner, kind=kind, resource=resource, place=None if resource else place
    )


@transaction.atomic
def feed_regenerate(*, feed: CalendarFeed) -> CalendarFeed:
    """Give the feed a new secret: the old URL stops working at once."""
    feed.token = new_token()
    feed.save(update_fields=["token", "updated_at"])
    return feed


@transaction.atomic
def feed_revoke(*, feed: CalendarFeed) -> CalendarFeed:
    """Revoke the feed: its URL stops working at once."""
    feed.revoked_at = timezone.now()
    feed.save(update_fields=["revoked_at", "updated_at"])
    return feed


def feed_ics(*, token: str, now: dt.datetime | None = None) -> bytes | None:
    """Return the iCalendar body behind ``token``, or None when unknown or revoked.

    Rights are checked again at each fetch: a host who lost a place stops seeing it.
    """
    now = now or timezone.now()
    feed = (
        CalendarFeed.objects.select_related("owner", "place", "resource", "resource__place")
        .filter(token=token, revoked_at__isnull=True)
        .first()
    )
    if feed is None or not feed.owner.is_active:
        return None
    qs = (
        Booking.objects.select_related("resource", "resource__place", "person")
        .filter(end__gte=now - HISTORY)
        .exclude(status=BookingStatus.REJECTED)
    )
    with_person = False
    if feed.kind == FeedKind.PERSON:
        qs, name = qs.filter(person=feed.owner), _("Mes réservations Coop-connect")
    else:
        place = feed.resource.place if feed.resource else feed.place
        if place is None or not (is_host(feed.owner, place) or is_coordinator(feed.owner, place)):
            return None
        with_person = True
        if feed.resource:
            qs, name = qs.filter(resource=feed.resource), f"{feed.resource.name} — {place.name}"
        else:
            qs, name = qs.filter(resource__place=place), place.name
    return calendar_bytes(qs.order_by("start")[:2000], name=name, with_person=with_person)
