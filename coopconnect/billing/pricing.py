"""The pricing engine: pure functions from rates, holdings and uses to explained lines.

No database here. Callers (quotes, the invoicing run) turn tariffs, subscriptions, free periods,
bookings and usage records into the dataclasses below, then call :func:`price_month` for each
calendar month. Rules, where the study is silent:

* A day's use of a resource lasting at most ``HALF_DAY_MAX`` (5 h) is a half-day when the place has
  a half-day rate; otherwise a day. Several bookings the same day at the same place add up.
* Among the rates a person is entitled to (audience: everyone, members/subscribers, companies), the
  cheapest combination wins: day/half-day rates, a week pass per ISO week, a month pass, or one
  monthly bundle of N days (a half-day uses one bundle day). Weeks and bundles count inside the month:
  invoices are monthly and final once issued (corrections only by credit notes), so a week straddling
  two months is priced on each month's invoice with that month's days only; quotes say so.
* Hour-block and session rates (a video room) are charged per started block, per booking.
* Every line is rounded once, half up, to the cent; VAT is computed once per rate on the sum of lines.
* A monthly cap adds one negative line bringing the place's month down to the cap.
"""

from __future__ import annotations

import calendar
import math
from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

PARIS = ZoneInfo("Europe/Paris")
CENT = Decimal("0.01")
HALF_DAY_MAX = timedelta(hours=5)
ZERO = Decimal("0")

# Kinds and units, as stored (see models.tariffs): kept as plain strings so this module imports nothing.
PER_USE, BUNDLE, SUBSCRIPTION, MEMBERSHIP, CAP, OFFICE_RENT, SERVICE = (
    "per_use",
    "bundle",
    "subscription",
    "membership",
    "cap",
    "office_rent",
    "service",
)
HALF_DAY, DAY, WEEK, MONTH, HOUR_BLOCK, SESSION = "half_day", "day", "week", "month", "hour_block", "session"
ALL, MEMBERS, COMPANIES = "all", "members", "companies"
SEAT = "seat"


def money(value: Decimal) -> Decimal:
    """Round an amount once, half up, to the cent."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def euros(value: Decimal) -> str:
    """Format an amount the French way: 1 234,50 €."""
    q = money(value)
    sign = "-" if q < 0 else ""
    whole, _, cents = f"{abs(q):.2f}".partition(".")
    groups = f"{int(whole):,}".replace(",", "\u202f")
    return f"{sign}{groups},{cents} €" if cents != "00" else f"{sign}{groups} €"


class PricingError(Exception):
    """The uses cannot be priced for this person (no rate applies, or the plan refuses the overage)."""

    def __init__(self, message: str, field: str = "__all__") -> None:
        super().__init__(message)
        self.message = message
        self.field = field


@dataclass(frozen=True)
class AllowanceSpec:
    code: str
    quantity: Decimal
    unit_label: str = "unité"
    overage_price: Decimal | None = None


@dataclass(frozen=True)
class DiscountSpec:
    basis: str  # "commitment" or "headcount"
    threshold: int
    percent: Decimal


@dataclass(frozen=True)
class Rate:
    """A snapshot of one tariff."""

    code: str
    label: str
    kind: str
    price: Decimal
    unit: str = ""
    resource_kind: str = ""
    block_hours: int | None = None
    days_per_month: int | None = None
    days_per_week: int | None = None
    service_code: str = ""
    audience: str = ALL
    included_kinds: frozenset[str] = frozenset()
    includes_everything: bool = False
    overage: str = "charge"
    min_commitment_months: int = 0
    vat_rate: Decimal = Decimal("20")
    vat_exempt: bool = False
    place_id: int | None = None
    network_id: int | None = None
    allowances: tuple[AllowanceSpec, ...] = ()
    discounts: tuple[DiscountSpec, ...] = ()
    valid_from: date | None = None
    valid_until: date | None = None

    def applies_to(self, resource_kind: str) -> bool:
        return self.resource_kind == resource_kind or (not self.resource_kind and resource_kind == SEAT)

    def valid_during(self, first: date, last: date) -> bool:
        return (self.valid_from is None or self.valid_from <= last) and (
            self.valid_until is None or self.valid_until >= first
        )


@dataclass(frozen=True)
class Holding:
    """A membership or plan the person holds (a subscription)."""

    rate: Rate
    start: date
    end: date | None = None
    paused_from: date | None = None
    paused_until: date | None = None
    commitment_months: int = 0
    surface_m2: Decimal | None = None
    charge_fees: bool = True
    ref: int | None = None

    def covers(self, place_id: int, network_ids: frozenset[int]) -> bool:
        if self.rate.place_id is not None:
            return self.rate.place_id == place_id
        return self.rate.network_id in network_ids

    def paused_on(self, day: date) -> bool:
        return bool(self.paused_from and self.paused_until and self.paused_from <= day <= self.paused_until)

    def active_on(self, day: date) -> bool:
        return self.start <= day and (self.end is None or day <= self.end) and not self.paused_on(day)


@dataclass(frozen=True)
class Grant:
    """A free period granted to the person."""

    start: date
    end: date
    reason: str
    place_id: int | None = None
    network_id: int | None = None

    def covers(self, place_id: int, network_ids: frozenset[int], day: date) -> bool:
        scope = self.place_id == place_id if self.place_id is not None else self.network_id in network_ids
        return scope and self.start <= day <= self.end


@dataclass(frozen=True)
class Use:
    """A booking (or a slot being quoted) of a resource of some kind at a place."""

    place_id: int
    resource_kind: str
    start: datetime
    end: datetime
    resource_label: str = ""


@dataclass(frozen=True)
class ServiceUse:
    place_id: int
    service_code: str
    quantity: Decimal


@dataclass(frozen=True)
class PlaceRates:
    """A place and every rate valid there: its own and its networks'."""

    place_id: int
    name: str
    network_ids: frozenset[int]
    rates: tuple[Rate, ...]


