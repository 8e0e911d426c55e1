"""Missions board e-mails: a text and an HTML part, in the reader's own language."""

import pytest
from django.core import mail

from coopconnect.missions.services import mission_create, mission_respond

pytestmark = pytest.mark.django_db


def test_response_mail_has_text_and_html_parts_in_english(
    network, member, host, belongs, django_capture_on_commit_callbacks
):
    member.language = "en"
    member.save(update_fields=["language"])
    mission = mission_create(
        poster=member,
        network=network,
        title="Site web",
        description="Refaire le site.",
        skills=[],
        remote=True,
    )
    with django_capture_on_commit_callbacks(execute=True):
        mission_respond(mission=mission, author=host, message="Je connais un développeur.")
    (message,) = mail.outbox
    assert message.subject == "Answer to your mission: Site web"
    assert " answered your mission:" in message.body and "Je connais un développeur." in message.body
    assert f"/communaute/missions/{mission.pk}/reponses/" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert 'lang="en"' in html and "Je connais un développeur." in html
