"""E-mails of the knowledge swap, in each recipient's language (templates in ``skills/mail/``).

A contact e-mail never carries the other person's address until the person contacted has answered.
"""

from __future__ import annotations

from django.urls import reverse

from coopconnect.core import mail
from coopconnect.skills.models import ContactRequest


def send_contact_email(*, contact_id: int) -> bool:
    """Forward a contact message to the person contacted, without the sender's address."""
    contact = ContactRequest.objects.select_related("sender", "recipient").filter(pk=contact_id).first()
    if contact is None:
        return False
    url = mail.absolute_url(reverse("skills:message", kwargs={"pk": contact.pk}))
    return mail.send_to_person(
        person=contact.recipient, template="skills/mail/contact", context={"contact": contact, "url": url}
    )


def send_contact_answer_email(*, contact_id: int) -> bool:
    """Send the answer to the first writer; replying to this e-mail reaches the person who answered."""
    contact = ContactRequest.objects.select_related("sender", "recipient").filter(pk=contact_id).first()
    if contact is None or contact.answered_at is None:
        return False
    return mail.send_to_person(
        person=contact.sender,
        template="skills/mail/contact_answer",
        context={"contact": contact},
        reply_to=[contact.recipient.email],
    )
