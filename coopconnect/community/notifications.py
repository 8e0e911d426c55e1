"""E-mails of the community app, in each recipient's language, queued after commit.

Services call ``notify_*``; the e-mail goes out from a background task once the transaction commits,
so a rolled-back write never sends a mail. Contact e-mails never carry the other person's address
until the person contacted has answered.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _


def notify_reply(post: Any) -> None:
    from coopconnect.community.tasks import send_reply_emails

    transaction.on_commit(partial(send_reply_emails.enqueue, post.pk))


def notify_report(report: Any) -> None:
    from coopconnect.community.tasks import send_report_email

    transaction.on_commit(partial(send_report_email.enqueue, report.pk))


def notify_contact(contact: Any) -> None:
    from coopconnect.community.tasks import send_contact_email

    transaction.on_commit(partial(send_contact_email.enqueue, contact.pk))


def notify_contact_answer(contact: Any) -> None:
    from coopconnect.community.tasks import send_contact_answer_email

    transaction.on_commit(partial(send_contact_answer_email.enqueue, contact.pk))


def notify_new_mission(mission: Any) -> None:
    from coopconnect.community.tasks import send_mission_match_emails

    transaction.on_commit(partial(send_mission_match_emails.enqueue, mission.pk))


def notify_mission_response(response: Any) -> None:
    from coopconnect.community.tasks import send_mission_response_email

    transaction.on_commit(partial(send_mission_response_email.enqueue, response.pk))


def display_name(person: Any) -> str:
    """Return how a person is shown to others: first name and initial, never the e-mail address."""
    first = (person.first_name or "").strip()
    last = (person.last_name or "").strip()
    if not first:
        return _("Membre n° %(n)s") % {"n": person.pk}
    return f"{first} {last[0]}." if last else first


def _hello(person: Any) -> str:
    return _("Bonjour %(name)s,") % {"name": person.first_name or display_name(person)}


def _url(name: str, **kwargs: Any) -> str:
    return settings.SITE_URL + reverse(name, kwargs=kwargs)


def send_reply_emails(*, post_id: int) -> int:
    """E-mail every follower of the topic but the author; return how many were sent."""
    from coopconnect.community.models import Post

    post = (
        Post.objects.select_related("topic", "author")
        .filter(pk=post_id, hidden_at__isnull=True, deleted_at__isnull=True)
        .first()
    )
    if post is None:
        return 0
    sent = 0
    for person in post.topic.followers.exclude(pk=post.author_id).filter(is_active=True):
        with translation.override(person.language or "fr"):
            subject = _("Nouvelle réponse : %(t)s") % {"t": post.topic.title}
            lines = [
                _hello(person),
                "",
                _("%(who)s a répondu au sujet « %(t)s » :")
                % {"who": display_name(post.author), "t": post.topic.title},
                "",
                post.body[:1500],
                "",
                _url("community:topic", pk=post.topic_id) + f"#message-{post.pk}",
                "",
                _("Vous suivez ce sujet : « Ne plus suivre », sur sa page, arrête ces messages."),
            ]
        EmailMessage(subject=subject, body="\n".join(lines), to=[person.email]).send()
        sent += 1
    return sent


def send_contact_email(*, contact_id: int) -> bool:
    """Forward a contact message to the person contacted, without the sender's address."""
    from coopconnect.community.models import ContactRequest

    contact = ContactRequest.objects.select_related("sender", "recipient").filter(pk=contact_id).first()
    if contact is None:
        return False
    person = contact.recipient
    with translation.override(person.language or "fr"):
        subject = _("Coop-connect : %(who)s vous écrit — %(s)s") % {
            "who": display_name(contact.sender),
            "s": contact.subject,
        }
        lines = [
            _hello(person),
            "",
            _("%(who)s a vu votre profil de compétences et vous écrit :")
            % {"who": display_name(contact.sender)},
            "",
            contact.body,
            "",
            _("Pour répondre, passez par la plateforme : votre adresse ne sera transmise qu'à ce moment-là."),
            _url("community:message", pk=contact.pk),
        ]
    EmailMessage(subject=subject, body="\n".join(lines), to=[person.email]).send()
    return True


