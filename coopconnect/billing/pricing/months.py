"""Calendar months and days in Paris time, as the monthly invoices count them."""

from __future__ import annotations

import calendar
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

PARIS = ZoneInfo("Europe/Paris")


def month_bounds(month: date) -> tuple[date, date]:
    """Return the first and last days of the month of ``month``."""
    first = month.replace(day=1)
    return first, first.replace(day=calendar.monthrange(first.year, first.month)[1])


def months_between(start: datetime, end: datetime) -> list[date]:
    """List the first day of each calendar month (Paris time) touched by [start, end)."""
    s, e = start.astimezone(PARIS).date(), (end.astimezone(PARIS) - timedelta(microseconds=1)).date()
    out, cur = [], s.replace(day=1)
    while cur <= e:
        out.append(cur)
        cur = (cur + timedelta(days=32)).replace(day=1)
    return out


def split_by_day(start: datetime, end: datetime) -> list[tuple[date, Decimal]]:
    """Cut [start, end) at Paris midnights: the hours spent on each calendar day."""
    start, end = start.astimezone(PARIS), end.astimezone(PARIS)
    out: list[tuple[date, Decimal]] = []
    day = start.date()
    while True:
        day_start = datetime.combine(day, time(0), tzinfo=PARIS)
        day_end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=PARIS)
        seg = min(end, day_end) - max(start, day_start)
        if seg > timedelta(0):
            out.append((day, Decimal(seg.total_seconds()) / Decimal(3600)))
        if end <= day_end:
            return out
        day += timedelta(days=1)


def add_years(day: date, years: int) -> date:
    """Return the same day ``years`` later (28 February for a 29 February)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def short_day(day: date) -> str:
    """Write a day as on a line label: "02/11"."""
    return day.strftime("%d/%m")
