"""Business-plan pages: the study's template, saved plans with scenarios side by side, the secret link."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coopconnect.businessplans import services
from coopconnect.businessplans.forms import (
    ChargeFormSet,
    IncomeFormSet,
    PlanForm,
    ScenarioForm,
    plan_input_from_forms,
)
from coopconnect.businessplans.models import BusinessPlan, Scenario
from coopconnect.businessplans.selectors import plan_by_share_token, plan_for_owner, plan_summary, plans_of
from coopconnect.core.errors import DomainError
from coopconnect.surveys.selectors import surveys_managed_by
from coopconnect.territory.selectors import resolve_commune


def _owned(request: HttpRequest, pk: int) -> BusinessPlan:
    plan = plan_for_owner(request.user, pk)
    if plan is None:
        raise Http404(_("Plan introuvable."))
    return plan


def _resolve(form: PlanForm):
    text = form.cleaned_data.get("commune", "").strip()
    if not text:
        return None, True
    commune, suggestions = resolve_commune(text)
    if commune is None:
        names = ", ".join(f"{c.name} ({c.department_id})" for c in suggestions[:5])
        message = _("Commune introuvable ou ambiguë.")
        if names:
            message += " " + _("Vouliez-vous dire : %(names)s ?") % {"names": names}
        form.add_error("commune", message)
        return None, False
    return commune, True


def plan_template(request: HttpRequest) -> HttpResponse:
    """Show the study's example and its two cooperation scenarios, computed."""
    return render(request, "businessplans/template.html", plan_summary(None))


@login_required
def plan_list(request: HttpRequest) -> HttpResponse:
    """List the visitor's plans and create one from the study's template."""
    form = PlanForm(request.POST or None, initial={"name": _("Mon tiers-lieu")})
    if request.method == "POST" and form.is_valid():
        commune, ok = _resolve(form)
        if ok:
            plan = services.plan_create_from_template(
                owner=request.user, name=form.cleaned_data["name"], commune=commune
            )
            messages.success(request, _("Plan créé à partir de l'exemple de l'étude."))
            return redirect("businessplans:plan_detail", pk=plan.pk)
    return render(request, "businessplans/list.html", {"plans": plans_of(request.user), "form": form})


@login_required
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Show a plan's scenarios side by side with their charts."""
    plan = _owned(request, pk)
    share_url = request.build_absolute_uri(reverse("businessplans:plan_shared", args=[plan.share_token]))
    context = {
        "plan": plan,
        "share_url": share_url,
        "owner_view": True,
        "surveys": surveys_managed_by(request.user),
        **plan_summary(plan),
    }
    return render(request, "businessplans/detail.html", context)


def plan_shared(request: HttpRequest, token: str) -> HttpResponse:
    """Show a plan read-only to whoever holds its secret link."""
    plan = plan_by_share_token(token)
    if plan is None:
        raise Http404(_("Lien de partage invalide."))
    return render(
        request, "businessplans/detail.html", {"plan": plan, "owner_view": False, **plan_summary(plan)}
    )


@login_required
def plan_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Rename the plan, set its site commune and notes."""
    plan = _owned(request, pk)
    initial = {"name": plan.name, "commune": plan.commune.insee if plan.commune else "", "notes": plan.notes}
    form = PlanForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        commune, ok = _resolve(form)
        if ok:
            services.plan_update(
                plan=plan, name=form.cleaned_data["name"], commune=commune, notes=form.cleaned_data["notes"]
            )
            messages.success(request, _("Plan enregistré."))
            return redirect("businessplans:plan_detail", pk=plan.pk)
    return render(request, "businessplans/edit.html", {"plan": plan, "form": form})


@login_required
@require_POST
def plan_share_reset(request: HttpRequest, pk: int) -> HttpResponse:
    """Replace the plan's secret link."""
    plan = _owned(request, pk)
    services.plan_reset_share_token(plan=plan)
    messages.success(request, _("Nouveau lien de partage créé ; l'ancien ne fonctionne plus."))
    return redirect("businessplans:plan_detail", pk=plan.pk)


