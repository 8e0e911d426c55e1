"""Reads of needs surveys: who sees what, the results per commune, and figures for criteria and plans."""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from coopconnect.accounts.privacy.registry import PersonalData
from coopconnect.core import permissions
from coopconnect.surveys.charts import counts_chart
from coopconnect.surveys.models import Question, QuestionKind, Survey, SurveyResponse, SurveyStatus
from coopconnect.territory.models import Commune

# "Noyau de quelques utilisateurs motivés" / "la première étape se construit autour d'une
# dizaine de personnes".
NEED_THRESHOLD = 10
# Days a week -> the study's member categories (1 day, 2 days, 4/5, full time); 3 days has no study line.
DAYS_CATEGORY = {
    1: "1 jour par semaine",
    2: "2 jours par semaine",
    3: "3 jours par semaine",
    4: "4/5 (4 jours par semaine)",
    5: "Temps complet (5 jours)",
}


def surveys_managed_by(user: Any) -> QuerySet[Survey]:
    """Return the surveys the user may edit and read: owned, in a coordinated network, or all for
    platform staff."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Survey.objects.none()
    if permissions.is_platform_staff(user):
        return Survey.objects.all()
    return Survey.objects.filter(Q(owner=user) | Q(network__coordinators=user)).distinct()


def survey_by_public_token(token: str) -> Survey | None:
    """Return the survey answered through this public link (any status; the view tells if it is open)."""
    return Survey.objects.filter(public_token=token).first() if token else None


def surveys_for_commune(commune: Commune, user: Any = None) -> list[Survey]:
    """Return surveys covering the commune (its code, its department or its EPCI) that the user may read.

    Readable: surveys whose aggregated results are public, or that the user manages.
    """
    codes = {commune.insee, commune.department_id}
    if commune.epci_id:
        codes.add(commune.epci_id)
    managed = set(surveys_managed_by(user).values_list("pk", flat=True)) if user is not None else set()
    found = []
    for survey in Survey.objects.exclude(status=SurveyStatus.DRAFT).order_by("-created_at"):
        if codes & set(survey.territory_codes) and (survey.results_public or survey.pk in managed):
            found.append(survey)
    return found


@dataclass
class QuestionResult:
    question: Question
    answered: int
    counts: list[tuple[str, int]] = field(default_factory=list)
    mean: float | None = None
    median: float | None = None


@dataclass
class SurveyResults:
    """What the results page, the dossier, the criteria and the business plan read from a survey."""

    survey: Survey
    total: int
    communes: list[tuple[str, str, int]]  # (insee, name, respondents living there)
    questions: list[QuestionResult]
    interested: int  # respondents ready to work at least one day a week in a third place
    interested_by_days: dict[int, int]  # days a week -> respondents
    commune_filter: Commune | None = None

    @property
    def need_identified(self) -> bool:
        """A need is identified when about ten people (the study's core of users) are interested."""
        return self.interested >= NEED_THRESHOLD

    @property
    def by_category(self) -> list[tuple[str, int, int]]:
        """Return (study category, days a week, interested people) for the business plan."""
        return [(DAYS_CATEGORY[d], d, self.interested_by_days.get(d, 0)) for d in sorted(DAYS_CATEGORY)]

    def plan_counts(self) -> dict[Decimal, int]:
        """Return interested people per days a week, keyed as scenario member lines are (Decimal)."""
        return {Decimal(d): n for d, n in self.interested_by_days.items()}


def survey_results(survey: Survey, commune: Commune | None = None) -> SurveyResults:
    """Aggregate the answers, optionally only of respondents living in ``commune``."""
    responses: QuerySet[SurveyResponse] = survey.responses.all()
    if commune is not None:
        responses = responses.filter(home_commune=commune)
    questions = list(survey.questions.all())
    by_question: dict[int, list[Any]] = {q.pk: [] for q in questions}
    total = 0
    for response in responses.prefetch_related("answers"):
        total += 1
        for answer in response.answers.all():
            by_question.setdefault(answer.question_id, []).append(answer.value)

    results: list[QuestionResult] = []
    interested_by_days: Counter[int] = Counter()
    for q in questions:
        values = by_question[q.pk]
        qr = QuestionResult(question=q, answered=len(values))
        if q.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
            counter: Counter[str] = Counter()
            for v in values:
                counter.update(v if isinstance(v, list) else [v])
            qr.counts = [(label, counter.get(value, 0)) for value, label in q.choices]
        elif q.kind == QuestionKind.COMMUNE:
            counter = Counter(v.get("name", "?") for v in values if isinstance(v, dict))
            qr.counts = counter.most_common(15)
        elif q.kind == QuestionKind.INTEGER:
            numbers = [v for v in values if isinstance(v, int)]
            if numbers:
                qr.mean = round(statistics.fmean(numbers), 1)
                qr.median = statistics.median(numbers)
        if q.code == "days_elsewhere":
            for v in values:
                if str(v).isdigit() and int(v) > 0:
                    interested_by_days[int(v)] += 1
        results.append(qr)

    communes = Counter(responses.values_list("home_commune__insee", "home_commune__name"))
    per_commune = sorted(
        ((insee or "", name or "—", n) for (insee, name), n in communes.items()), key=lambda t: (-t[2], t[1])
    )
    return SurveyResults(
        survey=survey,
        total=total,
        communes=per_commune,
        questions=results,
        interested=sum(interested_by_days.values()),
        interested_by_days=dict(interested_by_days),
        commune_filter=commune,
    )


def results_summary(survey: Survey, commune: Commune | None = None) -> dict[str, Any]:
    """Return the results with a chart per question and one of respondents per home commune."""
    results = survey_results(survey, commune)
    # Home communes have their own chart and table below.
    charts = [
        (qr, counts_chart(qr.question.label, qr.counts))
        for qr in results.questions
        if qr.counts and qr.question.code != "home_commune"
    ]
    communes_svg = counts_chart(
        _("Répondants par commune de résidence"), [(n, c) for _i, n, c in results.communes[:15]]
    )
    return {"results": results, "charts": charts, "communes_svg": communes_svg}


def responses_with_home(survey: Survey, *, limit: int) -> QuerySet[SurveyResponse]:
    """Return up to ``limit`` responses whose respondent gave a home commune, with their answers."""
    return (
        SurveyResponse.objects.filter(survey=survey, home_commune__isnull=False)
        .select_related("home_commune")
        .prefetch_related("answers__question")[:limit]
    )


def need_for_commune(commune: Commune, user: Any = None) -> tuple[bool | None, int, Survey | None]:
    """Return (need identified or None if no survey, interested people, survey) for the criteria check."""
    surveys = surveys_for_commune(commune, user)
    if not surveys:
        return None, 0, None
    results = survey_results(surveys[0])
    return results.need_identified, results.interested, surveys[0]


def csv_rows(survey: Survey) -> tuple[list[str], list[list[str]]]:
    """Return the header and one row per response (dates, then each question's answer as text)."""
    questions = list(survey.questions.all())
    header = ["date", *[q.code for q in questions]]
    rows: list[list[str]] = []
    for response in survey.responses.order_by("submitted_at").prefetch_related("answers"):
        values = {a.question_id: a.value for a in response.answers.all()}
        row = [response.submitted_at.date().isoformat()]
        for q in questions:
            v = values.get(q.pk)
            if v is None:
                row.append("")
            elif isinstance(v, dict):
                row.append(f"{v.get('insee', '')} {v.get('name', '')}".strip())
            elif isinstance(v, list):
                row.append(";".join(str(x) for x in v))
            else:
                row.append(str(v))
        rows.append(row)
    return header, rows


def interested_hook(user: Any = None) -> Callable[[Any], int | None]:
    """Return a ``criteria.check_site(survey_interested_hook=...)`` hook for this user.

    The hook gives the interested people of the newest survey covering the site's commune that the user
    may read, or None when there is none (the criterion then stays "unknown").
    """

    def hook(site: Any) -> int | None:
        commune = getattr(site, "commune", None)
        if commune is None:
            return None
        need, interested, survey = need_for_commune(commune, user)
        return None if survey is None else interested

    return hook


def personal_data(person: Any) -> PersonalData:
    """Return the surveys the person created; answers are anonymous, linked to nobody, so none is theirs."""
    return PersonalData(
        tables={
            "surveys_created": [
                {"title": s.title, "territory": s.territory, "status": s.status, "created_at": s.created_at}
                for s in Survey.objects.filter(owner=person).order_by("created_at")
            ]
        }
    )
