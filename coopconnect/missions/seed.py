"""seed_demo step "missions" (order 82): missions on the PACA and Gers boards (through the services).

Safe to run twice: a mission is looked up by its title before being posted.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from coopconnect.accounts.models import Organisation, User
from coopconnect.core.errors import DomainError
from coopconnect.core.seed import SeedContext, register
from coopconnect.forums.seed import GERS, PACA, demo_people, grant_coordinators
from coopconnect.missions.models import Mission
from coopconnect.missions.services import mission_create
from coopconnect.places.models import Network
from coopconnect.territory.models import Commune

# What coordinators may do in the missions admin (it shows them their own networks' boards only).
COORDINATOR_PERMISSIONS = ["view_mission", "change_mission", "view_missionresponse"]


@transaction.atomic
def seed_missions(ctx: SeedContext | None = None) -> dict[str, int]:
    """Post the demo missions; return how many missions exist."""
    gers = Network.objects.filter(slug=GERS).first()
    paca = Network.objects.filter(slug=PACA).first()
    grant_coordinators("missions", COORDINATOR_PERMISSIONS)
    _missions(gers, paca, demo_people())
    counts = {"missions": Mission.objects.count()}
    if ctx is not None:
        ctx.say(f"  missions : {counts['missions']}")
    return counts


def _missions(gers: Network | None, paca: Network | None, people: dict[str, User]) -> None:
    today = timezone.localdate()
    specs = []
    host = people.get("hote.pertuis@coop-connect.fr")
    if paca is not None and host is not None:
        specs.append(
            {
                "poster": host,
                "network": paca,
                "title": "Site web pour un gîte dans le Luberon",
                "description": "Un gîte de 5 chambres près de Lourmarin cherche un site simple : "
                "présentation, photos, calendrier des disponibilités, en français et en anglais.",
                "skills": ["site web", "WordPress", "traduction"],
                "commune": Commune.objects.filter(insee="84068").first(),  # Lourmarin
                "remote": True,
                "budget": Decimal("1500.00"),
                "deadline": today + dt.timedelta(days=45),
            }
        )
    org = Organisation.objects.filter(name="Société Durance Numérique").first()
    org_admin = org.memberships.filter(role="admin").select_related("user").first() if org else None
    if paca is not None and org_admin is not None and org_admin.user.email_verified:
        from coopconnect.core.permissions import is_network_member

        if is_network_member(org_admin.user, paca):
            specs.append(
                {
                    "poster": org_admin.user,
                    "organisation": org,
                    "network": paca,
                    "title": "Aide comptable pour l'association du tiers-lieu",
                    "description": "Clôture des comptes annuels et mise en place d'un tableau de suivi.",
                    "skills": ["compta", "gestion associative"],
                    "commune": Commune.objects.filter(insee="84089").first(),
                    "budget": Decimal("400.00"),
                }
            )
    sophie = people.get("sophie.graphiste@soho-solo.example")
    if gers is not None and sophie is not None:
        specs.append(
            {
                "poster": sophie,
                "network": gers,
                "title": "Traduction anglaise d'une plaquette touristique",
                "description": "Plaquette de 8 pages pour un domaine viticole de l'Armagnac.",
                "skills": ["traduction", "anglais"],
                "remote": True,
                "budget": Decimal("350.00"),
            }
        )
    for spec in specs:
        if Mission.objects.filter(title=spec["title"]).exists():
            continue
        try:
            mission_create(**spec)
        except DomainError:
            continue


register("missions", order=82)(seed_missions)
