"""Travel time by car from one point to many: an estimate by default, real road times with OSRM.

Estimate (``EstimateEngine``, or ``estimate_arrays`` for many trips at once), no data needed:

* road km = great-circle km x ``DETOUR_FACTOR`` (1.2).
* moving minutes = road km at speeds read from ``SPEED_BANDS_KMH`` by road km: the first 2 km at
  30 km/h (village streets, junctions), the next 8 km at 55, up to 30 km at 85, beyond at 95
  (main roads). The time of a trip is the sum over bands, so it never decreases with distance.
* mountain: only the mountain part of a trip is slowed. The share of the trip in the mountains
  (``territory/terrain.py``: the share of points along the straight line in cells where the
  communes' mean elevation reaches ``MOUNTAIN_FROM_M`` (900 m) or their elevations spread over
  ``MOUNTAIN_RELIEF_M`` (900 m)) is driven ``1 / MOUNTAIN_SPEED_FACTOR`` times slower (0.55:
  hairpins, and roads that wind far more than the 1.2 detour); the rest at plain speeds.
  Before, one end above 600 m slowed the whole trip by 0.75: Gap -> Laragne-Montéglin took
  59 min for about 30-35 by road.
* a fixed ``START_MINUTES`` (1 min) covers getting the car out and parking.

Calibration (December 2026) on the reference trips of ``tests/test_travel_reference.py``:
published route times (tourism road books, route planners' figures quoted by them) in the Alps,
the Massif Central, the Pyrenees, the Landes and the Channel coast, and OSRM on the Monaco
extract; the parameters were searched on a grid to lower the mean relative error while keeping
Gap -> Laragne-Montéglin within 30-35 min and Apt -> Cavaillon within 27-34 min. Median error
16 %, mean 22 % (bench/README.md "Travel time" gives each trip). Its known misses: a straight
line across a bay or a gorge (Le Mont-Saint-Michel -> Granville, Castellane -> Moustiers by the
Verdon: about half the real time) and the hairpins of Monaco's corniches.

OSRM (``OsrmEngine``): real shortest-time road routes from an OSRM dataset built with the
``build_osrm_dataset`` command (car profile, MLD or CH), one table request per search; a
precomputed commune matrix: ``territory/matrix.py``.
"""

import functools
import math
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, runtime_checkable

import numpy as np
from django.conf import settings

from coopconnect.core.geo import EARTH_RADIUS_KM
from coopconnect.territory import terrain

Point = tuple[float, float]
"""(latitude, longitude) in WGS84 degrees."""

DETOUR_FACTOR = 1.2
# (road km up to which the band applies, speed km/h); the last band has no upper bound.
SPEED_BANDS_KMH: tuple[tuple[float, float], ...] = ((2.0, 30.0), (10.0, 55.0), (30.0, 85.0), (math.inf, 95.0))
START_MINUTES = 1.0
MOUNTAIN_FROM_M = 900
MOUNTAIN_RELIEF_M = 900
MOUNTAIN_SPEED_FACTOR = 0.55


@dataclass(frozen=True)
class Leg:
    """A trip by road: its duration, its length and how it was obtained ("estimate" or "osrm")."""

    minutes: float
    km: float
    method: str


@runtime_checkable
class TravelEngine(Protocol):
    """Computes car trips from one origin to many destinations."""

    name: str

    def legs(
        self,
        origin: Point,
        destinations: Sequence[Point],
        *,
        origin_elevation: float | None = None,
        elevations: Sequence[float | None] | None = None,
    ) -> list[Leg | None]:
        """Return one leg per destination, in order; None when the destination cannot be reached.

        Elevations in metres (a commune's ``elevation``) are optional hints: the estimate drives
        slower in the mountains, OSRM ignores them (its roads already say so).
        """
        ...

    def max_radius_km(self, minutes: float) -> float:
        """Return the straight-line radius beyond which nothing is reachable within ``minutes``."""
        ...


def _band_minutes(road_km: float, speed_factor: float) -> float:
    minutes, lower = START_MINUTES, 0.0
    for upper, speed in SPEED_BANDS_KMH:
        if road_km <= lower:
            break
        minutes += (min(road_km, upper) - lower) / (speed * speed_factor) * 60.0
        lower = upper
    return minutes


def _band_road_km(minutes: float, speed_factor: float) -> float:
    """Invert ``_band_minutes``: the road km driven in ``minutes``."""
    left = minutes - START_MINUTES
    if left <= 0:
        return 0.0
    km, lower = 0.0, 0.0
    for upper, speed in SPEED_BANDS_KMH:
        band_minutes = (upper - lower) / (speed * speed_factor) * 60.0
        if left <= band_minutes:
            return km + left / 60.0 * speed * speed_factor
        km, left, lower = upper, left - band_minutes, upper
    return km


