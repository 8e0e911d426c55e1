"""Days and half-days of a resource kind at a place: included, free, or the cheapest combination.

The combinations: day/half-day rates, a week pass per ISO week, a month pass, or one monthly bundle
of N days (a half-day uses one bundle day), all counted inside the calendar month.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal

from django.utils.translation import gettext as _

from coopconnect.billing.pricing.amounts import label_amount
from coopconnect.billing.pricing.lines import Line, charged_line, free_line
from coopconnect.billing.pricing.months import month_bounds, short_day
from coopconnect.billing.pricing.rates import (
    BUNDLE,
    DAY,
    HALF_DAY,
    MONTH,
    PER_USE,
    SUBSCRIPTION,
    WEEK,
    PlaceRates,
    PricingError,
    Rate,
    cheapest,
)
from coopconnect.billing.pricing.request import PricingRequest, granted, take_hours_quota, valid_rates
from coopconnect.core.money import ZERO

HALF_DAY_MAX = timedelta(hours=5)

Week = tuple[int, int]  # ISO year and week number
# The chosen combination: "plain", "month" or "bundle", its rate, and the bundle days taken per week.
Plan = tuple[str, Rate | None, dict[Week, int]]


@dataclass
class DayUnit:
    """One chargeable day of use, and whether it fits in a half-day."""

    day: date
    hours: Decimal
    half: bool


def price_days(
    req: PricingRequest, pr: PlaceRates, kind: str, per_day: dict[date, Decimal], first: date, last: date
) -> list[Line]:
    """Price the days a resource kind was used at a place (hours per day): free, included, or charged."""
    lines: list[Line] = []
    rates = [r for r in valid_rates(pr, req, first, last) if r.kind == PER_USE and r.applies_to(kind)]
    holdings = [h for h in req.holdings if h.covers(pr.place_id, pr.network_ids) and h.includes(kind)]
    grant_days: dict[str, int] = defaultdict(int)
    included: dict[str, int] = defaultdict(int)
    used_in_week: dict[tuple[int, int, int], int] = defaultdict(int)
    chargeable: list[DayUnit] = []
    for day in sorted(per_day):
        hours = per_day[day]
        why = granted(req, pr, day)
        if why is not None:
            grant_days[why[0]] += 1
            continue
        taken, refusal = False, None
        for i, h in enumerate(holdings):
            if not h.active_on(day):
                continue
            limit = (
                h.rate.days_per_week
                if h.rate.kind == SUBSCRIPTION and kind not in h.rate.included_kinds
                else None
            )
            week = (i, *day.isocalendar()[:2])
            if limit is not None and used_in_week[week] >= limit:
                if h.rate.overage == "refuse":
                    refusal = h
                continue
            used_in_week[week] += 1
            included[h.rate.label] += 1
            taken = True
            break
        if taken:
            continue
        quota = take_hours_quota(req, pr, kind, day, hours)
        if quota is not None:
            included[quota] += 1
            continue
        if refusal is not None and req.strict:
            raise PricingError(
                f"Votre formule « {refusal.rate.label} » couvre {refusal.rate.days_per_week} jour(s) "
                f"par semaine : "
                f"le {day:%d/%m/%Y} dépasse cette allocation et la formule ne permet pas de jour en plus."
            )
        chargeable.append(DayUnit(day=day, hours=hours, half=hours <= Decimal(HALF_DAY_MAX.seconds) / 3600))
    for label, n in grant_days.items():
        lines.append(free_line(f"{label} — {n} jour(s)", n, pr.place_id, "grant"))
    for label, n in included.items():
        text = (
            f"{label} — {n} jour(s)"
            if label.startswith("Inclus")
            else f"Inclus dans « {label} » — {n} jour(s)"
        )
        lines.append(free_line(text, n, pr.place_id, "included"))
    if chargeable:
        lines += optimise_days(req, pr, kind, rates, chargeable)
    return lines


def optimise_days(
    req: PricingRequest, pr: PlaceRates, kind: str, rates: list[Rate], units: list[DayUnit]
) -> list[Line]:
    """Price chargeable days by the cheapest combination of day, week, month and bundle rates."""
    half, day, week, month = (cheapest(rates, u) for u in (HALF_DAY, DAY, WEEK, MONTH))
    bundles = sorted(
        (
            r
            for r in valid_rates(pr, req, *month_bounds(req.month))
            if r.kind == BUNDLE and r.applies_to(kind)
        ),
        key=lambda r: r.price,
    )
    if half is None and day is None and week is None and month is None and not bundles:
        if req.strict:
            raise PricingError(
                _(
                    "Aucun tarif de %(place)s ne s'applique à cette réservation pour vous "
                    "(ressource réservée à un autre public, ou non tarifée)."
                )
                % {"place": pr.name},
                field="resource",
            )
        return [free_line("Utilisation non tarifée par le lieu", len(units), pr.place_id, "unpriced")]

    def unit_cost(u: DayUnit) -> tuple[Decimal, Rate]:
        options: list[tuple[Decimal, Rate]] = []
        if u.half and half is not None:
            options.append((half.price, half))
        if day is not None:
            options.append((day.price, day))
        if not options and half is not None:
            options.append((half.price * 2, half))
        if not options:
            big = week or month or bundles[0]
            return (big.price, big)
        return min(options, key=lambda o: o[0])

    weeks: dict[Week, list[DayUnit]] = defaultdict(list)
    for u in units:
        weeks[u.day.isocalendar()[:2]].append(u)
    week_keys = sorted(weeks)

    def week_cost(us: list[DayUnit]) -> Decimal:
        s = sum((unit_cost(u)[0] for u in us), ZERO)
        return min(s, week.price) if week is not None else s

    plain = sum((week_cost(weeks[k]) for k in week_keys), ZERO)
    best_total = plain
    best_plan: Plan = ("plain", None, {})
    if month is not None and month.price < best_total:
        best_total, best_plan = month.price, ("month", month, {})
    for b in bundles:
        n = int(b.days_per_month or 0)
        # Knapsack over weeks: take k units of a week into the bundle (its dearest units first).
        dp: dict[int, tuple[Decimal, dict[Week, int]]] = {0: (ZERO, {})}
        for k in week_keys:
            us = sorted(weeks[k], key=lambda u: unit_cost(u)[0], reverse=True)
            nxt: dict[int, tuple[Decimal, dict[Week, int]]] = {}
            for used, (cost, alloc) in dp.items():
                for take in range(0, min(len(us), n - used) + 1):
                    c = cost + week_cost(us[take:])
                    key = used + take
                    if key not in nxt or c < nxt[key][0]:
                        nxt[key] = (c, {**alloc, k: take})
            dp = nxt
        rest, alloc = min(dp.values(), key=lambda v: v[0])
        if b.price + rest < best_total:
            best_total, best_plan = b.price + rest, ("bundle", b, alloc)
    return plan_lines(pr, weeks, week_keys, best_plan, unit_cost, week, units, plain)


def plan_lines(
    pr: PlaceRates,
    weeks: dict[Week, list[DayUnit]],
    week_keys: list[Week],
    plan: Plan,
    unit_cost: Callable[[DayUnit], tuple[Decimal, Rate]],
    week: Rate | None,
    units: list[DayUnit],
    plain: Decimal,
) -> list[Line]:
    """Write the lines of the chosen combination, each saying why it is cheaper."""
    mode, rate, alloc = plan
    lines: list[Line] = []
    n = len(units)
    if mode == "month" and rate is not None:
        lines.append(
            charged_line(
                f"{rate.label} — {n} jour(s) d'utilisation",
                1,
                rate.price,
                rate,
                pr.place_id,
                f"{rate.label} ({label_amount(rate.price)}) revient moins cher que "
                f"{label_amount(plain)} au détail",
            )
        )
        return lines
    per_unit: dict[tuple[str, Decimal], tuple[int, Rate]] = {}
    if mode == "bundle" and rate is not None:
        taken = sum(alloc.values())
        lines.append(
            charged_line(
                f"{rate.label} — {taken} jour(s) utilisé(s) sur {rate.days_per_month}",
                1,
                rate.price,
                rate,
                pr.place_id,
                f"formule moins chère que le détail ({label_amount(plain)})",
            )
        )
    for k in week_keys:
        us = sorted(weeks[k], key=lambda u: unit_cost(u)[0], reverse=True)
        if mode == "bundle":
            us = us[alloc.get(k, 0) :]
        if not us:
            continue
        detail = sum((unit_cost(u)[0] for u in us), ZERO)
        if week is not None and week.price < detail:
            monday = date.fromisocalendar(k[0], k[1], 1)
            week_line = charged_line(
                f"{week.label} du {short_day(monday)} au {short_day(monday + timedelta(days=6))} "
                f"— {len(us)} jour(s)",
                1,
                week.price,
                week,
                pr.place_id,
                f"{len(us)} jours la même semaine : {label_amount(week.price)} au lieu de "
                f"{label_amount(detail)}",
            )
            lines.append(replace(week_line, week_of=monday))
            continue
        for u in us:
            price, r = unit_cost(u)
            cnt, _r = per_unit.get((r.label, price), (0, r))
            per_unit[(r.label, price)] = (cnt + 1, r)
    for (label, price), (cnt, r) in per_unit.items():
        lines.append(
            charged_line(f"{label} — {cnt} × {label_amount(price)}", cnt, price, r, pr.place_id, "au détail")
        )
    return lines
