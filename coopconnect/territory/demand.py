"""Who might use a third place, per home commune: long commuters from the INSEE flows, or population.

The study's users are people who work far from home (« actif dont l'entreprise est située à plus
de 30 minutes de chez soi »). With a MOBPRO file imported (``manage.py import_commutes``):

* ``long_commuters``: residents who drive (TRANS 5) more than ``min_minutes`` to their commune of
  work, the trip timed by the commune matrix when one is built (``territory/matrix.py``), else by
  the estimate (``travel.estimate_arrays``), town hall to town hall. Workers abroad are left out
  (no time for them); ``car_only=False`` counts every mode.
* ``potential_users``: long commuters x ``teleworkable_share``; ``weekly_seat_days`` adds the days
  a week they would work away from the office (``days_per_week``).

Without an import, every function answers with population, and ``source()`` says so. The
parameters are editable (``DemandParameters``); their defaults and sources are in ``SOURCES``.
"""

import functools
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np
from django.utils.translation import gettext_lazy

from coopconnect.territory import matrix
from coopconnect.territory.models import Commune, CommuteFlow, CommuteImport
from coopconnect.territory.travel import estimate_arrays


@dataclass(frozen=True)
class DemandParameters:
    """Editable assumptions of the demand estimate (defaults: ``SOURCES``)."""

    min_minutes: float = 30.0
    teleworkable_share: float = 0.5
    days_per_week: float = 2.0
    car_only: bool = True

    def __post_init__(self) -> None:
        if not 0 <= self.min_minutes <= 240:
            raise ValueError("min_minutes: entre 0 et 240")
        if not 0 <= self.teleworkable_share <= 1:
            raise ValueError("teleworkable_share: entre 0 et 1")
        if not 0 <= self.days_per_week <= 5:
            raise ValueError("days_per_week: entre 0 et 5")


SOURCES: dict[str, Any] = {
    "min_minutes": gettext_lazy(
        "Étude Coop-connect 2012 : « actif dont l'entreprise est située à plus de 30 minutes de chez soi »."
    ),
    "teleworkable_share": gettext_lazy(
        "Insee, enquête Emploi 2021 : un salarié sur deux exerce une profession où le télétravail n'est "
        "pas pratiqué, soit environ la moitié des emplois télétravaillables (publié en mars 2022, "
        "https://www.franceinter.fr/economie/en-moyenne-un-salarie-sur-cinq-a-teletravaille-en-2021-d-apres-l-insee)."
    ),
    "days_per_week": gettext_lazy(
        "Insee Analyses n° 105 (mars 2025) : le télétravail s'est normalisé « sur un rythme hybride proche "
        "de deux jours par semaine » (https://www.insee.fr/fr/statistiques/8379375)."
    ),
    "flows": gettext_lazy(
        "Insee, recensement de la population, fichier détail « Mobilités professionnelles » (MOBPRO)."
    ),
}


def current_import() -> CommuteImport | None:
    """Return the import in use (the latest), or None."""
    return CommuteImport.objects.order_by("-imported_at", "-pk").first()


def source() -> str:
    """Return "mobpro" when flows are imported, else "population"."""
    return "mobpro" if current_import() is not None else "population"


def _population(insee_codes: Iterable[str] | None) -> dict[str, float]:
    rows = Commune.objects.all()
    if insee_codes is not None:
        rows = rows.filter(insee__in=list(insee_codes))
    return {insee: float(pop) for insee, pop in rows.values_list("insee", "population")}


def _long_commuters(
    source_id: int, min_minutes: float, car_only: bool, codes: tuple[str, ...] | None
) -> dict[str, float]:
    flows = CommuteFlow.objects.filter(source_id=source_id, work__isnull=False)
    if codes is not None:
        flows = flows.filter(home_id__in=codes)
    by_home: dict[str, list[tuple[str, float]]] = defaultdict(list)
    needed: set[str] = set()
    for home, work, workers, by_car in flows.values_list("home_id", "work_id", "workers", "by_car"):
        count = by_car if car_only else workers
        if count > 0:
            by_home[home].append((work, count))
            needed.update((home, work))
    points = (
        {
            insee: (lat, lon)
            for insee, lat, lon in Commune.objects.filter(insee__in=needed).values_list(
                "insee", "latitude", "longitude"
            )
        }
        if len(needed) < 30000
        else {
            insee: (lat, lon)
            for insee, lat, lon in Commune.objects.values_list("insee", "latitude", "longitude")
        }
    )
    road = matrix.load()
    result: dict[str, float] = {}
    for home, trips in by_home.items():
        works = [w for w, _ in trips]
        counts = np.array([c for _, c in trips])
        if road is not None and home in road:
            row = road.row(home)
            # Beyond the matrix limit (or outside the dataset) a trip takes longer than the limit.
            minutes = np.array([row[w][0] if w in row else np.inf for w in works])
        else:
            lats = [points[w][0] for w in works]
            lons = [points[w][1] for w in works]
            minutes, _ = estimate_arrays(points[home], lats, lons)
        result[home] = float(counts[minutes > min_minutes].sum())
    if codes is not None:
        for code in codes:
            result.setdefault(code, 0.0)
    return result


@functools.lru_cache(maxsize=8)
def _all_long_commuters(source_id: int, min_minutes: float, car_only: bool) -> dict[str, float]:
    return _long_commuters(source_id, min_minutes, car_only, None)


def long_commuters(
    *, params: DemandParameters = DemandParameters(), insee_codes: Iterable[str] | None = None
) -> dict[str, float]:
    """Return {home INSEE: residents commuting more than params.min_minutes}; population without flows."""
    imported = current_import()
    if imported is None:
        return _population(insee_codes)
    if insee_codes is None:
        return dict(_all_long_commuters(imported.pk, params.min_minutes, params.car_only))
    return _long_commuters(imported.pk, params.min_minutes, params.car_only, tuple(sorted(set(insee_codes))))


def potential_users(
    *, params: DemandParameters = DemandParameters(), insee_codes: Iterable[str] | None = None
) -> dict[str, float]:
    """Return {home INSEE: long commuters whose job can be done remotely}; population without flows."""
    commuters = long_commuters(params=params, insee_codes=insee_codes)
    if current_import() is None:
        return commuters
    return {code: value * params.teleworkable_share for code, value in commuters.items()}


def weekly_seat_days(
    *, params: DemandParameters = DemandParameters(), insee_codes: Iterable[str] | None = None
) -> dict[str, float]:
    """Return {home INSEE: potential users x days a week away from the office}; population without flows."""
    users = potential_users(params=params, insee_codes=insee_codes)
    if current_import() is None:
        return users
    return {code: value * params.days_per_week for code, value in users.items()}


def clear_cache() -> None:
    """Forget the computed France-wide figures (after an import, in tests)."""
    _all_long_commuters.cache_clear()