@dataclass(frozen=True)
class Line:
    """One explained line, excluding VAT, rounded once."""

    label: str
    quantity: Decimal
    unit_price: Decimal
    amount: Decimal
    vat_rate: Decimal
    vat_exempt: bool
    place_id: int | None
    code: str = ""
    reason: str = ""
    network_id: int | None = None
    week_of: date | None = None  # the Monday, on a week-pass line (quotes explain the switch to it)


@dataclass
class PricingRequest:
    month: date
    places: dict[int, PlaceRates]
    uses: list[Use] = field(default_factory=list)
    service_uses: list[ServiceUse] = field(default_factory=list)
    holdings: list[Holding] = field(default_factory=list)
    grants: list[Grant] = field(default_factory=list)
    as_company: bool = False
    headcount: int = 1
    include_fees: bool = True
    strict: bool = False
    quota_used: dict[tuple[int, str], Decimal] = field(default_factory=dict)


@dataclass(frozen=True)
class VatRow:
    rate: Decimal
    exempt: bool
    base: Decimal
    vat: Decimal


def month_bounds(month: date) -> tuple[date, date]:
    first = month.replace(day=1)
    return first, first.replace(day=calendar.monthrange(first.year, first.month)[1])


def vat_breakdown(lines: list[Line]) -> list[VatRow]:
    """Sum the lines per VAT rate and compute each rate's VAT once, half up to the cent."""
    bases: dict[tuple[Decimal, bool], Decimal] = defaultdict(lambda: ZERO)
    for line in lines:
        bases[(Decimal(line.vat_rate), line.vat_exempt)] += line.amount
    return [
        VatRow(rate=r, exempt=ex, base=money(b), vat=money(b * r / 100))
        for (r, ex), b in sorted(bases.items(), key=lambda kv: (kv[0][0], kv[0][1]))
    ]


def _line(
    label: str, qty: Decimal | int, unit: Decimal, rate: Rate, place_id: int | None, reason: str = ""
) -> Line:
    q = Decimal(qty)
    return Line(
        label=label,
        quantity=q,
        unit_price=unit,
        amount=money(q * unit),
        vat_rate=rate.vat_rate,
        vat_exempt=rate.vat_exempt,
        place_id=place_id,
        code=rate.code,
        reason=reason,
        network_id=rate.network_id if place_id is None else None,
    )


def _free_line(label: str, qty: int, place_id: int, reason: str, like: Rate | None = None) -> Line:
    return Line(
        label=label,
        quantity=Decimal(qty),
        unit_price=ZERO,
        amount=ZERO,
        vat_rate=like.vat_rate if like else ZERO,
        vat_exempt=like.vat_exempt if like else False,
        place_id=place_id,
        code=like.code if like else "free",
        reason=reason,
    )


@dataclass
class _Unit:
    day: date
    hours: Decimal
    half: bool


def _split_by_day(use: Use) -> list[tuple[date, Decimal]]:
    start, end = use.start.astimezone(PARIS), use.end.astimezone(PARIS)
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


