"""Writes of needs surveys: create from the study's questions, edit, publish, collect anonymous answers."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from coopconnect.core import permissions
from coopconnect.core.errors import DomainError, PermissionDenied
from coopconnect.surveys.models import (
    Question,
    QuestionKind,
    Survey,
    SurveyAnswer,
    SurveyRateLock,
    SurveyResponse,
    SurveyStatus,
)
from coopconnect.surveys.permissions import can_create_survey
from coopconnect.territory.models import Commune, Department, Epci
from coopconnect.territory.selectors import resolve_commune

DEFAULT_CONSENT = (
    "Vos réponses sont anonymes : nous n'enregistrons ni votre nom, ni votre adresse e-mail, "
    "ni votre adresse "
    "IP (seule une empreinte non réversible sert, une heure, à limiter les envois répétés). Elles servent "
    "uniquement à évaluer le besoin d'un tiers-lieu sur le territoire et ne sont publiées que sous forme de "
    "totaux."
)
DEFAULT_INTRODUCTION = (
    "Travailler près de chez soi, un ou plusieurs jours par semaine, dans un lieu équipé et convivial : "
    "ce questionnaire de quelques minutes nous aide à savoir si un tiers-lieu répondrait à vos besoins."
)
MAX_RESPONSES_PER_HOUR = 10

# The study's questions ("questionnaire à la population via les bulletins municipaux").
STUDY_QUESTIONS: tuple[dict[str, Any], ...] = (
    {
        "code": "home_commune",
        "kind": QuestionKind.COMMUNE,
        "required": True,
        "label": "Dans quelle commune habitez-vous ?",
        "help_text": "Nom de la commune ou code postal.",
    },
    {
        "code": "work_commune",
        "kind": QuestionKind.COMMUNE,
        "required": False,
        "label": "Dans quelle commune travaillez-vous habituellement ?",
        "help_text": "Laissez vide si vous travaillez à domicile ou êtes sans emploi.",
    },
    {
        "code": "commute_minutes",
        "kind": QuestionKind.INTEGER,
        "required": False,
        "label": "Combien de minutes dure votre trajet domicile-travail (aller) ?",
    },
    {
        "code": "commute_mode",
        "kind": QuestionKind.SINGLE,
        "required": False,
        "label": "Comment vous rendez-vous au travail ?",
        "choices": [
            ["car", "Voiture seul(e)"],
            ["carpool", "Covoiturage"],
            ["transit", "Transports en commun"],
            ["bike_walk", "Vélo ou à pied"],
            ["home", "Je travaille à domicile"],
        ],
    },
    {
        "code": "status",
        "kind": QuestionKind.SINGLE,
        "required": True,
        "label": "Quelle est votre situation ?",
        "choices": [
            ["employee", "Salarié(e)"],
            ["independent", "Indépendant(e), travailleur(se) non salarié(e)"],
            ["job_seeker", "Demandeur(se) d'emploi"],
            ["student", "Étudiant(e)"],
            ["other", "Autre"],
        ],
    },
    {
        "code": "days_elsewhere",
        "kind": QuestionKind.SINGLE,
        "required": True,
        "label": (
            "Combien de jours par semaine pourriez-vous travailler dans un tiers-lieu près de chez vous ?"
        ),
        "choices": [
            ["0", "Aucun"],
            ["1", "1 jour"],
            ["2", "2 jours"],
            ["3", "3 jours"],
            ["4", "4 jours"],
            ["5", "5 jours"],
        ],
    },
    {
        "code": "services",
        "kind": QuestionKind.MULTIPLE,
        "required": False,
        "label": "Quels services souhaiteriez-vous y trouver ?",
        "choices": [
            ["desk", "Un poste de travail"],
            ["broadband", "Une connexion très haut débit"],
            ["copier", "Copieur / scanner"],
            ["meeting_room", "Une salle de réunion"],
            ["video", "Un point de visioconférence"],
            ["office", "Un bureau fermé"],
            ["locker", "Un casier fermant à clé"],
            ["events", "Des rencontres et formations"],
        ],
    },
    {
        "code": "price",
        "kind": QuestionKind.SINGLE,
        "required": False,
        "label": "Quel prix mensuel vous semblerait acceptable pour y venir régulièrement ?",
        "choices": [
            ["lt50", "Moins de 50 €"],
            ["50_100", "50 à 100 €"],
            ["100_150", "100 à 150 €"],
            ["150_200", "150 à 200 €"],
            ["gt200", "Plus de 200 €"],
        ],
    },
)


def check_territory(territory: str) -> str:
    """Return the normalised territory codes, or raise DomainError naming the unknown ones."""
    codes = [c.strip().upper() for c in territory.replace(",", " ").split() if c.strip()]
    if not codes:
        raise DomainError(
            _("Indiquez au moins un code de territoire."), {"territory": [_("Ce champ est obligatoire.")]}
        )
    unknown = [
        code
        for code in codes
        if not (
            Commune.objects.filter(insee=code).exists()
            or Department.objects.filter(code=code).exists()
            or Epci.objects.filter(code=code).exists()
        )
    ]
    if unknown:
        message = _("Code de territoire inconnu : %(codes)s.") % {"codes": ", ".join(unknown)}
        raise DomainError(message, {"territory": [message]})
    return " ".join(dict.fromkeys(codes))


@transaction.atomic
def survey_create_from_template(*, owner: Any, title: str, territory: str, network: Any = None) -> Survey:
    """Create a draft survey holding the study's questions."""
    if not can_create_survey(owner):
        raise PermissionDenied(_("Seuls les coordinateurs de réseau peuvent créer une enquête."))
    if network is not None and not permissions.can_oversee_network(owner, network):
        raise PermissionDenied(_("Vous ne coordonnez pas ce réseau."))
    if network is None and not permissions.is_platform_staff(owner):
        network = owner.coordinated_networks.first()
    title = title.strip()
    if not title:
        raise DomainError(_("Donnez un titre à l'enquête."), {"title": [_("Ce champ est obligatoire.")]})
    survey = Survey.objects.create(
        owner=owner,
        network=network,
        title=title[:200],
        territory=check_territory(territory),
        introduction=DEFAULT_INTRODUCTION,
        consent_text=DEFAULT_CONSENT,
    )
    Question.objects.bulk_create(
        Question(survey=survey, position=i, **{"choices": [], "help_text": "", **q})
        for i, q in enumerate(STUDY_QUESTIONS)
    )
    return survey


