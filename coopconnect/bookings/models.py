"""Bookings of resources across the whole network."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from coopconnect.core.models import TimeStampedModel


class BookingStatus(models.TextChoices):
    PENDING = "pending", _("En attente de validation")
    CONFIRMED = "confirmed", _("Confirmée")
    CHECKED_IN = "checked_in", _("Arrivée enregistrée")
    CANCELLED = "cancelled", _("Annulée")
    NO_SHOW = "no_show", _("Absence (libérée)")
    REJECTED = "rejected", _("Refusée")


# Statuses that hold a seat: only these count against capacity.
ACTIVE_STATUSES = (BookingStatus.PENDING, BookingStatus.CONFIRMED, BookingStatus.CHECKED_IN)


class Booking(TimeStampedModel):
    """One person's use of one resource from ``start`` to ``end`` (aware datetimes).

    For a pool of coworking seats, ``seat_number`` is the seat taken (1..capacity) so that the
    database itself can refuse two overlapping bookings of the same seat.
    """

    resource = models.ForeignKey("places.Resource", on_delete=models.PROTECT, related_name="bookings")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="bookings")
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="bookings_made", null=True, blank=True
    )
    employer = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, null=True, blank=True, related_name="bookings"
    )
    start = models.DateTimeField(_("début"))
    end = models.DateTimeField(_("fin"))
    seat_number = models.PositiveIntegerField(_("n° de poste"), default=1)
    layout = models.CharField(_("disposition"), max_length=40, blank=True)
    attendees = models.PositiveIntegerField(_("participants"), default=1)
    status = models.CharField(max_length=20, choices=BookingStatus.choices, default=BookingStatus.CONFIRMED)
    short_code = models.CharField(_("code court"), max_length=12, unique=True)
    idempotency_key = models.CharField(max_length=80, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    checked_in_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    series = models.ForeignKey(
        "BookingSeries", on_delete=models.SET_NULL, null=True, blank=True, related_name="bookings"
    )

    class Meta:
        ordering = ["start"]
        verbose_name = _("réservation")
        indexes = [
            models.Index(fields=["resource", "start", "end"], name="booking_resource_time_idx"),
            models.Index(fields=["person", "start"], name="booking_person_start_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(end__gt=models.F("start")), name="booking_end_after_start"),
            models.CheckConstraint(condition=models.Q(seat_number__gte=1), name="booking_seat_positive"),
            models.UniqueConstraint(
                fields=["booked_by", "idempotency_key"],
                condition=~models.Q(idempotency_key=""),
                name="booking_idempotency_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.resource} {self.start:%Y-%m-%d %H:%M}"


class BookingSeries(TimeStampedModel):
    """A recurring booking ("every Tuesday until June"): the rule that generated its bookings."""

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="booking_series")
    resource = models.ForeignKey("places.Resource", on_delete=models.CASCADE, related_name="booking_series")
    rule = models.CharField(_("règle de récurrence (RRULE)"), max_length=300)

    class Meta:
        verbose_name = _("série de réservations")