def _entitled(rate: Rate, req: PricingRequest, pr: PlaceRates) -> bool:
    if rate.audience == COMPANIES:
        return req.as_company
    if rate.audience == MEMBERS:
        first, last = month_bounds(req.month)
        return any(
            h.covers(pr.place_id, pr.network_ids)
            and h.rate.kind in (MEMBERSHIP, SUBSCRIPTION, OFFICE_RENT)
            and h.start <= last
            and (h.end is None or h.end >= first)
            for h in req.holdings
        )
    return True


def _cheapest(rates: list[Rate], unit: str) -> Rate | None:
    found = [r for r in rates if r.unit == unit]
    return min(found, key=lambda r: r.price) if found else None


def _fr(day: date) -> str:
    return day.strftime("%d/%m")


def price_month(req: PricingRequest) -> list[Line]:
    """Price one calendar month of uses, service uses and fees for one payer; one line per reason."""
    first, last = month_bounds(req.month)
    req.quota_used = {}
    lines: list[Line] = []
    days: dict[tuple[int, str], dict[date, Decimal]] = defaultdict(lambda: defaultdict(lambda: ZERO))
    block_uses: dict[tuple[int, str], list[tuple[date, Decimal, str]]] = defaultdict(list)
    for use in req.uses:
        pr = req.places.get(use.place_id)
        if pr is None:
            raise PricingError("Lieu inconnu pour cette réservation.")
        rates = _valid_rates(pr, req, first, last)
        by_block = any(
            r.kind == PER_USE and r.unit in (HOUR_BLOCK, SESSION) and r.applies_to(use.resource_kind)
            for r in rates
        )
        for day, hours in _split_by_day(use):
            if not first <= day <= last:
                continue
            if by_block:
                block_uses[(use.place_id, use.resource_kind)].append((day, hours, use.resource_label))
            else:
                days[(use.place_id, use.resource_kind)][day] += hours
    for (place_id, kind), per_day in sorted(days.items()):
        lines += _price_days(req, req.places[place_id], kind, per_day, first, last)
    for (place_id, kind), items in sorted(block_uses.items()):
        lines += _price_blocks(req, req.places[place_id], kind, items, first, last)
    lines += _price_services(req, first, last)
    if req.include_fees:
        lines += _fees(req, first, last)
    lines += _caps(req, lines, first, last)
    return lines


def _valid_rates(pr: PlaceRates, req: PricingRequest, first: date, last: date) -> list[Rate]:
    return [r for r in pr.rates if r.valid_during(first, last) and _entitled(r, req, pr)]


def _covered(req: PricingRequest, pr: PlaceRates, kind: str, day: date) -> tuple[str, str] | None:
    """Say why a day is free (grant) or included (plan), as (label, reason); None when chargeable."""
    for g in req.grants:
        if g.covers(pr.place_id, pr.network_ids, day):
            return (f"Gratuit : {g.reason} (jusqu'au {g.end:%d/%m/%Y})", "grant")
    return None


def _take_hours_quota(
    req: PricingRequest, pr: PlaceRates, kind: str, day: date, hours: Decimal
) -> str | None:
    """Use an included quota of hours of this resource kind (e.g. 4 h of meeting room a month), if any.

    A use is included only when it fits whole in what remains; otherwise it is charged whole.
    """
    for i, h in enumerate(req.holdings):
        if not (h.covers(pr.place_id, pr.network_ids) and h.active_on(day)):
            continue
        for a in h.rate.allowances:
            if a.code != kind:
                continue
            key = (i, a.code)
            used = req.quota_used.get(key, ZERO)
            if used + hours <= a.quantity:
                req.quota_used[key] = used + hours
                return f"Inclus dans le quota de {a.quantity.normalize():f} h par mois de « {h.rate.label} »"
    return None


def _holding_includes(h: Holding, kind: str) -> bool:
    r = h.rate
    if kind in r.included_kinds:
        return True
    if r.kind == SUBSCRIPTION:
        return r.applies_to(kind)
    if r.kind == OFFICE_RENT:
        return kind == "office"
    return False