@transaction.atomic
def survey_update(
    *, survey: Survey, title: str, territory: str, introduction: str, consent_text: str, results_public: bool
) -> Survey:
    """Change the survey's texts, territory and whether its totals appear in dossiers."""
    errors: dict[str, list[str]] = {}
    if not title.strip():
        errors["title"] = [_("Ce champ est obligatoire.")]
    if not consent_text.strip():
        errors["consent_text"] = [_("Le texte de consentement est obligatoire.")]
    if errors:
        raise DomainError(_("L'enquête contient des erreurs."), errors)
    survey.territory = check_territory(territory)
    survey.title, survey.introduction, survey.consent_text = title.strip()[:200], introduction, consent_text
    survey.results_public = results_public
    survey.save()
    return survey


def parse_choices(text: str) -> list[list[str]]:
    """Turn one choice per line ("valeur | libellé" or just "libellé") into [value, label] pairs."""
    pairs: list[list[str]] = []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        value, _sep, label = line.partition("|")
        value, label = value.strip(), label.strip()
        if not label:
            label, value = value, slugify(value)[:40] or str(len(pairs) + 1)
        pairs.append([value, label])
    return pairs


@transaction.atomic
def question_save(
    *,
    survey: Survey,
    question: Question | None,
    label: str,
    kind: str,
    required: bool,
    help_text: str = "",
    choices: list[list[str]] | None = None,
) -> Question:
    """Create or change a question; choice questions need at least two distinct choices."""
    errors: dict[str, list[str]] = {}
    if not label.strip():
        errors["label"] = [_("Ce champ est obligatoire.")]
    if kind not in QuestionKind.values:
        errors["kind"] = [_("Type de question inconnu.")]
    choices = choices or []
    if kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
        values = [c[0] for c in choices]
        if len(choices) < 2 or len(set(values)) != len(values):
            errors["choices"] = [_("Donnez au moins deux choix différents, un par ligne.")]
    else:
        choices = []
    if errors:
        raise DomainError(_("La question contient des erreurs."), errors)
    if question is None:
        last = survey.questions.order_by("-position").values_list("position", flat=True).first()
        base = slugify(label)[:30] or "question"
        code, n = base, 1
        while survey.questions.filter(code=code).exists():
            n += 1
            code = f"{base}-{n}"
        question = Question(survey=survey, position=(last or 0) + 1, code=code)
    question.label, question.kind, question.required = label.strip()[:300], kind, required
    question.help_text, question.choices = help_text[:300], choices
    question.save()
    return question


@transaction.atomic
def question_delete(*, question: Question) -> None:
    """Delete a question and its answers."""
    question.delete()


