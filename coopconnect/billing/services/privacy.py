"""A person's erasure, as far as billing holds personal data: invoices are kept, the rest goes."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from coopconnect.accounts.models import User
from coopconnect.billing.models import BillingProfile, Subscription, SubscriptionStatus
from coopconnect.billing.services.subscriptions import commitment_end, end_subscription


@transaction.atomic
def anonymise_person(*, person: User) -> None:
    """Delete the person's billing profile (invoice address, member code) and end their subscriptions.

    Issued invoices, their lines and payments stay untouched: they are accounting records kept ten
    years, with the buyer's identity copied at issue. A subscription ends today, or at the end of
    its minimum commitment, which the erasure does not cancel.
    """
    today = timezone.localdate()
    BillingProfile.objects.filter(person=person).delete()
    running = Subscription.objects.filter(person=person).exclude(status=SubscriptionStatus.ENDED)
    for subscription in running.filter(Q(end__isnull=True) | Q(end__gt=today)):
        last_day = max(today, commitment_end(subscription), subscription.start)
        if subscription.end is None or subscription.end > last_day:
            end_subscription(subscription=subscription, last_day=last_day)
