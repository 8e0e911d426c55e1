"""Mails the bookings services queue (django.tasks): each task only calls ``bookings.mails``."""

from __future__ import annotations

from django.tasks import task

from coopconnect.bookings import mails


@task
def send_booking_email(booking_id: int, kind: str) -> None:
    """Send the e-mail about one booking (confirmed, changed, cancelled, reminder...)."""
    mails.send_booking_email(booking_id=booking_id, kind=kind)


@task
def send_series_email(booking_ids: list[int]) -> None:
    """Send one e-mail confirming several bookings made together."""
    mails.send_series_email(booking_ids=booking_ids)


@task
def send_hold_email(hold_id: int) -> None:
    """Tell the first person of a waitlist that a seat is kept for them."""
    mails.send_hold_email(hold_id=hold_id)
