"""Opening hours in OpenStreetMap ``opening_hours`` syntax: validation, plain-language text, open or not.

Evaluation relies on PyPI ``opening-hours-py`` (``import opening_hours``). Expressions are parsed with the
Europe/Paris time zone and the French public-holiday calendar (``country="FR"``), so ``PH off`` closes
on 14 July and naive/aware datetimes are both understood: aware datetimes in any zone are converted to
Paris time, naive ones are taken as Paris wall-clock time. The library knows national holidays only
(not the Alsace-Moselle extra days, Good Friday and 26 December).
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import opening_hours
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from coopconnect.places.hours_text import describe_expression

PARIS = ZoneInfo("Europe/Paris")
EXAMPLE = "Mo-Fr 08:30-12:00,13:30-18:00; PH off"

_COLUMN_RE = re.compile(r"-->\s*\d+:(\d+)")


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


def is_open_at(value: str, when: datetime, *, tz: ZoneInfo | None = None) -> bool | None:
    """Say whether the place is open at ``when``; None when hours are empty, invalid or "unknown" then."""
    tz = tz or PARIS
    oh = _parsed_or_none(value, tz)
    if oh is None:
        return None
    state, _comment = oh.state(_localize(when, tz))
    if state == opening_hours.State.OPEN:
        return True
    if state == opening_hours.State.CLOSED:
        return False
    return None


def open_intervals(
    value: str, start: datetime, end: datetime, *, tz: ZoneInfo | None = None
) -> list[tuple[datetime, datetime]]:
    """List the open periods between ``start`` and ``end`` as aware (Paris) datetimes, merged and clipped.

    Empty or invalid hours give an empty list: callers decide what "no hours" means for them.
    """
    tz = tz or PARIS
    oh = _parsed_or_none(value, tz)
    start, end = _localize(start, tz), _localize(end, tz)
    if oh is None or start >= end:
        return []
    result: list[tuple[datetime, datetime]] = []
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
    return result


def is_open_on(value: str, day: date, *, tz: ZoneInfo | None = None) -> bool | None:
    """Say whether the place opens at some time on ``day``; None when hours are empty, invalid or unknown."""
    tz = tz or PARIS
    oh = _parsed_or_none(value, tz)
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


def describe(value: str, lang: str = "fr") -> list[str]:
    """Turn ``value`` into plain-language lines, e.g. ["Lundi au vendredi : 8 h 30 – 12 h 00", ...].

    Covers the common forms (weekdays, months, single dates, public and school holidays, several time
    ranges, off/unknown, comments, fallback rules); anything rarer is shown as the raw expression.
    """
    oh = _parsed_or_none(value, None)
    if oh is None:
        return [value.strip()] if value and value.strip() else []
    return describe_expression(str(oh.normalize()), raw=value.strip(), lang=lang)
