"""What a person holds (memberships, plans) or was granted (free periods), as the engine sees it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from coopconnect.billing.pricing.rates import OFFICE_RENT, SUBSCRIPTION, Rate


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

    def includes(self, kind: str) -> bool:
        """Say whether the plan includes using a resource of this kind (its days, or everything)."""
        r = self.rate
        if kind in r.included_kinds:
            return True
        if r.kind == SUBSCRIPTION:
            return r.applies_to(kind)
        if r.kind == OFFICE_RENT:
            return kind == "office"
        return False


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
