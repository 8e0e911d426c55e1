"""Territory reference data: regions, departments, EPCI and communes (INSEE COG)."""

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from coopconnect.core.models import TimeStampedModel


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
        indexes = [models.Index(fields=["key"], name="commune_word_key_idx")]
        constraints = [models.UniqueConstraint(fields=["commune", "key"], name="commune_word_key_unique")]

    def __str__(self) -> str:
        return self.key


def _new_token() -> str:
    import secrets

    return secrets.token_urlsafe(16)


class BusinessPlan(TimeStampedModel):
    """A project holder's business plan for a candidate site: several scenarios compared side by side.

    Owned by its creator; anyone holding ``share_token`` may read it (the secret link given to elected
    officials), nobody else.
    """

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="business_plans",
        verbose_name=_("auteur"),
    )
    name = models.CharField(_("nom"), max_length=200)
    commune = models.ForeignKey(
        Commune,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="business_plans",
        verbose_name=_("commune du site"),
    )
    notes = models.TextField(_("notes"), blank=True)
    share_token = models.CharField(max_length=40, unique=True, default=_new_token, editable=False)

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("plan d'affaires")

    def __str__(self) -> str:
        return self.name


class Scenario(models.Model):
    """One hypothesis of a business plan (the study's example, the town hall lends the premises...)."""

    plan = models.ForeignKey(BusinessPlan, on_delete=models.CASCADE, related_name="scenarios")
    position = models.PositiveSmallIntegerField(default=0)
    name = models.CharField(_("nom du scénario"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    occupancy_rate = models.DecimalField(
        _("taux de remplissage (%)"), max_digits=5, decimal_places=2, default=70
    )
    seats = models.PositiveSmallIntegerField(_("nombre de places"), null=True, blank=True)
    open_days_per_week = models.DecimalField(
        _("jours d'ouverture par semaine"), max_digits=3, decimal_places=1, default=5
    )

    class Meta:
        ordering = ["plan", "position", "pk"]
        verbose_name = _("scénario")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(occupancy_rate__gte=0, occupancy_rate__lte=100),
                name="scenario_occupancy_0_100",
            ),
            models.CheckConstraint(
                condition=models.Q(open_days_per_week__gt=0, open_days_per_week__lte=7),
                name="scenario_open_days_1_7",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class ChargeKind(models.TextChoices):
    """The charge lines of the study's business plan."""

    RENT = "rent", _("Loyer")
    INSURANCE = "insurance", _("Assurances")
    ENERGY = "energy", _("Énergie (dont chauffage)")
    WATER = "water", _("Eau")
    CLEANING = "cleaning", _("Ménage")
    TELECOM = "telecom", _("Internet haut débit et téléphone")
    COPIER = "copier", _("Copieur connecté")
    DEPRECIATION = "depreciation", _("Amortissement aménagement / équipement")
    CONSUMABLES = "consumables", _("Consommables")
    STAFF = "staff", _("Personnel")
    COMMUNICATION = "communication", _("Communication")
    CONTINGENCY = "contingency", _("Imprévus")


class ChargeLineItem(models.Model):
    """A yearly charge of a scenario; depreciation may give an investment and a number of years instead."""

    scenario = models.ForeignKey(Scenario, on_delete=models.CASCADE, related_name="charge_lines")
    position = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(_("type"), max_length=20, choices=ChargeKind.choices)
    label = models.CharField(_("libellé"), max_length=200, blank=True)
    amount = models.DecimalField(_("montant annuel (€)"), max_digits=12, decimal_places=2, default=0)
    investment = models.DecimalField(
        _("investissement (€)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    years = models.PositiveSmallIntegerField(_("durée d'amortissement (ans)"), null=True, blank=True)

    class Meta:
        ordering = ["scenario", "position", "pk"]
        verbose_name = _("ligne de charge")
        constraints = [
            models.CheckConstraint(condition=models.Q(amount__gte=0), name="charge_amount_non_negative"),
            models.CheckConstraint(
                condition=models.Q(investment__isnull=True) | models.Q(investment__gte=0),
                name="charge_investment_non_negative",
            ),
        ]

    def __str__(self) -> str:
        return self.label or self.get_kind_display()


class IncomeKind(models.TextChoices):
    """Regular members on a yearly contract, or occasional days and half-days."""

    MEMBER = "member", _("Adhérents réguliers")
    DAY = "day", _("Journées occasionnelles")
    HALF_DAY = "half_day", _("Demi-journées occasionnelles")


class IncomeLineItem(models.Model):
    """An income line: members (count × monthly price × months) or occasional uses (count × price)."""

    scenario = models.ForeignKey(Scenario, on_delete=models.CASCADE, related_name="income_lines")
    position = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(_("type"), max_length=20, choices=IncomeKind.choices, default=IncomeKind.MEMBER)
    label = models.CharField(_("libellé"), max_length=200)
    count = models.PositiveIntegerField(_("nombre"), default=0)
    unit_price = models.DecimalField(_("prix (€)"), max_digits=10, decimal_places=2, default=0)
    months = models.PositiveSmallIntegerField(_("mois facturés"), default=12)
    days_per_week = models.DecimalField(_("jours par semaine"), max_digits=3, decimal_places=1, default=0)

    class Meta:
        ordering = ["scenario", "position", "pk"]
        verbose_name = _("ligne de produit")
        constraints = [
            models.CheckConstraint(condition=models.Q(unit_price__gte=0), name="income_price_non_negative"),
            models.CheckConstraint(condition=models.Q(months__lte=12), name="income_months_max_12"),
            models.CheckConstraint(
                condition=models.Q(days_per_week__gte=0, days_per_week__lte=7), name="income_days_0_7"
            ),
        ]

    def __str__(self) -> str:
        return self.label


class SurveyStatus(models.TextChoices):
    DRAFT = "draft", _("Brouillon")
    PUBLISHED = "published", _("Publiée")
    CLOSED = "closed", _("Close")


class Survey(TimeStampedModel):
    """A needs survey ("enquête de besoins") for a territory, answered anonymously through a public link.

    ``territory`` holds INSEE codes separated by spaces: communes (5 characters), departments (2–3) or
    EPCI (9). Its owner and the coordinators of its network see the answers; the public only answers.
    """

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="surveys", verbose_name=_("auteur")
    )
    network = models.ForeignKey(
        "places.Network",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="surveys",
        verbose_name=_("réseau"),
    )
    title = models.CharField(_("titre"), max_length=200)
    territory = models.CharField(
        _("territoire (codes INSEE)"),
        max_length=500,
        help_text=_("Codes de communes, de départements ou d'EPCI séparés par des espaces, ex. : 84089 84"),
    )
    introduction = models.TextField(_("introduction"), blank=True)
    consent_text = models.TextField(_("texte de consentement"))
    status = models.CharField(
        _("statut"), max_length=20, choices=SurveyStatus.choices, default=SurveyStatus.DRAFT
    )
    public_token = models.CharField(max_length=40, unique=True, default=_new_token, editable=False)
    results_public = models.BooleanField(
        _("résultats agrégés visibles dans les dossiers"),
        default=False,
        help_text=_("Les chiffres agrégés (jamais les réponses individuelles) apparaissent dans le dossier."),
    )
    published_at = models.DateTimeField(_("publiée le"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("enquête")

    def __str__(self) -> str:
        return self.title

    @property
    def territory_codes(self) -> list[str]:
        return [c.strip().upper() for c in self.territory.replace(",", " ").split() if c.strip()]


class QuestionKind(models.TextChoices):
    COMMUNE = "commune", _("Commune")
    SINGLE = "single", _("Choix unique")
    MULTIPLE = "multiple", _("Choix multiples")
    INTEGER = "integer", _("Nombre entier")
    TEXT = "text", _("Texte libre")


class Question(models.Model):
    """A survey question; ``code`` names its meaning (home_commune, days_elsewhere...) for the results."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(default=0)
    code = models.SlugField(_("code"), max_length=40)
    kind = models.CharField(_("type"), max_length=20, choices=QuestionKind.choices)
    label = models.CharField(_("question"), max_length=300)
    help_text = models.CharField(_("aide"), max_length=300, blank=True)
    required = models.BooleanField(_("obligatoire"), default=False)
    choices = models.JSONField(
        _("choix"), default=list, blank=True, help_text=_("Liste de [valeur, libellé].")
    )

    class Meta:
        ordering = ["survey", "position", "pk"]
        verbose_name = _("question")
        constraints = [
            models.UniqueConstraint(fields=["survey", "code"], name="question_code_unique_per_survey")
        ]

    def __str__(self) -> str:
        return self.label


class SurveyResponse(models.Model):
    """One anonymous submission; ``ip_hash`` (salted, not reversible) only serves the hourly rate limit."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    submitted_at = models.DateTimeField(auto_now_add=True, db_index=True)
    ip_hash = models.CharField(max_length=64, db_index=True)
    home_commune = models.ForeignKey(
        Commune,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("commune de résidence"),
    )

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = _("réponse à une enquête")

    def __str__(self) -> str:
        return f"{self.survey} — {self.submitted_at:%Y-%m-%d}"


class SurveyRateLock(models.Model):
    """One row per survey and address fingerprint, locked while an answer from that address is checked.

    Two simultaneous answers from one address would otherwise both count the same recent answers and
    both pass the hourly limit; locking this row makes the count-then-insert one step per address.
    """

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="+")
    ip_hash = models.CharField(max_length=64)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["survey", "ip_hash"], name="survey_rate_lock_unique")]

    def __str__(self) -> str:
        return f"{self.survey_id} {self.ip_hash[:8]}"


class SurveyAnswer(models.Model):
    """The answer to one question: a string, a number or a list of choice values (JSON)."""

    response = models.ForeignKey(SurveyResponse, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    value = models.JSONField()

    class Meta:
        verbose_name = _("réponse à une question")
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="answer_unique_per_question")
        ]

    def __str__(self) -> str:
        return f"{self.question.code} = {self.value}"
