"""Background tasks of the bookings app (django.tasks): each only calls a service."""

from __future__ import annotations

from django.tasks import task


@task
def send_booking_email(booking_id: int, kind: str) -> None:
    """Send the e-mail about one booking (confirmed, changed, cancelled, reminder...)."""
    from coopconnect.bookings.notifications import send_booking_email as send

    send(booking_id=booking_id, kind=kind)


@task
def send_series_email(booking_ids: list[int]) -> None:
    """Send one e-mail confirming several bookings made together."""
    from coopconnect.bookings.notifications import send_series_email as send

    send(booking_ids=booking_ids)


@task
def send_hold_email(hold_id: int) -> None:
    """Tell the first person of a waitlist that a seat is kept for them."""
    from coopconnect.bookings.notifications import send_hold_email as send

    send(hold_id=hold_id)


@task
def release_no_shows_task() -> int:
    """Release no-shows and expire waitlist holds (schedule every few minutes)."""
    from coopconnect.bookings.checkin import release_no_shows
    from coopconnect.bookings.waitlist import holds_expire

    return release_no_shows() + holds_expire()