def _price_days(
    req: PricingRequest, pr: PlaceRates, kind: str, per_day: dict[date, Decimal], first: date, last: date
) -> list[Line]:
    lines: list[Line] = []
    rates = [r for r in _valid_rates(pr, req, first, last) if r.kind == PER_USE and r.applies_to(kind)]
    holdings = [
        h for h in req.holdings if h.covers(pr.place_id, pr.network_ids) and _holding_includes(h, kind)
    ]
    grant_days: dict[str, int] = defaultdict(int)
    included: dict[str, int] = defaultdict(int)
    used_in_week: dict[tuple[int, int, int], int] = defaultdict(int)
    chargeable: list[_Unit] = []
    for day in sorted(per_day):
        hours = per_day[day]
        why = _covered(req, pr, kind, day)
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
        quota = _take_hours_quota(req, pr, kind, day, hours)
        if quota is not None:
            included[quota] += 1
            continue
        if refusal is not None and req.strict:
            raise PricingError(
                f"Votre formule « {refusal.rate.label} » couvre {refusal.rate.days_per_week} jour(s) "
                f"par semaine : "
                f"le {day:%d/%m/%Y} dépasse cette allocation et la formule ne permet pas de jour en plus."
            )
        chargeable.append(_Unit(day=day, hours=hours, half=hours <= Decimal(HALF_DAY_MAX.seconds) / 3600))
    for label, n in grant_days.items():
        lines.append(_free_line(f"{label} — {n} jour(s)", n, pr.place_id, "grant"))
    for label, n in included.items():
        text = (
            f"{label} — {n} jour(s)"
            if label.startswith("Inclus")
            else f"Inclus dans « {label} » — {n} jour(s)"
        )
        lines.append(_free_line(text, n, pr.place_id, "included"))
    if chargeable:
        lines += _optimise_days(req, pr, kind, rates, chargeable)
    return lines


def _optimise_days(
    req: PricingRequest, pr: PlaceRates, kind: str, rates: list[Rate], units: list[_Unit]
) -> list[Line]:
    half, day, week, month = (_cheapest(rates, u) for u in (HALF_DAY, DAY, WEEK, MONTH))
    bundles = sorted(
        (
            r
            for r in _valid_rates(pr, req, *month_bounds(req.month))
            if r.kind == BUNDLE and r.applies_to(kind)
        ),
        key=lambda r: r.price,
    )
    if half is None and day is None and week is None and month is None and not bundles:
        if req.strict:
            raise PricingError(
                f"Aucun tarif de {pr.name} ne s'applique à cette réservation pour vous "
                f"(ressource réservée à un autre public, ou non tarifée).",
                field="resource",
            )
        return [_free_line("Utilisation non tarifée par le lieu", len(units), pr.place_id, "unpriced")]

    def unit_cost(u: _Unit) -> tuple[Decimal, Rate]:
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

    weeks: dict[tuple[int, int], list[_Unit]] = defaultdict(list)
    for u in units:
        weeks[u.day.isocalendar()[:2]].append(u)
    week_keys = sorted(weeks)

    def week_cost(us: list[_Unit]) -> Decimal:
        s = sum((unit_cost(u)[0] for u in us), ZERO)
        return min(s, week.price) if week is not None else s

    plain = sum((week_cost(weeks[k]) for k in week_keys), ZERO)
    best_total, best_plan = plain, ("plain", None, {})
    if month is not None and month.price < best_total:
        best_total, best_plan = month.price, ("month", month, {})
    for b in bundles:
        n = int(b.days_per_month or 0)
        # Knapsack over weeks: take k units of a week into the bundle (its dearest units first).
        dp: dict[int, tuple[Decimal, dict[tuple[int, int], int]]] = {0: (ZERO, {})}
        for k in week_keys:
            us = sorted(weeks[k], key=lambda u: unit_cost(u)[0], reverse=True)
            nxt: dict[int, tuple[Decimal, dict[tuple[int, int], int]]] = {}
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
    return _plan_lines(pr, weeks, week_keys, best_plan, unit_cost, week, units, plain)


