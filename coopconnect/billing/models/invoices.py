"""Issuers, lawful invoices and credit notes, payments and settlement statements."""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from coopconnect.billing.models.documents import ELECTRONIC_ADDRESS
from coopconnect.billing.models.immutability import (
    ImmutableInvoiceError,
    InvoiceLineQuerySet,
    InvoiceQuerySet,
    InvoiceStatus,
    MoneyMovementQuerySet,
)
from coopconnect.core.models import TimeStampedModel

DEFAULT_LATE_PENALTY = (
    "En cas de retard de paiement, pénalités au taux de trois fois le taux d'intérêt légal "
    "(art. L. 441-10 du code de commerce)."
)
RECOVERY_FEE_TEXT = (
    "Indemnité forfaitaire pour frais de recouvrement due en cas de retard : 40 € (art. D. 441-5)."
)


class Issuer(TimeStampedModel):
    """Who invoices: a place's legal carrier, or a network invoicing on behalf of its places."""

    place = models.OneToOneField(
        "places.Place", on_delete=models.PROTECT, null=True, blank=True, related_name="issuer"
    )
    network = models.OneToOneField(
        "places.Network", on_delete=models.PROTECT, null=True, blank=True, related_name="issuer"
    )
    name = models.CharField(_("raison sociale"), max_length=200)
    legal_form = models.CharField(_("forme juridique"), max_length=100, blank=True)
    siren = models.CharField(_("SIREN"), max_length=9)
    siret = models.CharField(_("SIRET"), max_length=14, blank=True)
    vat_number = models.CharField(_("n° TVA intracommunautaire"), max_length=20, blank=True)
    vat_exempt = models.BooleanField(_("franchise en base de TVA (art. 293 B du CGI)"), default=False)
    address = models.CharField(_("adresse"), max_length=300)
    postcode = models.CharField(_("code postal"), max_length=10)
    city = models.CharField(_("ville"), max_length=120)
    email = models.EmailField(_("courriel"), blank=True)
    iban = models.CharField(_("IBAN"), max_length=34, blank=True)
    bic = models.CharField(_("BIC"), max_length=11, blank=True)
    payment_terms_days = models.PositiveSmallIntegerField(_("délai de paiement (jours)"), default=30)
    late_penalty_text = models.TextField(_("pénalités de retard"), default=DEFAULT_LATE_PENALTY)
    number_prefix = models.CharField(_("préfixe de numérotation"), max_length=10, default="F")
    share_capital = models.DecimalField(
        _("capital social (€)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    rcs = models.CharField(
        _("immatriculation RCS"), max_length=80, blank=True, help_text=_("Ex. : RCS Avignon 732 829 320")
    )
    vat_on_debits = models.BooleanField(
        _("option pour le paiement de la taxe d'après les débits"), default=False
    )
    electronic_address = models.CharField(
        _("adresse électronique de facturation"),
        max_length=125,
        blank=True,
        help_text=_("Schéma SIREN (0225) ; vide : le SIREN de l'émetteur."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("émetteur de factures")
        verbose_name_plural = _("émetteurs de factures")
        constraints = [
            models.CheckConstraint(
                condition=(Q(place__isnull=False) & Q(network__isnull=True))
                | (Q(place__isnull=True) & Q(network__isnull=False)),
                name="issuer_one_owner",
            ),
            models.CheckConstraint(condition=Q(payment_terms_days__lte=60), name="issuer_terms_max_60"),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        from django.core.exceptions import ValidationError
        from stdnum.fr import siren, siret, tva

        errors: dict[str, str] = {}
        if self.siren and not siren.is_valid(self.siren):
            errors["siren"] = _("SIREN invalide (9 chiffres, clé de contrôle).")
        if self.siret and not (siret.is_valid(self.siret) and self.siret.startswith(self.siren)):
            errors["siret"] = _("SIRET invalide, ou qui ne commence pas par le SIREN.")
        if self.vat_number and not tva.is_valid(self.vat_number):
            errors["vat_number"] = _("N° de TVA intracommunautaire invalide.")
        if self.vat_exempt and self.vat_number:
            errors["vat_exempt"] = _(
                "Un émetteur en franchise de TVA (art. 293 B) n'a pas de n° de TVA à facturer."
            )
        if self.vat_exempt and self.vat_on_debits:
            errors["vat_on_debits"] = _("Un émetteur en franchise de TVA n'a pas d'option sur les débits.")
        if self.electronic_address and not (
            ELECTRONIC_ADDRESS.fullmatch(self.electronic_address)
            and self.electronic_address.startswith(self.siren)
        ):
            errors["electronic_address"] = _(
                "Adresse électronique invalide : elle commence par le SIREN (lettres, chiffres, "
                "« - », « _ », « . »)."
            )
        if self.share_capital is not None and self.share_capital < 0:
            errors["share_capital"] = _("Le capital social ne peut pas être négatif.")
        if errors:
            raise ValidationError(errors)


class InvoiceCounter(models.Model):
    """The last number used by an issuer in a year: locked (select_for_update) to number gaplessly."""

    issuer = models.ForeignKey(Issuer, on_delete=models.PROTECT, related_name="counters")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("compteur de factures")
        verbose_name_plural = _("compteurs de factures")
        constraints = [models.UniqueConstraint(fields=["issuer", "year"], name="invoice_counter_unique")]

    def __str__(self) -> str:
        return f"{self.issuer} {self.year} : {self.last}"


class InvoiceKind(models.TextChoices):
    INVOICE = "invoice", _("Facture")
    CREDIT_NOTE = "credit_note", _("Avoir")


class Invoice(TimeStampedModel):
    """A lawful French invoice (or credit note) from one issuer to one buyer, immutable once issued.

    The buyer's identity is copied at issue time so that later profile edits never change a document.
    ``run_key`` makes the monthly run idempotent: one invoice per issuer, buyer and month.
    """

    issuer = models.ForeignKey(Issuer, on_delete=models.PROTECT, related_name="invoices")
    kind = models.CharField(max_length=12, choices=InvoiceKind.choices, default=InvoiceKind.INVOICE)
    status = models.CharField(max_length=10, choices=InvoiceStatus.choices, default=InvoiceStatus.DRAFT)
    number = models.CharField(_("numéro"), max_length=30, blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    sequence = models.PositiveIntegerField(null=True, blank=True)
    credited_invoice = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="credit_notes"
    )
    buyer_person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="invoices"
    )
    buyer_organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, null=True, blank=True, related_name="invoices"
    )
    buyer_name = models.CharField(max_length=200)
    buyer_address = models.CharField(max_length=300, blank=True)
    buyer_postcode = models.CharField(max_length=10, blank=True)
    buyer_city = models.CharField(max_length=120, blank=True)
    buyer_siren = models.CharField(max_length=9, blank=True)
    buyer_siret = models.CharField(max_length=14, blank=True)
    buyer_vat_number = models.CharField(max_length=20, blank=True)
    buyer_email = models.EmailField(blank=True)
    buyer_is_business = models.BooleanField(default=False)
    period_start = models.DateField(_("période du"))
    period_end = models.DateField(_("période au"))
    issue_date = models.DateField(_("date d'émission"), null=True, blank=True)
    due_date = models.DateField(_("échéance"), null=True, blank=True)
    total_ht = models.DecimalField(max_digits=12, decimal_places=2, default=Decimal("0"))
    total_vat = models.DecimalField(max_digits=12, decimal_places=2, default=Decimal("0"))
    total_ttc = models.DecimalField(max_digits=12, decimal_places=2, default=Decimal("0"))
    vat_breakdown = models.JSONField(default=list, blank=True)
    run_key = models.CharField(max_length=120, blank=True)
    reason = models.CharField(_("motif (avoir)"), max_length=300, blank=True)

    objects = InvoiceQuerySet.as_manager()

    class Meta:
        ordering = ["-issue_date", "-sequence"]
        verbose_name = _("facture")
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "number"], condition=~Q(number=""), name="invoice_number_unique_per_issuer"
            ),
            models.UniqueConstraint(
                fields=["issuer", "year", "sequence"],
                condition=Q(sequence__isnull=False),
                name="invoice_sequence_unique_per_issuer_year",
            ),
            models.UniqueConstraint(
                fields=["run_key"], condition=~Q(run_key=""), name="invoice_run_key_unique"
            ),
            models.CheckConstraint(
                condition=Q(buyer_person__isnull=False) | Q(buyer_organisation__isnull=False),
                name="invoice_has_buyer",
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")), name="invoice_period_ordered"
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | ~Q(number=""), name="invoice_issued_has_number"
            ),
        ]

    def __str__(self) -> str:
        return self.number or f"brouillon #{self.pk}"

    def save(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        if self.pk is not None:
            stored = Invoice.objects.filter(pk=self.pk).values_list("status", flat=True).first()
            if stored == InvoiceStatus.ISSUED:
                raise ImmutableInvoiceError("Une facture émise ne peut pas être modifiée : émettez un avoir.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        if self.status == InvoiceStatus.ISSUED:
            raise ImmutableInvoiceError("Une facture émise ne peut pas être supprimée : émettez un avoir.")
        return super().delete(*args, **kwargs)

    @property
    def is_credit_note(self) -> bool:
        return self.kind == InvoiceKind.CREDIT_NOTE

    @property
    def signed_total(self) -> Decimal:
        """What the buyer owes for this document: negative for a credit note."""
        return -self.total_ttc if self.is_credit_note else self.total_ttc

    @property
    def mentions_293b(self) -> bool:
        return any(row.get("exempt") for row in self.vat_breakdown or [])


class InvoiceLine(models.Model):
    """One line excluding VAT: a quantity of something, at a place, for a person (employee)."""

    invoice = models.ForeignKey(Invoice, on_delete=models.CASCADE, related_name="lines")
    position = models.PositiveSmallIntegerField(default=0)
    place = models.ForeignKey(
        "places.Place", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    code = models.CharField(max_length=60, blank=True)
    label = models.CharField(max_length=300)
    quantity = models.DecimalField(max_digits=10, decimal_places=2)
    unit_price = models.DecimalField(max_digits=12, decimal_places=4)
    amount_ht = models.DecimalField(max_digits=12, decimal_places=2)
    vat_rate = models.DecimalField(max_digits=4, decimal_places=2)
    vat_exempt = models.BooleanField(default=False)

    objects = InvoiceLineQuerySet.as_manager()

    class Meta:
        ordering = ["invoice", "position"]
        verbose_name = _("ligne de facture")
        verbose_name_plural = _("lignes de facture")

    def __str__(self) -> str:
        return self.label

    def save(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        status = Invoice.objects.filter(pk=self.invoice_id).values_list("status", flat=True).first()
        if status == InvoiceStatus.ISSUED:
            raise ImmutableInvoiceError("Les lignes d'une facture émise ne peuvent pas être modifiées.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        if self.invoice.status == InvoiceStatus.ISSUED:
            raise ImmutableInvoiceError("Les lignes d'une facture émise ne peuvent pas être supprimées.")
        return super().delete(*args, **kwargs)


class PaymentMethod(models.TextChoices):
    TRANSFER = "transfer", _("Virement")
    CHEQUE = "cheque", _("Chèque")
    CASH = "cash", _("Espèces")
    CARD = "card", _("Carte bancaire (à l'accueil)")
    DIRECT_DEBIT = "sepa_dd", _("Prélèvement SEPA")


class Payment(TimeStampedModel):
    """Money received against an invoice."""

    invoice = models.ForeignKey(Invoice, on_delete=models.PROTECT, related_name="payments")
    amount = models.DecimalField(_("montant"), max_digits=12, decimal_places=2)
    method = models.CharField(_("moyen de paiement"), max_length=10, choices=PaymentMethod.choices)
    received_on = models.DateField(_("reçu le"))
    reference = models.CharField(_("référence"), max_length=100, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = MoneyMovementQuerySet.as_manager()

    class Meta:
        ordering = ["-received_on"]
        verbose_name = _("paiement")
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="payment_amount_positive")]


class PaymentReturn(TimeStampedModel):
    """A payment that came back: a SEPA direct debit returned by the debtor's bank (R-transaction).

    The payment itself stays as recorded (payments are final); this record cancels its effect, so
    the invoice is unpaid again and balances count the amount as owed.
    """

    payment = models.OneToOneField(Payment, on_delete=models.PROTECT, related_name="returned")
    returned_on = models.DateField(_("rejeté le"))
    reason_code = models.CharField(_("code motif"), max_length=8, blank=True)
    reason = models.CharField(_("motif"), max_length=200, blank=True)

    class Meta:
        ordering = ["-returned_on", "-pk"]
        verbose_name = _("paiement rejeté")
        verbose_name_plural = _("paiements rejetés")

    def __str__(self) -> str:
        return f"{self.payment.invoice} — rejet {self.payment.amount} €"


class Refund(TimeStampedModel):
    """Money paid back to a buyer: against a credit note, or an invoice paid more than it now asks.

    Never more than what the credit note credits, nor than the buyer actually overpaid on the credited
    invoice (a credit note on an unpaid invoice only cancels the debt). Kept apart from payments:
    the accounting export shows it as its own movement, and balances add it back.
    """

    invoice = models.ForeignKey(Invoice, on_delete=models.PROTECT, related_name="refunds")
    amount = models.DecimalField(_("montant"), max_digits=12, decimal_places=2)
    method = models.CharField(_("moyen de remboursement"), max_length=10, choices=PaymentMethod.choices)
    refunded_on = models.DateField(_("remboursé le"))
    reference = models.CharField(_("référence"), max_length=100, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = MoneyMovementQuerySet.as_manager()

    class Meta:
        ordering = ["-refunded_on", "-pk"]
        verbose_name = _("remboursement")
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="refund_amount_positive")]

    def __str__(self) -> str:
        return f"{self.invoice} — remboursement {self.amount} €"


class SettlementStatement(TimeStampedModel):
    """What a network owes each of its places for a month it invoiced on their behalf."""

    issuer = models.ForeignKey(Issuer, on_delete=models.PROTECT, related_name="settlements")
    place = models.ForeignKey("places.Place", on_delete=models.PROTECT, related_name="settlements")
    period_start = models.DateField()
    period_end = models.DateField()
    total_ht = models.DecimalField(max_digits=12, decimal_places=2)
    total_vat = models.DecimalField(max_digits=12, decimal_places=2)
    invoice_count = models.PositiveIntegerField(default=0)
    line_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-period_start", "place"]
        verbose_name = _("relevé de reversement")
        verbose_name_plural = _("relevés de reversement")
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "place", "period_start"], name="settlement_unique_month"
            ),
        ]


class Reminder(models.Model):
    """A reminder sent for an overdue invoice (kept apart: the invoice itself never changes)."""

    invoice = models.ForeignKey(Invoice, on_delete=models.CASCADE, related_name="reminders")
    sent_at = models.DateTimeField()
    level = models.PositiveSmallIntegerField(default=1)
    outstanding = models.DecimalField(max_digits=12, decimal_places=2)

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("relance")
        constraints = [models.UniqueConstraint(fields=["invoice", "level"], name="reminder_unique_level")]

    def __str__(self) -> str:
        return f"{self.invoice} — relance {self.level}"
