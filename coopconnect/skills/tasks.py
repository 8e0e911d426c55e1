"""Background tasks of the knowledge swap (django.tasks): each only calls a function of ``mails``."""

from __future__ import annotations

from django.tasks import task

from coopconnect.skills import mails


@task
def send_contact_email(contact_id: int) -> bool:
    """Forward a contact message to the person contacted (without the sender's address)."""
    return mails.send_contact_email(contact_id=contact_id)


@task
def send_contact_answer_email(contact_id: int) -> bool:
    """Send the answer to the person who wrote first, with both addresses now shared."""
    return mails.send_contact_answer_email(contact_id=contact_id)
