"""Template filters over ``coopconnect.core.formatting``: ``{% load formatting %}{{ amount|money }}``."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django import template

from coopconnect.core import formatting

register = template.Library()


@register.filter
def money(value: Any, cents: str = "") -> str:
    """``{{ amount|money }}`` -> "1 234,50 €"; ``{{ amount|money:"cents" }}`` -> always with cents."""
    return formatting.money(value, cents=True if cents == "cents" else None)


@register.filter
def number(value: Any, decimals: int = 2) -> str:
    """``{{ n|number }}`` -> "20 360"; ``{{ n|number:1 }}`` -> at most one decimal."""
    return formatting.number(value, decimals=int(decimals))


@register.filter
def percent(value: Decimal | int | float | None, decimals: int = 1) -> str:
    """``{{ rate|percent }}`` -> "72,5 %" (the value is in percent)."""
    return formatting.percent(value, decimals=int(decimals))


@register.filter
def duration(minutes: Any) -> str:
    """``{{ minutes|duration }}`` -> "1 h 30"."""
    return "—" if minutes is None or minutes == "" else formatting.duration(minutes)


@register.filter(name="date_text")
def date_text(value: dt.date | dt.datetime | None, style: str = "long") -> str:
    """``{{ day|date_text }}`` -> "2 décembre 2026"; ``{{ day|date_text:"short" }}`` -> "02/12/2026"."""
    return "" if value is None else formatting.date(value, style=style)


@register.filter(name="of_place")
def of_place(name: Any) -> str:
    """``près {{ town|of_place }}`` -> "près d’Auch", "près de Pertuis" (the name alone in English)."""
    return formatting.of_place(str(name or ""))
