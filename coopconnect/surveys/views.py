"""Needs-survey pages: the coordinator's survey list, editor, results and CSV; the public answer form."""

from __future__ import annotations

import csv

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coopconnect.core.errors import DomainError
from coopconnect.core.forms import add_domain_errors
from coopconnect.surveys import services
from coopconnect.surveys.forms import (
    HONEYPOT,
    AnswerForm,
    QuestionForm,
    SurveyCreateForm,
    SurveyEditForm,
)
from coopconnect.surveys.models import Survey, SurveyStatus
from coopconnect.surveys.permissions import can_create_survey
from coopconnect.surveys.selectors import (
    csv_rows,
    results_summary,
    survey_by_public_token,
    survey_results,
    surveys_managed_by,
)
from coopconnect.territory.models import Commune


def _managed(request: HttpRequest, pk: int) -> Survey:
    survey = surveys_managed_by(request.user).filter(pk=pk).first()
    if survey is None:
        raise Http404(_("Enquête introuvable."))
    return survey


def _public_url(request: HttpRequest, survey: Survey) -> str:
    return request.build_absolute_uri(reverse("surveys:survey_answer", args=[survey.public_token]))


@login_required
def survey_list(request: HttpRequest) -> HttpResponse:
    """List the surveys the coordinator manages and create one from the study's questions."""
    allowed = can_create_survey(request.user)
    form = SurveyCreateForm(request.POST or None)
    if request.method == "POST":
        if not allowed:
            return render(request, "403.html", status=403)
        if form.is_valid():
            try:
                survey = services.survey_create_from_template(owner=request.user, **form.cleaned_data)
            except DomainError as exc:
                add_domain_errors(form, exc)
            else:
                messages.success(request, _("Enquête créée à partir des questions de l'étude (brouillon)."))
                return redirect("surveys:survey_manage", pk=survey.pk)
    return render(
        request,
        "surveys/list.html",
        {"surveys": surveys_managed_by(request.user), "form": form, "can_create": allowed},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def survey_manage(request: HttpRequest, pk: int) -> HttpResponse:
    """Edit the survey, its questions and status; show its public link and QR code."""
    survey = _managed(request, pk)
    form = SurveyEditForm(
        request.POST or None,
        initial={
            "title": survey.title,
            "territory": survey.territory,
            "introduction": survey.introduction,
            "consent_text": survey.consent_text,
            "results_public": survey.results_public,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.survey_update(survey=survey, **form.cleaned_data)
        except DomainError as exc:
            add_domain_errors(form, exc)
        else:
            messages.success(request, _("Enquête enregistrée."))
            return redirect("surveys:survey_manage", pk=survey.pk)
    url = _public_url(request, survey)
    questions = [
        (
            q,
            QuestionForm(
                prefix=f"q{q.pk}",
                initial={
                    "label": q.label,
                    "kind": q.kind,
                    "required": q.required,
                    "help_text": q.help_text,
                    "choices": "\n".join(f"{v} | {lbl}" for v, lbl in q.choices),
                },
            ),
        )
        for q in survey.questions.all()
    ]
    context = {
        "survey": survey,
        "form": form,
        "questions": questions,
        "new_question": QuestionForm(prefix="new"),
        "public_url": url,
        "qr_svg": mark_safe(segno.make(url, error="m").svg_inline(scale=3)),  # noqa: S308
        "statuses": SurveyStatus,
    }
    return render(request, "surveys/manage.html", context, status=400 if request.method == "POST" else 200)


@login_required
@require_POST
def question_save(request: HttpRequest, pk: int, qid: int | None = None) -> HttpResponse:
    """Create (qid None) or change a question."""
    survey = _managed(request, pk)
    question = None
    if qid is not None:
        question = survey.questions.filter(pk=qid).first()
        if question is None:
            raise Http404(_("Question introuvable."))
    form = QuestionForm(request.POST, prefix=f"q{qid}" if qid else "new")
    if not form.is_valid():
        messages.error(request, _("La question contient des erreurs : %(e)s") % {"e": form.errors.as_text()})
        return redirect("surveys:survey_manage", pk=pk)
    data = form.cleaned_data
    try:
        services.question_save(
            survey=survey,
            question=question,
            label=data["label"],
            kind=data["kind"],
            required=data["required"],
            help_text=data["help_text"],
            choices=services.parse_choices(data["choices"]),
        )
    except DomainError as exc:
        detail = " ".join(m for msgs in exc.errors.values() for m in msgs)
        messages.error(request, f"{exc.message} {detail}")
    else:
        messages.success(request, _("Question enregistrée."))
    return redirect("surveys:survey_manage", pk=pk)


@login_required
@require_POST
def question_delete(request: HttpRequest, pk: int, qid: int) -> HttpResponse:
    """Delete a question and its answers."""
    survey = _managed(request, pk)
    question = survey.questions.filter(pk=qid).first()
    if question is None:
        raise Http404(_("Question introuvable."))
    services.question_delete(question=question)
    messages.success(request, _("Question supprimée."))
    return redirect("surveys:survey_manage", pk=pk)


@login_required
@require_POST
def survey_status(request: HttpRequest, pk: int) -> HttpResponse:
    """Publish or close the survey."""
    survey = _managed(request, pk)
    try:
        services.survey_set_status(survey=survey, status=request.POST.get("status", ""))
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Statut de l'enquête : %(s)s.") % {"s": survey.get_status_display()})
    return redirect("surveys:survey_manage", pk=pk)


@login_required
def survey_results_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Show the results, for all respondents or those living in one commune."""
    survey = _managed(request, pk)
    commune = None
    if code := request.GET.get("commune", "").strip():
        commune = Commune.objects.filter(insee=code).first()
    context = {
        "survey": survey,
        "communes_all": survey_results(survey).communes,
        **results_summary(survey, commune),
    }
    return render(request, "surveys/results.html", context)


def _safe_cell(value: str) -> str:
    # A spreadsheet would run "=..." typed by an anonymous respondent as a formula.
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value


@login_required
def survey_csv(request: HttpRequest, pk: int) -> HttpResponse:
    """Download one row per response (UTF-8 with BOM, semicolons: opens in French spreadsheets)."""
    survey = _managed(request, pk)
    header, rows = csv_rows(survey)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="enquete-{survey.pk}.csv"'
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    writer.writerow(header)
    for row in rows:
        writer.writerow([_safe_cell(v) for v in row])
    return response


@login_required
def survey_qr(request: HttpRequest, pk: int) -> HttpResponse:
    """Download the QR code of the public link (SVG, for the municipal bulletin)."""
    survey = _managed(request, pk)
    svg = segno.make(_public_url(request, survey), error="m").svg_inline(scale=10)
    response = HttpResponse(svg, content_type="image/svg+xml")
    response["Content-Disposition"] = f'attachment; filename="enquete-{survey.pk}-qr.svg"'
    return response


def _client_ip(request: HttpRequest) -> str:
    return request.META.get("REMOTE_ADDR", "") or "inconnue"


def survey_answer(request: HttpRequest, token: str) -> HttpResponse:
    """The public, anonymous answer form (no account, no JavaScript)."""
    survey = survey_by_public_token(token)
    if survey is None:
        raise Http404(_("Enquête introuvable."))
    if survey.status != SurveyStatus.PUBLISHED:
        return render(
            request,
            "surveys/closed.html",
            {"survey": survey},
            status=410 if survey.status == SurveyStatus.CLOSED else 404,
        )
    form = AnswerForm(survey, request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.response_submit(
                    survey=survey,
                    answers=form.answers(),
                    consent=form.cleaned_data.get("consent", False),
                    ip=_client_ip(request),
                    honeypot=form.cleaned_data.get(HONEYPOT, ""),
                )
            except services.RateLimited as exc:
                form.add_error(None, exc.message)
                status = 429
            except DomainError as exc:
                add_domain_errors(form, exc, always_summary=True)
            else:
                return redirect("surveys:survey_thanks", token=token)
    return render(
        request,
        "surveys/answer.html",
        {"survey": survey, "form": form, "honeypot": HONEYPOT},
        status=status,
    )


def survey_thanks(request: HttpRequest, token: str) -> HttpResponse:
    """Thank the respondent."""
    survey = survey_by_public_token(token)
    if survey is None:
        raise Http404(_("Enquête introuvable."))
    return render(request, "surveys/thanks.html", {"survey": survey})