def _plan_lines(pr, weeks, week_keys, plan, unit_cost, week, units, plain) -> list[Line]:  # type: ignore[no-untyped-def]
    mode, rate, alloc = plan
    lines: list[Line] = []
    n = len(units)
    if mode == "month":
        lines.append(
            _line(
                f"{rate.label} — {n} jour(s) d'utilisation",
                1,
                rate.price,
                rate,
                pr.place_id,
                f"{rate.label} ({euros(rate.price)}) revient moins cher que {euros(plain)} au détail",
            )
        )
        return lines
    per_unit: dict[tuple[str, Decimal], tuple[int, Rate]] = {}
    if mode == "bundle":
        taken = sum(alloc.values())
        lines.append(
            _line(
                f"{rate.label} — {taken} jour(s) utilisé(s) sur {rate.days_per_month}",
                1,
                rate.price,
                rate,
                pr.place_id,
                f"formule moins chère que le détail ({euros(plain)})",
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
            week_line = _line(
                f"{week.label} du {_fr(monday)} au {_fr(monday + timedelta(days=6))} — {len(us)} jour(s)",
                1,
                week.price,
                week,
                pr.place_id,
                f"{len(us)} jours la même semaine : {euros(week.price)} au lieu de {euros(detail)}",
            )
            lines.append(replace(week_line, week_of=monday))
            continue
        for u in us:
            price, r = unit_cost(u)
            cnt, _r = per_unit.get((r.label, price), (0, r))
            per_unit[(r.label, price)] = (cnt + 1, r)
    for (label, price), (cnt, r) in per_unit.items():
        lines.append(_line(f"{label} — {cnt} × {euros(price)}", cnt, price, r, pr.place_id, "au détail"))
    return lines


def _price_blocks(
    req: PricingRequest,
    pr: PlaceRates,
    kind: str,
    items: list[tuple[date, Decimal, str]],
    first: date,
    last: date,
) -> list[Line]:
    rates = [
        r
        for r in _valid_rates(pr, req, first, last)
        if r.kind == PER_USE and r.unit in (HOUR_BLOCK, SESSION) and r.applies_to(kind)
    ]
    lines: list[Line] = []
    if not rates:
        if req.strict:
            raise PricingError(
                f"Aucun tarif de {pr.name} ne s'applique à cette réservation pour vous.", field="resource"
            )
        return lines
    free = 0
    counts: dict[str, tuple[int, Rate]] = {}
    for day, hours, _label in items:
        if _covered(req, pr, kind, day) is not None or any(
            h.covers(pr.place_id, pr.network_ids) and kind in h.rate.included_kinds and h.active_on(day)
            for h in req.holdings
        ):
            free += 1
            continue
        if _take_hours_quota(req, pr, kind, day, hours) is not None:
            free += 1
            continue
        for r in rates:
            blocks = math.ceil(hours / r.block_hours) if r.block_hours else 1
            cnt, _ = counts.get(r.code, (0, r))
            counts[r.code] = (cnt + blocks, r)
    if free:
        lines.append(_free_line(f"Inclus ou gratuit — {free} réservation(s)", free, pr.place_id, "included"))
    for cnt, r in counts.values():
        per = f"par tranche de {r.block_hours} h" if r.block_hours else "par réservation"
        lines.append(
            _line(
                f"{r.label} — {cnt} × {euros(r.price)} ({per})",
                cnt,
                r.price,
                r,
                pr.place_id,
                "tarif par tranche horaire",
            )
        )
    return lines


def _price_services(req: PricingRequest, first: date, last: date) -> list[Line]:
    lines: list[Line] = []
    totals: dict[tuple[int, str], Decimal] = defaultdict(lambda: ZERO)
    for su in req.service_uses:
        totals[(su.place_id, su.service_code)] += su.quantity
    for (place_id, code), qty in sorted(totals.items()):
        pr = req.places[place_id]
        rates = _valid_rates(pr, req, first, last)
        covering = [
            h
            for h in req.holdings
            if h.covers(place_id, pr.network_ids) and h.start <= last and (h.end is None or h.end >= first)
        ]
        if any(h.rate.includes_everything for h in covering) or any(
            r.includes_everything for r in rates if r.kind == CAP
        ):
            lines.append(
                _free_line(f"{code} : {qty.normalize():f} — tout compris", int(qty), place_id, "included")
            )
            continue
        included, overage_price, quota_rate = ZERO, None, None
        for h in covering:
            for a in h.rate.allowances:
                if a.code == code:
                    included += a.quantity
                    quota_rate = h.rate
                    if a.overage_price is not None:
                        overage_price = a.overage_price
        service = next((r for r in rates if r.kind == SERVICE and r.service_code == code), None)
        if included:
            shown = min(qty, included)
            lines.append(
                _free_line(
                    f"{code} : {shown.normalize():f} inclus dans « {quota_rate.label} » "
                    f"(quota {included.normalize():f} par mois)",
                    int(shown),
                    place_id,
                    "quota",
                    like=quota_rate,
                )
            )
        extra = qty - included
        if extra <= 0:
            continue
        if overage_price is not None and quota_rate is not None:
            lines.append(
                _line(
                    f"{code} au-delà du quota — {extra.normalize():f} × {overage_price.normalize():f} €",
                    extra,
                    overage_price,
                    quota_rate,
                    place_id,
                    "au-delà du quota",
                )
            )
        elif service is not None:
            label = service.label + (" au-delà du quota" if included else "")
            lines.append(
                _line(
                    f"{label} — {extra.normalize():f} × {service.price.normalize():f} €",
                    extra,
                    service.price,
                    service,
                    place_id,
                    "service à l'unité",
                )
            )
    return lines


def _fees(req: PricingRequest, first: date, last: date) -> list[Line]:
    lines: list[Line] = []
    dim = (last - first).days + 1
    for h in req.holdings:
        if not h.charge_fees:
            continue
        r = h.rate
        place_id = r.place_id
        if r.kind == MEMBERSHIP:
            for years in range(0, 100):
                anniversary = _add_years(h.start, years)
                if anniversary > last or (h.end is not None and anniversary > h.end):
                    break
                if anniversary >= first:
                    until = _add_years(h.start, years + 1) - timedelta(days=1)
                    lines.append(
                        _line(
                            f"{r.label} du {anniversary:%d/%m/%Y} au {until:%d/%m/%Y}",
                            1,
                            r.price,
                            r,
                            place_id,
                            "cotisation annuelle",
                        )
                    )
            continue
        if r.kind not in (SUBSCRIPTION, OFFICE_RENT):
            continue
        active = [d for d in (first + timedelta(days=i) for i in range(dim)) if h.active_on(d)]
        if not active:
            continue
        base = r.price * (h.surface_m2 or ZERO) if r.kind == OFFICE_RENT else r.price
        label = r.label + (
            f" — {h.surface_m2.normalize():f} m² × {euros(r.price)}" if r.kind == OFFICE_RENT else ""
        )
        if len(active) == dim:
            fee = _line(label, 1, money(base), r, place_id, "mensualité")
        else:
            unit = money(base * len(active) / dim)
            fee = _line(
                f"{label} (prorata {len(active)}/{dim} jours)",
                1,
                unit,
                r,
                place_id,
                "mois entamé : au prorata des jours calendaires",
            )
        lines.append(fee)
        for basis, value in (
            ("commitment", max(h.commitment_months, r.min_commitment_months)),
            ("headcount", req.headcount),
        ):
            best = max(
                (d for d in r.discounts if d.basis == basis and d.threshold <= value),
                key=lambda d: d.threshold,
                default=None,
            )
            if best is None:
                continue
            off = money(fee.amount * best.percent / 100)
            what = (
                f"engagement de {value} mois"
                if basis == "commitment"
                else f"{value} personnes de l'entreprise"
            )
            lines.append(
                Line(
                    label=f"Remise dégressive −{best.percent.normalize():f} % ({what})",
                    quantity=Decimal(1),
                    unit_price=-off,
                    amount=-off,
                    vat_rate=r.vat_rate,
                    vat_exempt=r.vat_exempt,
                    place_id=place_id,
                    code=r.code,
                    reason="dégressif",
                    network_id=r.network_id,
                )
            )
    return lines


def _caps(req: PricingRequest, lines: list[Line], first: date, last: date) -> list[Line]:
    out: list[Line] = []
    for place_id in sorted({ln.place_id for ln in lines if ln.place_id is not None}):
        pr = req.places[place_id]
        caps = [r for r in _valid_rates(pr, req, first, last) if r.kind == CAP]
        if not caps:
            continue
        cap = min(caps, key=lambda r: r.price)
        spent = sum((ln.amount for ln in lines if ln.place_id == place_id), ZERO)
        if spent > cap.price:
            out.append(
                Line(
                    label=f"{cap.label} : jamais plus de {euros(cap.price)} par mois",
                    quantity=Decimal(1),
                    unit_price=cap.price - spent,
                    amount=money(cap.price - spent),
                    vat_rate=cap.vat_rate,
                    vat_exempt=cap.vat_exempt,
                    place_id=place_id,
                    code=cap.code,
                    reason=f"plafond mensuel : {euros(spent)} ramenés à {euros(cap.price)}",
                )
            )
    return out


def _add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def months_between(start: datetime, end: datetime) -> list[date]:
    """List the first day of each calendar month (Paris time) touched by [start, end)."""
    s, e = start.astimezone(PARIS).date(), (end.astimezone(PARIS) - timedelta(microseconds=1)).date()
    out, cur = [], s.replace(day=1)
    while cur <= e:
        out.append(cur)
        cur = (cur + timedelta(days=32)).replace(day=1)
    return out