@transaction.atomic
def survey_set_status(*, survey: Survey, status: str) -> Survey:
    """Publish (open to answers) or close a survey."""
    if status not in SurveyStatus.values:
        raise DomainError(_("Statut inconnu."))
    if status == SurveyStatus.PUBLISHED and not survey.questions.exists():
        raise DomainError(_("Une enquête sans question ne peut pas être publiée."))
    survey.status = status
    if status == SurveyStatus.PUBLISHED and survey.published_at is None:
        survey.published_at = timezone.now()
    survey.save(update_fields=["status", "published_at", "updated_at"])
    return survey


def ip_fingerprint(survey: Survey, ip: str) -> str:
    """Return a salted hash of the address: enough to count submissions, not to find the person."""
    return hashlib.sha256(f"{settings.SECRET_KEY}|{survey.pk}|{ip}".encode()).hexdigest()


class RateLimited(DomainError):
    status_code = 429


def _clean_answer(question: Question, raw: Any) -> tuple[Any, Commune | None, str | None]:
    """Return (value to store, commune, error) for one raw answer; value None means unanswered."""
    if raw in (None, "", []):
        return None, None, None
    if question.kind == QuestionKind.COMMUNE:
        commune, suggestions = resolve_commune(str(raw))
        if commune is None:
            hint = ", ".join(f"{c.name} ({c.department_id})" for c in suggestions[:4])
            message = _("Commune introuvable : « %(text)s ».") % {"text": str(raw)[:60]}
            if hint:
                message += " " + _("Précisez : %(hint)s.") % {"hint": hint}
            return None, None, message
        return {"insee": commune.insee, "name": commune.name}, commune, None
    if question.kind == QuestionKind.INTEGER:
        try:
            number = int(str(raw).strip())
        except ValueError:
            return None, None, _("Saisissez un nombre entier.")
        if not 0 <= number <= 1000:
            return None, None, _("Saisissez un nombre entre 0 et 1000.")
        return number, None, None
    allowed = {c[0] for c in question.choices}
    if question.kind == QuestionKind.SINGLE:
        if str(raw) not in allowed:
            return None, None, _("Choix invalide.")
        return str(raw), None, None
    if question.kind == QuestionKind.MULTIPLE:
        values = [str(v) for v in (raw if isinstance(raw, list | tuple) else [raw])]
        if any(v not in allowed for v in values):
            return None, None, _("Choix invalide.")
        return list(dict.fromkeys(values)), None, None
    return str(raw).strip()[:2000], None, None


@transaction.atomic
def response_submit(
    *, survey: Survey, answers: Mapping[str, Any], consent: bool, ip: str, honeypot: str = ""
) -> SurveyResponse | None:
    """Record one anonymous answer; return None (saving nothing) when the honeypot was filled.

    Checks, in order: the survey is open, the hourly limit per address fingerprint, consent, then each
    question (required, valid choice, known commune). Nothing is saved unless everything is valid.
    """
    if survey.status != SurveyStatus.PUBLISHED:
        raise DomainError(_("Cette enquête n'est pas ouverte aux réponses."))
    if honeypot.strip():
        return None
    fingerprint = ip_fingerprint(survey, ip)
    limit = getattr(settings, "SURVEY_MAX_RESPONSES_PER_HOUR", MAX_RESPONSES_PER_HOUR)
    # Answers from one address are checked one at a time: the row lock (PostgreSQL; SQLite's IMMEDIATE
    # transactions already serialize writers) is held until this answer is saved, so a concurrent
    # answer counts it. Creating the row first makes the lock exist even for a first answer.
    SurveyRateLock.objects.get_or_create(survey=survey, ip_hash=fingerprint)
    SurveyRateLock.objects.select_for_update().get(survey=survey, ip_hash=fingerprint)
    recent = survey.responses.filter(
        ip_hash=fingerprint, submitted_at__gte=timezone.now() - timedelta(hours=1)
    ).count()
    if recent >= limit:
        raise RateLimited(_("Trop de réponses envoyées depuis cette connexion. Réessayez dans une heure."))
    errors: dict[str, list[str]] = {}
    if not consent:
        errors["consent"] = [_("Merci de cocher la case de consentement pour envoyer vos réponses.")]
    cleaned: list[tuple[Question, Any]] = []
    home: Commune | None = None
    for question in survey.questions.all():
        value, commune, error = _clean_answer(question, answers.get(question.code))
        if error:
            errors[question.code] = [error]
        elif value is None and question.required:
            errors[question.code] = [_("Ce champ est obligatoire.")]
        elif value is not None:
            cleaned.append((question, value))
            if question.code == "home_commune":
                home = commune
    if errors:
        raise DomainError(_("Certaines réponses sont manquantes ou invalides."), errors)
    response = SurveyResponse.objects.create(survey=survey, ip_hash=fingerprint, home_commune=home)
    SurveyAnswer.objects.bulk_create(SurveyAnswer(response=response, question=q, value=v) for q, v in cleaned)
    return response
