"""E-mails of billing, rendered by ``core.mail`` in the reader's language."""

from __future__ import annotations

from coopconnect.billing.models import Reminder
from coopconnect.core import mail


def send_reminder(reminder: Reminder) -> bool:
    """Remind the buyer of an overdue invoice; return False when the invoice has no address.

    A person buying for themself reads it in their language; an organisation in the site's (French).
    """
    invoice = reminder.invoice
    if not invoice.buyer_email:
        return False
    person = invoice.buyer_person if invoice.buyer_organisation_id is None else None
    mail.send(
        to=[invoice.buyer_email],
        template="billing/mail/reminder",
        context={"invoice": invoice, "issuer": invoice.issuer, "due": reminder.outstanding},
        lang=(getattr(person, "language", "") or None) if person is not None else None,
    )
    return True
