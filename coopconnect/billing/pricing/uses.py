"""Uses to price: bookings (or slots being quoted) and metered service uses."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal


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
    """A quantity of a metered service (prints, coffee) used at a place."""

    place_id: int
    service_code: str
    quantity: Decimal
