"""API schemas of the places directory."""

from __future__ import annotations

from ninja import Field, Schema


class CommuneRef(Schema):
    """A commune as the directory shows it."""

    insee: str
    name: str
    department: str


class NetworkRef(Schema):
    """A network a place belongs to."""

    id: int
    slug: str
    name: str


class PlaceSummaryOut(Schema):
    """A place in a list; travel fields are set when the search has an origin (``near``)."""

    id: int
    slug: str
    name: str
    typology: str
    typology_label: str
    commune: CommuneRef | None
    postcode: str
    latitude: float
    longitude: float
    services: list[str]
    url: str
    travel_minutes: int | None = None
    distance_km: float | None = None
    travel_method: str | None = None


class OriginOut(Schema):
    """Where the search started and how far it looked."""

    latitude: float
    longitude: float
    commune: CommuneRef | None
    within_minutes: int
    engine: str


class PlaceListOut(Schema):
    """A page of places: ``count`` is the total before ``limit``/``offset``."""

    count: int
    limit: int
    offset: int
    origin: OriginOut | None
    items: list[PlaceSummaryOut]


class ResourceOut(Schema):
    """A bookable resource of a place, with its capacity per layout for rooms."""

    id: int
    kind: str
    kind_label: str
    name: str
    capacity: int
    layouts: dict[str, int]


class PhotoOut(Schema):
    """A place's photo, WebP: ``url`` up to 960 px wide, ``small_url`` 480 px (paths on this site)."""

    url: str
    small_url: str
    width: int | None
    height: int | None


class PlaceDetailOut(PlaceSummaryOut):
    """Everything public about a place."""

    carrier_name: str
    legal_form: str
    address: str
    opening_hours: str
    hours_text: list[str]
    open_now: bool | None
    access_mode: str
    wifi_mbps: int | None
    description: str
    phone: str
    email: str
    website: str
    how_to_get_there: str
    popup_start: str | None
    popup_end: str | None
    by_appointment: bool = Field(
        False, description="Pas d'horaires publiés : chaque réservation est une demande que l'hôte confirme."
    )
    photo: PhotoOut | None = None
    networks: list[NetworkRef]
    resources: list[ResourceOut]
