"""What a person holds: memberships and plans (subscriptions), and free periods granted to them."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from coopconnect.core.models import TimeStampedModel


class SubscriptionStatus(models.TextChoices):
    ACTIVE = "active", _("En cours")
    PAUSED = "paused", _("En pause")
    ENDED = "ended", _("Terminé")


class Subscription(TimeStampedModel):
    """A person's membership or plan (a Tariff of kind membership, subscription or office rent).

    ``employer`` set means the employer pays. A network tariff makes the subscription valid at every
    place of the network. ``end`` is the last day included; ``paused_from``..``paused_until`` are days
    not charged (nor usable). ``resource`` is the rented office for a per-m² rent.
    """

    tariff = models.ForeignKey(
        "billing.Tariff", on_delete=models.PROTECT, related_name="subscriptions", verbose_name=_("formule")
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="subscriptions",
        verbose_name=_("bénéficiaire"),
    )
    employer = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="subscriptions",
        verbose_name=_("payé par l'employeur"),
    )
    resource = models.ForeignKey(
        "places.Resource",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="subscriptions",
        verbose_name=_("bureau loué"),
    )
    start = models.DateField(_("début"))
    end = models.DateField(_("fin (dernier jour inclus)"), null=True, blank=True)
    commitment_months = models.PositiveSmallIntegerField(_("engagement (mois)"), default=0)
    status = models.CharField(
        max_length=10, choices=SubscriptionStatus.choices, default=SubscriptionStatus.ACTIVE
    )
    paused_from = models.DateField(_("pause du"), null=True, blank=True)
    paused_until = models.DateField(_("pause jusqu'au (inclus)"), null=True, blank=True)
    replaced_by = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-start"]
        verbose_name = _("abonnement ou adhésion")
        verbose_name_plural = _("abonnements ou adhésions")
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=models.F("start")),
                name="subscription_end_after_start",
            ),
            models.CheckConstraint(
                condition=Q(paused_from__isnull=True, paused_until__isnull=True)
                | Q(
                    paused_from__isnull=False,
                    paused_until__isnull=False,
                    paused_until__gte=models.F("paused_from"),
                ),
                name="subscription_pause_ordered",
            ),
        ]
        indexes = [models.Index(fields=["person", "start"], name="subscription_person_idx")]

    def __str__(self) -> str:
        return f"{self.tariff.label} — {self.person}"


class FreePeriod(TimeStampedModel):
    """Free use granted to a person at a place (or every place of a network) until ``end``, with a reason.

    Murat: two years free for independent teleworkers who followed the local telework training.
    """

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="free_periods"
    )
    place = models.ForeignKey(
        "places.Place", on_delete=models.PROTECT, null=True, blank=True, related_name="free_periods"
    )
    network = models.ForeignKey(
        "places.Network", on_delete=models.PROTECT, null=True, blank=True, related_name="free_periods"
    )
    start = models.DateField(_("début"))
    end = models.DateField(_("fin (incluse)"))
    reason = models.CharField(_("motif"), max_length=200)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-start"]
        verbose_name = _("période de gratuité")
        verbose_name_plural = _("périodes de gratuité")
        constraints = [
            models.CheckConstraint(condition=Q(end__gte=models.F("start")), name="free_period_ordered"),
            models.CheckConstraint(
                condition=(Q(place__isnull=False) & Q(network__isnull=True))
                | (Q(place__isnull=True) & Q(network__isnull=False)),
                name="free_period_one_scope",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.reason} (jusqu'au {self.end:%d/%m/%Y})"
