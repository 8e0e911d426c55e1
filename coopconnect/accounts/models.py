"""People: one account valid at every place of every network."""

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
        return self._create_user(email, password, **extra)


class User(AbstractUser):
    """A person using Coop-connect: member, host, coordinator, employer admin or staff.

    Roles are relations, not flags: a host is listed in ``Place.hosts``, a coordinator in
    ``Network.coordinators``.
    """

    username = None  # type: ignore[assignment]
    email = models.EmailField(_("adresse e-mail"), unique=True)
    home_commune = models.ForeignKey(
        "territory.Commune", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("commune de résidence"),
    )
    language = models.CharField(
        _("langue"), max_length=5, choices=[("fr", "Français"), ("en", "English")], default="fr"
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()  # type: ignore[misc]

    class Meta:
        verbose_name = _("personne")
        ordering = ["email"]

    def __str__(self) -> str:
        return self.get_full_name() or self.email
