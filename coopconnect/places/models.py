"""Networks of third places, the places themselves, their services and bookable resources."""

import math

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from coopconnect.core.models import TimeStampedModel
from coopconnect.places.hours import validate_opening_hours

OFFICE_MAX_CAPACITY = 4


class Network(TimeStampedModel):
    """A network of third places run by a coordinator (a department, a chamber of commerce, a region...)."""

    name = models.CharField(_("nom"), max_length=200)
    slug = models.SlugField(unique=True, max_length=200)
    description = models.TextField(_("description"), blank=True)
    website = models.URLField(_("site web"), blank=True)
    email = models.EmailField(_("courriel"), blank=True)
    coordinators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="coordinated_networks",
        verbose_name=_("coordinateurs"),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("réseau")
        verbose_name_plural = _("réseaux")

    def __str__(self) -> str:
        return self.name


class Typology(models.TextChoices):
    """The kinds of third places the study names."""

    TELECENTRE = "telecentre", _("Télécentre")
    COWORKING = "coworking", _("Espace de coworking")
    EPN = "epn", _("Espace public numérique / ERIC")
    INCUBATOR = "incubator", _("Pépinière ou incubateur")
    BUSINESS_CENTRE = "business_centre", _("Centre d'affaires")
    PUBLIC_SERVICES = "public_services", _("Relais de services publics / France Services")
    FABLAB = "fablab", _("Fablab")
    POPUP = "popup", _("Tiers-lieu éphémère")
    OTHER = "other", _("Autre tiers-lieu")


class LegalForm(models.TextChoices):
    """The legal form of the structure that carries a place."""

    COMMUNE = "commune", _("Commune")
    INTERCOMMUNALITY = "epci", _("Communauté de communes / EPCI")
    DEPARTMENT = "department", _("Département / Région")
    CHAMBER = "chamber", _("Chambre consulaire (CCI, CMA, chambre d'agriculture)")
    ASSOCIATION = "association", _("Association")
    COOPERATIVE = "cooperative", _("SCOP / SCIC")
    COMPANY = "company", _("Entreprise")
    OTHER = "other", _("Autre / non renseignée")


class AccessMode(models.TextChoices):
    """How people get in: only when staffed, or with a badge/key around the clock for some members."""

    STAFFED = "staffed", _("Aux heures d'accueil uniquement")
    BADGE_24_7 = "badge_24_7", _("Badge ou clé 24 h/24 pour certains membres")


