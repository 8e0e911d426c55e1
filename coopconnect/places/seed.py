"""The places' demo data: communes, the 2019 census, the study's networks and reference places, and the
places later steps of ``seed_demo`` use (the demo host's place, the coordinated network).
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from coopconnect.core.seed import SeedContext, register
from coopconnect.core.text import search_key
from coopconnect.places import reference as ref
from coopconnect.places.importing.files import import_file
from coopconnect.places.importing.mapping import CENSUS_FILE, CENSUS_SOURCE
from coopconnect.places.models import Network, Place, Resource
from coopconnect.places.services import (
    network_create,
    place_create,
    place_set_services,
    place_update,
    resource_create,
    resource_update,
)
from coopconnect.territory.models import Commune

HOST_PLACE = "pertuis"
COORDINATED_NETWORK = "coop-connect-paca"


@register("communes", order=10)
def seed_communes(ctx: SeedContext) -> None:
    """Load the French communes through the territory service, when it exists."""
    try:
        from coopconnect.territory.services import communes_load  # type: ignore[attr-defined]
    except ImportError:
        ctx.say(
            "  communes : coopconnect.territory.services.communes_load() est introuvable ; "
            "les lieux seront importés sans rattachement aux communes."
        )
        return
    result = communes_load()
    ctx.results["communes"] = result
    ctx.say(f"  communes : {Commune.objects.count()} en base.")


@register("census", order=20)
def seed_census(ctx: SeedContext) -> None:
    """Import (or refresh) the vendored 2019 CGET census."""
    report = import_file(CENSUS_FILE)
    if report.errors:
        raise RuntimeError(f"Recensement refusé : {report.errors[:3]}")
    ctx.results["census"] = report
    ctx.say(
        f"  recensement : {report.created} créé(s), {report.updated} mis à jour, "
        f"{report.unchanged} inchangé(s)."
    )


def _commune_for(department: str, name: str) -> Commune | None:
    key = search_key(name)
    found = list(Commune.objects.filter(department_id=department, search_name=key)[:2])
    return found[0] if len(found) == 1 else None


@transaction.atomic
def _upsert_network(data: dict[str, Any]) -> Network:
    network = Network.objects.filter(slug=data["slug"]).first()
    if network is None:
        return network_create(**data)
    for key, value in data.items():
        setattr(network, key, value)
    network.save()
    return network


@transaction.atomic
def _upsert_place(data: dict[str, Any], networks: dict[str, Network]) -> Place:
    commune = _commune_for(*data["commune"])
    use_commune_point = commune is not None and not data.get("coords_exact")
    lat, lon = (commune.latitude, commune.longitude) if use_commune_point else data["coords"]
    fields = {
        **data["fields"],
        "commune": commune,
        "networks": [networks[s] for s in data["networks"]],
        "source": ref.REFERENCE_SOURCE,
        "source_id": data["key"],
    }
    place = Place.objects.filter(source=ref.REFERENCE_SOURCE, source_id=data["key"]).first()
    if place is None:
        place = place_create(latitude=lat, longitude=lon, **fields)
    else:
        place = place_update(place=place, latitude=lat, longitude=lon, **fields)
    place_set_services(place=place, codes=data["services"], wifi_mbps=data["wifi_mbps"])
    existing = {r.name: r for r in place.resources.all()}
    for spec in data["resources"]:
        spec = {"layouts": None, "surface_m2": None, **spec}
        resource = existing.get(spec["name"])
        if resource is None:
            resource_create(place=place, **spec)
        else:
            resource_update(resource=resource, **{k: v for k, v in spec.items() if k != "name"})
    if data.get("census_duplicates"):
        Place.objects.filter(source=CENSUS_SOURCE, source_id__in=data["census_duplicates"]).update(
            is_published=False
        )
    return place


@register("reference_places", order=30)
def seed_reference_places(ctx: SeedContext) -> dict[str, Place]:
    """Create or refresh the study's networks and reference places with their resources and services."""
    networks = {data["slug"]: _upsert_network(data) for data in ref.NETWORKS}
    places = {data["key"]: _upsert_place(data, networks) for data in ref.PLACES}
    ctx.results["networks"] = networks
    ctx.results["places"] = places
    ctx.say(f"  lieux de référence : {len(places)} ({', '.join(p.name for p in places.values())}).")
    return places


def resource_of(place_key: str, name: str) -> Resource:
    """Return a reference place's resource by name (for later seed steps: tariffs, bookings)."""
    return Resource.objects.get(place__source=ref.REFERENCE_SOURCE, place__source_id=place_key, name=name)
