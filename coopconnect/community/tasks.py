"""Background tasks of the community app (django.tasks): each only calls a notification service."""

from __future__ import annotations

from django.tasks import task


@task
def send_reply_emails(post_id: int) -> int:
    """E-mail the followers of a topic about a new reply."""
    from coopconnect.community.notifications import send_reply_emails as send

    return send(post_id=post_id)


@task
def send_report_email(report_id: int) -> int:
    """Tell the forum's moderators about the first report of a post."""
    from coopconnect.community.notifications import send_report_email as send

    return send(report_id=report_id)


@task
def send_contact_email(contact_id: int) -> bool:
    """Forward a contact message to the person contacted (without the sender's address)."""
    from coopconnect.community.notifications import send_contact_email as send

    return send(contact_id=contact_id)


@task
def send_contact_answer_email(contact_id: int) -> bool:
    """Send the answer to the person who wrote first, with both addresses now shared."""
    from coopconnect.community.notifications import send_contact_answer_email as send

    return send(contact_id=contact_id)


@task
def send_mission_match_emails(mission_id: int) -> int:
    """Tell the people whose skills match a new mission."""
    from coopconnect.community.notifications import send_mission_match_emails as send

    return send(mission_id=mission_id)


@task
def send_mission_response_email(response_id: int) -> bool:
    """Tell the poster of a mission (and its organisation's admins) about an answer."""
    from coopconnect.community.notifications import send_mission_response_email as send

    return send(response_id=response_id)