def send_contact_answer_email(*, contact_id: int) -> bool:
    """Send the answer to the first writer; replying to this e-mail reaches the person who answered."""
    from coopconnect.community.models import ContactRequest

    contact = ContactRequest.objects.select_related("sender", "recipient").filter(pk=contact_id).first()
    if contact is None or contact.answered_at is None:
        return False
    person = contact.sender
    with translation.override(person.language or "fr"):
        subject = _("Réponse de %(who)s : %(s)s") % {
            "who": display_name(contact.recipient),
            "s": contact.subject,
        }
        lines = [
            _hello(person),
            "",
            _("%(who)s vous a répondu :") % {"who": display_name(contact.recipient)},
            "",
            contact.answer,
            "",
            _("Vous pouvez maintenant lui écrire directement : %(email)s")
            % {"email": contact.recipient.email},
        ]
    EmailMessage(
        subject=subject, body="\n".join(lines), to=[person.email], reply_to=[contact.recipient.email]
    ).send()
    return True


def send_mission_match_emails(*, mission_id: int) -> int:
    """E-mail the members of the mission's network whose skills match; return how many were sent."""
    from coopconnect.community.models import Mission
    from coopconnect.community.selectors import profiles_matching_mission

    mission = Mission.objects.select_related("network").filter(pk=mission_id).first()
    if mission is None or not mission.is_on_board():
        return 0
    sent = 0
    for profile in profiles_matching_mission(mission):
        person = profile.person
        with translation.override(person.language or "fr"):
            subject = _("Nouvelle mission pour vos compétences : %(t)s") % {"t": mission.title}
            lines = [
                _hello(person),
                "",
                _("Une mission publiée sur la bourse d'échanges de %(n)s correspond à vos compétences :")
                % {"n": mission.network.name},
                "",
                mission.title,
                ", ".join(s.label for s in mission.skills.all()),
                "",
                _url("community:mission", pk=mission.pk),
            ]
        EmailMessage(subject=subject, body="\n".join(lines), to=[person.email]).send()
        sent += 1
    return sent


def send_mission_response_email(*, response_id: int) -> bool:
    """Tell the poster of the mission that someone answered."""
    from coopconnect.community.models import MissionResponse

    response = (
        MissionResponse.objects.select_related("mission", "mission__posted_by", "author")
        .filter(pk=response_id)
        .first()
    )
    if response is None:
        return False
    person = response.mission.posted_by
    with translation.override(person.language or "fr"):
        subject = _("Réponse à votre mission : %(t)s") % {"t": response.mission.title}
        lines = [
            _hello(person),
            "",
            _("%(who)s a répondu à votre mission :") % {"who": display_name(response.author)},
            "",
            response.message[:1500],
            "",
            _url("community:mission_responses", pk=response.mission_id),
        ]
    EmailMessage(subject=subject, body="\n".join(lines), to=[person.email]).send()
    return True


def send_report_email(*, report_id: int) -> int:
    """Tell the forum's moderators (hosts, coordinators) that a post was reported; return how many
    were sent. Only the first report of a post triggers it (see services_forums.post_report)."""
    from coopconnect.community.access import forum_moderators
    from coopconnect.community.models import Report

    report = (
        Report.objects.select_related("post", "post__topic", "post__topic__forum", "post__author", "reporter")
        .filter(pk=report_id)
        .first()
    )
    if report is None:
        return 0
    post = report.post
    sent = 0
    for person in forum_moderators(post.topic.forum):
        with translation.override(person.language or "fr"):
            subject = _("Message signalé : %(t)s") % {"t": post.topic.title}
            lines = [
                _hello(person),
                "",
                _("%(who)s a signalé un message de %(author)s dans le sujet « %(t)s » :")
                % {
                    "who": display_name(report.reporter),
                    "author": display_name(post.author),
                    "t": post.topic.title,
                },
                "",
                _("Motif : %(r)s") % {"r": report.reason},
                "",
                post.body[:1500],
                "",
                _("Pour le masquer, ou le laisser visible :"),
                _url("community:topic", pk=post.topic_id) + f"#message-{post.pk}",
                "",
                _("Vous recevez cet e-mail une seule fois par message, au premier signalement."),
            ]
        EmailMessage(subject=subject, body="\n".join(lines), to=[person.email]).send()
        sent += 1
    return sent
