"""Configure tariffs, quotas and degressive rules (validated, French messages)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from coopconnect.billing.models import Allowance, DiscountRule, Tariff
from coopconnect.core.errors import DomainError


def _raise(exc: ValidationError) -> None:
    errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
    first = next(iter(errors.values()))[0]
    raise DomainError(first, errors) from exc


@transaction.atomic
def tariff_create(
    *,
    allowances: list[dict[str, Any]] | None = None,
    discounts: list[dict[str, Any]] | None = None,
    **fields: Any,
) -> Tariff:
    """Create a tariff after checking owner, amounts, kind-specific fields, overlaps and contradictions."""
    fields.setdefault("valid_from", date(2000, 1, 1))
    if "price" in fields:
        fields["price"] = Decimal(str(fields["price"]))
    tariff = Tariff(**fields)
    try:
        tariff.full_clean()
    except ValidationError as exc:
        _raise(exc)
    tariff.save()
    for a in allowances or []:
        allowance = Allowance(tariff=tariff, **a)
        try:
            allowance.full_clean()
        except ValidationError as exc:
            _raise(exc)
        allowance.save()
    for d in discounts or []:
        rule = DiscountRule(tariff=tariff, **d)
        try:
            rule.full_clean()
        except ValidationError as exc:
            _raise(exc)
        rule.save()
    return tariff


@transaction.atomic
def tariff_end(*, tariff: Tariff, last_day: date) -> Tariff:
    """End a tariff's validity on ``last_day`` (a new tariff may then start the day after)."""
    tariff.valid_until = last_day
    try:
        tariff.full_clean()
    except ValidationError as exc:
        _raise(exc)
    tariff.save(update_fields=["valid_until", "updated_at"])
    return tariff
