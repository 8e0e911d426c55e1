"""Reads of the places directory: places near a point, a place's page, a network's page."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Exists, F, OuterRef, Prefetch, Q, QuerySet, Value
from django.utils import timezone
from django.utils.translation import gettext as _

from coopconnect.core.errors import DomainError
from coopconnect.core.geo import bounding_box, parse_latlon
from coopconnect.places import hours
from coopconnect.places.models import Network, Place, Resource, Service, Typology
from coopconnect.territory.models import Commune
from coopconnect.territory.selectors import commune_by_insee, communes_for_postcode, resolve_commune
from coopconnect.territory.travel import EstimateEngine, Point, get_engine

# Anything made of digits, signs, dots, commas and spaces with a comma is meant as coordinates.
_LOOKS_LIKE_COORDS = re.compile(r"^[\s\d.+\-eE]*,[\s\d.,+\-eE]*$")


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


def _day_price_at_most(max_ttc: Decimal, today: date) -> Q:
    """Keep the places selling a coworking day to everyone for at most ``max_ttc`` VAT included.

    The day rates are the place's own and its networks' (the bill takes the cheapest), valid today;
    read through the reverse relations so this layer needs no model of the billing app.
    """
    tariff_model = Place._meta.get_field("tariffs").related_model
    days = (
        tariff_model._default_manager.filter(
            kind="per_use", unit="day", resource_kind="", audience="all", valid_from__lte=today
        )
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=today))
        .alias(ttc_x100=F("price") * (Value(100) + F("vat_rate")))
        .filter(ttc_x100__lte=max_ttc * 100)
    )
    return Q(Exists(days.filter(place_id=OuterRef("pk")))) | Q(
        Exists(days.filter(network__places=OuterRef("pk")))
    )


def place_list(
    *,
    typologies: Sequence[str] = (),
    services: Sequence[str] = (),
    open_on: date | None = None,
    network: Network | None = None,
    bbox: tuple[float, float, float, float] | None = None,
    today: date | None = None,
    max_day_price: Decimal | None = None,
    by_appointment: bool = False,
) -> list[Place]:
    """Return visible places matching the filters, by name (a place must offer every service asked).

    ``max_day_price``: only places with a day at that price or less, VAT included (€).

    ``open_on`` keeps only the places whose hours say they open that day: places with no hours,
    or a pop-up place outside its dates, are left out since nothing says they will be open; with
    ``by_appointment``, places without hours are kept (their bookings are requests to the host).
    """
    qs = _with_listing_relations(visible_places(today=today))
    if typologies:
        qs = qs.filter(typology__in=list(typologies))
    for code in dict.fromkeys(services):
        qs = qs.filter(
            Exists(Place.services.through.objects.filter(place_id=OuterRef("pk"), service_id=code))
        )
    if network is not None:
        qs = qs.filter(
            Exists(Place.networks.through.objects.filter(place_id=OuterRef("pk"), network_id=network.pk))
        )
    if max_day_price is not None:
        qs = qs.filter(_day_price_at_most(max_day_price, today or timezone.localdate()))
    if bbox is not None:
        min_lat, max_lat, min_lon, max_lon = bbox
        qs = qs.filter(
            latitude__gte=min_lat, latitude__lte=max_lat, longitude__gte=min_lon, longitude__lte=max_lon
        )
    if open_on is not None:
        qs = qs.filter(
            Q(popup_start__isnull=True) | Q(popup_start__lte=open_on),
            Q(popup_end__isnull=True) | Q(popup_end__gte=open_on),
        )
        if not by_appointment:
            qs = qs.exclude(opening_hours="")
        return [
            p
            for p in qs.order_by("name", "pk")
            if (by_appointment and p.by_appointment)
            or hours.is_open_on(p.opening_hours, open_on, department=hours.department_of(p)) is True
        ]
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
    origin_elevation: float | None = None,
    today: date | None = None,
    max_day_price: Decimal | None = None,
    by_appointment: bool = False,
) -> list[PlaceHit]:
    """Return the visible places reachable from ``origin`` within ``within_minutes``, nearest in time first.

    The database only sees a bounding box as wide as the farthest the engine can go in that time
    (an indexed range scan); the engine then computes the travel legs and drops what is too far.
    ``origin_elevation`` (metres, e.g. the commune's) lets the estimate slow down in the mountains.
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
        max_day_price=max_day_price,
        by_appointment=by_appointment,
    )
    if not candidates:
        return []
    points = [(p.latitude, p.longitude) for p in candidates]
    if isinstance(engine, EstimateEngine):
        # The estimate slows down in the mountains: it needs the elevations of the communes.
        elevations = [p.commune.elevation if p.commune else None for p in candidates]
        legs = engine.legs(origin, points, origin_elevation=origin_elevation, elevations=elevations)
    else:
        legs = engine.legs(origin, points)
    hits = [
        PlaceHit(place=p, travel_minutes=round(leg.minutes), distance_km=round(leg.km, 1), method=leg.method)
        for p, leg in zip(candidates, legs, strict=True)
        if leg is not None and leg.minutes <= within_minutes
    ]
    hits.sort(key=lambda h: (h.travel_minutes, h.distance_km, h.place.name))
    return hits[:limit] if limit is not None else hits


