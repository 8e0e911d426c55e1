"""A precomputed commune-to-commune road-time matrix (OSRM), sparse within a time limit.

``manage.py build_travel_matrix`` writes it next to the OSRM dataset (``<dataset>.matrix.npz``,
or ``--out``): for each commune of the database that the dataset covers (its point within
``travel.MAX_SNAP_M`` of a road), the OSRM car time and distance to every covered commune reached
within ``limit_minutes`` (60 by default). Compressed sparse rows: ``insee`` (codes, sorted),
``indptr``/``indices`` (int32), ``minutes`` and ``km`` (float32). ``load()`` reads it once per
process and returns None when no dataset is configured or no matrix was built, so callers fall
back on ``travel.get_engine()``.
"""

import functools
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from django.conf import settings

from coopconnect.core.geo import haversine_km

DEFAULT_LIMIT_MINUTES = 60.0
FORMAT_VERSION = 1


class MatrixError(ValueError):
    """The matrix cannot be built or read (no dataset, a dataset that covers no commune...)."""


@dataclass(frozen=True)
class TravelMatrix:
    """Sparse road times between communes; ``minutes(a, b)`` is None beyond the limit."""

    insee: np.ndarray
    indptr: np.ndarray
    indices: np.ndarray
    minutes_data: np.ndarray
    km_data: np.ndarray
    limit_minutes: float
    dataset: str

    @functools.cached_property
    def position(self) -> dict[str, int]:
        return {str(code): i for i, code in enumerate(self.insee.tolist())}

    def __contains__(self, insee: object) -> bool:
        return insee in self.position

    @property
    def communes(self) -> int:
        return len(self.insee)

    @property
    def pairs(self) -> int:
        return len(self.indices)

    def row(self, insee: str) -> dict[str, tuple[float, float]]:
        """Return {destination INSEE: (minutes, km)} of the communes reached from ``insee`` in the limit."""
        i = self.position.get(insee)
        if i is None:
            return {}
        start, end = int(self.indptr[i]), int(self.indptr[i + 1])
        codes = self.insee[self.indices[start:end]].tolist()
        return {
            str(code): (float(m), float(k))
            for code, m, k in zip(codes, self.minutes_data[start:end], self.km_data[start:end], strict=True)
        }

    def minutes(self, origin: str, destination: str) -> float | None:
        """Return the road minutes between two communes, or None (not covered, or beyond the limit)."""
        found = self.row(origin).get(destination)
        return None if found is None else found[0]


def default_path() -> Path | None:
    """Return where the matrix of the configured OSRM dataset lives, or None without a dataset."""
    explicit = getattr(settings, "TRAVEL_MATRIX", "") or ""
    if explicit:
        return Path(explicit)
    dataset = getattr(settings, "OSRM_DATASET", "") or ""
    return Path(f"{dataset}.matrix.npz") if dataset else None


def read(path: Path | str) -> TravelMatrix:
    """Read a matrix file; raise MatrixError when it is not one."""
    try:
        with np.load(Path(path), allow_pickle=False) as data:
            if int(data["version"]) != FORMAT_VERSION:
                raise MatrixError(f"Matrice {path} : version {int(data['version'])} inconnue.")
            return TravelMatrix(
                insee=data["insee"],
                indptr=data["indptr"],
                indices=data["indices"],
                minutes_data=data["minutes"],
                km_data=data["km"],
                limit_minutes=float(data["limit_minutes"]),
                dataset=str(data["dataset"]),
            )
    except (OSError, KeyError, ValueError) as exc:
        if isinstance(exc, MatrixError):
            raise
        raise MatrixError(f"Matrice illisible : {path} ({exc}).") from exc


@functools.cache
def _load_cached(path: str, mtime: float) -> TravelMatrix:
    return read(path)


def load() -> TravelMatrix | None:
    """Return the process-wide matrix of the configured dataset, or None when there is none."""
    path = default_path()
    if path is None or not path.is_file():
        return None
    try:
        return _load_cached(str(path), path.stat().st_mtime)
    except MatrixError:
        return None


