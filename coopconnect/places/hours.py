"""Opening hours in OpenStreetMap ``opening_hours`` syntax: validation, plain-language text, open or not.

Evaluation relies on PyPI ``opening-hours-py`` (``import opening_hours``). Expressions are parsed with the
time zone of the place's department (``territory.timezones.for_department``: Europe/Paris, or the
overseas zone, e.g. Indian/Reunion for 974) and the French public-holiday calendar (``country="FR"``),
so ``PH off`` closes on 14 July and naive/aware datetimes are both understood: aware datetimes in any
zone are converted to local time, naive ones are taken as local wall-clock time.

Regional holidays: the library knows national holidays only and accepts no region code (``country`` must
be a country: "FR-67" or "FR-6AE" raise "Unknown ISO code"). The days a department adds (Alsace-Moselle,
overseas departments) come from :mod:`coopconnect.places.public_holidays`: pass
``department=department_of(place)`` and, on those days, every ``PH`` of the expression is evaluated as
true (it is replaced by that day's weekday, so "PH off", "Su,PH off" or "PH 10:00-12:00" apply exactly as
on a national holiday, with the rule order kept). Not covered: PH with a day offset ("PH -1 day"), and a
PH rule running past midnight into the next day.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import opening_hours
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from coopconnect.places.hours_text import describe_expression
from coopconnect.places.public_holidays import (
    ALSACE_MOSELLE_DEPARTMENTS,
    regional_holiday_names,
    regional_holidays,
)
from coopconnect.territory.timezones import for_department

PARIS = ZoneInfo("Europe/Paris")
EXAMPLE = "Mo-Fr 08:30-12:00,13:30-18:00; PH off"

_COLUMN_RE = re.compile(r"-->\s*\d+:(\d+)")
_PH_RE = re.compile(r"\bPH\b")
_WEEKDAYS = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")


def department_of(place: object) -> str | None:
    """Return the INSEE department code of ``place`` from its commune code, without a query."""
    insee = getattr(place, "commune_id", None) or ""
    if not insee:
        return None
    return insee[:3] if insee.startswith("97") else insee[:2]


@lru_cache(maxsize=2048)
def _parse(value: str, tz_key: str = "Europe/Paris") -> opening_hours.OpeningHours:
    return opening_hours.OpeningHours(value, timezone=ZoneInfo(tz_key), country="FR")


def _parsed_or_none(value: str | None, tz: ZoneInfo | None) -> opening_hours.OpeningHours | None:
    value = (value or "").strip()
    if not value:
        return None
    try:
        return _parse(value, (tz or PARIS).key)
    except (opening_hours.ParserError, SyntaxError, ValueError):
        return None


def _as_holiday(value: str, weekday: int) -> str:
    """Rewrite ``value`` so that its ``PH`` selectors match a day of ``weekday`` (quoted comments kept)."""
    parts = re.split(r'("[^"]*")', value)
    return "".join(p if p.startswith('"') else _PH_RE.sub(_WEEKDAYS[weekday], p) for p in parts)


def _parsed_for_day(
    value: str | None, tz: ZoneInfo, day: date, department: str | None
) -> opening_hours.OpeningHours | None:
    """Parse ``value`` as it applies on ``day``: a regional holiday of ``department`` counts as PH."""
    oh = _parsed_or_none(value, tz)
    if oh is None or day not in regional_holidays(day.year, department):
        return oh
    rewritten = _as_holiday((value or "").strip(), day.weekday())
    return _parsed_or_none(rewritten, tz) or oh


def validate_opening_hours(value: str) -> None:
    """Raise a French ValidationError when ``value`` is not ``opening_hours`` syntax (empty is valid)."""
    value = (value or "").strip()
    if not value:
        return
    try:
        _parse(value)
    except (opening_hours.ParserError, SyntaxError, ValueError) as exc:
        match = _COLUMN_RE.search(str(exc))
        if match:
            message = _(
                "Horaires invalides : « %(value)s » n'est pas compris (erreur vers le caractère %(column)s). "
                "Utilisez la syntaxe OpenStreetMap, par exemple « %(example)s »."
            )
            params = {"value": value, "column": match.group(1), "example": EXAMPLE}
        else:
            message = _(
                "Horaires invalides : « %(value)s » n'est pas compris. "
                "Utilisez la syntaxe OpenStreetMap, par exemple « %(example)s »."
            )
            params = {"value": value, "example": EXAMPLE}
        raise ValidationError(message, code="invalid_opening_hours", params=params) from exc


def _localize(when: datetime, tz: ZoneInfo) -> datetime:
    if when.tzinfo is None:
        return when.replace(tzinfo=tz)
    return when.astimezone(tz)


def is_open_at(
    value: str, when: datetime, *, tz: ZoneInfo | None = None, department: str | None = None
) -> bool | None:
    """Say whether the place is open at ``when``; None when hours are empty, invalid or "unknown" then."""
    tz = tz or for_department(department)
    when = _localize(when, tz)
    oh = _parsed_for_day(value, tz, when.date(), department)
    if oh is None:
        return None
    state, _comment = oh.state(when)
    if state == opening_hours.State.OPEN:
        return True
    if state == opening_hours.State.CLOSED:
        return False
    return None


def _regional_pieces(
    start: datetime, end: datetime, tz: ZoneInfo, department: str | None
) -> list[tuple[datetime, datetime, date | None]]:
    """Cut ``start``-``end`` around the regional holidays of ``department`` (day given for those pieces)."""
    days = sorted(
        d
        for year in range(start.year, end.year + 1)
        for d in regional_holidays(year, department)
        if start.date() <= d <= end.date()
    )
    pieces: list[tuple[datetime, datetime, date | None]] = []
    cursor = start
    for day in days:
        day_start = max(datetime.combine(day, time(0), tzinfo=tz), start)
        day_end = min(datetime.combine(day + timedelta(days=1), time(0), tzinfo=tz), end)
        if day_start >= day_end:
            continue
        if cursor < day_start:
            pieces.append((cursor, day_start, None))
        pieces.append((day_start, day_end, day))
        cursor = day_end
    if cursor < end:
        pieces.append((cursor, end, None))
    return pieces


def open_intervals(
    value: str,
    start: datetime,
    end: datetime,
    *,
    tz: ZoneInfo | None = None,
    department: str | None = None,
) -> list[tuple[datetime, datetime]]:
    """List the open periods between ``start`` and ``end`` as aware (Paris) datetimes, merged and clipped.

    Empty or invalid hours give an empty list: callers decide what "no hours" means for them.
    """
    tz = tz or for_department(department)
    start, end = _localize(start, tz), _localize(end, tz)
    if _parsed_or_none(value, tz) is None or start >= end:
        return []
    result: list[tuple[datetime, datetime]] = []
    for piece_start, piece_end, day in _regional_pieces(start, end, tz, department):
        oh = _parsed_or_none(value, tz) if day is None else _parsed_for_day(value, tz, day, department)
        if oh is not None:
            _collect_open(oh, piece_start, piece_end, tz, result)
    return result


def _collect_open(
    oh: opening_hours.OpeningHours,
    start: datetime,
    end: datetime,
    tz: ZoneInfo,
    result: list[tuple[datetime, datetime]],
) -> None:
    for seg_start, seg_end, state, _comment in oh.intervals(start, end):
        if state != opening_hours.State.OPEN:
            continue
        seg_start = max(_localize(seg_start, tz), start)
        seg_end = min(_localize(seg_end, tz) if seg_end is not None else end, end)
        if seg_start >= seg_end:
            continue
        if result and result[-1][1] >= seg_start:
            result[-1] = (result[-1][0], max(result[-1][1], seg_end))
        else:
            result.append((seg_start, seg_end))


def day_open_intervals(
    value: str, day: date, *, tz: ZoneInfo | None = None, department: str | None = None
) -> tuple[tuple[datetime, datetime], ...]:
    """Return the open periods of ``day`` (midnight to midnight), expanded once per (hours, day,
    department, zone) and memoised: a search over a thousand places sharing the usual hours expands
    them once. Empty or invalid hours give an empty tuple, as ``open_intervals``."""
    return _day_open_intervals((value or "").strip(), day, (tz or for_department(department)).key, department)


@lru_cache(maxsize=8192)
def _day_open_intervals(
    value: str, day: date, tz_key: str, department: str | None
) -> tuple[tuple[datetime, datetime], ...]:
    tz = ZoneInfo(tz_key)
    start = datetime.combine(day, time(0), tzinfo=tz)
    end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=tz)
    return tuple(open_intervals(value, start, end, tz=tz, department=department))


def is_open_on(
    value: str, day: date, *, tz: ZoneInfo | None = None, department: str | None = None
) -> bool | None:
    """Say whether the place opens at some time on ``day``; None when hours are empty, invalid or unknown.

    Memoised per (hours, day, department, zone), like ``day_open_intervals``."""
    return _is_open_on((value or "").strip(), day, (tz or for_department(department)).key, department)


@lru_cache(maxsize=8192)
def _is_open_on(value: str, day: date, tz_key: str, department: str | None) -> bool | None:
    tz = ZoneInfo(tz_key)
    oh = _parsed_for_day(value, tz, day, department)
    if oh is None:
        return None
    start = datetime.combine(day, time(0), tzinfo=tz)
    end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=tz)
    unknown = False
    for _s, _e, state, _comment in oh.intervals(start, end):
        if state == opening_hours.State.OPEN:
            return True
        if state == opening_hours.State.UNKNOWN:
            unknown = True
    return None if unknown else False


def normalize(value: str) -> str:
    """Return the library's normalized form of ``value`` (or ``value`` unchanged if it is invalid)."""
    oh = _parsed_or_none(value, None)
    return str(oh.normalize()) if oh is not None else (value or "").strip()


