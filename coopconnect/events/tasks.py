"""Background tasks of the events app (django.tasks): each only calls a notification service."""

from __future__ import annotations

from typing import Any

from django.tasks import task


@task
def send_registration_email(registration_id: int, kind: str, before: dict[str, Any] | None = None) -> None:
    """Mail one person about their registration (confirmed, waitlisted, promoted, event cancelled or
    changed; ``before`` holds a changed event's former time and place)."""
    from coopconnect.events.notifications import send_registration_email as send

    send(registration_id=registration_id, kind=kind, before=before)


@task
def send_theme_announcements(event_id: int) -> None:
    """Mail the people following one of the themes of a newly published event."""
    from coopconnect.events.notifications import send_theme_announcements as send

    send(event_id=event_id)
