"""Territory reference data: regions, departments, EPCI and communes (INSEE COG)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Region(models.Model):
    """A French region (INSEE code, e.g. "93" for Provence-Alpes-Côte d'Azur)."""

    code = models.CharField(_("code INSEE"), max_length=3, primary_key=True)
    name = models.CharField(_("nom"), max_length=120)

    class Meta:
        ordering = ["code"]
        verbose_name = _("région")

    def __str__(self) -> str:
        return self.name


class Department(models.Model):
    """A French department (INSEE code, e.g. "05" for Hautes-Alpes)."""

    code = models.CharField(_("code INSEE"), max_length=3, primary_key=True)
    name = models.CharField(_("nom"), max_length=120)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="departments")

    class Meta:
        ordering = ["code"]
        verbose_name = _("département")

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class Epci(models.Model):
    """An intercommunal body (communauté de communes, d'agglomération, métropole) by SIREN."""

    code = models.CharField(_("SIREN"), max_length=9, primary_key=True)
    name = models.CharField(_("nom"), max_length=200)

    class Meta:
        ordering = ["name"]
        verbose_name = _("EPCI")

    def __str__(self) -> str:
        return self.name


class Commune(models.Model):
    """A current French commune with its population and a point to measure travel from.

    ``coords_approximate`` is true when GeoNames lacks the commune and its point was borrowed
    from a commune sharing its postcode or, failing that, from its EPCI (see load_communes).
    """

    insee = models.CharField(_("code INSEE"), max_length=5, primary_key=True)
    name = models.CharField(_("nom"), max_length=120)
    search_name = models.CharField(max_length=120, db_index=True, editable=False)
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="communes")
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="communes")
    epci = models.ForeignKey(Epci, on_delete=models.SET_NULL, null=True, blank=True, related_name="communes")
    population = models.PositiveIntegerField(_("population"), default=0)
    postcodes = models.CharField(_("codes postaux"), max_length=200, blank=True)
    latitude = models.FloatField()
    longitude = models.FloatField()
    elevation = models.IntegerField(_("altitude (m)"), null=True, blank=True)
    coords_approximate = models.BooleanField(_("position approximative"), default=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("commune")
        indexes = [models.Index(fields=["latitude", "longitude"], name="commune_latlon_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(latitude__gte=-90, latitude__lte=90, longitude__gte=-180, longitude__lte=180),
                name="commune_coords_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.department_id})"
