"""Forum e-mails: a text and an HTML part, in the reader's own language."""

import pytest
from django.core import mail

from coopconnect.forums.services import post_create, topic_create

pytestmark = pytest.mark.django_db


def test_reply_mail_has_text_and_html_parts_in_english(
    forum, member, second_member, django_capture_on_commit_callbacks
):
    member.language = "en"
    member.save(update_fields=["language"])
    topic = topic_create(forum=forum, author=member, title="Fibre à Pertuis", body="Des nouvelles ?")
    with django_capture_on_commit_callbacks(execute=True):
        post_create(topic=topic, author=second_member, body="Raccordement en mars.")
    (message,) = mail.outbox
    assert message.subject == "New reply: Fibre à Pertuis"
    assert "Paul D. replied to the topic “Fibre à Pertuis”:" in message.body
    assert f"/communaute/sujets/{topic.pk}/" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert 'lang="en"' in html and "Raccordement en mars." in html
