"""Community life: forums (the network's intranet), skills profiles (knowledge swap), missions board."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

USER = settings.AUTH_USER_MODEL


class Forum(models.Model):
    """The discussion space of one network or of one place: only its members read and write there."""

    network = models.OneToOneField(
        "places.Network", on_delete=models.CASCADE, null=True, blank=True, related_name="forum"
    )
    place = models.OneToOneField(
        "places.Place", on_delete=models.CASCADE, null=True, blank=True, related_name="forum"
    )
    created_at = models.DateTimeField(_("créé le"), default=timezone.now)

    class Meta:
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
        verbose_name = _("signalement")
        constraints = [models.UniqueConstraint(fields=["post", "reporter"], name="report_once_per_person")]

    def __str__(self) -> str:
        return self.reason[:60]


class Skill(models.Model):
    """A skill tag: ``curated`` ones form the shared vocabulary, others are free tags people typed."""

    key = models.CharField(_("clé"), max_length=80, unique=True)
    label = models.CharField(_("libellé"), max_length=80)
    curated = models.BooleanField(_("du vocabulaire commun"), default=False)

    class Meta:
        verbose_name = _("compétence")
        ordering = ["label"]

    def __str__(self) -> str:
        return self.label


class Visibility(models.TextChoices):
    NETWORK = "network", _("Membres de mes réseaux seulement")
    PUBLIC = "public", _("Public")


class SkillProfile(models.Model):
    """A person's opt-in profile of what they know, offer and seek (the knowledge swap)."""

    person = models.OneToOneField(USER, on_delete=models.CASCADE, related_name="skill_profile")
    headline = models.CharField(_("accroche"), max_length=140)
    skills = models.ManyToManyField(Skill, blank=True, related_name="profiles", verbose_name=_("compétences"))
    offers = models.TextField(_("ce que je propose"), max_length=2000, blank=True)
    seeks = models.TextField(_("ce que je cherche"), max_length=2000, blank=True)
    commune = models.ForeignKey(
        "territory.Commune", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    visibility = models.CharField(
        _("visibilité"), max_length=10, choices=Visibility.choices, default=Visibility.NETWORK
    )
    is_active = models.BooleanField(_("profil publié"), default=True)
    updated_at = models.DateTimeField(_("mis à jour le"), auto_now=True)

    class Meta:
        verbose_name = _("profil de compétences")

    def __str__(self) -> str:
        return self.headline


class ContactRequest(models.Model):
    """A message sent to a profile through the platform; addresses are revealed once answered."""

    sender = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="contacts_sent")
    recipient = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="contacts_received")
    subject = models.CharField(_("objet"), max_length=140)
    body = models.TextField(_("message"), max_length=4000)
    created_at = models.DateTimeField(_("envoyé le"), default=timezone.now)
    answer = models.TextField(_("réponse"), max_length=4000, blank=True)
    answered_at = models.DateTimeField(_("répondu le"), null=True, blank=True)

    class Meta:
        verbose_name = _("prise de contact")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.subject


class ContactQuota(models.Model):
    """How many contacts a person sent on a day (Paris time): the daily limit is checked on this row."""

    sender = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["sender", "day"], name="contact_quota_per_day")]

    def __str__(self) -> str:
        return f"{self.day}: {self.count}"


class MissionStatus(models.TextChoices):
    OPEN = "open", _("Ouverte")
    FILLED = "filled", _("Pourvue")
    CLOSED = "closed", _("Fermée")


class Mission(models.Model):
    """An offer of work on a network's board, by a person or on behalf of an organisation."""

    network = models.ForeignKey("places.Network", on_delete=models.CASCADE, related_name="missions")
    posted_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="missions_posted")
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, null=True, blank=True, related_name="missions"
    )
    title = models.CharField(_("titre"), max_length=160)
    description = models.TextField(_("description"), max_length=8000)
    skills = models.ManyToManyField(
        Skill, blank=True, related_name="missions", verbose_name=_("compétences recherchées")
    )
    commune = models.ForeignKey(
        "territory.Commune", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    remote = models.BooleanField(_("à distance"), default=False)
    start = models.DateField(_("début souhaité"), null=True, blank=True)
    deadline = models.DateField(_("échéance"), null=True, blank=True)
    budget = models.DecimalField(_("budget (€)"), max_digits=10, decimal_places=2, null=True, blank=True)
    status = models.CharField(max_length=10, choices=MissionStatus.choices, default=MissionStatus.OPEN)
    expires_on = models.DateField(_("visible jusqu'au"))
    created_at = models.DateTimeField(_("publiée le"), default=timezone.now)

    class Meta:
        verbose_name = _("mission")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(budget__isnull=True) | Q(budget__gte=0), name="mission_budget_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(deadline__isnull=True) | Q(start__isnull=True) | Q(deadline__gte=F("start")),
                name="mission_deadline_after_start",
            ),
        ]
        indexes = [models.Index(fields=["network", "status", "expires_on"], name="mission_board_idx")]

    def __str__(self) -> str:
        return self.title

    def is_on_board(self, today: dt.date | None = None) -> bool:
        """Tell whether the mission is still open and not expired."""
        today = today or timezone.localdate()
        return self.status == MissionStatus.OPEN and self.expires_on >= today


class MissionResponse(models.Model):
    """A member's answer to a mission: only the poster (and the organisation's admins) read it."""

    mission = models.ForeignKey(Mission, on_delete=models.CASCADE, related_name="responses")
    author = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="mission_responses")
    message = models.TextField(_("message"), max_length=4000)
    created_at = models.DateTimeField(_("envoyée le"), default=timezone.now)

    class Meta:
        verbose_name = _("réponse à une mission")
        ordering = ["created_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["mission", "author"], name="mission_response_once")]

    def __str__(self) -> str:
        return f"{self.mission} — {self.author_id}"
