"""Rates: snapshots of tariffs (with their quotas and degressive rules), per place."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

# Kinds and units, as stored (see models.tariffs): plain strings so the engine imports no model.
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


class PricingError(Exception):
    """The uses cannot be priced for this person (no rate applies, or the plan refuses the overage)."""

    def __init__(self, message: str, field: str = "__all__") -> None:
        super().__init__(message)
        self.message = message
        self.field = field


@dataclass(frozen=True)
class AllowanceSpec:
    """A quantity included each month by a plan (1,000 printed pages), with its overage price."""

    code: str
    quantity: Decimal
    unit_label: str = "unité"
    overage_price: Decimal | None = None


@dataclass(frozen=True)
class DiscountSpec:
    """A degressive rule: ``percent`` off from ``threshold`` months of commitment or people."""

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
class PlaceRates:
    """A place and every rate valid there: its own and its networks'."""

    place_id: int
    name: str
    network_ids: frozenset[int]
    rates: tuple[Rate, ...]


def cheapest(rates: list[Rate], unit: str) -> Rate | None:
    """Return the cheapest of the rates sold by ``unit``, or None."""
    found = [r for r in rates if r.unit == unit]
    return min(found, key=lambda r: r.price) if found else None