@login_required
@require_POST
def plan_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Delete a plan."""
    plan = _owned(request, pk)
    services.plan_delete(plan=plan)
    messages.success(request, _("Plan supprimé."))
    return redirect("businessplans:plan_list")


def _scenario(request: HttpRequest, pk: int, sid: int) -> Scenario:
    plan = _owned(request, pk)
    scenario = plan.scenarios.filter(pk=sid).first()
    if scenario is None:
        raise Http404(_("Scénario introuvable."))
    return scenario


@login_required
def scenario_edit(request: HttpRequest, pk: int, sid: int) -> HttpResponse:
    """Edit a scenario's parameters, charge lines and income lines."""
    scenario = _scenario(request, pk, sid)
    domain_errors: dict[str, list[str]] = {}
    if request.method == "POST":
        form = ScenarioForm(request.POST)
        charges = ChargeFormSet(request.POST, prefix="charges")
        income = IncomeFormSet(request.POST, prefix="income")
        if form.is_valid() and charges.is_valid() and income.is_valid():
            try:
                services.scenario_save(
                    scenario=scenario,
                    name=form.cleaned_data["name"],
                    description=form.cleaned_data["description"],
                    data=plan_input_from_forms(form, charges, income),
                )
            except DomainError as exc:
                domain_errors = exc.errors
            else:
                messages.success(request, _("Scénario enregistré."))
                return redirect("businessplans:plan_detail", pk=pk)
    else:
        form = ScenarioForm(
            initial={
                "name": scenario.name,
                "description": scenario.description,
                "occupancy_rate": scenario.occupancy_rate,
                "seats": scenario.seats,
                "open_days_per_week": scenario.open_days_per_week,
            }
        )
        charges = ChargeFormSet(
            prefix="charges",
            initial=[
                {
                    "kind": c.kind,
                    "label": c.label,
                    "amount": c.amount,
                    "investment": c.investment,
                    "years": c.years,
                }
                for c in scenario.charge_lines.all()
            ],
        )
        income = IncomeFormSet(
            prefix="income",
            initial=[
                {
                    "kind": i.kind,
                    "label": i.label,
                    "count": i.count,
                    "unit_price": i.unit_price,
                    "months": i.months,
                    "days_per_week": i.days_per_week,
                }
                for i in scenario.income_lines.all()
            ],
        )
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "businessplans/scenario_edit.html",
        {
            "scenario": scenario,
            "plan": scenario.plan,
            "form": form,
            "charges": charges,
            "income": income,
            "domain_errors": domain_errors,
        },
        status=status,
    )


@login_required
@require_POST
def scenario_duplicate(request: HttpRequest, pk: int, sid: int) -> HttpResponse:
    """Copy a scenario to explore another hypothesis."""
    copy = services.scenario_duplicate(scenario=_scenario(request, pk, sid))
    messages.success(request, _("Scénario copié."))
    return redirect("businessplans:scenario_edit", pk=pk, sid=copy.pk)


@login_required
@require_POST
def scenario_delete(request: HttpRequest, pk: int, sid: int) -> HttpResponse:
    """Delete a scenario (a plan keeps at least one)."""
    try:
        services.scenario_delete(scenario=_scenario(request, pk, sid))
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Scénario supprimé."))
    return redirect("businessplans:plan_detail", pk=pk)


@login_required
@require_POST
def scenario_from_survey(request: HttpRequest, pk: int) -> HttpResponse:
    """Add a scenario whose member counts are the survey's interested people per days a week."""
    plan = _owned(request, pk)
    survey = surveys_managed_by(request.user).filter(pk=request.POST.get("survey") or 0).first()
    if survey is None or not plan.scenarios.exists():
        raise Http404(_("Enquête introuvable."))
    services.scenario_from_survey(plan=plan, survey=survey)
    messages.success(request, _("Scénario ajouté avec les personnes intéressées de l'enquête."))
    return redirect("businessplans:plan_detail", pk=plan.pk)
