"""JSON API of the business plans (mounted under /api/v1/): simulate a scenario, the study's example."""

from dataclasses import asdict

from django.http import HttpRequest
from ninja import Router

from coopconnect.businessplans.compute import ChargeLine, MemberLine, OccasionalLine, PlanInput, compute
from coopconnect.businessplans.schemas import SimulateIn, SimulateOut
from coopconnect.businessplans.study import study_plan
from coopconnect.core.schemas import ErrorOut

router = Router(tags=["business plan"])


@router.post(
    "/business-plans/simulate",
    response={200: SimulateOut, 400: ErrorOut, 422: ErrorOut},
    tags=["business plan"],
    summary="Compute a business-plan scenario (charges, income, result, break-even, sensitivity)",
)
def business_plan_simulate(request: HttpRequest, payload: SimulateIn):
    """Compute one scenario; every amount in euros, the result and break-even explained line by line."""
    plan = PlanInput(
        name=payload.name,
        charges=tuple(ChargeLine(c.kind, c.label, c.amount, c.investment, c.years) for c in payload.charges),
        members=tuple(
            MemberLine(m.label, m.count, m.monthly_price, m.months, m.days_per_week) for m in payload.members
        ),
        occasional=tuple(OccasionalLine(o.label, o.count, o.unit_price, o.kind) for o in payload.occasional),
        occupancy_rate=payload.occupancy_rate,
        seats=payload.seats,
        open_days_per_week=payload.open_days_per_week,
    )
    return asdict(compute(plan))


@router.get(
    "/business-plans/template",
    response={200: SimulateIn},
    tags=["business plan"],
    summary="The study's example as a simulation input",
)
def business_plan_template(request: HttpRequest):
    """Return the Coop-connect study's example (village of 5,000 inhabitants), ready to post to simulate."""
    return asdict(study_plan())
