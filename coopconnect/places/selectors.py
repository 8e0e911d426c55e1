"""Reads of the places directory: places near a point, a place's page, a network's page."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from coopconnect.core.geo import bounding_box
from coopconnect.places import hours
from coopconnect.places.models import Network, Place, Resource
from coopconnect.territory.travel import Point, get_engine


@dataclass(frozen=True)
class PlaceHit:
    """A place found near a point, with how long it takes to get there."""

    place: Place
    travel_minutes: int
    distance_km: float
    method: str


def visible_places(*, today: date | None = None) -> QuerySet[Place]:
    """Return the places the public may see: published, and pop-up places not yet over."""
    today = today or timezone.localdate()
    return Place.objects.filter(is_published=True).filter(Q(popup_end__isnull=True) | Q(popup_end__gte=today))


def _with_listing_relations(qs: QuerySet[Place]) -> QuerySet[Place]:
    return qs.select_related("commune").prefetch_related("services")


def place_list(
    *,
    typologies: Sequence[str] = (),
    services: Sequence[str] = (),
    open_on: date | None = None,
    network: Network | None = None,
    bbox: tuple[float, float, float, float] | None = None,
    today: date | None = None,
) -> list[Place]:
    """Return visible places matching the filters, by name (a place must offer every service asked).

    ``open_on`` keeps only the places whose hours say they open that day: places with no hours,
    or a pop-up place outside its dates, are left out since nothing says they will be open.
    """
    qs = _with_listing_relations(visible_places(today=today))
    if typologies:
        qs = qs.filter(typology__in=list(typologies))
    for code in dict.fromkeys(services):
        qs = qs.filter(Exists(Place.services.through.objects.filter(place_id=OuterRef("pk"), service_id=code)))
    if network is not None:
        qs = qs.filter(Exists(Place.networks.through.objects.filter(place_id=OuterRef("pk"), network_id=network.pk)))
    if bbox is not None:
        min_lat, max_lat, min_lon, max_lon = bbox
        qs = qs.filter(
            latitude__gte=min_lat, latitude__lte=max_lat, longitude__gte=min_lon, longitude__lte=max_lon
        )
    if open_on is not None:
        qs = qs.exclude(opening_hours="").filter(
            Q(popup_start__isnull=True) | Q(popup_start__lte=open_on),
            Q(popup_end__isnull=True) | Q(popup_end__gte=open_on),
        )
        return [p for p in qs.order_by("name", "pk") if hours.is_open_on(p.opening_hours, open_on) is True]
    return list(qs.order_by("name", "pk"))


def places_near(
    *,
    origin: Point,
    within_minutes: int = 20,
    typologies: Sequence[str] = (),
    services: Sequence[str] = (),
    open_on: date | None = None,
    network: Network | None = None,
    limit: int | None = None,
    today: date | None = None,
) -> list[PlaceHit]:
    """Return the visible places reachable from ``origin`` within ``within_minutes``, nearest in time first.

    The database only sees a bounding box as wide as the farthest the engine can go in that time
    (an indexed range scan); the engine then computes the travel legs and drops what is too far.
    """
    engine = get_engine()
    radius_km = engine.max_radius_km(within_minutes)
    candidates = place_list(
        typologies=typologies,
        services=services,
        open_on=open_on,
        network=network,
        bbox=bounding_box(origin[0], origin[1], radius_km),
        today=today,
    )
    if not candidates:
        return []
    legs = engine.legs(origin, [(p.latitude, p.longitude) for p in candidates])
    hits = [
        PlaceHit(place=p, travel_minutes=round(leg.minutes), distance_km=round(leg.km, 1), method=leg.method)
        for p, leg in zip(candidates, legs, strict=True)
        if leg is not None and leg.minutes <= within_minutes
    ]
    hits.sort(key=lambda h: (h.travel_minutes, h.distance_km, h.place.name))
    return hits[:limit] if limit is not None else hits


def _detail_queryset(today: date | None = None) -> QuerySet[Place]:
    return visible_places(today=today).select_related("commune", "commune__department").prefetch_related(
        "services",
        Prefetch("networks", queryset=Network.objects.order_by("name")),
        Prefetch("resources", queryset=Resource.objects.filter(is_active=True).order_by("kind", "name")),
    )


def place_detail(key: str | int, *, today: date | None = None) -> Place | None:
    """Return a visible place by slug or id, with its services, networks and active resources; or None."""
    qs = _detail_queryset(today)
    if isinstance(key, int) or (isinstance(key, str) and key.isdigit()):
        return qs.filter(pk=int(key)).first()
    return qs.filter(slug=key).first()


def network_detail(slug: str) -> Network | None:
    """Return a network by slug with its visible places prefetched (as ``visible_places``), or None."""
    places = _with_listing_relations(visible_places()).order_by("commune__name", "name")
    return Network.objects.prefetch_related(Prefetch("places", queryset=places, to_attr="visible_places")).filter(
        slug=slug
    ).first()


def places_by_ids(ids: Iterable[int]) -> list[Place]:
    """Return the visible places with these ids (for exports of a page of results)."""
    return list(_with_listing_relations(visible_places()).filter(pk__in=list(ids)))