def _detail_queryset(today: date | None = None) -> QuerySet[Place]:
    return (
        visible_places(today=today)
        .select_related("commune", "commune__department")
        .prefetch_related(
            "services",
            Prefetch("networks", queryset=Network.objects.order_by("name")),
            Prefetch("resources", queryset=Resource.objects.filter(is_active=True).order_by("kind", "name")),
        )
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
    return (
        Network.objects.prefetch_related(Prefetch("places", queryset=places, to_attr="visible_places"))
        .filter(slug=slug)
        .first()
    )


class UnknownPlaceOrigin(DomainError):
    """The commune typed is unknown or ambiguous; ``suggestions`` lists the communes it may mean."""

    def __init__(self, query: str, suggestions: list[Commune]) -> None:
        self.suggestions = suggestions
        errors = {"near": [_("Commune inconnue ou ambiguë : « %(q)s ».") % {"q": query}]}
        if suggestions:
            errors["near.suggestions"] = [f"{c.insee} {c.name} ({c.department_id})" for c in suggestions]
        super().__init__(_("Commune inconnue ou ambiguë."), errors)


@dataclass(frozen=True)
class Origin:
    """Where a search starts: a point, and the commune it is the centre of when known."""

    point: Point
    commune: Commune | None
    label: str

    @property
    def elevation(self) -> float | None:
        """Return the elevation of the commune searched from, when known."""
        return self.commune.elevation if self.commune is not None else None


def resolve_origin(near: str, *, insee_first: bool = False) -> Origin:
    """Turn "lat,lon", a postcode, an INSEE code or a commune name into an Origin, or raise DomainError.

    Five digits are read as a postcode first (what people type), or with ``insee_first`` as an INSEE
    code first (what the API documents and machines send), then as the other.
    """
    near = (near or "").strip()
    if not near:
        raise DomainError(
            _("Indiquez une commune ou des coordonnées."), {"near": [_("Ce champ est obligatoire.")]}
        )
    if _LOOKS_LIKE_COORDS.match(near):
        try:
            lat, lon = parse_latlon(near)
        except ValueError as exc:
            raise DomainError(_("Coordonnées invalides."), {"near": [str(exc)]}) from exc
        return Origin(point=(lat, lon), commune=None, label=f"{lat:.4f}, {lon:.4f}")
    # An INSEE code is one indexed lookup; only names need the (slower) search with suggestions.
    # Five digits that are a postcode are read as one (people type theirs: "84120" is Pertuis's,
    # though it is also Saint-Trinit's INSEE code): the resolver picks or offers its communes.
    commune = commune_by_insee(near) if insee_first else None
    is_postcode = commune is None and near.isdigit() and len(near) == 5 and bool(communes_for_postcode(near))
    if commune is None and not is_postcode and not insee_first:
        commune = commune_by_insee(near)
    suggestions: list[Commune] = []
    if commune is None:
        commune, suggestions = resolve_commune(near)
    if commune is None:
        raise UnknownPlaceOrigin(near, suggestions)
    return Origin(point=(commune.latitude, commune.longitude), commune=commune, label=commune.name)


def check_filters(
    *, typologies: Sequence[str] = (), services: Sequence[str] = (), network: str | None = None
) -> Network | None:
    """Check filter values against the known typologies, services and networks; return the network."""
    errors: dict[str, list[str]] = {}
    bad = [t for t in typologies if t not in Typology.values]
    if bad:
        errors["typology"] = [
            _("Typologie inconnue : %(bad)s. Valeurs possibles : %(ok)s.")
            % {"bad": ", ".join(bad), "ok": ", ".join(Typology.values)}
        ]
    known = set(Service.objects.filter(code__in=list(services)).values_list("code", flat=True))
    bad = [s for s in services if s not in known]
    if bad:
        errors["service"] = [
            _("Service inconnu : %(bad)s. Valeurs possibles : %(ok)s.")
            % {"bad": ", ".join(bad), "ok": ", ".join(Service.objects.values_list("code", flat=True))}
        ]
    found = None
    if network:
        found = Network.objects.filter(slug=network).first()
        if found is None:
            errors["network"] = [_("Réseau inconnu : « %(slug)s ».") % {"slug": network}]
    if errors:
        raise DomainError(_("Filtres invalides."), errors)
    return found
