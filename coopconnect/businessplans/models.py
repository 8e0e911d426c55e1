"""Business plans of a candidate third place: scenarios with their charge and income lines."""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from coopconnect.core.models import TimeStampedModel
from coopconnect.territory.models import Commune


def new_token() -> str:
    """Return a fresh secret for a share link (16 random bytes, URL-safe)."""
    return secrets.token_urlsafe(16)


class BusinessPlan(TimeStampedModel):
    """A project holder's business plan for a candidate site: several scenarios compared side by side.

    Owned by its creator; anyone holding ``share_token`` may read it (the secret link given to elected
    officials), nobody else.
    """

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="business_plans",
        verbose_name=_("auteur"),
    )
    name = models.CharField(_("nom"), max_length=200)
    commune = models.ForeignKey(
        Commune,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="business_plans",
        verbose_name=_("commune du site"),
    )
    notes = models.TextField(_("notes"), blank=True)
    share_token = models.CharField(max_length=40, unique=True, default=new_token, editable=False)

    class Meta:
        # The table predates this app (it was created by the territory app).
        db_table = "territory_businessplan"
        ordering = ["-updated_at"]
        verbose_name = _("plan d'affaires")
        verbose_name_plural = _("plans d'affaires")

    def __str__(self) -> str:
        return self.name


class Scenario(models.Model):
    """One hypothesis of a business plan (the study's example, the town hall lends the premises...)."""

    plan = models.ForeignKey(BusinessPlan, on_delete=models.CASCADE, related_name="scenarios")
    position = models.PositiveSmallIntegerField(default=0)
    name = models.CharField(_("nom du scénario"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    occupancy_rate = models.DecimalField(
        _("taux de remplissage (%)"), max_digits=5, decimal_places=2, default=70
    )
    seats = models.PositiveSmallIntegerField(_("nombre de places"), null=True, blank=True)
    open_days_per_week = models.DecimalField(
        _("jours d'ouverture par semaine"), max_digits=3, decimal_places=1, default=5
    )

    class Meta:
        # The table predates this app (it was created by the territory app).
        db_table = "territory_scenario"
        ordering = ["plan", "position", "pk"]
        verbose_name = _("scénario")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(occupancy_rate__gte=0, occupancy_rate__lte=100),
                name="scenario_occupancy_0_100",
            ),
            models.CheckConstraint(
                condition=models.Q(open_days_per_week__gt=0, open_days_per_week__lte=7),
                name="scenario_open_days_1_7",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class ChargeKind(models.TextChoices):
    """The charge lines of the study's business plan."""

    RENT = "rent", _("Loyer")
    INSURANCE = "insurance", _("Assurances")
    ENERGY = "energy", _("Énergie (dont chauffage)")
    WATER = "water", _("Eau")
    CLEANING = "cleaning", _("Ménage")
    TELECOM = "telecom", _("Internet haut débit et téléphone")
    COPIER = "copier", _("Copieur connecté")
    DEPRECIATION = "depreciation", _("Amortissement aménagement / équipement")
    CONSUMABLES = "consumables", _("Consommables")
    STAFF = "staff", _("Personnel")
    COMMUNICATION = "communication", _("Communication")
    CONTINGENCY = "contingency", _("Imprévus")


class ChargeLineItem(models.Model):
    """A yearly charge of a scenario; depreciation may give an investment and a number of years instead."""

    scenario = models.ForeignKey(Scenario, on_delete=models.CASCADE, related_name="charge_lines")
    position = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(_("type"), max_length=20, choices=ChargeKind.choices)
    label = models.CharField(_("libellé"), max_length=200, blank=True)
    amount = models.DecimalField(_("montant annuel (€)"), max_digits=12, decimal_places=2, default=0)
    investment = models.DecimalField(
        _("investissement (€)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    years = models.PositiveSmallIntegerField(_("durée d'amortissement (ans)"), null=True, blank=True)

    class Meta:
        # The table predates this app (it was created by the territory app).
        db_table = "territory_chargelineitem"
        ordering = ["scenario", "position", "pk"]
        verbose_name = _("ligne de charge")
        verbose_name_plural = _("lignes de charge")
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gte=0), name="charge_amount_non_negative"),
            models.CheckConstraint(
                condition=models.Q(investment__isnull=True) | models.Q(investment__gte=0),
                name="charge_investment_non_negative",
            ),
        ]

    def __str__(self) -> str:
        return self.label or self.get_kind_display()


class IncomeKind(models.TextChoices):
    """Regular members on a yearly contract, or occasional days and half-days."""

    MEMBER = "member", _("Adhérents réguliers")
    DAY = "day", _("Journées occasionnelles")
    HALF_DAY = "half_day", _("Demi-journées occasionnelles")


class IncomeLineItem(models.Model):
    """An income line: members (count × monthly price × months) or occasional uses (count × price)."""

    scenario = models.ForeignKey(Scenario, on_delete=models.CASCADE, related_name="income_lines")
    position = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(_("type"), max_length=20, choices=IncomeKind.choices, default=IncomeKind.MEMBER)
    label = models.CharField(_("libellé"), max_length=200)
    count = models.PositiveIntegerField(_("nombre"), default=0)
    unit_price = models.DecimalField(_("prix (€)"), max_digits=10, decimal_places=2, default=0)
    months = models.PositiveSmallIntegerField(_("mois facturés"), default=12)
    days_per_week = models.DecimalField(_("jours par semaine"), max_digits=3, decimal_places=1, default=0)

    class Meta:
        # The table predates this app (it was created by the territory app).
        db_table = "territory_incomelineitem"
        ordering = ["scenario", "position", "pk"]
        verbose_name = _("ligne de produit")
        verbose_name_plural = _("lignes de produit")
        constraints = [
            models.CheckConstraint(condition=models.Q(unit_price__gte=0), name="income_price_non_negative"),
            models.CheckConstraint(condition=models.Q(months__lte=12), name="income_months_max_12"),
            models.CheckConstraint(
                condition=models.Q(days_per_week__gte=0, days_per_week__lte=7), name="income_days_0_7"
            ),
        ]

    def __str__(self) -> str:
        return self.label
