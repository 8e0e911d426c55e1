"""People: one account valid at every place of every network."""

from typing import ClassVar

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager["User"]):
    """Create users identified by their e-mail address."""

    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra: object) -> "User":
        if not email:
            raise ValueError("L'adresse e-mail est obligatoire.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra: object) -> "User":
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra: object) -> "User":
        extra["is_staff"] = True
        extra["is_superuser"] = True
        extra.setdefault("email_verified", True)
        return self._create_user(email, password, **extra)


class User(AbstractUser):
    """A person using Coop-connect: member, host, coordinator, employer admin or staff.

    Roles are relations, not flags: a host is listed in ``Place.hosts``, a coordinator in
    ``Network.coordinators``.
    """

    username = None  # type: ignore[assignment]
    email = models.EmailField(_("adresse e-mail"), unique=True)
    home_commune = models.ForeignKey(
        "territory.Commune",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("commune de résidence"),
    )
    work_commune = models.ForeignKey(
        "territory.Commune",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("commune de travail habituelle"),
        help_text=_("Où la personne travaille d'habitude : sert à estimer les trajets évités."),
    )
    language = models.CharField(
        _("langue"), max_length=5, choices=[("fr", "Français"), ("en", "English")], default="fr"
    )
    email_verified = models.BooleanField(
        _("adresse e-mail vérifiée"),
        default=False,
        help_text=_("Une personne non vérifiée peut se connecter mais pas réserver."),
    )
    email_verified_at = models.DateTimeField(_("vérifiée le"), null=True, blank=True)
    erased_at = models.DateTimeField(
        _("données effacées le"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Compte anonymisé à la demande de la personne ; ses factures restent conservées."),
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    objects = UserManager()  # type: ignore[assignment,misc]

    class Meta:
        verbose_name = _("personne")
        verbose_name_plural = _("personnes")
        ordering = ["email"]

    def __str__(self) -> str:
        return self.get_full_name() or self.email

    @property
    def is_erased(self) -> bool:
        """Tell whether the person had their personal data erased (the row stays for the invoices)."""
        return self.erased_at is not None

    @property
    def is_invited(self) -> bool:
        """Tell whether this account was created by an invitation not accepted yet."""
        return not self.is_active and not self.has_usable_password() and self.erased_at is None


class Organisation(models.Model):
    """An employer (or any buyer) billed globally for its people across the network."""

    name = models.CharField(_("raison sociale"), max_length=200)
    siren = models.CharField(_("SIREN"), max_length=9, blank=True)
    siret = models.CharField(_("SIRET"), max_length=14, blank=True)
    vat_number = models.CharField(_("n° TVA intracommunautaire"), max_length=20, blank=True)
    address = models.CharField(_("adresse"), max_length=300, blank=True)
    postcode = models.CharField(_("code postal"), max_length=10, blank=True)
    city = models.CharField(_("ville"), max_length=120, blank=True)
    billing_email = models.EmailField(_("courriel de facturation"), blank=True)
    is_business = models.BooleanField(
        _("professionnel"),
        default=True,
        help_text=_(
            "Les factures aux professionnels portent l'indemnité forfaitaire de recouvrement de 40 €."
        ),
    )
    members = models.ManyToManyField(User, through="OrganisationMembership", related_name="organisations")

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")

    def __str__(self) -> str:
        return self.name


class OrganisationRole(models.TextChoices):
    ADMIN = "admin", _("Administrateur (réserve et voit pour les salariés)")
    EMPLOYEE = "employee", _("Salarié")


class OrganisationMembership(models.Model):
    """A person's place in an organisation: an employee, or an admin who books and pays for employees."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="organisation_memberships")
    role = models.CharField(
        max_length=20, choices=OrganisationRole.choices, default=OrganisationRole.EMPLOYEE
    )

    class Meta:
        verbose_name = _("appartenance à une organisation")
        verbose_name_plural = _("appartenances à une organisation")
        constraints = [models.UniqueConstraint(fields=["organisation", "user"], name="org_membership_unique")]

    def __str__(self) -> str:
        return f"{self.user} — {self.organisation} ({self.get_role_display()})"


class ApiToken(models.Model):
    """A machine credential scoped to one place (door controller, printer server, kiosk).

    Only a SHA-256 hash of the secret is stored; the raw token is shown once, at creation.
    """

    place = models.ForeignKey(
        "places.Place", on_delete=models.CASCADE, related_name="api_tokens", verbose_name=_("lieu")
    )
    name = models.CharField(_("nom"), max_length=100, help_text=_("Ex. : contrôleur de porte, imprimante"))
    prefix = models.CharField(_("préfixe"), max_length=16, unique=True)
    secret_hash = models.CharField(_("empreinte du secret (SHA-256)"), max_length=64)
    created_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("créé par")
    )
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("dernière utilisation"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("révoqué le"), null=True, blank=True)

    class Meta:
        ordering = ["place", "-created_at"]
        verbose_name = _("jeton d'API")
        verbose_name_plural = _("jetons d'API")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class PersonalToken(models.Model):
    """A person's own API credential (a phone app, a script): it acts as that person, within its scopes.

    Only a SHA-256 hash of the secret is stored; the raw token is shown once, at creation.
    """

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="personal_tokens", verbose_name=_("personne")
    )
    name = models.CharField(_("nom"), max_length=100, help_text=_("Ex. : application mobile, script"))
    prefix = models.CharField(_("préfixe"), max_length=16, unique=True)
    secret_hash = models.CharField(_("empreinte du secret (SHA-256)"), max_length=64)
    scopes = models.JSONField(_("autorisations"), default=list)
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expire le"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("dernière utilisation"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("révoqué le"), null=True, blank=True)

    class Meta:
        ordering = ["user", "-created_at"]
        verbose_name = _("jeton personnel")
        verbose_name_plural = _("jetons personnels")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
