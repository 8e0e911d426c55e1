"""Communes and places held in process as arrays, rebuilt when either changes.

Every computation of the tool (coverage, siting, accessibility) reads the same snapshot: all the
communes of France as a :class:`CommuneTable` (sorted by latitude, with its grid index per
radius) and the published places as a :class:`PlaceTable`. A request no longer reloads 34,969
rows: it reads a version stamp, and rebuilds only when the stamp differs from the snapshot's.

The stamp is a signature query, the same in every process, so that several web workers agree
without talking to one another:

* places, on every call (one aggregate, ~1 ms): count, highest id, latest ``updated_at``, and the
  day (pop-up places end at midnight);
* communes, on every call and read from index ends only (three queries, well under 1 ms):
  highest INSEE code, lowest and highest latitude; and, at most every
  ``PLANNING_COMMUNES_RECHECK_SECONDS`` (30 s by default), a full content signature (count, sums
  of population, latitude, longitude, elevation: ~10 ms on all of France), since a reload of the
  reference file may move points or change populations without touching those ends.
  A process that reloads the communes itself calls :func:`invalidate`.

Results that only depend on the snapshot (minutes from each commune to the nearest place, for a
given engine and time; the communes each siting candidate reaches) are kept on it, so the second
coverage of France at 20 minutes is a mask and a second siting skips its travel pairs.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from django.conf import settings
from django.db.models import Count, Max, Min, Sum
from django.utils import timezone

from coopconnect.places.models import Place
from coopconnect.planning.catchment.tables import CommuneTable, PlaceTable
from coopconnect.planning.engine.nearest import nearest_place_minutes
from coopconnect.planning.territories import Territory
from coopconnect.territory.models import Commune

DEFAULT_RECHECK_SECONDS = 30.0
_MAX_CACHED = 16


@dataclass(slots=True)
class Snapshot:
    """All communes and published places as arrays, with what was computed on them."""

    stamp: tuple[Any, ...]
    communes: CommuneTable
    places: PlaceTable
    _positions: dict[str, np.ndarray] = field(default_factory=dict, repr=False)
    _nearest: dict[tuple[str, float], np.ndarray] = field(default_factory=dict, repr=False)
    _memo: dict[tuple[Any, ...], Any] = field(default_factory=dict, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def positions(self, territory: Territory) -> np.ndarray:
        """Return the positions (increasing) of the territory's communes in ``communes``."""
        key = territory.key
        found = self._positions.get(key)
        if found is None:
            t = self.communes
            column = {"fr": None, "reg": t.region, "dep": t.department, "epci": t.epci}[territory.kind]
            found = np.arange(len(t)) if column is None else np.flatnonzero(column == territory.code)
            with self._lock:
                if len(self._positions) >= _MAX_CACHED:
                    self._positions.clear()
                self._positions[key] = found
        return found

    def table_for(self, territory: Territory) -> CommuneTable:
        """Return the territory's communes (the snapshot's own table for all of France)."""
        if territory.kind == "fr":
            return self.communes
        return self.communes.subset(self.positions(territory))

    def nearest_minutes(self, minutes: float, engine: Any) -> np.ndarray:
        """Return, per commune of France, the minutes to the nearest place, inf beyond ``minutes``."""
        key = (str(getattr(engine, "name", "")), float(minutes))
        found = self._nearest.get(key)
        if found is None:
            found = nearest_place_minutes(self.communes, self.places, minutes, engine)
            found.setflags(write=False)
            with self._lock:
                if len(self._nearest) >= _MAX_CACHED:
                    self._nearest.clear()
                self._nearest[key] = found
        return found

    def memo(self, key: tuple[Any, ...], build: Any) -> Any:
        """Return ``build()`` for ``key``, computed once per snapshot (callers never write to it)."""
        found = self._memo.get(key)
        if found is None:
            found = build()
            with self._lock:
                if len(self._memo) >= _MAX_CACHED:
                    self._memo.clear()
                self._memo[key] = found
        return found

    def clear_memo(self) -> None:
        """Forget what :meth:`memo` kept (a benchmark measuring the first request of its kind)."""
        with self._lock:
            self._memo.clear()


_current: Snapshot | None = None
_checked_content_at = 0.0
_content_stamp: tuple[Any, ...] = ()
_build_lock = threading.Lock()


def _cheap_stamp() -> tuple[Any, ...]:
    p = Place.objects.filter(is_published=True).aggregate(n=Count("pk"), top=Max("pk"), at=Max("updated_at"))
    # One aggregate per query: each is then read from an index end (a combined one scans the table).
    communes = Commune.objects.all()
    top = communes.aggregate(v=Max("insee"))["v"]
    lo = communes.aggregate(v=Min("latitude"))["v"]
    hi = communes.aggregate(v=Max("latitude"))["v"]
    return (p["n"], p["top"], p["at"], timezone.localdate(), top, lo, hi)


def _content_signature() -> tuple[Any, ...]:
    c = Commune.objects.aggregate(
        n=Count("pk"), pop=Sum("population"), lat=Sum("latitude"), lon=Sum("longitude"), elev=Sum("elevation")
    )
    return (c["n"], c["pop"], c["lat"], c["lon"], c["elev"])


def stamp() -> tuple[Any, ...]:
    """Return the version stamp of the communes and places (see the module's documentation)."""
    global _checked_content_at, _content_stamp
    every = float(getattr(settings, "PLANNING_COMMUNES_RECHECK_SECONDS", DEFAULT_RECHECK_SECONDS))
    now = time.monotonic()
    if not _content_stamp or now - _checked_content_at >= every:
        _content_stamp, _checked_content_at = _content_signature(), now
    return _cheap_stamp() + _content_stamp


def current() -> Snapshot:
    """Return the snapshot of the current communes and places, rebuilt when the stamp changed."""
    global _current
    now_stamp = stamp()
    snap = _current
    if snap is not None and snap.stamp == now_stamp:
        return snap
    with _build_lock:
        snap = _current
        if snap is None or snap.stamp != now_stamp:
            snap = Snapshot(stamp=now_stamp, communes=CommuneTable.load(), places=PlaceTable.load())
            _current = snap
    return snap


def peek() -> Snapshot | None:
    """Return the snapshot in memory without reading the stamp (the one a request just used)."""
    return _current


def invalidate() -> None:
    """Forget the snapshot and the content signature: the next call rebuilds from the database."""
    global _current, _content_stamp
    with _build_lock:
        _current, _content_stamp = None, ()
