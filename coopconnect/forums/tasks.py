"""Background tasks of the forums (django.tasks): each only calls a function of ``mails``."""

from __future__ import annotations

from django.tasks import task

from coopconnect.forums import mails


@task
def send_reply_emails(post_id: int) -> int:
    """E-mail the followers of a topic about a new reply."""
    return mails.send_reply_emails(post_id=post_id)


@task
def send_report_email(report_id: int) -> int:
    """Tell the forum's moderators about the first report of a post."""
    return mails.send_report_email(report_id=report_id)
