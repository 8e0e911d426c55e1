"""seed_demo step "skills" (order 81): the skills profiles of the demo members (through the services).

Safe to run twice: a person who has a profile keeps it.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from coopconnect.core.seed import SeedContext, register
from coopconnect.forums.seed import demo_people, grant_coordinators
from coopconnect.skills.models import SkillProfile, Visibility
from coopconnect.skills.services import profile_save
from coopconnect.territory.models import Commune

PROFILES: dict[str, dict[str, Any]] = {
    "sophie.graphiste@soho-solo.example": {
        "headline": "Graphiste et webdesigner à Nogaro",
        "skills": ["graphisme", "WordPress", "photo"],
        "offers": "Logos, plaquettes, sites WordPress pour les artisans et les gîtes.",
        "seeks": "Un coup de main en comptabilité contre une identité visuelle (troc).",
        "insee": "32296",
        "visibility": Visibility.PUBLIC,
    },
    "jean.comptable@soho-solo.example": {
        "headline": "Expert-comptable indépendant, associations et TPE",
        "skills": ["compta", "gestion associative", "Excel"],
        "offers": "Clôture des comptes, tableaux de bord, formation des trésoriers.",
        "seeks": "Quelqu'un pour refaire mon site.",
        "insee": "32013",
        "visibility": Visibility.NETWORK,
    },
    "membre@coop-connect.fr": {
        "headline": "Rédactrice et traductrice anglais-français",
        "skills": ["rédaction", "traduction", "anglais"],
        "offers": "Relecture, traduction de plaquettes et de sites.",
        "seeks": "Des conseils pour mes réseaux sociaux.",
        "insee": "84089",
        "visibility": Visibility.PUBLIC,
    },
    "hote.pertuis@coop-connect.fr": {
        "headline": "Hôte de Bâticom Pertuis, animateur numérique",
        "skills": ["animation", "informatique", "formation"],
        "offers": "Ateliers de prise en main des outils numériques.",
        "seeks": "",
        "insee": "84089",
        "visibility": Visibility.NETWORK,
    },
    "coordination@coop-connect.fr": {
        "headline": "Coordinatrice du réseau Coop-connect PACA",
        "skills": ["gestion de projet", "animation"],
        "offers": "Mise en relation entre lieux et indépendants.",
        "seeks": "",
        "insee": "",
        "visibility": Visibility.NETWORK,
    },
}
# What coordinators may do in the skills admin (it shows them the people of their networks only).
COORDINATOR_PERMISSIONS = ["view_skill", "view_skillprofile"]


@transaction.atomic
def seed_skills(ctx: SeedContext | None = None) -> dict[str, int]:
    """Create the demo skills profiles; return how many profiles exist."""
    people = demo_people()
    grant_coordinators("skills", COORDINATOR_PERMISSIONS)
    for email, spec in PROFILES.items():
        if email in people and not SkillProfile.objects.filter(person=people[email]).exists():
            profile_save(
                person=people[email],
                headline=spec["headline"],
                skills=spec["skills"],
                offers=spec["offers"],
                seeks=spec["seeks"],
                commune=Commune.objects.filter(insee=spec["insee"]).first() if spec["insee"] else None,
                visibility=spec["visibility"],
            )
    counts = {"profiles": SkillProfile.objects.count()}
    if ctx is not None:
        ctx.say(f"  profils : {counts['profiles']}")
    return counts


register("skills", order=81)(seed_skills)
