"""Billing's e-mails: text and HTML parts, in the buyer's language."""

import time_machine
from django.core import mail

from coopconnect.billing.models import Invoice
from coopconnect.billing.services.invoicing.run import run_invoicing
from coopconnect.billing.services.payments import send_reminders
from coopconnect.billing.tests.test_invoicing import NOV


def test_reminder_has_text_and_html_parts_in_the_buyers_language(november, member):
    member.language = "en"
    member.save(update_fields=["language"])
    with time_machine.travel("2026-12-01 06:00 +0100", tick=False):
        run_invoicing(month=NOV)
    own = Invoice.objects.get(buyer_person=member, buyer_organisation=None, issuer__place__isnull=False)
    with time_machine.travel("2027-01-01 09:00 +0100", tick=False):  # due 31/12 (30 days): 1 day late
        send_reminders()
    sent = [m for m in mail.outbox if own.number in m.subject]
    assert len(sent) == 1
    message = sent[0]
    assert message.to == [member.email]
    # 40 € HT + 20 % VAT = 48 € TTC still due, written the English way.
    assert message.subject == f"Reminder: invoice {own.number} is overdue"
    assert "Hello," in message.body and "still has €48 to pay" in message.body
    assert "Thank you for your payment." in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and "Thank you for your payment." in html
