"""The public price list of a place: its tariffs and its networks', HT and VAT included (reads)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Q
from django.utils import timezone

from coopconnect.billing.models import Tariff
from coopconnect.billing.models.tariffs import Audience
from coopconnect.billing.selectors import tariffs_for_place
from coopconnect.core.money import round_cents


@dataclass(frozen=True)
class PublicTariff:
    """A tariff as the public reads it: HT for companies, VAT included for individuals."""

    tariff: Tariff
    price_ht: Decimal
    price_ttc: Decimal | None  # None: sold to companies only, who pay HT

    @property
    def for_individuals(self) -> bool:
        return self.price_ttc is not None


def public_price(t: Tariff) -> PublicTariff:
    """Return a tariff with its price HT and, unless sold to companies only, VAT included."""
    price = Decimal(t.price)
    ttc: Decimal | None = round_cents(price * (100 + Decimal(t.vat_rate)) / 100)
    if t.audience == Audience.COMPANIES:
        ttc = None
    return PublicTariff(tariff=t, price_ht=price, price_ttc=ttc)


def public_tariffs(place: Any, *, today: date | None = None) -> list[PublicTariff]:
    """Return the place's and its networks' tariffs valid today, with the price VAT included."""
    today = today or timezone.localdate()
    qs = tariffs_for_place(place).filter(valid_from__lte=today)
    qs = qs.filter(Q(valid_until__isnull=True) | Q(valid_until__gte=today)).select_related("network")
    return [public_price(t) for t in qs]
