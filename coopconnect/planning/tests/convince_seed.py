"""The demo data of the tool to convince for one owner: the Pertuis-area survey and the study's plan.

``seed_convince()`` runs the ``surveys`` and ``businessplans`` seed functions for one owner, after the
communes and the demo users exist, and returns what they made. Together they fill the dossier of Pertuis.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from coopconnect.accounts.models import User
from coopconnect.businessplans.seed import seed_plan
from coopconnect.surveys.seed import demo_coordinator, seed_survey


@transaction.atomic
def seed_convince(owner: User | None = None) -> dict[str, Any]:
    """Create (or keep) the Pertuis-area survey with its answers and the study's business plan."""
    owner = owner or demo_coordinator()
    survey = seed_survey(owner)
    if "skipped" in survey:
        return survey
    return {**survey, **seed_plan(owner)}
