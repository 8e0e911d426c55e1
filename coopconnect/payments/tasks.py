"""Mails the payments services queue (django.tasks): each task only calls ``payments.mails``."""

from __future__ import annotations

from django.tasks import task

from coopconnect.payments import mails


@task
def send_prenotification(collection_id: int, mandate_id: int) -> None:
    """Tell a debtor the amount and date of the coming direct debit."""
    mails.send_prenotification(collection_id=collection_id, mandate_id=mandate_id)


@task
def send_return_notice(debit_id: int) -> None:
    """Tell the issuer's hosts that a direct debit came back unpaid."""
    mails.send_return_notice(debit_id=debit_id)
