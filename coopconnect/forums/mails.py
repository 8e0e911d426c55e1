"""E-mails of the forums, in each recipient's language (templates in ``forums/mail/``)."""

from __future__ import annotations

from django.urls import reverse

from coopconnect.core import mail
from coopconnect.forums.models import Post, Report
from coopconnect.forums.permissions import forum_moderators


def post_url(post: Post) -> str:
    """Return the public URL of a post, on its topic's page."""
    return mail.absolute_url(reverse("forums:topic", kwargs={"pk": post.topic_id})) + f"#message-{post.pk}"


def send_reply_emails(*, post_id: int) -> int:
    """E-mail every follower of the topic but the author; return how many were sent."""
    post = (
        Post.objects.select_related("topic", "author")
        .filter(pk=post_id, hidden_at__isnull=True, deleted_at__isnull=True)
        .first()
    )
    if post is None:
        return 0
    sent = 0
    context = {"post": post, "topic": post.topic, "url": post_url(post)}
    for person in post.topic.followers.exclude(pk=post.author_id).filter(is_active=True):
        sent += mail.send_to_person(person=person, template="forums/mail/reply", context=context)
    return sent


def send_report_email(*, report_id: int) -> int:
    """Tell the forum's moderators (hosts, coordinators) that a post was reported; return how many
    were sent. Only the first report of a post triggers it (see services.post_report)."""
    report = (
        Report.objects.select_related("post", "post__topic", "post__topic__forum", "post__author", "reporter")
        .filter(pk=report_id)
        .first()
    )
    if report is None:
        return 0
    post = report.post
    context = {
        "report": report,
        "post": post,
        "topic": post.topic,
        "url": post_url(post),
    }
    sent = 0
    for person in forum_moderators(post.topic.forum):
        sent += mail.send_to_person(person=person, template="forums/mail/report", context=context)
    return sent