def _haversine_km_array(lat: float, lon: float, lats: np.ndarray, lons: np.ndarray) -> np.ndarray:
    p1, p2 = np.radians(lat), np.radians(lats)
    a = np.sin((p2 - p1) / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(np.radians(lons - lon) / 2) ** 2
    return np.asarray(2 * EARTH_RADIUS_KM * np.arcsin(np.minimum(1.0, np.sqrt(a))), dtype=float)


def moving_minutes_array(road_km: np.ndarray) -> np.ndarray:
    """Return the plain-country driving minutes (speed bands, no start, no mountain) of road km."""
    road_km = np.asarray(road_km, dtype=float)
    minutes = np.zeros(road_km.shape)
    lower = 0.0
    for upper, speed in SPEED_BANDS_KMH:
        minutes += np.clip(road_km - lower, 0.0, upper - lower) / speed * 60.0
        lower = upper
    return minutes


def estimate_arrays(
    origin: Point,
    lats: np.ndarray | Sequence[float],
    lons: np.ndarray | Sequence[float],
    *,
    origin_elevation: float | None = None,
    elevations: np.ndarray | Sequence[float | None] | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Return (minutes, road km) of the estimate from ``origin`` to each point, with numpy.

    The one implementation of the estimate: ``EstimateEngine`` and the territory tool's arrays
    call it. Elevations only matter overseas (outside the terrain grid), as the trip's ends.
    """
    lat_array, lon_array = np.asarray(lats, dtype=float), np.asarray(lons, dtype=float)
    road_km = _haversine_km_array(origin[0], origin[1], lat_array, lon_array) * DETOUR_FACTOR
    ends = (
        None
        if elevations is None
        else np.array([np.nan if e is None else e for e in elevations], dtype=float)
    )
    share = terrain.mountain_share(
        origin,
        lat_array,
        lon_array,
        mean_from_m=MOUNTAIN_FROM_M,
        relief_m=MOUNTAIN_RELIEF_M,
        origin_elevation=origin_elevation,
        elevations=ends,
    )
    minutes = START_MINUTES + moving_minutes_array(road_km) * (
        1.0 + share * (1.0 / MOUNTAIN_SPEED_FACTOR - 1.0)
    )
    return minutes, road_km


class EstimateEngine:
    """Great-circle distance x detour factor, at speeds by trip length, its mountain part slower."""

    name = "estimate"

    def __init__(self, *, elevation_m: float | None = None) -> None:
        # Kept for callers that pass a place's elevation: used as the origin's elevation overseas.
        self.elevation_m = elevation_m

    def leg(
        self,
        origin: Point,
        destination: Point,
        *,
        origin_elevation: float | None = None,
        destination_elevation: float | None = None,
    ) -> Leg:
        """Return the estimated trip between two points."""
        (leg,) = self.legs(
            origin,
            [destination],
            origin_elevation=origin_elevation,
            elevations=[destination_elevation],
        )
        assert leg is not None
        return leg

    def legs(
        self,
        origin: Point,
        destinations: Sequence[Point],
        *,
        origin_elevation: float | None = None,
        elevations: Sequence[float | None] | None = None,
    ) -> list[Leg | None]:
        """Return the estimated trip to each destination (never None: every point is reachable)."""
        if not destinations:
            return []
        if elevations is not None and len(elevations) != len(destinations):
            raise ValueError("elevations and destinations differ in length")
        minutes, km = estimate_arrays(
            origin,
            [d[0] for d in destinations],
            [d[1] for d in destinations],
            origin_elevation=origin_elevation if origin_elevation is not None else self.elevation_m,
            elevations=elevations,
        )
        return [
            Leg(minutes=float(m), km=float(k), method=self.name) for m, k in zip(minutes, km, strict=True)
        ]

    def max_radius_km(self, minutes: float) -> float:
        # The plain-country speed is the fastest: the radius must hold for every destination.
        return _band_road_km(minutes, 1.0) / DETOUR_FACTOR


# OSRM's fastest car speed (motorway 130 km/h, profile car.lua); a road is never shorter than
# the straight line, so nothing farther than this is reachable in the time.
OSRM_MAX_SPEED_KMH = 130.0
# OSRM snaps every point to the nearest road of its dataset, however far: a point farther than
# this from any road lies outside the dataset's area and is reported unreachable, not routed.
MAX_SNAP_M = 1000.0


class OsrmEngine:
    """Real road trips from an OSRM dataset (the ``.osrm`` base path built by build_osrm_dataset)."""

    name = "osrm"

    def __init__(self, dataset_path: str | Path, *, algorithm: str | None = None) -> None:
        import osrm

        base = Path(dataset_path)
        if base.suffix != ".osrm":
            base = base.with_suffix(".osrm") if base.suffix else base.parent / f"{base.name}.osrm"
        if algorithm is None:
            # osrm-partition writes .partition files (MLD); osrm-contract writes .hsgr (CH).
            algorithm = "MLD" if Path(f"{base}.partition").exists() else "CH"
        self.dataset_path = base
        self.algorithm = algorithm
        self._osrm = osrm.OSRM(storage_config=str(base), algorithm=algorithm, use_shared_memory=False)
        self._osrm_module = osrm

    def legs(
        self,
        origin: Point,
        destinations: Sequence[Point],
        *,
        origin_elevation: float | None = None,
        elevations: Sequence[float | None] | None = None,
    ) -> list[Leg | None]:
        """Return the road trip to each destination; None when OSRM finds no route.

        None also when the origin or a destination is more than ``MAX_SNAP_M`` from any road of
        the dataset (outside its area).
        """
        if not destinations:
            return []
        osrm = self._osrm_module
        # OSRM takes (longitude, latitude).
        coordinates = [(origin[1], origin[0])] + [(lon, lat) for lat, lon in destinations]
        params = osrm.TableParameters(
            coordinates=coordinates,
            sources=[0],
            destinations=list(range(1, len(coordinates))),
            annotations=["duration", "distance"],
            generate_hints=False,
        )
        result = self._osrm.Table(params)
        durations, distances = result["durations"][0], result["distances"][0]
        if float(result["sources"][0]["distance"]) > MAX_SNAP_M:
            return [None] * len(destinations)
        snaps = [float(waypoint["distance"]) for waypoint in result["destinations"]]
        legs: list[Leg | None] = []
        for seconds, metres, snap in zip(durations, distances, snaps, strict=True):
            if seconds is None or metres is None or snap > MAX_SNAP_M:
                legs.append(None)
            else:
                legs.append(Leg(minutes=float(seconds) / 60.0, km=float(metres) / 1000.0, method=self.name))
        return legs

    def max_radius_km(self, minutes: float) -> float:
        return OSRM_MAX_SPEED_KMH * minutes / 60.0

    def snap_distances(self, points: Sequence[Point]) -> list[float]:
        """Return, per point, the metres from it to the nearest road of the dataset (one table request)."""
        if not points:
            return []
        params = self._osrm_module.TableParameters(
            coordinates=[(lon, lat) for lat, lon in points],
            sources=[0],
            destinations=list(range(len(points))),
            annotations=["duration"],
            generate_hints=False,
        )
        result = self._osrm.Table(params)
        return [float(waypoint["distance"]) for waypoint in result["destinations"]]


class OsrmBuildError(RuntimeError):
    """An OSRM tool failed while building a dataset."""


def osrm_dataset_build(
    *, pbf: str | Path, outdir: str | Path, algorithm: str = "CH", threads: int | None = None
) -> Path:
    """Build a car-routing OSRM dataset from an OpenStreetMap extract; return its ``.osrm`` base path.

    Runs the tools bundled in the ``osrm-bindings`` wheel: ``osrm-extract`` with its car profile,
    then ``osrm-contract`` (CH) or ``osrm-partition`` + ``osrm-customize`` (MLD).
    """
    import osrm

    package = Path(osrm.__file__).parent
    pbf, outdir = Path(pbf), Path(outdir)
    if not pbf.is_file():
        raise OsrmBuildError(f"Extrait OpenStreetMap introuvable : {pbf}")
    if algorithm not in ("CH", "MLD"):
        raise OsrmBuildError(f"Algorithme inconnu : {algorithm} (CH ou MLD)")
    outdir.mkdir(parents=True, exist_ok=True)
    base = outdir / f"{pbf.name.split('.')[0]}.osrm"
    thread_args = ["-t", str(threads)] if threads else []
    steps = [
        ["osrm-extract", "-p", str(package / "share" / "profiles" / "car.lua"), str(pbf), "-o", str(base)]
    ]
    if algorithm == "CH":
        steps.append(["osrm-contract", str(base)])
    else:
        steps += [["osrm-partition", str(base)], ["osrm-customize", str(base)]]
    for tool, *args in steps:
        done = subprocess.run(
            [str(package / "bin" / tool), *args, *thread_args], capture_output=True, text=True, check=False
        )
        if done.returncode != 0:
            tail = "\n".join((done.stderr or done.stdout).strip().splitlines()[-5:])
            raise OsrmBuildError(f"{tool} a échoué (code {done.returncode}) :\n{tail}")
    return base


@functools.cache
def _engine_for(dataset: str) -> TravelEngine:
    if dataset:
        return OsrmEngine(dataset)
    return EstimateEngine()


def get_engine() -> TravelEngine:
    """Return the process-wide engine: OSRM when settings.OSRM_DATASET is set, else the estimate."""
    return _engine_for(getattr(settings, "OSRM_DATASET", "") or "")


def warm_up() -> None:
    """Build the mountain grid now (about 0.3 s, from the vendored communes file, no database), so
    that a server process's first search does not pay for it."""
    terrain.mountain_grid(MOUNTAIN_FROM_M, MOUNTAIN_RELIEF_M)
