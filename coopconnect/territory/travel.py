"""Travel time by car from one point to many: an estimate by default, real road times with OSRM.

Estimate (``EstimateEngine``), no data needed:

* road km = great-circle km x ``DETOUR_FACTOR`` (1.35). Roads wind: the ratio of road to straight
  distance usually quoted for rural road networks is about 1.3-1.4 beyond a few kilometres. On the
  Monaco extract (bench/README.md "Travel time") OSRM measures a median of 1.57 beyond 5 km and
  more for short hops (1.86 at 2-5 km, 3.2 under 1 km), but Monaco is a steep coastal town of
  tunnels, one-way streets and corniches: the worst case, not rural Provence. We keep 1.35 and
  let the mountain factor below slow hilly trips down.
* minutes = road km / speed, the speed read from ``SPEED_BANDS_KMH`` by road km: short trips are
  slower (village streets, junctions, parking), long ones reach main roads. The time of a trip is
  the sum over bands (the first 2 km at 25 km/h, the next 8 km at 50 km/h, ...), so it never
  decreases when the distance grows.
* mountain: above ``MOUNTAIN_FROM_M`` (600 m) of elevation, speeds are multiplied by
  ``MOUNTAIN_SPEED_FACTOR`` (0.75): hairpin roads of the Alpes-de-Haute-Provence, Hautes-Alpes and
  inland Alpes-Maritimes. The elevation is the highest of the origin's and the destination's when
  known (a commune's ``elevation``), or the ``elevation_m`` given to the engine.
* a fixed ``START_MINUTES`` (2 min) covers getting the car out and parking, which OSRM does not
  count: on Monaco the estimate is 21 % above OSRM on average, and 7 % below it without these
  2 minutes; the median gap is 24-26 % either way (the scatter of real detours).

OSRM (``OsrmEngine``): real shortest-time road routes from an OSRM dataset built with the
``build_osrm_dataset`` command (car profile, MLD or CH), one table request per search.
"""

import functools
import math
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, runtime_checkable

from django.conf import settings

from coopconnect.core.geo import haversine_km

Point = tuple[float, float]
"""(latitude, longitude) in WGS84 degrees."""

DETOUR_FACTOR = 1.35
# (road km up to which the band applies, speed km/h); the last band has no upper bound.
SPEED_BANDS_KMH: tuple[tuple[float, float], ...] = ((2.0, 25.0), (10.0, 50.0), (30.0, 70.0), (math.inf, 85.0))
START_MINUTES = 2.0
MOUNTAIN_FROM_M = 600
MOUNTAIN_SPEED_FACTOR = 0.75


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


class EstimateEngine:
    """Great-circle distance x detour factor, at speeds by trip length, slower in the mountains."""

    name = "estimate"

    def __init__(self, *, elevation_m: float | None = None) -> None:
        self.elevation_m = elevation_m

    def _speed_factor(self, *elevations: float | None) -> float:
        known = [e for e in (*elevations, self.elevation_m) if e is not None]
        return MOUNTAIN_SPEED_FACTOR if known and max(known) >= MOUNTAIN_FROM_M else 1.0

    def leg(
        self,
        origin: Point,
        destination: Point,
        *,
        origin_elevation: float | None = None,
        destination_elevation: float | None = None,
    ) -> Leg:
        """Return the estimated trip between two points."""
        road_km = haversine_km(origin[0], origin[1], destination[0], destination[1]) * DETOUR_FACTOR
        factor = self._speed_factor(origin_elevation, destination_elevation)
        return Leg(minutes=_band_minutes(road_km, factor), km=road_km, method=self.name)

    def legs(
        self,
        origin: Point,
        destinations: Sequence[Point],
        *,
        origin_elevation: float | None = None,
        elevations: Sequence[float | None] | None = None,
    ) -> list[Leg | None]:
        """Return the estimated trip to each destination (never None: every point is reachable)."""
        if elevations is None:
            elevations = [None] * len(destinations)
        return [
            self.leg(origin, dest, origin_elevation=origin_elevation, destination_elevation=elev)
            for dest, elev in zip(destinations, elevations, strict=True)
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
