"""Writes on networks, places, resources and services: validate (model clean) then save."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from coopconnect.core.errors import DomainError, PermissionDenied
from coopconnect.places.models import Network, Place, Resource, ResourceKind, Service

PLACE_M2M = ("networks", "hosts")
_PLACE_FIELDS = {f.name for f in Place._meta.concrete_fields} - {"id", "created_at", "updated_at"}
_RESOURCE_FIELDS = {"kind", "name", "capacity", "layouts", "surface_m2", "description", "is_active"}
SLUG_MAX = 200


def unique_slug(base: str, taken: set[str], *, fallback: str = "lieu") -> str:
    """Return slugify(base), suffixed -2, -3... so that it is not in ``taken``; add it to ``taken``."""
    root = slugify(base)[:SLUG_MAX].strip("-") or fallback
    slug, n = root, 1
    while slug in taken:
        n += 1
        slug = f"{root[: SLUG_MAX - len(str(n)) - 1]}-{n}"
    taken.add(slug)
    return slug


def _raise_domain(exc: ValidationError, message: str) -> None:
    errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    raise DomainError(message, errors=errors) from exc


def _check_fields(fields: dict[str, Any], allowed: set[str]) -> None:
    unknown = sorted(set(fields) - allowed)
    if unknown:
        raise TypeError(f"Unknown field(s): {', '.join(unknown)}")


@transaction.atomic
def network_create(*, name: str, slug: str = "", **fields: Any) -> Network:
    """Create a network of places with a unique slug."""
    taken = set(Network.objects.values_list("slug", flat=True))
    network = Network(name=name, slug=slug or unique_slug(name, taken, fallback="reseau"), **fields)
    try:
        network.full_clean()
    except ValidationError as exc:
        _raise_domain(exc, _("Réseau invalide."))
    network.save()
    return network


@transaction.atomic
def place_create(*, name: str, latitude: float, longitude: float, **fields: Any) -> Place:
    """Create a place after validating hours, coordinates and popup dates; ``networks``/``hosts`` accepted."""
    m2m = {key: fields.pop(key) for key in PLACE_M2M if key in fields}
    _check_fields(fields, _PLACE_FIELDS)
    if not fields.get("slug"):
        taken = set(Place.objects.filter(slug__startswith=slugify(name)[:50]).values_list("slug", flat=True))
        fields["slug"] = unique_slug(name, taken)
    place = Place(name=name, latitude=latitude, longitude=longitude, **fields)
    try:
        place.full_clean()
    except ValidationError as exc:
        _raise_domain(exc, _("Lieu invalide."))
    place.save()
    for key, values in m2m.items():
        getattr(place, key).set(values)
    return place


@transaction.atomic
def place_update(*, place: Place, **fields: Any) -> Place:
    """Change a place's fields (the slug stays unless given) and validate them before saving."""
    m2m = {key: fields.pop(key) for key in PLACE_M2M if key in fields}
    _check_fields(fields, _PLACE_FIELDS)
    for key, value in fields.items():
        setattr(place, key, value)
    try:
        place.full_clean()
    except ValidationError as exc:
        place.refresh_from_db()
        _raise_domain(exc, _("Lieu invalide."))
    place.save()
    for key, values in m2m.items():
        getattr(place, key).set(values)
    return place


def _validated_resource(resource: Resource) -> Resource:
    if resource.kind not in ResourceKind.values:
        raise DomainError(
            _("Type de ressource inconnu : %(kind)s.") % {"kind": resource.kind},
            errors={"kind": [_("Type de ressource inconnu.")]},
        )
    try:
        resource.full_clean()
    except ValidationError as exc:
        _raise_domain(exc, _("Ressource invalide."))
    resource.save()
    return resource


@transaction.atomic
def resource_create(
    *,
    place: Place,
    kind: str,
    name: str,
    capacity: int,
    layouts: dict[str, int] | None = None,
    surface_m2: Decimal | int | None = None,
    description: str = "",
) -> Resource:
    """Create a bookable resource; with ``layouts`` the capacity is that of the largest layout."""
    resource = Resource(
        place=place,
        kind=kind,
        name=name,
        capacity=capacity,
        layouts=layouts or {},
        surface_m2=Decimal(surface_m2) if surface_m2 is not None else None,
        description=description,
    )
    return _validated_resource(resource)


