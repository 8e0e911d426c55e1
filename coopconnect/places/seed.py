"""Demo data for ``manage.py seed_demo``: a registry of idempotent steps built on the services.

Other apps add their own steps without touching this file: in ``coopconnect/<app>/seed.py`` write

    from coopconnect.places.seed import register

    @register("bookings", order=60)
    def seed_bookings(ctx): ...

seed_demo imports every app's ``seed`` module, then runs the steps by ``order``. Each step must be safe
to run twice (get-or-update, never blind create). ``ctx.results`` shares what earlier steps made
(``ctx.results["places"]["laragne"]`` is the Laragne relay, ``ctx.results["users"]["host"]`` the host).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TextIO

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from coopconnect.core.text import search_key
from coopconnect.places import reference_places as ref
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

DEMO_PASSWORD = "coop-connect-demo"
DEMO_USERS: dict[str, dict[str, Any]] = {
    "admin": {
        "email": "admin@coop-connect.fr",
        "first_name": "Adèle",
        "last_name": "Admin",
        "superuser": True,
    },
    "coordinator": {
        "email": "coordination@coop-connect.fr",
        "first_name": "Chloé",
        "last_name": "Coordination",
    },
    "host": {"email": "hote.pertuis@coop-connect.fr", "first_name": "Guillaume", "last_name": "Hôte"},
    "member": {"email": "membre@coop-connect.fr", "first_name": "Marie", "last_name": "Membre"},
}
HOST_PLACE = "pertuis"
COORDINATED_NETWORK = "coop-connect-paca"


@dataclass
class SeedContext:
    """What a step gets: where to write progress, and the objects earlier steps created."""

    out: TextIO | None = None
    results: dict[str, Any] = field(default_factory=dict)

    def say(self, message: str) -> None:
        if self.out is not None:
            self.out.write(message + "\n")


@dataclass(frozen=True)
class SeedStep:
    name: str
    order: int
    run: Callable[[SeedContext], Any]


STEPS: dict[str, SeedStep] = {}


def register(
    name: str, *, order: int
) -> Callable[[Callable[[SeedContext], Any]], Callable[[SeedContext], Any]]:
    """Register ``func`` as the seed step ``name`` (re-registering a name replaces it)."""

    def decorator(func: Callable[[SeedContext], Any]) -> Callable[[SeedContext], Any]:
        STEPS[name] = SeedStep(name=name, order=order, run=func)
        return func

    return decorator


def discover() -> None:
    """Import ``coopconnect.<app>.seed`` for every installed app so their steps register."""
    from django.apps import apps

    for config in apps.get_app_configs():
        if config.name.startswith("coopconnect."):
            try:
                importlib.import_module(f"{config.name}.seed")
            except ModuleNotFoundError as exc:
                if exc.name != f"{config.name}.seed":
                    raise


def steps(only: list[str] | None = None, skip: list[str] | None = None) -> list[SeedStep]:
    """Return the registered steps in order, restricted by ``only`` / ``skip`` names."""
    unknown = sorted((set(only or []) | set(skip or [])) - set(STEPS))
    if unknown:
        raise KeyError(f"Étape(s) inconnue(s) : {', '.join(unknown)} (connues : {', '.join(sorted(STEPS))})")
    chosen = [s for s in STEPS.values() if (not only or s.name in only) and s.name not in (skip or [])]
    return sorted(chosen, key=lambda s: (s.order, s.name))


def run(ctx: SeedContext, only: list[str] | None = None, skip: list[str] | None = None) -> SeedContext:
    """Run the chosen steps in order."""
    for step in steps(only, skip):
        ctx.say(f"— {step.name}")
        step.run(ctx)
    return ctx


# Steps of this app ---------------------------------------------------------------------------------


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


COORDINATOR_GROUP = "Coordinateurs de réseau"
COORDINATOR_PERMISSIONS = [
    "view_network",
    "change_network",
    "view_place",
    "add_place",
    "change_place",
    "view_resource",
    "add_resource",
    "change_resource",
    "delete_resource",
    "view_service",
    # The place form's commune autocomplete needs to read communes.
    "view_commune",
]


@transaction.atomic
def coordinator_group_grant(user: Any) -> Group:
    """Make ``user`` staff in the coordinators' group (the admin then limits them to their networks)."""
    group, _ = Group.objects.get_or_create(name=COORDINATOR_GROUP)
    perms = Permission.objects.filter(
        content_type__app_label__in=["places", "territory"], codename__in=COORDINATOR_PERMISSIONS
    )
    group.permissions.add(*perms)
    user.groups.add(group)
    if not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    return group


def resource_of(place_key: str, name: str) -> Resource:
    """Return a reference place's resource by name (for later seed steps: tariffs, bookings)."""
    return Resource.objects.get(place__source=ref.REFERENCE_SOURCE, place__source_id=place_key, name=name)
