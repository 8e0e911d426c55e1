"""JSON API of the places directory (mounted under /api/v1/): search, detail and exports."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language
from ninja import Query, Router

from coopconnect.core.errors import NotFound
from coopconnect.core.schemas import ErrorOut
from coopconnect.places import exports, selectors
from coopconnect.places.schemas import PlaceDetailOut, PlaceListOut
from coopconnect.territory.travel import get_engine

router = Router(tags=["places"])

NEAR_HELP = (
    "Code INSEE (lu avant un code postal de mêmes chiffres), code postal, nom de commune "
    "(« Pertuis », « st remy ») ou « latitude,longitude »."
)


def _search(
    *,
    near: str | None,
    within_minutes: int,
    typology: list[str],
    service: list[str],
    open_on: date | None,
    network: str | None,
    max_day_price: Decimal | None = None,
) -> tuple[selectors.Origin | None, list[Any]]:
    found_network = selectors.check_filters(typologies=typology, services=service, network=network)
    if near is None or not near.strip():
        places = selectors.place_list(
            typologies=typology, services=service, open_on=open_on, network=found_network,
            max_day_price=max_day_price,
        )  # fmt: skip
        return None, places
    origin = selectors.resolve_origin(near, insee_first=True)
    hits = selectors.places_near(
        origin=origin.point,
        origin_elevation=origin.elevation,
        within_minutes=within_minutes,
        typologies=typology,
        services=service,
        open_on=open_on,
        network=found_network,
        max_day_price=max_day_price,
    )
    return origin, hits


class _Params:
    """The query parameters shared by the search and the exports (documented once)."""

    near = Query(None, description=NEAR_HELP)
    within_minutes = Query(20, ge=1, le=240, description="Temps de trajet maximal en minutes (1 à 240).")
    typology = Query([], description="Typologie (répétable) : telecentre, coworking, epn, fablab...")
    service = Query([], description="Code de service exigé (répétable) : wifi, copier, video...")
    open_on = Query(None, description="Ouvert ce jour-là (AAAA-MM-JJ) selon ses horaires.")
    network = Query(None, description="Identifiant (slug) d'un réseau.")
    max_day_price = Query(
        None, ge=0, le=10000, description="Prix maximal d'une journée de coworking ouverte à tous, en € TTC."
    )


@router.get(
    "/places",
    response={200: PlaceListOut, 400: ErrorOut, 422: ErrorOut},
    summary="Chercher des lieux (par temps de trajet si « near » est donné)",
)
def list_places(
    request: HttpRequest,
    near: str | None = _Params.near,
    within_minutes: int = _Params.within_minutes,
    typology: list[str] = _Params.typology,
    service: list[str] = _Params.service,
    open_on: date | None = _Params.open_on,
    network: str | None = _Params.network,
    max_day_price: Decimal | None = _Params.max_day_price,
    limit: int = Query(50, ge=1, le=500),
    offset: int = Query(0, ge=0),
) -> dict[str, Any]:
    """List places; with ``near``, only those within ``within_minutes``, nearest in time first."""
    origin, found = _search(
        near=near, within_minutes=within_minutes, typology=typology, service=service, open_on=open_on,
        network=network, max_day_price=max_day_price,
    )  # fmt: skip
    page = found[offset : offset + limit]
    items = [
        exports.place_row(x.place, x) if isinstance(x, selectors.PlaceHit) else exports.place_row(x)
        for x in page
    ]
    origin_out = None
    if origin is not None:
        origin_out = {
            "latitude": origin.point[0],
            "longitude": origin.point[1],
            "commune": None
            if origin.commune is None
            else {
                "insee": origin.commune.insee,
                "name": origin.commune.name,
                "department": origin.commune.department_id,
            },
            "within_minutes": within_minutes,
            "engine": get_engine().name,
        }
    return {"count": len(found), "limit": limit, "offset": offset, "origin": origin_out, "items": items}


def _export_params(
    near: str | None = _Params.near,
    within_minutes: int = _Params.within_minutes,
    typology: list[str] = _Params.typology,
    service: list[str] = _Params.service,
    open_on: date | None = _Params.open_on,
    network: str | None = _Params.network,
) -> list[Any]:
    return _search(
        near=near, within_minutes=within_minutes, typology=typology, service=service, open_on=open_on,
        network=network,
    )[1]  # fmt: skip


@router.get(
    "/places/export.geojson",
    response={200: dict[str, Any], 400: ErrorOut, 422: ErrorOut},
    summary="Exporter les lieux en GeoJSON (mêmes filtres)",
    openapi_extra={"x-media": {"200": "application/geo+json"}},
)
def export_geojson(
    request: HttpRequest,
    near: str | None = _Params.near,
    within_minutes: int = _Params.within_minutes,
    typology: list[str] = _Params.typology,
    service: list[str] = _Params.service,
    open_on: date | None = _Params.open_on,
    network: str | None = _Params.network,
) -> HttpResponse:
    """Export the places as a GeoJSON FeatureCollection."""
    found = _export_params(near, within_minutes, typology, service, open_on, network)
    body = json.dumps(exports.to_geojson(found), ensure_ascii=False)
    return HttpResponse(body, content_type="application/geo+json; charset=utf-8")


@router.get(
    "/places/export.csv",
    response={200: str, 400: ErrorOut, 422: ErrorOut},
    summary="Exporter les lieux en CSV (mêmes filtres)",
    openapi_extra={"x-media": {"200": "text/csv"}},
)
def export_csv(
    request: HttpRequest,
    near: str | None = _Params.near,
    within_minutes: int = _Params.within_minutes,
    typology: list[str] = _Params.typology,
    service: list[str] = _Params.service,
    open_on: date | None = _Params.open_on,
    network: str | None = _Params.network,
) -> HttpResponse:
    """Export the places as CSV (UTF-8, comma-separated, services joined by "|")."""
    found = _export_params(near, within_minutes, typology, service, open_on, network)
    response = HttpResponse(exports.to_csv(found), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="tiers-lieux.csv"'
    return response


@router.get(
    "/places/export/data-inclusion.json",
    response={200: list[dict[str, Any]], 400: ErrorOut, 422: ErrorOut},
    summary="Exporter les lieux au schéma « structure » de data·inclusion (v1)",
)
def export_data_inclusion(
    request: HttpRequest,
    near: str | None = _Params.near,
    within_minutes: int = _Params.within_minutes,
    typology: list[str] = _Params.typology,
    service: list[str] = _Params.service,
    open_on: date | None = _Params.open_on,
    network: str | None = _Params.network,
) -> HttpResponse:
    """Export the places as a list of data·inclusion structures."""
    found = _export_params(near, within_minutes, typology, service, open_on, network)
    places = [x.place if isinstance(x, selectors.PlaceHit) else x for x in found]
    body = json.dumps([exports.to_data_inclusion(p) for p in places], ensure_ascii=False)
    return HttpResponse(body, content_type="application/json; charset=utf-8")


@router.get(
    "/places/{int:place_id}",
    response={200: PlaceDetailOut, 404: ErrorOut},
    summary="Détail d'un lieu",
)
def get_place(request: HttpRequest, place_id: int) -> dict[str, Any]:
    """Return a published place with its services, hours, resources and networks."""
    place = selectors.place_detail(place_id)
    if place is None:
        raise NotFound("Lieu introuvable.")
    return exports.place_full(place, lang=(get_language() or "fr")[:2])
