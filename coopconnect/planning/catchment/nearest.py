"""The existing places nearest by road from a point."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from django.utils import timezone

from coopconnect.core.geo import bounding_box
from coopconnect.places.models import Place
from coopconnect.planning.catchment.inputs import MAX_MINUTES
from coopconnect.planning.catchment.travel_matrix import reach_arrays
from coopconnect.territory import travel


@dataclass(frozen=True, slots=True)
class NearPlace:
    """An existing place and the trip to it."""

    place: Any
    minutes: float
    km: float
    method: str


def nearest_places(
    origin: travel.Point,
    *,
    limit: int = 1,
    max_minutes: int = MAX_MINUTES,
    origin_elevation: float | None = None,
    exclude_ids: Sequence[int] = (),
) -> list[NearPlace]:
    """Return the published places nearest by road from ``origin`` (within ``max_minutes``), nearest first."""
    engine = travel.get_engine()
    base = (
        Place.objects.filter(is_published=True)
        .exclude(popup_end__lt=timezone.localdate())
        .exclude(pk__in=list(exclude_ids))
        .select_related("commune")
    )
    for minutes in sorted({min(30, max_minutes), min(60, max_minutes), max_minutes}):
        lat0, lat1, lon0, lon1 = bounding_box(origin[0], origin[1], engine.max_radius_km(minutes))
        found = list(base.filter(latitude__range=(lat0, lat1), longitude__range=(lon0, lon1)))
        if not found:
            continue
        mins, km = reach_arrays(
            engine,
            origin,
            np.array([p.latitude for p in found]),
            np.array([p.longitude for p in found]),
            origin_elevation=origin_elevation,
            elevations=np.array(
                [
                    np.nan if p.commune is None or p.commune.elevation is None else p.commune.elevation
                    for p in found
                ],
                dtype=float,
            ),
        )
        ranked = sorted(
            (
                NearPlace(p, float(m), float(k), engine.name)
                for p, m, k in zip(found, mins, km, strict=True)
                if m <= minutes
            ),
            key=lambda n: n.minutes,
        )
        # Only trust the ranking once the search radius covers the limit'th result.
        if len(ranked) >= limit or minutes == max_minutes:
            return ranked[:limit]
    return []
