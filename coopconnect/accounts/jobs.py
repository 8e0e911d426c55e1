"""Scheduled runs of the accounts services (django.tasks), started by the management commands."""

from __future__ import annotations

from django.tasks import task

from coopconnect.accounts.privacy.services import expired_data_purge


@task
def purge_expired_data_job() -> dict[str, int]:
    """Delete personal data past its retention period (once a day); return the counts per kind."""
    return expired_data_purge()