@transaction.atomic
def resource_update(*, resource: Resource, **fields: Any) -> Resource:
    """Change a resource's kind, name, capacity, layouts, surface, description or active flag."""
    _check_fields(fields, _RESOURCE_FIELDS)
    for key, value in fields.items():
        if key == "layouts":
            value = value or {}
        if key == "surface_m2" and value is not None:
            value = Decimal(value)
        setattr(resource, key, value)
    return _validated_resource(resource)


@transaction.atomic
def place_set_services(*, place: Place, codes: Iterable[str], wifi_mbps: int | None = None) -> Place:
    """Replace the place's services bouquet by ``codes`` and record the wifi speed (Mb/s) if given."""
    codes = list(dict.fromkeys(codes))
    known = set(Service.objects.filter(code__in=codes).values_list("code", flat=True))
    unknown = [code for code in codes if code not in known]
    if unknown:
        raise DomainError(
            _("Service inconnu : %(codes)s.") % {"codes": ", ".join(unknown)},
            errors={"services": [_("Service inconnu : %(code)s.") % {"code": code} for code in unknown]},
        )
    if wifi_mbps is not None:
        if "wifi" not in codes:
            raise DomainError(
                _("Un débit internet n'a de sens qu'avec le service wifi."),
                errors={"wifi_mbps": [_("Cochez le wifi ou retirez le débit.")]},
            )
        if isinstance(wifi_mbps, bool) or not isinstance(wifi_mbps, int) or wifi_mbps < 1:
            raise DomainError(
                _("Débit internet invalide."),
                errors={"wifi_mbps": [_("Un nombre entier de Mb/s, au moins 1.")]},
            )
    place.services.set(codes)  # type: ignore[arg-type]  # Service primary keys are the codes (str)
    # Without a new figure the known speed stays; without wifi there is no speed to show.
    new_mbps = (wifi_mbps if wifi_mbps is not None else place.wifi_mbps) if "wifi" in codes else None
    if place.wifi_mbps != new_mbps:
        place.wifi_mbps = new_mbps
        place.save(update_fields=["wifi_mbps", "updated_at"])
    return place


def place_set_photo(*, place: Place, data: bytes, by: Any) -> Place:
    """Store a host's photo of the place as two WebP widths (``photos.prepare``), replacing the old one.

    Refuses anyone who does not manage the place; a file that is not a photo changes nothing.
    """
    from django.core.files.base import ContentFile

    from coopconnect.places.photos import prepare

    _check_may_change_photo(place, by)
    try:
        prepared = prepare(data)
    except ValidationError as exc:
        raise DomainError(exc.messages[0], {"photo": exc.messages}) from exc
    # The content's hash is in the names: a new photo is a new URL, so the old one can be cached for good.
    stem = f"{place.slug[:80]}-{prepared.digest}"
    written: list[str] = []
    try:
        with transaction.atomic():
            # Locked: two uploads at once replace one another in turn, each deleting what it replaced.
            place = Place.objects.select_for_update().get(pk=place.pk)
            old = [str(f.name) for f in (place.photo, place.photo_small) if f]
            place.photo.save(f"{stem}.webp", ContentFile(prepared.large), save=False)
            written.append(str(place.photo.name))
            place.photo_small.save(f"{stem}-{SMALL_SUFFIX}.webp", ContentFile(prepared.small), save=False)
            written.append(str(place.photo_small.name))
            place.save(update_fields=["photo", "photo_small", "photo_width", "photo_height", "updated_at"])
    except Exception:
        _delete_files(written, keep=set())  # no file left behind by a write that failed
        raise
    _delete_files(old, keep={str(place.photo.name), str(place.photo_small.name)})
    return place


def place_remove_photo(*, place: Place, by: Any) -> Place:
    """Take the place's photo down (files deleted)."""
    _check_may_change_photo(place, by)
    with transaction.atomic():
        place = Place.objects.select_for_update().get(pk=place.pk)
        old = [str(f.name) for f in (place.photo, place.photo_small) if f]
        place.photo, place.photo_small = "", ""
        place.photo_width = place.photo_height = None
        place.save(update_fields=["photo", "photo_small", "photo_width", "photo_height", "updated_at"])
    _delete_files(old, keep=set())
    return place


SMALL_SUFFIX = "480"


def _check_may_change_photo(place: Place, by: Any) -> None:
    from coopconnect.core.permissions import can_manage_place

    if not can_manage_place(by, place):
        raise PermissionDenied(_("Seuls les hôtes et coordinateurs du lieu changent sa photo."))


def _delete_files(names: list[str], *, keep: set[str]) -> None:
    from django.core.files.storage import default_storage

    for name in names:
        if name not in keep:
            default_storage.delete(name)
