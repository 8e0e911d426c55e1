"""Account mails: a text and an HTML part, in the language the person chose."""

import pytest
from django.db import transaction
from django.urls import reverse

from coopconnect.accounts import services
from coopconnect.accounts.models import User


def test_verification_mail_has_text_and_html_parts_in_english(
    db, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.user_register(
            email="nina@example.org",
            password="un-mot-de-passe-solide",
            first_name="Nina",
            language="en",
        )
    [message] = mailoutbox
    assert message.subject == "Verify your e-mail address — Coop-connect"
    assert message.body.startswith("Hello Nina,\n\n")
    assert "The link is valid for 7 days." in message.body
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    assert '<html lang="en">' in html
    assert "Hello Nina," in html
    assert '<a href="http' in html  # the verification link is clickable


def test_password_reset_mail_has_an_html_part_too(client, member, mailoutbox):
    member.language = "en"
    member.save(update_fields=["language"])
    client.post(reverse("accounts:password_reset"), {"email": member.email})
    [message] = mailoutbox
    assert message.subject == "Reset your password — Coop-connect"
    assert "/compte/mot-de-passe/" in message.body
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html" and '<html lang="en">' in html


def test_a_rolled_back_registration_mails_nobody(db, mailoutbox, django_capture_on_commit_callbacks):
    # The verification mail is queued after the commit: a write undone sends nothing.
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError):
        with transaction.atomic():
            services.user_register(
                email="nina@example.org", password="un-mot-de-passe-solide", first_name="Nina"
            )
            raise RuntimeError
    assert mailoutbox == []
    assert not User.objects.filter(email="nina@example.org").exists()
