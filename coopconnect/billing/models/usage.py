"""Metered use of services (prints, coffee...) and the member codes machines know people by."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class BillingProfile(models.Model):
    """A person's billing identity: the member code machines know them by, and the invoice address.

    One code valid at every place of every network (typed at the copier, posted by the printer server).
    """

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="billing_profile"
    )
    member_code = models.CharField(_("code membre"), max_length=12, unique=True)
    billing_name = models.CharField(_("nom sur la facture"), max_length=200, blank=True)
    address = models.CharField(_("adresse"), max_length=300, blank=True)
    postcode = models.CharField(_("code postal"), max_length=10, blank=True)
    city = models.CharField(_("ville"), max_length=120, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("profil de facturation")
        verbose_name_plural = _("profils de facturation")

    def __str__(self) -> str:
        return self.member_code


class UsageRecord(models.Model):
    """``quantity`` units of a service (``print`` pages, ``coffee`` cups) used by a person at a place."""

    place = models.ForeignKey("places.Place", on_delete=models.PROTECT, related_name="usage_records")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="usage_records"
    )
    employer = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, null=True, blank=True, related_name="usage_records"
    )
    service_code = models.SlugField(_("service"), max_length=40)
    quantity = models.DecimalField(_("quantité"), max_digits=10, decimal_places=2)
    at = models.DateTimeField(_("le"))
    source = models.CharField(_("source"), max_length=20, default="host")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    external_id = models.CharField(max_length=80, blank=True)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("consommation")
        indexes = [models.Index(fields=["person", "at"], name="usage_person_at_idx")]
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gt=0), name="usage_quantity_positive"),
            models.UniqueConstraint(
                fields=["place", "external_id"], condition=~Q(external_id=""), name="usage_external_id_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.quantity} {self.service_code} — {self.person}"
