"""Background tasks of the events app (django.tasks): each only sends one of the app's mails."""

from __future__ import annotations

from typing import Any

from django.tasks import task

from coopconnect.events import mails


@task
def send_registration_email(registration_id: int, kind: str, before: dict[str, Any] | None = None) -> None:
    """Mail one person about their registration (confirmed, waitlisted, promoted, event cancelled or
    changed; ``before`` holds a changed event's former time and place)."""
    mails.send_registration_email(registration_id=registration_id, kind=kind, before=before)


@task
def send_theme_announcements(event_id: int) -> None:
    """Mail the people following one of the themes of a newly published event."""
    mails.send_theme_announcements(event_id=event_id)
