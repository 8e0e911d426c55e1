"""What an issued invoice carries for ever, and the reform's data around it.

- ``InvoiceDocument``: written once at issue (same transaction): the seller's and buyer's identity as
  they were, the PDF/A-3 with its Factur-X XML, the UBL 2.1 export and their SHA-256. Pages, API and
  downloads serve these bytes; an issuer edited later changes only future invoices.
- ``InvoiceStatusEvent``: the invoice's lifecycle (issued, sent, received, refused, paid) with dates,
  one row per status, appended and never changed: the invoice row itself never changes.
- ``BuyerDetails``: what e-invoicing needs to know of an organisation that buys (electronic address,
  public buyer's service code and commitment number, delivery address), kept in billing.

Both write-once tables refuse changes through the model, the querysets and, on PostgreSQL, triggers
(migration ``0007_pg_invoice_documents_write_once``).
"""

from __future__ import annotations

import re
from typing import Any, ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _

from coopconnect.billing.models.immutability import ImmutableInvoiceError

ELECTRONIC_ADDRESS = re.compile(r"[0-9A-Za-z._-]{1,125}")
SIREN_SCHEME = "0225"  # the French directory's scheme: an electronic address starting with the SIREN


class WriteOnceQuerySet(models.QuerySet):
    """Rows written once: ``update()`` and ``delete()`` refused on any of them."""

    message: ClassVar[str] = "Un document de facture émise est définitif."

    def update(self, **kwargs: Any) -> int:
        if self.exists():
            raise ImmutableInvoiceError(self.message)
        return super().update(**kwargs)

    update.alters_data = True  # type: ignore[attr-defined]

    def delete(self) -> tuple[int, dict[str, int]]:
        if self.exists():
            raise ImmutableInvoiceError(self.message)
        return super().delete()

    delete.alters_data = True  # type: ignore[attr-defined]
    delete.queryset_only = True  # type: ignore[attr-defined]


class WriteOnceModel(models.Model):
    """A row inserted once, then refused any save or delete."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        if not self._state.adding:
            raise ImmutableInvoiceError("Un document de facture émise est définitif.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        raise ImmutableInvoiceError("Un document de facture émise est définitif.")


class InvoiceDocument(WriteOnceModel):
    """The issued invoice as sent: identities at issue, PDF/A-3 (Factur-X inside), CII and UBL XML."""

    invoice = models.OneToOneField(
        "billing.Invoice", on_delete=models.PROTECT, primary_key=True, related_name="document"
    )
    seller = models.JSONField(_("vendeur à l'émission"))
    buyer = models.JSONField(_("acheteur à l'émission"))
    pdf = models.BinaryField(_("PDF/A-3 (Factur-X)"))
    pdf_sha256 = models.CharField(max_length=64)
    cii_xml = models.BinaryField(_("XML Factur-X (CII)"))
    cii_sha256 = models.CharField(max_length=64)
    ubl_xml = models.BinaryField(_("XML UBL 2.1"))
    ubl_sha256 = models.CharField(max_length=64)
    frozen_at = models.DateTimeField(_("figé le"))
    frozen_late = models.BooleanField(
        _("figé à la première consultation"),
        default=False,
        help_text=_("Facture émise avant l'archivage des documents : figée à sa première consultation."),
    )

    objects = WriteOnceQuerySet.as_manager()

    class Meta:
        verbose_name = _("document de facture")
        verbose_name_plural = _("documents de facture")

    def __str__(self) -> str:
        return f"{self.invoice} ({self.pdf_sha256[:12]})"


class LifecycleStatus(models.TextChoices):
    ISSUED = "issued", _("Émise")
    SENT = "sent", _("Transmise")
    RECEIVED = "received", _("Reçue")
    REFUSED = "refused", _("Refusée")
    PAID = "paid", _("Encaissée")


class InvoiceStatusEvent(WriteOnceModel):
    """One step of an invoice's life, dated; each status at most once per invoice."""

    invoice = models.ForeignKey("billing.Invoice", on_delete=models.PROTECT, related_name="status_events")
    status = models.CharField(_("statut"), max_length=10, choices=LifecycleStatus.choices)
    at = models.DateTimeField(_("le"))
    source = models.CharField(_("source"), max_length=40, default="platform")
    note = models.CharField(_("motif"), max_length=300, blank=True)

    objects = WriteOnceQuerySet.as_manager()

    class Meta:
        ordering = ["invoice", "at", "pk"]
        verbose_name = _("statut de facture")
        verbose_name_plural = _("statuts de facture")
        constraints = [
            models.UniqueConstraint(fields=["invoice", "status"], name="invoice_status_once"),
        ]

    def __str__(self) -> str:
        return f"{self.invoice} — {self.get_status_display()}"


class BuyerDetails(models.Model):
    """E-invoicing data of an organisation that buys (an employer, a commune paying for its agents)."""

    organisation = models.OneToOneField(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="billing_details"
    )
    electronic_address = models.CharField(
        _("adresse électronique de facturation"),
        max_length=125,
        blank=True,
        help_text=_("Schéma SIREN (0225) ; vide : le SIREN de l'organisation."),
    )
    is_public_buyer = models.BooleanField(_("acheteur public (Chorus Pro)"), default=False)
    service_code = models.CharField(_("code service"), max_length=100, blank=True)
    commitment_number = models.CharField(_("numéro d'engagement"), max_length=50, blank=True)
    delivery_address = models.CharField(_("adresse de livraison (si différente)"), max_length=300, blank=True)
    delivery_postcode = models.CharField(_("code postal de livraison"), max_length=10, blank=True)
    delivery_city = models.CharField(_("ville de livraison"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("données de facturation électronique")
        verbose_name_plural = _("données de facturation électronique")

    def __str__(self) -> str:
        return str(self.organisation)

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        errors: dict[str, Any] = {}
        if self.electronic_address and not ELECTRONIC_ADDRESS.fullmatch(self.electronic_address):
            errors["electronic_address"] = _(
                "Adresse électronique invalide : lettres, chiffres, « - », « _ » et « . » seulement."
            )
        if self.is_public_buyer:
            if not self.service_code.strip():
                errors["service_code"] = _("Un acheteur public indique son code service (Chorus Pro).")
            if not self.organisation.siret:
                errors["is_public_buyer"] = _("Un acheteur public a un SIRET (Chorus Pro).")
        if errors:
            raise ValidationError(errors)
