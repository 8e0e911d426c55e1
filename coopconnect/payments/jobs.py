"""Scheduled work of the payments app: each job only runs a service."""

from __future__ import annotations

from coopconnect.payments.services.collections import collections_settle_due


def settle_direct_debits() -> int:
    """Record as paid the debits whose date has come (daily)."""
    return collections_settle_due()
