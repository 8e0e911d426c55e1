"""How Coop-connect writes money, numbers, dates and durations, in the reader's language.

The one formatter of the project: pages (``{% load formatting %}``), PDFs, SVG charts and e-mails all
call it, so "1 234,50 €" is written the same everywhere. It follows the CLDR conventions through
``babel``: in French a narrow no-break space groups thousands and a no-break space sits before "€"
and "%" (so a line never breaks inside an amount); in English "€1,234.50".

Every function takes an optional ``lang`` ("fr", "en"); by default the active Django language.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from babel import Locale
from babel import dates as babel_dates
from babel import numbers as babel_numbers
from django.utils import timezone, translation

CENT = Decimal("0.01")
_LOCALES = {"fr": "fr_FR", "en": "en_GB"}
NARROW_NBSP = "\u202f"
NBSP = "\u00a0"


def locale_of(lang: str | None = None) -> str:
    """Return the babel locale of a Django language code (French when unknown)."""
    code = (lang or translation.get_language() or "fr").split("-")[0].lower()
    return _LOCALES.get(code, "fr_FR")


def _decimal(value: Decimal | int | float | str) -> Decimal:
    # float goes through str so 0.1 stays 0.1 and is not 0.1000000000000000055...
    return value if isinstance(value, Decimal) else Decimal(str(value))


def money(
    value: Decimal | int | float | str | None,
    *,
    lang: str | None = None,
    cents: bool | None = None,
    empty: str = "—",
) -> str:
    """Write an amount in euros: "1 234,50 €", "60 €" (whole amounts without cents by default).

    ``cents=True`` always writes the cents ("60,00 €", as on an invoice), ``cents=False`` rounds to the euro.
    """
    if value is None or value == "":
        return empty
    amount = _decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)
    locale = locale_of(lang)
    show_cents = cents if cents is not None else amount != amount.to_integral_value()
    if not show_cents:
        amount = amount.quantize(Decimal(1), rounding=ROUND_HALF_UP)
    pattern = babel_numbers.parse_pattern(Locale.parse(locale).currency_formats["standard"].pattern)
    digits = 2 if show_cents else 0
    pattern.frac_prec = (digits, digits)
    return pattern.apply(amount, locale, currency="EUR", currency_digits=False)


def number(
    value: Decimal | int | float | str | None,
    *,
    decimals: int = 2,
    lang: str | None = None,
    empty: str = "—",
) -> str:
    """Write a number with grouped thousands and at most ``decimals`` decimals: "20 360", "0,5", "12,25"."""
    if value is None or value == "":
        return empty
    quantum = Decimal(1).scaleb(-decimals)
    rounded = _decimal(value).quantize(quantum, rounding=ROUND_HALF_UP)
    return babel_numbers.format_decimal(
        rounded, format="#,##0." + "#" * decimals if decimals else "#,##0", locale=locale_of(lang)
    )


def percent(
    value: Decimal | int | float | str | None,
    *,
    decimals: int = 1,
    lang: str | None = None,
    empty: str = "—",
) -> str:
    """Write a rate given in percent (72.5 -> "72,5 %"; "72.5%" in English)."""
    if value is None or value == "":
        return empty
    locale = locale_of(lang)
    ratio = _decimal(value) / 100
    fmt = "#,##0" + ("." + "#" * decimals if decimals else "") + "%"
    if locale.startswith("fr"):
        fmt = fmt.removesuffix("%") + NBSP + "%"
    return babel_numbers.format_percent(ratio, format=fmt, locale=locale)


def date(value: dt.date | dt.datetime, *, style: str = "long", lang: str | None = None) -> str:
    """Write a date: "2 décembre 2026" (long), "02/12/2026" (short), "mercredi 2 décembre 2026" (full)."""
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return babel_dates.format_date(value, format=style, locale=locale_of(lang))


def time(value: dt.datetime | dt.time, *, lang: str | None = None) -> str:
    """Write a time of day in the Paris time zone: "09:30"."""
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value).time() if timezone.is_aware(value) else value.time()
    return babel_dates.format_time(value, format="HH:mm", locale=locale_of(lang))


def datetime(value: dt.datetime, *, style: str = "short", lang: str | None = None) -> str:
    """Write a moment in the Paris time zone: "02/12/2026 09:30" (short) or "2 décembre 2026 à 09:30"."""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    day = date(local.date(), style=style, lang=lang)
    if style == "short":
        return f"{day} {time(local, lang=lang)}"
    with translation.override(lang or translation.get_language()):
        return translation.gettext("%(day)s à %(time)s") % {"day": day, "time": time(local, lang=lang)}


def span(start: dt.datetime, end: dt.datetime, *, lang: str | None = None) -> str:
    """Write a time range: "02/12/2026 09:00 – 12:00", or both ends in full when it spans several days."""
    s, e = timezone.localtime(start), timezone.localtime(end)
    if s.date() == e.date():
        return f"{datetime(s, lang=lang)} – {time(e, lang=lang)}"
    return f"{datetime(s, lang=lang)} – {datetime(e, lang=lang)}"


def duration(minutes: int | float | Decimal, *, lang: str | None = None) -> str:
    """Write a duration given in minutes: "45 min", "1 h 30", "2 h" ("1 h 30 min" in English)."""
    total = int(round(float(minutes)))
    sign = "-" if total < 0 else ""
    hours, mins = divmod(abs(total), 60)
    english = locale_of(lang).startswith("en")
    if hours == 0:
        return f"{sign}{mins}{NBSP}min"
    if mins == 0:
        return f"{sign}{hours}{NBSP}h"
    return f"{sign}{hours}{NBSP}h{NBSP}{mins:02d}" + (f"{NBSP}min" if english else "")


_ELIDED = tuple("AEIOUYHÂÀÉÈÊËÎÏÔÛÙÜŒaeiouyhâàéèêëîïôûùüœ")


def of_place(name: str, *, lang: str | None = None) -> str:
    """Write "de" and a place name as French does: "de Pertuis", "d’Auch", "du Pontet", "des Mées".

    Other languages get the name alone ("près %(of)s" is then translated "near %(of)s").
    """
    if not locale_of(lang).startswith("fr") or not name:
        return name
    if name.startswith("Le "):
        return f"du {name[3:]}"
    if name.startswith("Les "):
        return f"des {name[4:]}"
    if name.startswith(_ELIDED):
        return f"d’{name}"
    return f"de {name}"
