"""Background tasks of the missions board (django.tasks): each only calls a function of ``mails``."""

from __future__ import annotations

from django.tasks import task

from coopconnect.missions import mails


@task
def send_mission_match_emails(mission_id: int) -> int:
    """Tell the people whose skills match a new mission."""
    return mails.send_mission_match_emails(mission_id=mission_id)


@task
def send_mission_response_email(response_id: int) -> bool:
    """Tell the poster of a mission about an answer."""
    return mails.send_mission_response_email(response_id=response_id)