@dataclass(frozen=True)
class BuildReport:
    path: Path
    communes: int
    covered: int
    pairs: int
    seconds: float


def matrix_build(
    *,
    engine: object,
    communes: Sequence[tuple[str, float, float]],
    out: Path | str,
    limit_minutes: float = DEFAULT_LIMIT_MINUTES,
    dataset: str = "",
    min_covered: int = 2,
) -> BuildReport:
    """Compute and write the matrix for ``communes`` ((insee, lat, lon), any order) with an OsrmEngine.

    Only communes the dataset covers are kept; fewer than ``min_covered`` means the dataset does
    not match the communes (another area, or communes not loaded): MatrixError, nothing written.
    """
    from coopconnect.territory.travel import MAX_SNAP_M, OSRM_MAX_SPEED_KMH, OsrmEngine

    if not isinstance(engine, OsrmEngine):
        raise MatrixError("La matrice se calcule avec un jeu de données OSRM (réglage OSRM_DATASET).")
    started = time.perf_counter()
    ordered = sorted(communes)
    covered = _covered(engine, ordered, MAX_SNAP_M)
    if len(covered) < min_covered:
        raise MatrixError(
            f"Le jeu de données OSRM {dataset or engine.dataset_path} ne correspond pas aux communes : "
            f"{len(covered)} commune(s) sur {len(ordered)} à moins de {MAX_SNAP_M:.0f} m d'une route. "
            "Chargez les communes (load_communes) ou construisez le jeu de données de la bonne région."
        )
    lats = np.array([c[1] for c in covered])
    lons = np.array([c[2] for c in covered])
    radius = OSRM_MAX_SPEED_KMH * limit_minutes / 60.0
    indptr, indices, minutes_out, km_out = [0], [], [], []
    for _, lat, lon in covered:
        near = _within(lat, lon, lats, lons, radius)
        legs = engine.legs((lat, lon), [(float(lats[j]), float(lons[j])) for j in near])
        for j, leg in zip(near, legs, strict=True):
            if leg is not None and leg.minutes <= limit_minutes:
                indices.append(j)
                minutes_out.append(leg.minutes)
                km_out.append(leg.km)
        indptr.append(len(indices))
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("wb") as fh:
        np.savez_compressed(
            fh,
            version=np.int32(FORMAT_VERSION),
            insee=np.array([c[0] for c in covered]),
            indptr=np.array(indptr, dtype=np.int32),
            indices=np.array(indices, dtype=np.int32),
            minutes=np.array(minutes_out, dtype=np.float32),
            km=np.array(km_out, dtype=np.float32),
            limit_minutes=np.float32(limit_minutes),
            dataset=np.array(dataset or str(engine.dataset_path)),
        )
    _load_cached.cache_clear()
    return BuildReport(
        path=out,
        communes=len(ordered),
        covered=len(covered),
        pairs=len(indices),
        seconds=time.perf_counter() - started,
    )


def _within(lat: float, lon: float, lats: np.ndarray, lons: np.ndarray, radius_km: float) -> list[int]:
    return [
        j for j in range(len(lats)) if haversine_km(lat, lon, float(lats[j]), float(lons[j])) <= radius_km
    ]


def _covered(
    engine: object, communes: Iterable[tuple[str, float, float]], max_snap_m: float
) -> list[tuple[str, float, float]]:
    """Return the communes whose point lies within ``max_snap_m`` of a road of the dataset."""
    from coopconnect.territory.travel import OsrmEngine

    assert isinstance(engine, OsrmEngine)
    communes = list(communes)
    kept: list[tuple[str, float, float]] = []
    for start in range(0, len(communes), 5000):
        chunk = communes[start : start + 5000]
        snaps = engine.snap_distances([(lat, lon) for _, lat, lon in chunk])
        kept.extend(c for c, snap in zip(chunk, snaps, strict=True) if snap <= max_snap_m)
    return kept
