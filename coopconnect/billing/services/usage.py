"""Metered services: member codes, and usage recorded by a host or posted by a machine."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coopconnect.billing.models import BillingProfile, UsageRecord
from coopconnect.core.errors import Conflict, DomainError
from coopconnect.webhooks.services import emit

CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # no 0/O, 1/I: typed on copier keypads
CODE_LENGTH = 8
MAX_QUANTITY = Decimal("100000")


def member_code_for(person: Any) -> str:
    """Return the person's member code, creating their billing profile on first use."""
    profile = BillingProfile.objects.filter(person=person).first()
    if profile is not None:
        return profile.member_code
    for _attempt in range(10):
        code = "".join(secrets.choice(CODE_ALPHABET) for _i in range(CODE_LENGTH))
        try:
            with transaction.atomic():
                return BillingProfile.objects.create(person=person, member_code=code).member_code
        except IntegrityError:
            existing = BillingProfile.objects.filter(person=person).first()
            if existing is not None:
                return existing.member_code
    raise RuntimeError("could not draw a unique member code")


def person_for_code(code: str) -> Any:
    profile = BillingProfile.objects.select_related("person").filter(member_code=code.strip().upper()).first()
    if profile is None:
        raise DomainError(
            _("Code membre inconnu."), {"member_code": [f"Aucun membre n'a le code « {code} »."]}
        )
    return profile.person


@transaction.atomic
def usage_record(
    *,
    place: Any,
    service_code: str,
    quantity: Decimal | int | str,
    at: datetime | None = None,
    person: Any = None,
    member_code: str = "",
    recorded_by: Any = None,
    source: str = "host",
    external_id: str = "",
) -> UsageRecord:
    """Record ``quantity`` of a service used at a place by a person (or by the holder of ``member_code``)."""
    errors: dict[str, list[str]] = {}
    try:
        qty = Decimal(str(quantity))
    except (InvalidOperation, ValueError):
        qty = Decimal("-1")
    if qty <= 0 or qty > MAX_QUANTITY:
        errors["quantity"] = [_("La quantité doit être un nombre positif (100 000 au plus).")]
    code = (service_code or "").strip().lower()
    if not code or not code.replace("-", "").replace("_", "").isalnum() or len(code) > 40:
        errors["service_code"] = [_("Code de service invalide (ex. « print », « coffee »).")]
    when = at or timezone.now()
    if timezone.is_naive(when):
        errors["at"] = [_("La date doit préciser le fuseau horaire.")]
    elif when > timezone.now() + timedelta(minutes=5):
        errors["at"] = [_("Une consommation ne peut pas être datée dans le futur.")]
    if errors:
        raise DomainError(next(iter(errors.values()))[0], errors)
    if person is None:
        person = person_for_code(member_code)
    if external_id and UsageRecord.objects.filter(place=place, external_id=external_id).exists():
        raise Conflict(_("Cette consommation a déjà été enregistrée."), {"external_id": [_("Déjà reçu.")]})
    record = UsageRecord.objects.create(
        place=place,
        person=person,
        service_code=code,
        quantity=qty,
        at=when,
        source=source,
        recorded_by=recorded_by,
        external_id=external_id[:80],
    )
    emit("usage.recorded", place=place, payload=record)
    return record


@dataclass(frozen=True)
class Quota:
    used: Decimal
    included: Decimal

    @property
    def remaining(self) -> Decimal:
        return max(self.included - self.used, Decimal("0"))


def month_quota(*, person: Any, place: Any, service_code: str, at: datetime) -> Quota:
    """Return how much of a service the person used this month at the place, against their included quota."""
    from django.db.models import Q, Sum

    from coopconnect.billing import selectors
    from coopconnect.billing.pricing.months import PARIS, month_bounds

    local = timezone.localtime(at)
    first, last = month_bounds(local.date())
    start = datetime.combine(first, time(0), tzinfo=PARIS)
    end = datetime.combine(last + timedelta(days=1), time(0), tzinfo=PARIS)
    used = UsageRecord.objects.filter(
        person=person, place=place, service_code=service_code, at__gte=start, at__lt=end
    ).aggregate(s=Sum("quantity"))["s"] or Decimal("0")
    network_ids = set(place.networks.values_list("pk", flat=True))
    included = Decimal("0")
    subs = selectors.subscriptions_overlapping(person, first, last).filter(
        Q(tariff__place=place) | Q(tariff__network_id__in=network_ids)
    )
    for sub in subs:
        for allowance in sub.tariff.allowances.all():
            if allowance.service_code == service_code:
                included += allowance.quantity
    return Quota(used=used, included=included)
