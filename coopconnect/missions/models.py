"""The missions board of each network: offers of work and the answers to them."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

USER = settings.AUTH_USER_MODEL


class MissionStatus(models.TextChoices):
    OPEN = "open", _("Ouverte")
    FILLED = "filled", _("Pourvue")
    CLOSED = "closed", _("Fermée")


class Mission(models.Model):
    """An offer of work on a network's board, by a person or on behalf of an organisation."""

    network = models.ForeignKey("places.Network", on_delete=models.PROTECT, related_name="missions")
    posted_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="missions_posted")
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, null=True, blank=True, related_name="missions"
    )
    title = models.CharField(_("titre"), max_length=160)
    description = models.TextField(_("description"), max_length=8000)
    skills = models.ManyToManyField(
        "skills.Skill", blank=True, related_name="missions", verbose_name=_("compétences recherchées")
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
        # The table predates this app: it was created as part of the former community app.
        db_table = "community_mission"
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
        # The table predates this app: it was created as part of the former community app.
        db_table = "community_missionresponse"
        verbose_name = _("réponse à une mission")
        verbose_name_plural = _("réponses à une mission")
        ordering = ["created_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["mission", "author"], name="mission_response_once")]

    def __str__(self) -> str:
        return f"{self.mission} — {self.author_id}"
