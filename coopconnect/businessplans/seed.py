"""Demo data of the business plans: the study's example for a third place in Pertuis.

Built on the services, safe to run again (nothing is duplicated). ``seed_plan()`` needs the communes and
the owner (the demo coordinator in ``seed_demo``); it returns what it made.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from coopconnect.accounts.models import User
from coopconnect.businessplans import services
from coopconnect.businessplans.models import BusinessPlan
from coopconnect.core.seed import SeedContext, register
from coopconnect.territory.models import Commune

PLAN_NAME = "Tiers-lieu de Pertuis (modèle de l'étude)"
COORDINATOR_EMAIL = "coordination@coop-connect.fr"
PROJECT_HOLDER_EMAIL = "porteur.projet@coop-connect.fr"


@transaction.atomic
def seed_plan(owner: User) -> dict[str, Any]:
    """Create (or keep) the owner's business plan of the study's example, sited in Pertuis."""
    pertuis = (
        Commune.objects.filter(name="Pertuis", department_id__in=("84", "13", "04"))
        .order_by("-population")
        .first()
    )
    if pertuis is None:
        return {"skipped": "Pertuis absente : chargez d'abord les communes."}
    plan = BusinessPlan.objects.filter(owner=owner, name=PLAN_NAME).first()
    if plan is None:
        plan = services.plan_create_from_template(owner=owner, name=PLAN_NAME, commune=pertuis)
    return {"plan": plan}


@register("businessplans", order=71)
def seed_businessplans_step(ctx: SeedContext) -> dict[str, Any]:
    """Seed the demo business plan, owned by the demo coordinator, and the demo project holder's own."""
    owner = (
        ctx.results.get("users", {}).get("coordinator")
        or User.objects.filter(email=COORDINATOR_EMAIL).first()
    )
    if owner is None:
        return {"skipped": "Pas de coordinateur de démonstration : lancez d'abord l'étape demo_users."}
    made = seed_plan(owner)
    holder = (
        ctx.results.get("users", {}).get("project_holder")
        or User.objects.filter(email=PROJECT_HOLDER_EMAIL).first()
    )
    if holder is not None:
        made["project_holder_plan"] = seed_plan(holder).get("plan")
    return made
