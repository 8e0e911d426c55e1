"""Writes of the forums: topics, replies, moderation, reports, following."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coopconnect.core.errors import Conflict, DomainError, PermissionDenied
from coopconnect.core.queue import after_commit
from coopconnect.forums import tasks
from coopconnect.forums.models import Forum, Post, Report, Topic
from coopconnect.forums.permissions import EDIT_WINDOW, can_moderate_forum, can_read_forum

TITLE_MAX = 160
BODY_MAX = 10000


def forum_for(*, network: Any = None, place: Any = None) -> Forum:
    """Return the forum of a network or of a place, creating it on first use."""
    if (network is None) == (place is None):
        raise ValueError("forum_for takes a network or a place")
    forum, _created = Forum.objects.get_or_create(network=network, place=place)
    return forum


def _clean_text(value: str, field: str, *, max_length: int, errors: dict[str, list[str]]) -> str:
    value = (value or "").replace("\x00", "").strip()
    if not value:
        errors[field] = [_("Ce champ est obligatoire.")]
    elif len(value) > max_length:
        errors[field] = [_("%(n)s caractères au plus.") % {"n": max_length}]
    return value


def _check_member(user: Any, forum: Forum) -> None:
    if not can_read_forum(user, forum):
        raise PermissionDenied(_("Ce forum est réservé aux membres du réseau ou du lieu."))


@transaction.atomic
def topic_create(*, forum: Forum, author: Any, title: str, body: str) -> Topic:
    """Open a topic with its first message; the author follows it."""
    _check_member(author, forum)
    errors: dict[str, list[str]] = {}
    title = _clean_text(title, "title", max_length=TITLE_MAX, errors=errors)
    body = _clean_text(body, "body", max_length=BODY_MAX, errors=errors)
    if errors:
        raise DomainError(_("Le sujet n'a pas été créé : corrigez les champs signalés."), errors)
    now = timezone.now()
    topic = Topic.objects.create(forum=forum, author=author, title=title, created_at=now, last_post_at=now)
    Post.objects.create(topic=topic, author=author, body=body, created_at=now)
    topic.followers.add(author)
    return topic


@transaction.atomic
def post_create(*, topic: Topic, author: Any, body: str) -> Post:
    """Reply to a topic (refused when it is locked, except to moderators); followers get an e-mail."""
    _check_member(author, topic.forum)
    # The topic row is locked so that a reply cannot slip in after a moderator locked it.
    topic = Topic.objects.select_for_update().select_related("forum").get(pk=topic.pk)
    if topic.locked and not can_moderate_forum(author, topic.forum):
        raise Conflict(_("Ce sujet est verrouillé : on ne peut plus y répondre."))
    errors: dict[str, list[str]] = {}
    body = _clean_text(body, "body", max_length=BODY_MAX, errors=errors)
    if errors:
        raise DomainError(_("La réponse n'a pas été publiée : corrigez les champs signalés."), errors)
    now = timezone.now()
    post = Post.objects.create(topic=topic, author=author, body=body, created_at=now)
    Topic.objects.filter(pk=topic.pk).update(last_post_at=now)
    topic.followers.add(author)
    after_commit(tasks.send_reply_emails, post.pk)
    return post


def _check_moderator(user: Any, forum: Forum) -> None:
    if not can_moderate_forum(user, forum):
        raise PermissionDenied(_("Seuls les hôtes et les coordinateurs modèrent ce forum."))


@transaction.atomic
def topic_moderate(*, topic: Topic, by: Any, pinned: bool | None = None, locked: bool | None = None) -> Topic:
    """Pin or unpin, lock or unlock a topic."""
    _check_moderator(by, topic.forum)
    if pinned is not None:
        topic.pinned = pinned
    if locked is not None:
        topic.locked = locked
    topic.save(update_fields=["pinned", "locked"])
    return topic


@transaction.atomic
def post_hide(*, post: Post, by: Any, reason: str) -> Post:
    """Hide a post from members, with a reason shown in its place; its reports are resolved."""
    _check_moderator(by, post.topic.forum)
    errors: dict[str, list[str]] = {}
    reason = _clean_text(reason, "reason", max_length=300, errors=errors)
    if errors:
        raise DomainError(_("Indiquez pourquoi ce message est masqué."), errors)
    now = timezone.now()
    post.hidden_at, post.hidden_by, post.hidden_reason = now, by, reason
    post.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])
    post.reports.filter(resolved_at__isnull=True).update(resolved_at=now)
    return post


@transaction.atomic
def post_unhide(*, post: Post, by: Any) -> Post:
    """Show a hidden post again."""
    _check_moderator(by, post.topic.forum)
    post.hidden_at, post.hidden_by, post.hidden_reason = None, None, ""
    post.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])
    return post


def post_report(*, post: Post, reporter: Any, reason: str) -> Report:
    """Report a post to the moderators (once per person and post)."""
    _check_member(reporter, post.topic.forum)
    errors: dict[str, list[str]] = {}
    reason = _clean_text(reason, "reason", max_length=500, errors=errors)
    if errors:
        raise DomainError(_("Indiquez ce qui pose problème dans ce message."), errors)
    if Post.objects.filter(pk=post.pk, deleted_at__isnull=False).exists():
        raise Conflict(_("Ce message a été supprimé par son auteur."))
    with transaction.atomic():
        try:
            with transaction.atomic():
                report = Report.objects.create(post=post, reporter=reporter, reason=reason)
        except IntegrityError as exc:
            raise Conflict(_("Vous avez déjà signalé ce message.")) from exc
        # The moderators get one e-mail per post, at its first report: the conditional update
        # lets exactly one of two simultaneous first reports through.
        first = Post.objects.filter(pk=post.pk, moderators_alerted_at__isnull=True).update(
            moderators_alerted_at=timezone.now()
        )
        if first:
            after_commit(tasks.send_report_email, report.pk)
    return report


@transaction.atomic
def post_edit(*, post: Post, by: Any, body: str, now: dt.datetime | None = None) -> Post:
    """Correct one's own post within 24 hours of writing it (the page shows « modifié »)."""
    now = now or timezone.now()
    post = Post.objects.select_for_update().select_related("topic", "topic__forum").get(pk=post.pk)
    if by.pk != post.author_id:
        raise PermissionDenied(_("Seul l'auteur d'un message peut le modifier."))
    _check_member(by, post.topic.forum)
    if post.deleted_at is not None or post.hidden_at is not None:
        raise Conflict(_("Ce message n'est plus affiché : il ne peut plus être modifié."))
    if post.topic.locked:
        raise Conflict(_("Ce sujet est verrouillé : ses messages ne peuvent plus être modifiés."))
    if now - post.created_at > EDIT_WINDOW:
        raise Conflict(_("Un message se modifie dans les 24 heures qui suivent sa publication."))
    errors: dict[str, list[str]] = {}
    body = _clean_text(body, "body", max_length=BODY_MAX, errors=errors)
    if errors:
        raise DomainError(_("Le message n'a pas été modifié : corrigez les champs signalés."), errors)
    if body != post.body:
        post.body, post.edited_at = body, now
        post.save(update_fields=["body", "edited_at"])
    return post


@transaction.atomic
def post_delete(*, post: Post, by: Any, now: dt.datetime | None = None) -> Post:
    """Delete one's own post: it stays in place as « message supprimé par son auteur » so the
    replies keep their sense; its text is kept for the moderators (reports), shown to nobody else."""
    post = Post.objects.select_for_update().select_related("topic", "topic__forum").get(pk=post.pk)
    if by.pk != post.author_id:
        raise PermissionDenied(_("Seul l'auteur d'un message peut le supprimer."))
    _check_member(by, post.topic.forum)
    if post.deleted_at is not None:
        raise Conflict(_("Ce message est déjà supprimé."))
    post.deleted_at = now or timezone.now()
    post.save(update_fields=["deleted_at"])
    return post


@transaction.atomic
def topic_follow(*, topic: Topic, person: Any, follow: bool) -> None:
    """Follow a topic (an e-mail for each reply) or stop following it."""
    _check_member(person, topic.forum)
    if follow:
        topic.followers.add(person)
    else:
        topic.followers.remove(person)


@transaction.atomic
def anonymise_person(*, person: Any) -> None:
    """Unfollow every topic; posts stay in their conversations under the erased account's placeholder."""
    person.followed_topics.clear()
