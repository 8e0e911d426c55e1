"""Forums of the networks and the places: topics, posts, reports to the moderators."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

USER = settings.AUTH_USER_MODEL


class Forum(models.Model):
    """The discussion space of one network or of one place: only its members read and write there."""

    network = models.OneToOneField(
        "places.Network", on_delete=models.PROTECT, null=True, blank=True, related_name="forum"
    )
    place = models.OneToOneField(
        "places.Place", on_delete=models.PROTECT, null=True, blank=True, related_name="forum"
    )
    created_at = models.DateTimeField(_("créé le"), default=timezone.now)

    class Meta:
        # The table predates this app: it was created as part of the former community app.
        db_table = "community_forum"
        verbose_name = _("forum")
        constraints = [
            models.CheckConstraint(
                condition=Q(network__isnull=False, place__isnull=True)
                | Q(network__isnull=True, place__isnull=False),
                name="forum_of_network_or_place",
            )
        ]

    def __str__(self) -> str:
        return str(self.network or self.place)

    @property
    def owner(self) -> Any:
        """Return the network or the place of the forum."""
        return self.network or self.place


class Topic(models.Model):
    """A conversation in a forum; its first post is the opening message."""

    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="topics")
    author = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="forum_topics")
    title = models.CharField(_("titre"), max_length=160)
    pinned = models.BooleanField(_("épinglé"), default=False)
    locked = models.BooleanField(_("verrouillé"), default=False)
    created_at = models.DateTimeField(_("créé le"), default=timezone.now)
    last_post_at = models.DateTimeField(_("dernier message"), default=timezone.now)
    followers: models.ManyToManyField[Any, Any] = models.ManyToManyField(
        USER, blank=True, related_name="followed_topics"
    )

    class Meta:
        # The table predates this app: it was created as part of the former community app.
        db_table = "community_topic"
        verbose_name = _("sujet")
        ordering = ["-pinned", "-last_post_at", "-pk"]
        indexes = [models.Index(fields=["forum", "pinned", "last_post_at"], name="topic_forum_order_idx")]

    def __str__(self) -> str:
        return self.title


class Post(models.Model):
    """A message of a topic, in plain text (shown escaped, with line breaks and links)."""

    topic = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="posts")
    author = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="forum_posts")
    body = models.TextField(_("message"), max_length=10000)
    created_at = models.DateTimeField(_("écrit le"), default=timezone.now)
    hidden_at = models.DateTimeField(_("masqué le"), null=True, blank=True)
    hidden_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    hidden_reason = models.CharField(_("motif du masquage"), max_length=300, blank=True)
    edited_at = models.DateTimeField(_("modifié le"), null=True, blank=True)
    deleted_at = models.DateTimeField(_("supprimé par son auteur le"), null=True, blank=True)
    moderators_alerted_at = models.DateTimeField(
        _("modérateurs prévenus le"),
        null=True,
        blank=True,
        help_text=_("Date de l'e-mail aux modérateurs, envoyé au premier signalement seulement."),
    )

    class Meta:
        # The table predates this app: it was created as part of the former community app.
        db_table = "community_post"
        verbose_name = _("message")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.topic} #{self.pk}"


class Report(models.Model):
    """A member's report of a post to the moderators."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(_("motif"), max_length=500)
    created_at = models.DateTimeField(_("signalé le"), default=timezone.now)
    resolved_at = models.DateTimeField(_("traité le"), null=True, blank=True)

    class Meta:
        # The table predates this app: it was created as part of the former community app.
        db_table = "community_report"
        verbose_name = _("signalement")
        constraints = [models.UniqueConstraint(fields=["post", "reporter"], name="report_once_per_person")]

    def __str__(self) -> str:
        return self.reason[:60]