class Service(models.Model):
    """One item of the study's services bouquet (wifi, copier, video point, lockers...)."""

    code = models.SlugField(primary_key=True, max_length=40)
    label = models.CharField(_("libellé"), max_length=120)
    label_en = models.CharField(_("libellé (anglais)"), max_length=120, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("service")

    def __str__(self) -> str:
        return self.label


class Place(TimeStampedModel):
    """A third place: where people come to work near home, with its services, hours and carrier."""

    name = models.CharField(_("nom"), max_length=200)
    slug = models.SlugField(unique=True, max_length=220)
    networks = models.ManyToManyField(Network, blank=True, related_name="places", verbose_name=_("réseaux"))
    typology = models.CharField(
        _("typologie"), max_length=30, choices=Typology.choices, default=Typology.COWORKING
    )
    popup_start = models.DateField(_("début (tiers-lieu éphémère)"), null=True, blank=True)
    popup_end = models.DateField(_("fin (tiers-lieu éphémère)"), null=True, blank=True)
    carrier_name = models.CharField(_("structure porteuse"), max_length=200, blank=True)
    legal_form = models.CharField(
        _("forme juridique"), max_length=20, choices=LegalForm.choices, default=LegalForm.OTHER
    )
    siret = models.CharField(_("SIRET"), max_length=14, blank=True)
    vat_number = models.CharField(_("n° TVA intracommunautaire"), max_length=20, blank=True)

    address = models.CharField(_("adresse"), max_length=300, blank=True)
    postcode = models.CharField(_("code postal"), max_length=10, blank=True)
    commune = models.ForeignKey(
        "territory.Commune", on_delete=models.PROTECT, null=True, blank=True, related_name="places"
    )
    latitude = models.FloatField(_("latitude"))
    longitude = models.FloatField(_("longitude"))

    opening_hours = models.CharField(
        _("horaires (syntaxe OpenStreetMap)"),
        max_length=500,
        blank=True,
        help_text=_("Par exemple : Mo-Fr 08:30-12:00,13:30-18:00; PH off"),
        validators=[validate_opening_hours],
    )
    access_mode = models.CharField(
        _("accès"), max_length=20, choices=AccessMode.choices, default=AccessMode.STAFFED
    )
    services = models.ManyToManyField(Service, blank=True, related_name="places", verbose_name=_("services"))
    wifi_mbps = models.PositiveIntegerField(_("débit internet (Mb/s)"), null=True, blank=True)

    description = models.TextField(_("description"), blank=True)
    phone = models.CharField(_("téléphone"), max_length=40, blank=True)
    email = models.EmailField(_("courriel"), blank=True)
    website = models.URLField(_("site web"), max_length=500, blank=True)
    # WebP written by ``services.place_set_photo`` (``photos.prepare``), never the upload as sent.
    photo = models.ImageField(
        _("photo"), upload_to="places/", blank=True, width_field="photo_width", height_field="photo_height"
    )
    photo_small = models.ImageField(_("photo (petite)"), upload_to="places/", blank=True)
    photo_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    photo_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    how_to_get_there = models.TextField(_("comment venir"), blank=True)

    hosts = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="hosted_places", verbose_name=_("hôtes")
    )
    is_published = models.BooleanField(_("publié"), default=True)
    source = models.CharField(_("source"), max_length=40, blank=True, help_text=_("Ex. : cget-2019, saisie"))
    source_id = models.CharField(_("identifiant dans la source"), max_length=64, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("lieu")
        verbose_name_plural = _("lieux")
        indexes = [
            models.Index(fields=["latitude", "longitude"], name="place_latlon_idx"),
            models.Index(fields=["typology"], name="place_typology_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    latitude__gte=-90, latitude__lte=90, longitude__gte=-180, longitude__lte=180
                ),
                name="place_coords_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(popup_start__isnull=True)
                | models.Q(popup_end__isnull=True)
                | models.Q(popup_end__gte=models.F("popup_start")),
                name="place_popup_dates_ordered",
            ),
            models.UniqueConstraint(
                fields=["source", "source_id"],
                condition=~models.Q(source_id=""),
                name="place_unique_source_id",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def by_appointment(self) -> bool:
        """No hours published: visits are arranged with the host, every booking is a request."""
        return not (self.opening_hours or "").strip()

    def clean(self) -> None:
        errors: dict[str, list[str]] = {}
        for field_name, low, high in (("latitude", -90, 90), ("longitude", -180, 180)):
            value = getattr(self, field_name)
            if value is None:
                continue
            if not isinstance(value, int | float) or not math.isfinite(value) or not low <= value <= high:
                errors.setdefault(field_name, []).append(
                    _("Coordonnée invalide : %(name)s doit être comprise entre %(low)s et %(high)s.")
                    % {"name": field_name, "low": low, "high": high}
                )
        if self.latitude == 0 and self.longitude == 0:
            errors.setdefault("latitude", []).append(_("Coordonnées manquantes (0, 0)."))
        if self.typology == Typology.POPUP:
            if not self.popup_start:
                errors.setdefault("popup_start", []).append(_("Un tiers-lieu éphémère a une date de début."))
            if not self.popup_end:
                errors.setdefault("popup_end", []).append(_("Un tiers-lieu éphémère a une date de fin."))
        elif self.popup_start or self.popup_end:
            errors.setdefault("popup_start", []).append(
                _("Les dates de début et de fin sont réservées aux tiers-lieux éphémères.")
            )
        if self.popup_start and self.popup_end and self.popup_end < self.popup_start:
            errors.setdefault("popup_end", []).append(_("La date de fin précède la date de début."))
        if errors:
            raise ValidationError(errors)


class ResourceKind(models.TextChoices):
    """What can be booked inside a place."""

    SEAT = "seat", _("Poste de coworking")
    OFFICE = "office", _("Bureau privatif")
    MEETING_ROOM = "meeting_room", _("Salle de réunion")
    VIDEO_POINT = "video_point", _("Point de visioconférence")
    LOCKER = "locker", _("Casier")


class Resource(TimeStampedModel):
    """A bookable thing inside a place, with its capacity.

    A pool of coworking seats is one resource whose capacity is the number of seats; an office,
    a room, a video point or a locker is booked whole. ``layouts`` maps a room layout to its
    capacity, e.g. {"coworking": 12, "reunion": 18, "conference": 50}.
    """

    place = models.ForeignKey(Place, on_delete=models.CASCADE, related_name="resources")
    kind = models.CharField(_("type"), max_length=20, choices=ResourceKind.choices)
    name = models.CharField(_("nom"), max_length=120)
    capacity = models.PositiveIntegerField(_("capacité"), default=1)
    layouts = models.JSONField(_("capacité par disposition"), default=dict, blank=True)
    surface_m2 = models.DecimalField(_("surface (m²)"), max_digits=7, decimal_places=2, null=True, blank=True)
    description = models.TextField(_("description"), blank=True)
    is_active = models.BooleanField(_("actif"), default=True)

    class Meta:
        ordering = ["place", "kind", "name"]
        verbose_name = _("ressource")
        constraints = [
            models.CheckConstraint(condition=models.Q(capacity__gte=1), name="resource_capacity_positive"),
            models.CheckConstraint(
                condition=models.Q(surface_m2__isnull=True) | models.Q(surface_m2__gt=0),
                name="resource_surface_positive",
            ),
            models.UniqueConstraint(fields=["place", "name"], name="resource_unique_name_per_place"),
        ]

    def __str__(self) -> str:
        return f"{self.name} — {self.place}"

    def clean(self) -> None:
        errors: dict[str, list[str]] = {}
        layouts = self.layouts or {}
        if not isinstance(layouts, dict):
            errors["layouts"] = [_('Les dispositions s\'écrivent {"disposition": capacité}.')]
        else:
            bad = [
                str(name)
                for name, cap in layouts.items()
                if isinstance(cap, bool) or not isinstance(cap, int) or cap < 1 or not str(name).strip()
            ]
            if bad:
                errors["layouts"] = [
                    _("Capacité invalide pour la disposition : %(names)s (nombre entier positif attendu).")
                    % {"names": ", ".join(bad)}
                ]
            elif layouts:
                # The capacity of a room is that of its largest layout, whatever was typed.
                self.capacity = max(layouts.values())
        if self.kind == ResourceKind.OFFICE and self.capacity and self.capacity > OFFICE_MAX_CAPACITY:
            errors.setdefault("capacity", []).append(
                _("Un bureau privatif accueille de 1 à %(max)s personnes.") % {"max": OFFICE_MAX_CAPACITY}
            )
        if errors:
            raise ValidationError(errors)

    @property
    def is_pool(self) -> bool:
        """A pool (coworking seats) is shared by several people at once; other kinds are booked whole."""
        return self.kind == ResourceKind.SEAT
