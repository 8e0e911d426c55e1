"""Event mails: a text and an HTML part, in the person's language, with the .ics joined."""

from django.core import mail

from coopconnect.events.services.registrations import registration_create
from coopconnect.events.services.themes import themes_follow, themes_from_names
from coopconnect.events.tests.conftest import NOW


def test_registration_mail_has_text_and_html_parts_in_english(
    make_event, people, immediate_tasks, django_capture_on_commit_callbacks
):
    english = people[0]
    english.language = "en"
    english.save(update_fields=["language"])
    event = make_event()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        registration_create(event=event, person=english, now=NOW)
    [message] = mail.outbox
    assert message.subject == "Registration confirmed — Club des indépendants : prospection"
    assert message.body.startswith("Hello Inde1,\n\nRegistration confirmed :\n")
    assert "  16/03/2027 09:30 – 12:00\n" in message.body  # Paris time, the event's own day
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    assert '<html lang="en">' in html
    assert "Hello Inde1," in html
    assert [a[0] for a in message.attachments] == ["evenement.ics"]


def test_waitlist_mail_has_no_calendar_and_theme_mail_links_the_settings(
    make_event, people, host, immediate_tasks, django_capture_on_commit_callbacks
):
    event = make_event(capacity=1)
    registration_create(event=event, person=people[0], now=NOW)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        registration_create(event=event, person=people[1], now=NOW)
    [waiting] = mail.outbox
    assert waiting.subject.startswith("Vous êtes sur la liste d'attente — ")
    assert waiting.attachments == []
    theme = themes_from_names(["Juridique"])[0]
    themes_follow(person=people[2], theme_ids=[theme.pk])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        make_event(title="Atelier juridique", themes=["Juridique"])
    [announcement] = mail.outbox
    assert announcement.subject == "Nouvel événement sur un thème que vous suivez : Atelier juridique"
    assert "Un événement vient d'être publié sur Juridique :" in announcement.body
    assert announcement.body.rstrip().endswith("/evenements/themes/")
