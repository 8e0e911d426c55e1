"""Community life: meetups, trainings, workshops, forums and video broadcasts, with their registrations."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from coopconnect.core.models import TimeStampedModel


class EventKind(models.TextChoices):
    """The kinds of animation the study describes (Club Soho Solo, Murat's forum and trainings...)."""

    MEETUP = "meetup", _("Rencontre")
    TRAINING = "training", _("Formation")
    WORKSHOP = "workshop", _("Atelier")
    FORUM = "forum", _("Forum")
    BROADCAST = "broadcast", _("Conférence en visio")


class EventStatus(models.TextChoices):
    DRAFT = "draft", _("Brouillon")
    PUBLISHED = "published", _("Publié")
    CANCELLED = "cancelled", _("Annulé")


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Inscrit")
    WAITLISTED = "waitlisted", _("Liste d'attente")
    CANCELLED = "cancelled", _("Annulée")
    ATTENDED = "attended", _("Présent")


SEATED = (RegistrationStatus.CONFIRMED, RegistrationStatus.ATTENDED)


class Theme(models.Model):
    """A theme tag of events ("prospection", "télétravail"...) that people can follow."""

    slug = models.SlugField(_("code"), unique=True, max_length=60)
    name = models.CharField(_("nom"), max_length=80)

    class Meta:
        ordering = ["name"]
        verbose_name = _("thème")

    def __str__(self) -> str:
        return self.name


class Event(TimeStampedModel):
    """An animation organised by a place (or by a network for network-wide events).

    It happens at ``venue`` (optionally in ``room``, held by a booking) or online, relayed in
    ``relay_places`` (the study's breakfast conference broadcast to the other télécentres).
    ``grants_free_months`` (trainings only): attending gives that many months free at the venue.
    """

    kind = models.CharField(_("type"), max_length=20, choices=EventKind.choices, default=EventKind.MEETUP)
    title = models.CharField(_("titre"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    themes = models.ManyToManyField(Theme, blank=True, related_name="events", verbose_name=_("thèmes"))
    place = models.ForeignKey(
        "places.Place",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organised_events",
        verbose_name=_("lieu organisateur"),
    )
    network = models.ForeignKey(
        "places.Network",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("réseau organisateur"),
    )
    start = models.DateTimeField(_("début"))
    end = models.DateTimeField(_("fin"))
    venue = models.ForeignKey(
        "places.Place",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="hosted_events",
        verbose_name=_("lieu de l'événement"),
    )
    room = models.ForeignKey(
        "places.Resource",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("salle"),
    )
    room_booking = models.ForeignKey(
        "bookings.Booking", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    is_online = models.BooleanField(_("en ligne (visio)"), default=False)
    online_url = models.URLField(_("lien de la visio"), blank=True)
    relay_places = models.ManyToManyField(
        "places.Place", blank=True, related_name="relayed_events", verbose_name=_("lieux relais de la visio")
    )
    capacity = models.PositiveIntegerField(_("nombre de places"), default=20)
    price = models.DecimalField(_("prix TTC (0 = gratuit)"), max_digits=8, decimal_places=2, default=0)
    grants_free_months = models.PositiveSmallIntegerField(
        _("mois gratuits accordés aux participants (formation)"), default=0
    )
    status = models.CharField(
        _("état"), max_length=20, choices=EventStatus.choices, default=EventStatus.DRAFT, db_index=True
    )
    organiser = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="organised_events",
        verbose_name=_("organisateur"),
    )
    published_at = models.DateTimeField(_("publié le"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("annulé le"), null=True, blank=True)

    class Meta:
        ordering = ["start", "pk"]
        verbose_name = _("événement")
        indexes = [models.Index(fields=["status", "start"], name="event_status_start_idx")]
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=models.F("start")), name="event_end_after_start"),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="event_capacity_positive"),
            models.CheckConstraint(condition=Q(price__gte=0), name="event_price_not_negative"),
            models.CheckConstraint(
                condition=(Q(place__isnull=False) & Q(network__isnull=True))
                | (Q(place__isnull=True) & Q(network__isnull=False)),
                name="event_one_organiser",
            ),
            models.CheckConstraint(
                condition=Q(venue__isnull=False) | Q(is_online=True), name="event_has_a_venue"
            ),
            models.CheckConstraint(
                condition=Q(grants_free_months=0) | Q(kind="training"), name="event_free_months_training_only"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def organiser_label(self) -> str:
        """Name of the place or network that organises the event."""
        return str(self.place or self.network or "")

    @property
    def is_free(self) -> bool:
        return self.price == 0

    @property
    def seats_left(self) -> int:
        """Free seats (uses the ``seated_count`` the selectors annotate when present)."""
        seated = getattr(self, "seated_count", None)
        if seated is None:
            seated = self.registrations.filter(status__in=SEATED).count()
        return max(self.capacity - seated, 0)


class Registration(TimeStampedModel):
    """A person's registration to an event: confirmed, on the waitlist, cancelled, or attended.

    One row per person and event; registering again after a cancellation reuses it and puts the
    person at the end of the waitlist (``registered_at`` orders the waitlist).
    """

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_registrations"
    )
    status = models.CharField(
        _("état"), max_length=20, choices=RegistrationStatus.choices, default=RegistrationStatus.CONFIRMED
    )
    registered_at = models.DateTimeField(_("inscrit le"))
    cancelled_at = models.DateTimeField(_("annulée le"), null=True, blank=True)
    promoted_at = models.DateTimeField(_("sortie de liste d'attente le"), null=True, blank=True)
    attended_at = models.DateTimeField(_("présence notée le"), null=True, blank=True)
    free_period = models.ForeignKey(
        "billing.FreePeriod",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )

    class Meta:
        ordering = ["registered_at", "pk"]
        verbose_name = _("inscription")
        constraints = [
            models.UniqueConstraint(fields=["event", "person"], name="registration_once_per_event"),
        ]
        indexes = [models.Index(fields=["event", "status", "registered_at"], name="registration_queue_idx")]

    def __str__(self) -> str:
        return f"{self.person} — {self.event}"


class ThemeSubscription(TimeStampedModel):
    """A person wants an e-mail when an event on this theme is published (the Club Soho Solo relaunch)."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_theme_subscriptions"
    )
    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="subscriptions")

    class Meta:
        verbose_name = _("abonnement à un thème")
        verbose_name_plural = _("abonnements à un thème")
        constraints = [models.UniqueConstraint(fields=["person", "theme"], name="theme_subscription_once")]

    def __str__(self) -> str:
        return f"{self.person} — {self.theme}"