_ALSACE_MOSELLE_NOTE = {
    "fr": "Jours fériés d'Alsace-Moselle compris : Vendredi saint et 26 décembre",
    "en": "Public holidays include the Alsace-Moselle ones: Good Friday and 26 December",
}
_LOCAL_NOTE = {
    "fr": "Jours fériés locaux compris : %s",
    "en": "Public holidays include the local ones: %s",
}


def _regional_note(department: str | None, lang: str, year: int) -> str | None:
    if department in ALSACE_MOSELLE_DEPARTMENTS:
        return _ALSACE_MOSELLE_NOTE[lang]
    names = regional_holiday_names(year, department, lang)
    return _LOCAL_NOTE[lang] % ", ".join(names) if names else None


def describe(value: str, lang: str = "fr", *, department: str | None = None) -> list[str]:
    """Turn ``value`` into plain-language lines, e.g. ["Lundi au vendredi : 8 h 30 – 12 h 00", ...].

    Covers the common forms (weekdays, months, single dates, public and school holidays, several time
    ranges, off/unknown, comments, fallback rules); anything rarer is shown as the raw expression.
    Where the department has public holidays of its own, hours that mention public holidays get a line
    naming them.
    """
    oh = _parsed_or_none(value, None)
    if oh is None:
        return [value.strip()] if value and value.strip() else []
    normalized = str(oh.normalize())
    lines = describe_expression(normalized, raw=value.strip(), lang=lang)
    unquoted = re.sub(r'"[^"]*"', "", normalized)
    if department and _PH_RE.search(unquoted):
        language = "en" if (lang or "fr").lower().startswith("en") else "fr"
        note = _regional_note(department, language, timezone.localdate().year)
        if note:
            lines.append(note)
    return lines
