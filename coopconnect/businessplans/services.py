"""Writes of business plans: create from the study's template, edit scenarios, take a survey's counts,
share, delete."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from coopconnect.businessplans.compute import PlanInput, validate
from coopconnect.businessplans.models import (
    BusinessPlan,
    ChargeLineItem,
    IncomeKind,
    IncomeLineItem,
    Scenario,
    new_token,
)
from coopconnect.businessplans.selectors import scenario_input
from coopconnect.businessplans.study import study_scenarios
from coopconnect.core.errors import DomainError
from coopconnect.surveys.models import Survey
from coopconnect.surveys.selectors import survey_results
from coopconnect.territory.models import Commune


def _save_lines(scenario: Scenario, data: PlanInput) -> None:
    scenario.charge_lines.all().delete()
    scenario.income_lines.all().delete()
    ChargeLineItem.objects.bulk_create(
        ChargeLineItem(
            scenario=scenario,
            position=i,
            kind=c.kind,
            label=c.label,
            amount=c.yearly(),
            investment=c.investment,
            years=c.years,
        )
        for i, c in enumerate(data.charges)
    )
    lines = [
        IncomeLineItem(
            scenario=scenario,
            kind=IncomeKind.MEMBER,
            label=m.label,
            count=m.count,
            unit_price=m.monthly_price,
            months=m.months,
            days_per_week=m.days_per_week,
        )
        for m in data.members
    ] + [
        IncomeLineItem(
            scenario=scenario, kind=o.kind, label=o.label, count=o.count, unit_price=o.unit_price, months=0
        )
        for o in data.occasional
    ]
    for i, line in enumerate(lines):
        line.position = i
    IncomeLineItem.objects.bulk_create(lines)


def _check(data: PlanInput) -> None:
    errors = validate(data)
    if errors:
        raise DomainError(_("Le plan d'affaires contient des valeurs invalides."), errors)


@transaction.atomic
def plan_create_from_template(*, owner: Any, name: str, commune: Commune | None = None) -> BusinessPlan:
    """Create a plan holding the study's example and its two cooperation scenarios."""
    name = name.strip()
    if not name:
        raise DomainError(_("Donnez un nom au plan."), {"name": [_("Ce champ est obligatoire.")]})
    plan = BusinessPlan.objects.create(owner=owner, name=name[:200], commune=commune)
    for position, (scenario_name, description, data) in enumerate(study_scenarios()):
        scenario = Scenario.objects.create(
            plan=plan,
            position=position,
            name=scenario_name,
            description=description,
            occupancy_rate=data.occupancy_rate,
            seats=data.seats,
            open_days_per_week=data.open_days_per_week,
        )
        _save_lines(scenario, data)
    return plan


@transaction.atomic
def plan_update(*, plan: BusinessPlan, name: str, commune: Commune | None, notes: str = "") -> BusinessPlan:
    """Rename the plan, change its site commune and notes."""
    name = name.strip()
    if not name:
        raise DomainError(_("Donnez un nom au plan."), {"name": [_("Ce champ est obligatoire.")]})
    plan.name, plan.commune, plan.notes = name[:200], commune, notes
    plan.save()
    return plan


@transaction.atomic
def plan_reset_share_token(*, plan: BusinessPlan) -> BusinessPlan:
    """Give the plan a new secret link; the old one stops working."""
    plan.share_token = new_token()
    plan.save(update_fields=["share_token", "updated_at"])
    return plan


@transaction.atomic
def plan_delete(*, plan: BusinessPlan) -> None:
    """Delete the plan and its scenarios."""
    plan.delete()


@transaction.atomic
def scenario_save(*, scenario: Scenario, name: str, description: str, data: PlanInput) -> Scenario:
    """Replace a scenario's parameters and lines after checking them."""
    _check(data)
    name = name.strip()
    if not name:
        raise DomainError(_("Donnez un nom au scénario."), {"name": [_("Ce champ est obligatoire.")]})
    scenario.name, scenario.description = name[:200], description
    scenario.occupancy_rate = data.occupancy_rate
    scenario.seats = data.seats
    scenario.open_days_per_week = data.open_days_per_week
    scenario.save()
    _save_lines(scenario, data)
    scenario.plan.save(update_fields=["updated_at"])
    return scenario


@transaction.atomic
def scenario_duplicate(*, scenario: Scenario) -> Scenario:
    """Copy a scenario at the end of its plan, to explore another hypothesis."""
    data = scenario_input(scenario)
    last = scenario.plan.scenarios.order_by("-position").values_list("position", flat=True).first() or 0
    copy = Scenario.objects.create(
        plan=scenario.plan,
        position=last + 1,
        name=_("%(name)s (copie)") % {"name": scenario.name},
        description=scenario.description,
        occupancy_rate=data.occupancy_rate,
        seats=data.seats,
        open_days_per_week=data.open_days_per_week,
    )
    _save_lines(copy, replace(data))
    return copy


@transaction.atomic
def scenario_delete(*, scenario: Scenario) -> None:
    """Delete a scenario; a plan keeps at least one."""
    if scenario.plan.scenarios.count() <= 1:
        raise DomainError(_("Un plan garde au moins un scénario."))
    scenario.delete()


@transaction.atomic
def scenario_apply_survey_counts(*, scenario: Scenario, counts: dict[Decimal, int]) -> Scenario:
    """Set the member counts of a scenario from a survey: interested people per days a week.

    ``counts`` maps days a week (1, 2, 4, 5...) to the number of interested respondents; each member
    line takes the count of its ``days_per_week``; lines with no matching answer get 0.
    """
    for line in scenario.income_lines.filter(kind=IncomeKind.MEMBER):
        line.count = counts.get(Decimal(line.days_per_week).normalize(), 0)
        line.save(update_fields=["count"])
    _check(scenario_input(scenario))
    return scenario


@transaction.atomic
def scenario_from_survey(*, plan: BusinessPlan, survey: Survey) -> Scenario:
    """Add to the plan a copy of its first scenario whose member counts are the survey's interested
    people per days a week."""
    first = plan.scenarios.first()
    if first is None:
        raise DomainError(_("Un plan garde au moins un scénario."))
    copy = scenario_duplicate(scenario=first)
    copy.name = _("D'après l'enquête « %(title)s »") % {"title": survey.title}
    copy.save(update_fields=["name"])
    return scenario_apply_survey_counts(scenario=copy, counts=survey_results(survey).plan_counts())
