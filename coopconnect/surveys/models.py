"""Needs surveys of the inhabitants: questions, anonymous responses and their answers."""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from coopconnect.core.models import TimeStampedModel
from coopconnect.territory.models import Commune


def new_token() -> str:
    """Return a fresh secret for a public answer link (16 random bytes, URL-safe)."""
    return secrets.token_urlsafe(16)


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
    public_token = models.CharField(max_length=40, unique=True, default=new_token, editable=False)
    results_public = models.BooleanField(
        _("résultats agrégés visibles dans les dossiers"),
        default=False,
        help_text=_("Les chiffres agrégés (jamais les réponses individuelles) apparaissent dans le dossier."),
    )
    published_at = models.DateTimeField(_("publiée le"), null=True, blank=True)

    class Meta:
        # The table predates this app (it was created by the territory app).
        db_table = "territory_survey"
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
        # The table predates this app (it was created by the territory app).
        db_table = "territory_question"
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
        # The table predates this app (it was created by the territory app).
        db_table = "territory_surveyresponse"
        ordering = ["-submitted_at"]
        verbose_name = _("réponse à une enquête")
        verbose_name_plural = _("réponses à une enquête")

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
        # The table predates this app (it was created by the territory app).
        db_table = "territory_surveyratelock"
        verbose_name = _("verrou de fréquence des réponses")
        verbose_name_plural = _("verrous de fréquence des réponses")
        constraints = [models.UniqueConstraint(fields=["survey", "ip_hash"], name="survey_rate_lock_unique")]

    def __str__(self) -> str:
        return f"{self.survey_id} {self.ip_hash[:8]}"


class SurveyAnswer(models.Model):
    """The answer to one question: a string, a number or a list of choice values (JSON)."""

    response = models.ForeignKey(SurveyResponse, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    value = models.JSONField()

    class Meta:
        # The table predates this app (it was created by the territory app).
        db_table = "territory_surveyanswer"
        verbose_name = _("réponse à une question")
        verbose_name_plural = _("réponses à une question")
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="answer_unique_per_question")
        ]

    def __str__(self) -> str:
        return f"{self.question.code} = {self.value}"
