"""Bookings of resources across the whole network, with each place's rules, waitlists and access."""

import datetime as dt
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coopconnect.core.models import TimeStampedModel

# No 0/O, 1/I/L: a code read aloud or typed on a kiosk must not be ambiguous.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def new_code(length: int = 8) -> str:
    """Return a random short code from the unambiguous alphabet."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))


def new_token() -> str:
    """Return a random URL-safe secret for calendar feeds."""
    return secrets.token_urlsafe(24)


class BookingStatus(models.TextChoices):
    PENDING = "pending", _("En attente de validation")
    CONFIRMED = "confirmed", _("Confirmée")
    CHECKED_IN = "checked_in", _("Arrivée enregistrée")
    CANCELLED = "cancelled", _("Annulée")
    NO_SHOW = "no_show", _("Absence (libérée)")
    REJECTED = "rejected", _("Refusée")


# Statuses that hold a seat: only these count against capacity.
ACTIVE_STATUSES = (BookingStatus.PENDING, BookingStatus.CONFIRMED, BookingStatus.CHECKED_IN)

# Statuses of a booking that was called off (cancelled, or refused by the host): it never took place.
# A no-show is not one of them: the seat was kept for the person.
WITHDRAWN_STATUSES = (BookingStatus.CANCELLED, BookingStatus.REJECTED)


class BookingPolicy(TimeStampedModel):
    """A place's booking rules: how far ahead, how long, cancellation, approval, no-shows, half-days,
    and fair use (open bookings per person, one workstation at a time: see ``services.fair_use``).

    A place without a policy uses the defaults below (``BookingPolicy.for_place``).
    """

    place = models.OneToOneField("places.Place", on_delete=models.CASCADE, related_name="booking_policy")
    max_days_ahead = models.PositiveIntegerField(_("réservable jusqu'à (jours à l'avance)"), default=90)
    min_duration_minutes = models.PositiveIntegerField(_("durée minimale (minutes)"), default=30)
    max_duration_minutes = models.PositiveIntegerField(
        _("durée maximale d'une réservation (minutes)"),
        default=24 * 60,
        help_text=_("Au-delà, réservez plusieurs jours : une réservation par jour."),
    )
    cancellation_deadline_hours = models.PositiveIntegerField(
        _("annulation possible jusqu'à (heures avant le début)"), default=2
    )
    approval_kinds = models.JSONField(
        _("types de ressources soumis à validation de l'hôte"),
        default=list,
        blank=True,
        help_text=_('Par exemple ["meeting_room"] pour les salles louées aux entreprises.'),
    )
    no_show_release_minutes = models.PositiveIntegerField(
        _("libération des absents après (minutes)"), default=60
    )
    checkin_grace_minutes = models.PositiveIntegerField(
        _("tolérance d'accès avant/après la réservation (minutes)"), default=15
    )
    hold_minutes = models.PositiveIntegerField(
        _("durée d'une proposition de liste d'attente (minutes)"), default=120
    )
    max_open_bookings = models.PositiveIntegerField(
        _("réservations à venir par personne (au plus)"),
        default=30,
        help_text=_(
            "Nombre de réservations à venir qu'une personne peut détenir dans ce lieu ; 0 : sans limite. "
            "Les hôtes du lieu peuvent aller au-delà."
        ),
    )
    one_seat_at_a_time = models.BooleanField(
        _("un seul poste à la fois par personne"),
        default=True,
        help_text=_(
            "Une personne n'occupe qu'un poste de coworking ou un bureau à la fois dans tout le réseau. "
            "Décochez pour un lieu où une même personne réserve plusieurs postes en même temps."
        ),
    )
    morning_start = models.TimeField(_("début de matinée"), default=dt.time(8, 30))
    morning_end = models.TimeField(_("fin de matinée"), default=dt.time(12, 30))
    afternoon_start = models.TimeField(_("début d'après-midi"), default=dt.time(13, 30))
    afternoon_end = models.TimeField(_("fin d'après-midi"), default=dt.time(18, 0))

    class Meta:
        verbose_name = _("règles de réservation")
        verbose_name_plural = _("règles de réservation")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(morning_end__gt=models.F("morning_start"))
                & models.Q(afternoon_start__gte=models.F("morning_end"))
                & models.Q(afternoon_end__gt=models.F("afternoon_start")),
                name="policy_half_days_ordered",
            ),
            models.CheckConstraint(
                condition=models.Q(max_duration_minutes__gte=models.F("min_duration_minutes")),
                name="policy_durations_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{_('Règles')} — {self.place}"

    @classmethod
    def for_place(cls, place: models.Model) -> "BookingPolicy":
        """Return the place's policy, or an unsaved one with the defaults."""
        try:
            return cls.objects.get(place=place)
        except cls.DoesNotExist:
            return cls(place=place)

    def requires_approval(self, kind: str) -> bool:
        return kind in (self.approval_kinds or [])


