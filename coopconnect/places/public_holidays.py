"""French public holidays by department, from the maintained PyPI ``holidays`` calendar.

The national days are known to the opening-hours library too (``PH``); some departments add their
own, which it does not know: Alsace-Moselle (57, 67, 68) keeps Good Friday and 26 December (local
law kept since 1918, Code du travail art. L3134-13), and each overseas department marks the abolition
of slavery on its own date (27 May in Guadeloupe, 22 May in Martinique, 10 June in Guyane,
20 December in La Réunion, 27 April in Mayotte), with a few more days in the Antilles.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import holidays

# INSEE department -> subdivision code of ``holidays.France``: Bas-Rhin and Haut-Rhin share "6AE".
SUBDIVISIONS = {
    "57": "57",
    "67": "6AE",
    "68": "6AE",
    "971": "971",
    "972": "972",
    "973": "973",
    "974": "974",
    "976": "976",
}
ALSACE_MOSELLE_DEPARTMENTS = frozenset({"57", "67", "68"})
_LANGUAGES = {"fr": "fr", "en": "en_US"}


def subdivision_of(department: str | None) -> str | None:
    """Return the ``holidays.France`` subdivision of an INSEE department (None: national days only)."""
    return SUBDIVISIONS.get(department or "")


@lru_cache(maxsize=64)
def calendar(year: int, subdivision: str | None = None, lang: str = "fr") -> dict[dt.date, str]:
    """Return the public holidays of ``year`` in France (or one subdivision) with their names."""
    days = holidays.France(subdiv=subdivision, years=year, language=_LANGUAGES.get(lang, "fr"))
    return dict(sorted(days.items()))


@lru_cache(maxsize=256)
def regional_holidays(year: int, department: str | None) -> frozenset[dt.date]:
    """Return the public holidays of ``department`` in ``year`` that the national calendar lacks."""
    subdivision = subdivision_of(department)
    if subdivision is None:
        return frozenset()
    national = calendar(year)
    return frozenset(day for day in calendar(year, subdivision) if day not in national)


def regional_holiday_names(year: int, department: str | None, lang: str = "fr") -> list[str]:
    """Return the names of the department's own public holidays in ``year``, in date order."""
    subdivision = subdivision_of(department)
    if subdivision is None:
        return []
    extra = regional_holidays(year, department)
    return [name for day, name in calendar(year, subdivision, lang).items() if day in extra]


def warm_up() -> None:
    """Load the holidays calendar now (its first use costs about half a second: the library loads
    its French calendar and translations), so that a server process's first search does not."""
    from django.utils import timezone

    calendar(timezone.localdate().year)
