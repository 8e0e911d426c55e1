"""Reads of business plans: who may see them, their scenarios as computation inputs, their results."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from coopconnect.accounts.privacy.registry import PersonalData
from coopconnect.businessplans.charts import charges_chart, scenarios_chart, sensitivity_chart
from coopconnect.businessplans.compute import (
    ChargeLine,
    MemberLine,
    OccasionalLine,
    PlanInput,
    PlanResult,
    compute,
)
from coopconnect.businessplans.models import BusinessPlan, IncomeKind, Scenario
from coopconnect.businessplans.study import study_scenarios


def plans_of(user: Any) -> QuerySet[BusinessPlan]:
    """Return the plans the user created (none for an anonymous visitor)."""
    if not getattr(user, "is_authenticated", False):
        return BusinessPlan.objects.none()
    return BusinessPlan.objects.filter(owner=user).select_related("commune")


def plan_for_owner(user: Any, pk: int) -> BusinessPlan | None:
    """Return the plan if the user owns it, else None (strangers cannot tell it exists)."""
    return plans_of(user).filter(pk=pk).first()


def plan_by_share_token(token: str) -> BusinessPlan | None:
    """Return the plan shared under this secret token, or None."""
    if not token:
        return None
    return BusinessPlan.objects.select_related("commune", "owner").filter(share_token=token).first()


def scenario_input(scenario: Scenario) -> PlanInput:
    """Return a saved scenario as the pure computation's input."""
    charges = tuple(
        ChargeLine(c.kind, c.label, c.amount, c.investment, c.years) for c in scenario.charge_lines.all()
    )
    members: list[MemberLine] = []
    occasional: list[OccasionalLine] = []
    for line in scenario.income_lines.all():
        if line.kind == IncomeKind.MEMBER:
            members.append(
                MemberLine(line.label, line.count, line.unit_price, line.months, line.days_per_week)
            )
        else:
            occasional.append(OccasionalLine(line.label, line.count, line.unit_price, line.kind))
    return PlanInput(
        name=scenario.name,
        charges=charges,
        members=tuple(members),
        occasional=tuple(occasional),
        occupancy_rate=scenario.occupancy_rate,
        seats=scenario.seats,
        open_days_per_week=scenario.open_days_per_week,
    )


@dataclass(frozen=True)
class ScenarioView:
    scenario: Scenario
    result: PlanResult


def plan_results(plan: BusinessPlan) -> list[ScenarioView]:
    """Return each scenario of the plan with its computed result, in order."""
    scenarios = plan.scenarios.prefetch_related("charge_lines", "income_lines")
    return [ScenarioView(s, compute(scenario_input(s))) for s in scenarios]


def plan_summary(plan: BusinessPlan | None) -> dict[str, Any]:
    """Return a plan's scenarios with their results and charts (the study's example when ``plan`` is None).

    ``rows`` pairs each scenario (None for the example) with its result and description; the charts are
    inline SVG.
    """
    if plan is None:
        rows: list[dict[str, Any]] = [
            {"scenario": None, "result": compute(data), "description": d} for _n, d, data in study_scenarios()
        ]
    else:
        rows = [
            {"scenario": v.scenario, "result": v.result, "description": v.scenario.description}
            for v in plan_results(plan)
        ]
    results = [r["result"] for r in rows]
    return {
        "rows": rows,
        "scenario_results": results,
        "sensitivity_svg": sensitivity_chart(results) if results else "",
        "scenarios_svg": scenarios_chart(results) if results else "",
        "charges_svg": charges_chart(results[0]) if results else "",
    }


def personal_data(person: Any) -> PersonalData:
    """Return the business plans the person created."""
    plans = BusinessPlan.objects.filter(owner=person).select_related("commune").order_by("pk")
    return PersonalData(
        tables={
            "business_plans": [
                {
                    "name": p.name,
                    "commune": p.commune.name if p.commune else "",
                    "scenarios": p.scenarios.count(),
                }
                for p in plans
            ]
        }
    )
