"""The knowledge swap: skill tags, people's skills profiles, contacting a person through the platform."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

USER = settings.AUTH_USER_MODEL


class Skill(models.Model):
    """A skill tag: ``curated`` ones form the shared vocabulary, others are free tags people typed."""

    key = models.CharField(_("clé"), max_length=80, unique=True)
    label = models.CharField(_("libellé"), max_length=80)
    curated = models.BooleanField(_("du vocabulaire commun"), default=False)

    class Meta:
        # The table predates this app: it was created as part of the former community app.
        db_table = "community_skill"
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
        # The table predates this app: it was created as part of the former community app.
        db_table = "community_skillprofile"
        verbose_name = _("profil de compétences")
        verbose_name_plural = _("profils de compétences")

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
        # The table predates this app: it was created as part of the former community app.
        db_table = "community_contactrequest"
        verbose_name = _("prise de contact")
        verbose_name_plural = _("prises de contact")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.subject


class ContactQuota(models.Model):
    """How many contacts a person sent on a day (Paris time): the daily limit is checked on this row."""

    sender = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        # The table predates this app: it was created as part of the former community app.
        db_table = "community_contactquota"
        verbose_name = _("quota de prises de contact")
        verbose_name_plural = _("quotas de prises de contact")
        constraints = [models.UniqueConstraint(fields=["sender", "day"], name="contact_quota_per_day")]

    def __str__(self) -> str:
        return f"{self.day}: {self.count}"
