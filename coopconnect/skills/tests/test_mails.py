"""Knowledge swap e-mails: a text and an HTML part, in the reader's own language."""

import pytest
from django.core import mail

from coopconnect.skills.models import Visibility
from coopconnect.skills.services import contact_send, profile_save

pytestmark = pytest.mark.django_db


def test_contact_mail_has_text_and_html_parts_in_english(
    member, host, belongs, django_capture_on_commit_callbacks
):
    host.language = "en"
    host.save(update_fields=["language"])
    profile = profile_save(
        person=host, headline="Graphiste", skills=["graphisme"], visibility=Visibility.PUBLIC
    )
    with django_capture_on_commit_callbacks(execute=True):
        contact_send(sender=member, profile=profile, subject="Un logo", body="Pour notre association.")
    (message,) = mail.outbox
    assert message.subject.startswith("Coop-connect: ") and message.subject.endswith(
        " writes to you — Un logo"
    )
    assert "Pour notre association." in message.body and member.email not in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert 'lang="en"' in html and "Pour notre association." in html
