"""SEPA direct debit (creditor identifiers, mandates, monthly collections) and bank statements."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from coopconnect.core.models import TimeStampedModel

USER = settings.AUTH_USER_MODEL


class WriteOnceError(Exception):
    """A stored collection file is final: it is what was sent to the bank."""


class Creditor(TimeStampedModel):
    """An issuer's SEPA creditor identifier (ICS), given by its bank: needed to collect by direct debit."""

    issuer = models.OneToOneField("billing.Issuer", on_delete=models.PROTECT, related_name="sepa_creditor")
    identifier = models.CharField(_("identifiant créancier SEPA (ICS)"), max_length=35)

    class Meta:
        verbose_name = _("créancier SEPA")
        verbose_name_plural = _("créanciers SEPA")

    def __str__(self) -> str:
        return f"{self.issuer} ({self.identifier})"


class Mandate(TimeStampedModel):
    """A SEPA Core direct debit mandate: a debtor lets one issuer debit one account.

    The debtor is a person paying their own invoices, or an employer organisation (signed by one of
    its admins) paying the invoices addressed to it. Revoked mandates are kept: a collection sent
    under them names them.
    """

    reference = models.CharField(_("référence unique du mandat (RUM)"), max_length=35, unique=True)
    issuer = models.ForeignKey("billing.Issuer", on_delete=models.PROTECT, related_name="sepa_mandates")
    person = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    signed_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    signed_on = models.DateField(_("date de signature"))
    holder_name = models.CharField(_("titulaire du compte"), max_length=70)
    iban = models.CharField(_("IBAN"), max_length=34)
    bic = models.CharField(_("BIC"), max_length=11, blank=True)
    revoked_on = models.DateField(_("révoqué le"), null=True, blank=True)
    revoked_by = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["-signed_on", "-pk"]
        verbose_name = _("mandat de prélèvement")
        verbose_name_plural = _("mandats de prélèvement")
        constraints = [
            models.CheckConstraint(
                condition=(Q(person__isnull=False) & Q(organisation__isnull=True))
                | (Q(person__isnull=True) & Q(organisation__isnull=False)),
                name="mandate_one_debtor",
            ),
            # One live mandate per debtor and creditor: a new one replaces (revokes) the old.
            models.UniqueConstraint(
                fields=["issuer", "person"],
                condition=Q(revoked_on__isnull=True, person__isnull=False),
                name="mandate_one_live_per_person",
            ),
            models.UniqueConstraint(
                fields=["issuer", "organisation"],
                condition=Q(revoked_on__isnull=True, organisation__isnull=False),
                name="mandate_one_live_per_organisation",
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def is_live(self) -> bool:
        return self.revoked_on is None

    @property
    def iban_masked(self) -> str:
        return f"{self.iban[:4]} •••• {self.iban[-4:]}"


class Collection(TimeStampedModel):
    """One issuer's monthly direct debit batch: the pain.008 file sent to the bank, stored write-once."""

    issuer = models.ForeignKey("billing.Issuer", on_delete=models.PROTECT, related_name="sepa_collections")
    month = models.DateField(_("mois"))
    collection_date = models.DateField(_("date de prélèvement"))
    message_id = models.CharField(max_length=35)
    file = models.BinaryField(_("fichier pain.008"))
    sha256 = models.CharField(max_length=64)
    total = models.DecimalField(max_digits=12, decimal_places=2)
    created_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    settled_on = models.DateField(_("paiements enregistrés le"), null=True, blank=True)

    class Meta:
        ordering = ["-month"]
        verbose_name = _("remise de prélèvements")
        verbose_name_plural = _("remises de prélèvements")
        constraints = [
            models.UniqueConstraint(fields=["issuer", "month"], name="collection_one_per_issuer_month"),
            # No CHECK on the day of ``month``: on SQLite it would call a function only Django
            # defines, and backups are verified by a plain sqlite3 (the service gives the 1st).
        ]

    def __str__(self) -> str:
        return f"{self.issuer} {self.month:%m/%Y}"

    def save(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        if self.pk is not None:
            stored = Collection.objects.filter(pk=self.pk).values_list("sha256", "file").first()
            if stored and (stored[0] != self.sha256 or bytes(stored[1]) != bytes(self.file)):
                raise WriteOnceError("Le fichier d'une remise envoyée à la banque ne change plus.")
        super().save(*args, **kwargs)


class SequenceType(models.TextChoices):
    FIRST = "FRST", _("Premier prélèvement")
    RECURRING = "RCUR", _("Prélèvement récurrent")


class Debit(models.Model):
    """One invoice debited under one mandate in a collection; ``payment`` once the date has come."""

    collection = models.ForeignKey(Collection, on_delete=models.PROTECT, related_name="debits")
    mandate = models.ForeignKey(Mandate, on_delete=models.PROTECT, related_name="debits")
    invoice = models.ForeignKey("billing.Invoice", on_delete=models.PROTECT, related_name="+")
    amount = models.DecimalField(max_digits=12, decimal_places=2)
    sequence_type = models.CharField(max_length=4, choices=SequenceType.choices)
    end_to_end_id = models.CharField(max_length=35, unique=True)
    payment = models.OneToOneField(
        "billing.Payment", on_delete=models.PROTECT, null=True, blank=True, related_name="sepa_debit"
    )

    class Meta:
        ordering = ["collection", "pk"]
        verbose_name = _("prélèvement")
        constraints = [
            models.UniqueConstraint(fields=["collection", "invoice"], name="debit_one_per_invoice"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="debit_amount_positive"),
        ]

    def __str__(self) -> str:
        return self.end_to_end_id


class StatementFormat(models.TextChoices):
    CAMT053 = "camt053", _("CAMT.053 (XML)")
    MT940 = "mt940", _("MT940")


class Statement(TimeStampedModel):
    """A bank statement of an issuer's account, imported once (its file hash is unique)."""

    issuer = models.ForeignKey("billing.Issuer", on_delete=models.PROTECT, related_name="bank_statements")
    format = models.CharField(_("format"), max_length=8, choices=StatementFormat.choices)
    sha256 = models.CharField(max_length=64)
    reference = models.CharField(_("référence du relevé"), max_length=100, blank=True)
    account_iban = models.CharField(max_length=34, blank=True)
    imported_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    line_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("relevé bancaire")
        verbose_name_plural = _("relevés bancaires")
        constraints = [models.UniqueConstraint(fields=["issuer", "sha256"], name="statement_unique_file")]

    def __str__(self) -> str:
        return self.reference or self.sha256[:12]


class LineStatus(models.TextChoices):
    MATCHED = "matched", _("Rapprochée")
    UNMATCHED = "unmatched", _("À traiter")
    IGNORED = "ignored", _("Ignorée")
    RETURN = "return", _("Prélèvement rejeté")
    OTHER = "other", _("Débit sans objet")


class StatementLine(models.Model):
    """One movement of a statement; ``identity`` stays the same when another file repeats it."""

    statement = models.ForeignKey(Statement, on_delete=models.PROTECT, related_name="lines")
    issuer = models.ForeignKey("billing.Issuer", on_delete=models.PROTECT, related_name="+")
    identity = models.CharField(max_length=64)
    booked_on = models.DateField(_("date"))
    amount = models.DecimalField(_("montant"), max_digits=12, decimal_places=2)
    is_credit = models.BooleanField(default=True)
    counterparty = models.CharField(_("contrepartie"), max_length=140, blank=True)
    counterparty_iban = models.CharField(max_length=34, blank=True)
    remittance = models.CharField(_("libellé"), max_length=500, blank=True)
    end_to_end_id = models.CharField(max_length=35, blank=True)
    return_reason = models.CharField(max_length=8, blank=True)
    status = models.CharField(max_length=10, choices=LineStatus.choices, default=LineStatus.UNMATCHED)
    note = models.CharField(max_length=200, blank=True)
    invoice = models.ForeignKey(
        "billing.Invoice", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    payment = models.OneToOneField(
        "billing.Payment", on_delete=models.PROTECT, null=True, blank=True, related_name="statement_line"
    )
    resolved_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["booked_on", "pk"]
        verbose_name = _("ligne de relevé")
        verbose_name_plural = _("lignes de relevé")
        constraints = [
            models.UniqueConstraint(fields=["issuer", "identity"], name="statement_line_unique_identity"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="statement_line_amount_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.booked_on} {self.amount} {self.remittance[:40]}"
