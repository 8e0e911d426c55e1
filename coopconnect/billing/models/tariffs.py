"""Tariffs as data: what a place (or a whole network) charges, configured without code."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from coopconnect.core.models import TimeStampedModel

VAT_EXEMPT_MENTION = "TVA non applicable, art. 293 B du CGI"
ALLOWED_VAT_RATES = (Decimal("0"), Decimal("2.1"), Decimal("5.5"), Decimal("10"), Decimal("20"))


class TariffKind(models.TextChoices):
    PER_USE = "per_use", _("À l'usage (demi-journée, journée, semaine, mois, tranche horaire, session)")
    BUNDLE = "bundle", _("Formule de N jours par mois")
    SUBSCRIPTION = "subscription", _("Abonnement mensuel (N jours par semaine ou temps plein)")
    MEMBERSHIP = "membership", _("Adhésion annuelle")
    CAP = "cap", _("Plafond mensuel")
    OFFICE_RENT = "office_rent", _("Location de bureau au m² par mois")
    SERVICE = "service", _("Service à l'unité (impressions, café…)")


class Unit(models.TextChoices):
    HALF_DAY = "half_day", _("demi-journée")
    DAY = "day", _("journée")
    WEEK = "week", _("semaine")
    MONTH = "month", _("mois")
    HOUR_BLOCK = "hour_block", _("tranche horaire")
    SESSION = "session", _("session")


class Audience(models.TextChoices):
    ALL = "all", _("Tout le monde")
    MEMBERS = "members", _("Adhérents ou abonnés du lieu / du réseau")
    COMPANIES = "companies", _("Entreprises (facturé à l'employeur)")


class Overage(models.TextChoices):
    CHARGE = "charge", _("Au-delà : facturé au tarif à l'usage")
    REFUSE = "refuse", _("Au-delà : refusé")


class Tariff(TimeStampedModel):
    """One price a place or a network charges: a per-use rate, a bundle, a plan, a fee, a cap...

    Exactly one of ``place`` and ``network`` is set: a network tariff applies at every place of the
    network, each place keeping its own rates for what the network tariff does not cover. Amounts are
    excluding VAT; ``vat_rate`` is 0 with ``vat_exempt`` for a carrier under art. 293 B du CGI.
    """

    place = models.ForeignKey(
        "places.Place",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="tariffs",
        verbose_name=_("lieu"),
    )
    network = models.ForeignKey(
        "places.Network",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="tariffs",
        verbose_name=_("réseau"),
    )
    code = models.SlugField(_("code"), max_length=60)
    label = models.CharField(_("libellé"), max_length=160)
    kind = models.CharField(_("type"), max_length=20, choices=TariffKind.choices)
    unit = models.CharField(_("unité"), max_length=20, choices=Unit.choices, blank=True)
    resource_kind = models.CharField(
        _("type de ressource"),
        max_length=20,
        blank=True,
        help_text=_("Vide : postes de coworking (tarifs à l'usage) ou toutes ressources."),
    )
    block_hours = models.PositiveSmallIntegerField(_("durée de la tranche (heures)"), null=True, blank=True)
    days_per_month = models.PositiveSmallIntegerField(_("jours par mois"), null=True, blank=True)
    days_per_week = models.PositiveSmallIntegerField(
        _("jours par semaine"), null=True, blank=True, help_text=_("Vide pour un abonnement à temps plein.")
    )
    service_code = models.SlugField(_("code du service"), max_length=40, blank=True)
    price = models.DecimalField(_("prix HT (€)"), max_digits=10, decimal_places=2)
    min_commitment_months = models.PositiveSmallIntegerField(_("engagement minimum (mois)"), default=0)
    overage = models.CharField(
        _("au-delà de l'allocation"), max_length=10, choices=Overage.choices, default=Overage.CHARGE
    )
    audience = models.CharField(_("public"), max_length=20, choices=Audience.choices, default=Audience.ALL)
    included_kinds = models.JSONField(
        _("ressources incluses"),
        default=list,
        blank=True,
        help_text=_('Types de ressources gratuits pour les titulaires, ex. ["office", "meeting_room"].'),
    )
    includes_everything = models.BooleanField(
        _("tout compris"), default=False, help_text=_("Les services (impressions, café…) sont inclus.")
    )
    vat_rate = models.DecimalField(
        _("taux de TVA (%)"), max_digits=4, decimal_places=2, default=Decimal("20")
    )
    vat_exempt = models.BooleanField(_("TVA non applicable (art. 293 B du CGI)"), default=False)
    valid_from = models.DateField(_("valable du"))
    valid_until = models.DateField(_("valable jusqu'au"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["place", "network", "kind", "price"]
        verbose_name = _("tarif")
        constraints = [
            models.CheckConstraint(
                condition=(Q(place__isnull=False) & Q(network__isnull=True))
                | (Q(place__isnull=True) & Q(network__isnull=False)),
                name="tariff_one_owner",
            ),
            models.CheckConstraint(condition=Q(price__gte=0), name="tariff_price_not_negative"),
            models.CheckConstraint(condition=Q(vat_rate__gte=0), name="tariff_vat_not_negative"),
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=models.F("valid_from")),
                name="tariff_validity_ordered",
            ),
        ]

    def __str__(self) -> str:
        owner = self.place or self.network
        return f"{self.label} — {owner}"

    @property
    def owner_label(self) -> str:
        return str(self.place or self.network)

    def _overlapping(self) -> "models.QuerySet[Tariff]":
        same = Tariff.objects.filter(
            kind=self.kind,
            unit=self.unit,
            resource_kind=self.resource_kind,
            audience=self.audience,
            days_per_week=self.days_per_week,
            days_per_month=self.days_per_month,
            service_code=self.service_code,
            place_id=self.place_id,
            network_id=self.network_id,
        )
        if self.kind == TariffKind.PER_USE and self.unit in (Unit.HOUR_BLOCK, Unit.SESSION):
            same = same.filter(block_hours=self.block_hours)
        if self.pk:
            same = same.exclude(pk=self.pk)
        if self.valid_until:
            same = same.filter(valid_from__lte=self.valid_until)
        return same.filter(Q(valid_until__isnull=True) | Q(valid_until__gte=self.valid_from))

    def clean(self) -> None:  # noqa: C901 - one rule per kind, read top to bottom
        errors: dict[str, list[str]] = {}

        def add(field: str, msg: str) -> None:
            errors.setdefault(field, []).append(msg)

        if bool(self.place_id) == bool(self.network_id):
            add("place", _("Un tarif appartient soit à un lieu, soit à un réseau (un seul des deux)."))
        if self.price is not None and self.price < 0:
            add("price", _("Le prix ne peut pas être négatif."))
        if self.vat_rate is not None:
            if self.vat_rate < 0:
                add("vat_rate", _("Le taux de TVA ne peut pas être négatif."))
            elif Decimal(self.vat_rate) not in ALLOWED_VAT_RATES:
                add("vat_rate", _("Taux de TVA inconnu : utilisez 20, 10, 5,5, 2,1 ou 0 %."))
            if self.vat_exempt and self.vat_rate != 0:
                add(
                    "vat_rate",
                    _("Avec la mention « TVA non applicable, art. 293 B du CGI », le taux doit être 0 %."),
                )
        if self.valid_until and self.valid_from and self.valid_until < self.valid_from:
            add("valid_until", _("La fin de validité précède le début."))
        kind = self.kind
        if kind == TariffKind.PER_USE:
            if not self.unit:
                add("unit", _("Précisez l'unité du tarif à l'usage (demi-journée, journée, semaine…)."))
            if self.unit == Unit.HOUR_BLOCK and not self.block_hours:
                add("block_hours", _("Précisez la durée de la tranche horaire (ex. 2 heures)."))
        elif self.unit:
            add("unit", _("L'unité ne s'applique qu'aux tarifs à l'usage."))
        if kind == TariffKind.BUNDLE and not (self.days_per_month and 1 <= self.days_per_month <= 31):
            add("days_per_month", _("Une formule mensuelle compte de 1 à 31 jours par mois."))
        if kind != TariffKind.BUNDLE and self.days_per_month:
            add("days_per_month", _("Le nombre de jours par mois ne s'applique qu'aux formules mensuelles."))
        if self.days_per_week is not None:
            if kind != TariffKind.SUBSCRIPTION:
                add("days_per_week", _("Le nombre de jours par semaine ne s'applique qu'aux abonnements."))
            elif not 1 <= self.days_per_week <= 7:
                add("days_per_week", _("Un abonnement compte de 1 à 7 jours par semaine."))
        if kind == TariffKind.SERVICE and not self.service_code:
            add("service_code", _("Précisez le code du service (ex. « print » pour les impressions)."))
        if kind == TariffKind.SUBSCRIPTION and self.overage == Overage.REFUSE and self.days_per_week is None:
            add("overage", _("Un abonnement à temps plein n'a pas d'allocation à dépasser."))
        if kind not in (TariffKind.MEMBERSHIP, TariffKind.SUBSCRIPTION) and (
            self.included_kinds or self.includes_everything
        ):
            if kind != TariffKind.CAP:
                add(
                    "included_kinds",
                    _("Seuls une adhésion, un abonnement ou un plafond incluent des ressources."),
                )
        bad_kinds = [k for k in (self.included_kinds or []) if k not in _resource_kinds()]
        if bad_kinds:
            add(
                "included_kinds",
                _("Types de ressources inconnus : %(k)s.") % {"k": ", ".join(map(str, bad_kinds))},
            )
        if self.resource_kind and self.resource_kind not in _resource_kinds():
            add("resource_kind", _("Type de ressource inconnu : %(k)s.") % {"k": self.resource_kind})
        if not errors and self.valid_from:
            clash = self._overlapping().first()
            if clash is not None:
                add(
                    "valid_from",
                    _(
                        "Tarif contradictoire : « %(other)s » couvre déjà la même prestation sur une période "
                        "qui chevauche celle-ci. Terminez l'ancien tarif (date de fin) "
                        "avant d'en créer un nouveau."
                    )
                    % {"other": clash.label},
                )
        if not errors and kind == TariffKind.PER_USE and self.price is not None:
            self._check_ladder(add)
        if errors:
            raise ValidationError(errors)

    def _check_ladder(self, add) -> None:  # type: ignore[no-untyped-def]
        """Refuse a half-day dearer than a day, or a day dearer than a week, for the same thing."""
        order = {Unit.HALF_DAY: 0, Unit.DAY: 1, Unit.WEEK: 2, Unit.MONTH: 3}
        if self.unit not in order:
            return
        peers = self._peers_for_ladder()
        for peer in peers:
            if peer.unit not in order or peer.unit == self.unit:
                continue
            smaller, larger = (self, peer) if order[self.unit] < order[peer.unit] else (peer, self)
            if smaller.price > larger.price:
                add(
                    "price",
                    _(
                        "Tarif contradictoire : « %(small)s » (%(sp)s €) coûterait plus cher "
                        "que « %(large)s » "
                        "(%(lp)s €)."
                    )
                    % {
                        "small": smaller.label,
                        "sp": smaller.price,
                        "large": larger.label,
                        "lp": larger.price,
                    },
                )
                return

    def _peers_for_ladder(self) -> "models.QuerySet[Tariff]":
        qs = Tariff.objects.filter(
            kind=TariffKind.PER_USE,
            resource_kind=self.resource_kind,
            audience=self.audience,
            place_id=self.place_id,
            network_id=self.network_id,
        )
        if self.pk:
            qs = qs.exclude(pk=self.pk)
        if self.valid_until:
            qs = qs.filter(valid_from__lte=self.valid_until)
        return qs.filter(Q(valid_until__isnull=True) | Q(valid_until__gte=self.valid_from))


def _resource_kinds() -> set[str]:
    from coopconnect.places.models import ResourceKind

    return set(ResourceKind.values)


class Allowance(models.Model):
    """A monthly quota included in a membership or a plan (1,000 printed pages, 4 meeting-room hours)."""

    tariff = models.ForeignKey(Tariff, on_delete=models.CASCADE, related_name="allowances")
    service_code = models.SlugField(
        _("service ou ressource"),
        max_length=40,
        help_text=_("Code de service (print, coffee) ou type de ressource (meeting_room, en heures)."),
    )
    quantity = models.DecimalField(_("quantité incluse par mois"), max_digits=10, decimal_places=2)
    unit_label = models.CharField(_("unité"), max_length=30, default="unité")
    overage_price = models.DecimalField(
        _("prix HT au-delà, par unité"),
        max_digits=10,
        decimal_places=4,
        null=True,
        blank=True,
        help_text=_("Vide : le tarif de service du lieu s'applique."),
    )

    class Meta:
        verbose_name = _("quota inclus")
        verbose_name_plural = _("quotas inclus")
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gte=0), name="allowance_quantity_not_negative"),
            models.CheckConstraint(
                condition=Q(overage_price__isnull=True) | Q(overage_price__gte=0),
                name="allowance_overage_not_negative",
            ),
            models.UniqueConstraint(fields=["tariff", "service_code"], name="allowance_unique_per_tariff"),
        ]

    def __str__(self) -> str:
        return f"{self.quantity} {self.unit_label} ({self.service_code})"


class DiscountBasis(models.TextChoices):
    COMMITMENT = "commitment", _("Durée d'engagement (mois)")
    HEADCOUNT = "headcount", _("Nombre de personnes de la même entreprise")


class DiscountRule(models.Model):
    """A degressive rule on a plan: from ``threshold`` months of commitment (or people), ``percent`` off.

    Within one basis the highest threshold reached wins; the bases add up, each as its own line.
    """

    tariff = models.ForeignKey(Tariff, on_delete=models.CASCADE, related_name="discounts")
    basis = models.CharField(_("critère"), max_length=20, choices=DiscountBasis.choices)
    threshold = models.PositiveSmallIntegerField(_("à partir de"))
    percent = models.DecimalField(_("remise (%)"), max_digits=5, decimal_places=2)

    class Meta:
        ordering = ["basis", "threshold"]
        verbose_name = _("règle dégressive")
        verbose_name_plural = _("règles dégressives")
        constraints = [
            models.CheckConstraint(
                condition=Q(percent__gt=0) & Q(percent__lt=100), name="discount_percent_range"
            ),
            models.CheckConstraint(condition=Q(threshold__gte=1), name="discount_threshold_positive"),
            models.UniqueConstraint(
                fields=["tariff", "basis", "threshold"], name="discount_unique_threshold"
            ),
        ]

    def __str__(self) -> str:
        return f"-{self.percent} % ({self.get_basis_display()} ≥ {self.threshold})"

    def clean(self) -> None:
        if self.percent is not None and not (0 < self.percent < 100):
            raise ValidationError({"percent": _("Une remise est comprise entre 0 et 100 % (exclus).")})
