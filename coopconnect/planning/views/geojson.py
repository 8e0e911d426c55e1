"""GeoJSON of the catchment and coverage maps, for the interactive map (same classes as the SVG)."""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpRequest, HttpResponse

from coopconnect.core.errors import DomainError
from coopconnect.planning.catchment.inputs import DEFAULT_MINUTES, parse_site
from coopconnect.planning.catchment.result import catchment
from coopconnect.planning.coverage import coverage
from coopconnect.planning.maps import catchment_features, coverage_features
from coopconnect.planning.territories import parse_territory


def _response(payload: dict[str, Any], status: int = 200) -> HttpResponse:
    return HttpResponse(
        json.dumps(payload, ensure_ascii=False, separators=(",", ":")),
        status=status,
        content_type="application/geo+json; charset=utf-8",
    )


def _error(exc: DomainError) -> HttpResponse:
    return _response({"detail": exc.message, "errors": exc.errors}, status=400)


def _minutes(request: HttpRequest) -> Any:
    return request.GET.get("minutes") or DEFAULT_MINUTES


EMPTY: dict[str, Any] = {"type": "FeatureCollection", "features": []}


def coverage_geojson(request: HttpRequest) -> HttpResponse:
    """The territory's communes (departments for all of France), covered or not, as GeoJSON.

    Nothing asked (no ``territory``), nothing drawn: an empty collection.
    """
    if "territory" not in request.GET:
        return _response(EMPTY)
    try:
        result = coverage(
            parse_territory(request.GET.get("territory", "")), _minutes(request), uncovered_limit=0
        )
    except DomainError as exc:
        return _error(exc)
    return _response(coverage_features(result))


def catchment_geojson(request: HttpRequest) -> HttpResponse:
    """The communes within N minutes of a site, by travel time class, as GeoJSON (empty without a site)."""
    if "site" not in request.GET:
        return _response(EMPTY)
    try:
        area = catchment(parse_site(request.GET.get("site", "")), _minutes(request))
    except DomainError as exc:
        return _error(exc)
    return _response(catchment_features(area))
