"""One try of a delivery: claim it, sign it, POST it, log it, schedule the next try or give up.

Run by ``tasks.deliver_webhook`` only. The POST happens outside any transaction (a slow receiver
must not hold a database lock); the claim beforehand is a conditional UPDATE, so two workers, or a
replay racing a retry, never send the same delivery at once.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from coopconnect.webhooks import signing, transport
from coopconnect.webhooks.models import Attempt, Delivery, DeliveryStatus, Endpoint

CLAIMABLE = (DeliveryStatus.PENDING, DeliveryStatus.RETRYING)


def max_attempts() -> int:
    return int(getattr(settings, "WEBHOOKS_MAX_ATTEMPTS", 6))


def disable_after() -> int:
    return int(getattr(settings, "WEBHOOKS_DISABLE_AFTER", 20))


def backoff(number: int) -> dt.timedelta:
    """Return the wait after the ``number``-th failed try: base, x4 each time (1, 4, 16, 64, 256 min)."""
    base = int(getattr(settings, "WEBHOOKS_RETRY_BASE_SECONDS", 60))
    return dt.timedelta(seconds=base * 4 ** (number - 1))


@dataclass(frozen=True)
class AttemptResult:
    """What the task must do next: try again at ``retry_at``, tell the owner the endpoint is off."""

    endpoint_id: int
    attempt: Attempt | None = None
    retry_at: dt.datetime | None = None
    endpoint_disabled: bool = False


def delivery_attempt(*, delivery_id: int) -> AttemptResult:
    """Try once to deliver; record the attempt and say whether and when to try again."""
    claimed = Delivery.objects.filter(pk=delivery_id, status__in=CLAIMABLE).update(
        status=DeliveryStatus.SENDING
    )
    delivery = Delivery.objects.select_related("endpoint").filter(pk=delivery_id).first()
    if delivery is None:
        return AttemptResult(endpoint_id=0)
    endpoint = delivery.endpoint
    if not claimed:
        return AttemptResult(endpoint_id=endpoint.pk)
    if not endpoint.is_active:
        Delivery.objects.filter(pk=delivery.pk).update(status=DeliveryStatus.FAILED, next_attempt_at=None)
        return AttemptResult(endpoint_id=endpoint.pk)
    at = timezone.now()
    headers = signing.signed_headers(
        secret=endpoint.secret, msg_id=delivery.msg_id, at=at, body=delivery.body
    )
    outcome = transport.post(
        endpoint.url,
        body=delivery.body.encode(),
        headers=headers,
        timeout=float(getattr(settings, "WEBHOOKS_TIMEOUT_SECONDS", 10)),
    )
    return _record(delivery=delivery, endpoint=endpoint, at=at, outcome=outcome)


@transaction.atomic
def _record(
    *, delivery: Delivery, endpoint: Endpoint, at: dt.datetime, outcome: transport.Outcome
) -> AttemptResult:
    number = delivery.attempts + 1
    attempt = Attempt.objects.create(
        delivery=delivery,
        number=number,
        at=at,
        ok=outcome.ok,
        response_code=outcome.status,
        duration_ms=outcome.duration_ms,
        error=outcome.error,
    )
    if outcome.ok:
        Delivery.objects.filter(pk=delivery.pk).update(
            status=DeliveryStatus.SUCCEEDED, attempts=number, next_attempt_at=None
        )
        Endpoint.objects.filter(pk=endpoint.pk).update(consecutive_failures=0)
        return AttemptResult(endpoint_id=endpoint.pk, attempt=attempt)
    Endpoint.objects.filter(pk=endpoint.pk).update(consecutive_failures=F("consecutive_failures") + 1)
    failures = Endpoint.objects.values_list("consecutive_failures", flat=True).get(pk=endpoint.pk)
    disabled = False
    if failures >= disable_after():
        # Conditional: of two failures crossing the line together, one switches off and mails.
        disabled = bool(
            Endpoint.objects.filter(pk=endpoint.pk, is_active=True).update(
                is_active=False,
                disabled_at=at,
                disabled_reason=f"{failures} échecs consécutifs",
            )
        )
    still_active = Endpoint.objects.filter(pk=endpoint.pk, is_active=True).exists()
    retry_at = None
    if still_active and number - delivery.round_base < max_attempts():
        retry_at = at + backoff(number - delivery.round_base)
    Delivery.objects.filter(pk=delivery.pk).update(
        status=DeliveryStatus.RETRYING if retry_at else DeliveryStatus.FAILED,
        attempts=number,
        next_attempt_at=retry_at,
    )
    return AttemptResult(
        endpoint_id=endpoint.pk, attempt=attempt, retry_at=retry_at, endpoint_disabled=disabled
    )