class AccessGrant(TimeStampedModel):
    """24/7 access to a place for one person (Murat's and Boitron's subscribers with a badge).

    The holder may book outside opening hours and their ``code`` opens the door at any time
    between ``valid_from`` and ``valid_until`` (inclusive dates; no end date = until revoked).
    """

    place = models.ForeignKey("places.Place", on_delete=models.CASCADE, related_name="access_grants")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="access_grants"
    )
    valid_from = models.DateField(_("valable du"))
    valid_until = models.DateField(_("valable jusqu'au"), null=True, blank=True)
    code = models.CharField(_("code d'accès"), max_length=12, unique=True, default=new_code)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("accès 24 h/24")
        verbose_name_plural = _("accès 24 h/24")
        ordering = ["place", "person"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_until__isnull=True)
                | models.Q(valid_until__gte=models.F("valid_from")),
                name="grant_dates_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} @ {self.place}"

    def is_valid_on(self, day: dt.date) -> bool:
        return self.valid_from <= day and (self.valid_until is None or day <= self.valid_until)


class BookingSeries(TimeStampedModel):
    """A group of bookings made together: a recurrence ("every Tuesday until June") or a multi-day stay."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="booking_series"
    )
    resource = models.ForeignKey("places.Resource", on_delete=models.CASCADE, related_name="booking_series")
    rule = models.CharField(_("règle de récurrence (RRULE)"), max_length=300)

    class Meta:
        verbose_name = _("série de réservations")
        verbose_name_plural = _("séries de réservations")

    def __str__(self) -> str:
        return f"{self.resource} — {self.rule}"


class Booking(TimeStampedModel):
    """One person's use of one resource from ``start`` to ``end`` (aware datetimes).

    For a pool of coworking seats, ``seat_number`` is the seat taken (1..capacity) so that the
    database itself can refuse two overlapping bookings of the same seat; a room, office, video
    point or locker is booked whole and always uses seat 1. A stay of several days is one
    booking per day, grouped in a ``BookingSeries``.
    """

    resource = models.ForeignKey("places.Resource", on_delete=models.PROTECT, related_name="bookings")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="bookings")
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="bookings_made",
        null=True,
        blank=True,
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
    is_walk_in = models.BooleanField(_("sans réservation (sur place)"), default=False)
    checked_in_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
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
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")), name="booking_end_after_start"
            ),
            models.CheckConstraint(condition=models.Q(seat_number__gte=1), name="booking_seat_positive"),
            models.UniqueConstraint(
                fields=["booked_by", "idempotency_key"],
                condition=~models.Q(idempotency_key=""),
                name="booking_idempotency_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.resource} {timezone.localtime(self.start):%Y-%m-%d %H:%M}"

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES

    @property
    def place(self):  # noqa: ANN201
        return self.resource.place


class WaitlistStatus(models.TextChoices):
    WAITING = "waiting", _("En attente")
    OFFERED = "offered", _("Place proposée")
    BOOKED = "booked", _("Réservée")
    EXPIRED = "expired", _("Proposition expirée")
    CANCELLED = "cancelled", _("Retirée")


class WaitlistEntry(TimeStampedModel):
    """A person waiting for a full resource over a time range; served first come, first served."""

    resource = models.ForeignKey("places.Resource", on_delete=models.CASCADE, related_name="waitlist")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="waitlist_entries"
    )
    start = models.DateTimeField(_("début"))
    end = models.DateTimeField(_("fin"))
    status = models.CharField(max_length=20, choices=WaitlistStatus.choices, default=WaitlistStatus.WAITING)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("inscription en liste d'attente")
        verbose_name_plural = _("inscriptions en liste d'attente")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")), name="waitlist_end_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} ⏳ {self.resource}"


class HoldStatus(models.TextChoices):
    ACTIVE = "active", _("Réservée pour vous")
    ACCEPTED = "accepted", _("Acceptée")
    EXPIRED = "expired", _("Expirée")
    DECLINED = "declined", _("Déclinée")


class Hold(TimeStampedModel):
    """A freed slot kept for the first person of the waitlist until ``expires_at``.

    While active it counts against capacity, so nobody else can take the freed seat.
    """

    entry = models.OneToOneField(WaitlistEntry, on_delete=models.CASCADE, related_name="hold")
    resource = models.ForeignKey("places.Resource", on_delete=models.CASCADE, related_name="holds")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="holds")
    start = models.DateTimeField(_("début"))
    end = models.DateTimeField(_("fin"))
    expires_at = models.DateTimeField(_("expire le"))
    status = models.CharField(max_length=20, choices=HoldStatus.choices, default=HoldStatus.ACTIVE)
    booking = models.OneToOneField(
        Booking, on_delete=models.SET_NULL, null=True, blank=True, related_name="hold"
    )

    class Meta:
        verbose_name = _("proposition de liste d'attente")
        verbose_name_plural = _("propositions de liste d'attente")
        indexes = [models.Index(fields=["resource", "status", "start"], name="hold_resource_idx")]

    def __str__(self) -> str:
        return f"{self.person} ⏳ {self.resource} → {self.expires_at:%Y-%m-%d %H:%M}"


class AccessCheck(models.Model):
    """One door/kiosk check of a code at a place: every attempt is logged, allowed or not."""

    place = models.ForeignKey("places.Place", on_delete=models.CASCADE, related_name="access_checks")
    code = models.CharField(max_length=40)
    checked_at = models.DateTimeField(default=timezone.now)
    allowed = models.BooleanField()
    reason = models.CharField(max_length=200)
    booking = models.ForeignKey(Booking, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    grant = models.ForeignKey(AccessGrant, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    token_label = models.CharField(max_length=120, blank=True)

    class Meta:
        ordering = ["-checked_at"]
        verbose_name = _("contrôle d'accès")
        verbose_name_plural = _("contrôles d'accès")

    def __str__(self) -> str:
        return f"{self.place} {self.code} {'OK' if self.allowed else 'KO'}"


class FeedKind(models.TextChoices):
    PERSON = "person", _("Mes réservations")
    RESOURCE = "resource", _("Une ressource")
    PLACE = "place", _("Un lieu")


class CalendarFeed(TimeStampedModel):
    """A secret, revocable iCalendar URL (RFC 5545) for a member, a resource or a place."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feeds"
    )
    kind = models.CharField(max_length=20, choices=FeedKind.choices)
    resource = models.ForeignKey(
        "places.Resource", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    place = models.ForeignKey(
        "places.Place", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    token = models.CharField(max_length=64, unique=True, default=new_token)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("flux de calendrier")
        verbose_name_plural = _("flux de calendriers")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(kind="person") & models.Q(resource__isnull=True) & models.Q(place__isnull=True)
                )
                | (models.Q(kind="resource") & models.Q(resource__isnull=False))
                | (models.Q(kind="place") & models.Q(place__isnull=False)),
                name="feed_target_matches_kind",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.owner}"
