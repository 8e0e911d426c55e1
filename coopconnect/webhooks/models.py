"""Webhook endpoints of a place or a network, and the log of what was delivered to them."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from coopconnect.core.models import TimeStampedModel


class EventType(models.TextChoices):
    BOOKING_CREATED = "booking.created", _("Réservation créée")
    BOOKING_CHANGED = "booking.changed", _("Réservation modifiée")
    BOOKING_CANCELLED = "booking.cancelled", _("Réservation annulée")
    CHECKIN = "checkin", _("Arrivée enregistrée")
    INVOICE_ISSUED = "invoice.issued", _("Facture émise")
    INVOICE_PAID = "invoice.paid", _("Facture payée")
    REGISTRATION = "registration", _("Inscription à un événement")
    ACCESS_GRANTED = "access.granted", _("Accès autorisé (porte)")
    ACCESS_REFUSED = "access.refused", _("Accès refusé (porte)")
    USAGE_RECORDED = "usage.recorded", _("Consommation enregistrée (impressions, Wi-Fi…)")


class Endpoint(TimeStampedModel):
    """A URL of another system told, signed, about the chosen events of one place or one network.

    The secret signs every payload (Standard Webhooks); it is shown once, when the endpoint is made or
    its secret renewed. After ``WEBHOOKS_DISABLE_AFTER`` failed attempts in a row the endpoint is
    switched off and its creator told by mail.
    """

    place = models.ForeignKey(
        "places.Place", on_delete=models.CASCADE, null=True, blank=True, related_name="webhook_endpoints"
    )
    network = models.ForeignKey(
        "places.Network", on_delete=models.CASCADE, null=True, blank=True, related_name="webhook_endpoints"
    )
    url = models.URLField(_("adresse (URL)"), max_length=500)
    description = models.CharField(_("description"), max_length=120, blank=True)
    events = models.JSONField(_("événements"), default=list)
    secret = models.CharField(max_length=80)
    is_active = models.BooleanField(_("actif"), default=True)
    consecutive_failures = models.PositiveIntegerField(default=0)
    disabled_at = models.DateTimeField(null=True, blank=True)
    disabled_reason = models.CharField(max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["pk"]
        verbose_name = _("point de réception de webhooks")
        verbose_name_plural = _("points de réception de webhooks")
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(place__isnull=False) & models.Q(network__isnull=True))
                | (models.Q(place__isnull=True) & models.Q(network__isnull=False)),
                name="webhook_endpoint_one_owner",
            )
        ]

    def __str__(self) -> str:
        return self.url

    @property
    def secret_hint(self) -> str:
        """The first characters of the secret, enough to tell two secrets apart."""
        return self.secret[:10] + "…"


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("En attente")
    SENDING = "sending", _("En cours d'envoi")
    RETRYING = "retrying", _("Nouvel essai prévu")
    SUCCEEDED = "succeeded", _("Livré")
    FAILED = "failed", _("Échec définitif")


class Delivery(models.Model):
    """One event sent to one endpoint: the exact signed body, its id, and where its delivery stands.

    A replay sends the same body with the same ``msg_id`` again (the spec's idempotency key), so a
    receiver that had already handled it can recognise it.
    """

    endpoint = models.ForeignKey(Endpoint, on_delete=models.CASCADE, related_name="deliveries")
    event_type = models.CharField(max_length=40)
    msg_id = models.CharField(max_length=60, unique=True)
    body = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=20, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    # Attempts made before the last replay: a replay starts a fresh round of retries.
    round_base = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("livraison de webhook")
        verbose_name_plural = _("livraisons de webhooks")
        indexes = [models.Index(fields=["endpoint", "-created_at"], name="webhook_delivery_endpoint_idx")]

    def __str__(self) -> str:
        return f"{self.event_type} {self.msg_id}"


class Attempt(models.Model):
    """One HTTP try of a delivery: when, the answer's status code (none when unreachable), how long."""

    delivery = models.ForeignKey(Delivery, on_delete=models.CASCADE, related_name="attempt_log")
    number = models.PositiveIntegerField()
    at = models.DateTimeField()
    ok = models.BooleanField(default=False)
    response_code = models.PositiveIntegerField(null=True, blank=True)
    duration_ms = models.PositiveIntegerField(default=0)
    error = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["delivery", "number"]
        verbose_name = _("essai de livraison")
        verbose_name_plural = _("essais de livraison")
        constraints = [
            models.UniqueConstraint(fields=["delivery", "number"], name="webhook_attempt_number_unique")
        ]

    def __str__(self) -> str:
        return f"{self.delivery_id} #{self.number}"
