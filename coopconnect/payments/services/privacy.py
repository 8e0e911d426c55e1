"""A person's erasure, for the payments app: their live mandates end, the records stay.

A creditor keeps a mandate and the debits made under it as proof (the SEPA rulebook: at least
14 months after the last debit), so erasure revokes the person's live mandates instead of deleting
them; nothing is collected from the account afterwards.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from coopconnect.payments.models import Mandate


def anonymise_person(*, person: Any) -> None:
    """Revoke the person's live mandates."""
    Mandate.objects.filter(person=person, revoked_on__isnull=True).update(revoked_on=timezone.localdate())
