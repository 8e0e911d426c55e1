"""Demo data of the needs surveys: the Pertuis-area (Luberon) survey of the study's questions, 24 answers.

Built on the services, safe to run again (nothing is duplicated). ``seed_survey()`` needs the communes
and a coordinator (the demo one, created when missing); it returns what it made.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from coopconnect.accounts.models import User
from coopconnect.accounts.seed import DEMO_PASSWORD
from coopconnect.core.seed import SeedContext, register
from coopconnect.places.models import Network
from coopconnect.surveys import services
from coopconnect.surveys.models import Survey, SurveyStatus
from coopconnect.surveys.permissions import can_create_survey
from coopconnect.territory.models import Commune

COORDINATOR_EMAIL = "coordination@coop-connect.fr"
SURVEY_TITLE = "Travailler près de chez soi : enquête du Pays d'Aigues (Pertuis)"
# Communes of the Pertuis area (Vaucluse, Bouches-du-Rhône) found by name in the loaded COG.
AREA = (
    "Pertuis",
    "La Tour-d'Aigues",
    "Villelaure",
    "Cadenet",
    "Ansouis",
    "Grambois",
    "Cucuron",
    "Lauris",
    "Mirabeau",
    "Apt",
)
WORK = ("Aix-en-Provence", "Marseille", "Manosque", "Pertuis", "Cavaillon")
# (home, work, minutes, mode, status, days a week elsewhere, services, price): 24 answers; 16 interested.
ANSWERS: tuple[tuple[str, str | None, int | None, str, str, str, list[str], str], ...] = (
    ("Pertuis", "Aix-en-Provence", 35, "car", "employee", "2", ["desk", "broadband", "copier"], "50_100"),
    ("Pertuis", "Marseille", 55, "car", "employee", "2", ["desk", "video"], "50_100"),
    ("Pertuis", "Aix-en-Provence", 40, "carpool", "employee", "1", ["desk"], "lt50"),
    ("Pertuis", None, None, "home", "independent", "4", ["desk", "meeting_room", "events"], "100_150"),
    ("Pertuis", "Pertuis", 10, "car", "employee", "0", [], "lt50"),
    ("Pertuis", "Marseille", 60, "transit", "employee", "2", ["desk", "broadband"], "50_100"),
    ("Pertuis", None, None, "home", "independent", "5", ["desk", "office", "locker"], "150_200"),
    ("Pertuis", "Aix-en-Provence", 30, "car", "employee", "1", ["desk"], "lt50"),
    ("La Tour-d'Aigues", "Aix-en-Provence", 45, "car", "employee", "2", ["desk", "copier"], "50_100"),
    ("La Tour-d'Aigues", "Manosque", 35, "car", "employee", "1", ["desk"], "lt50"),
    ("La Tour-d'Aigues", None, None, "home", "job_seeker", "0", ["events"], "lt50"),
    ("Villelaure", "Aix-en-Provence", 35, "car", "employee", "2", ["desk", "video"], "50_100"),
    ("Villelaure", "Marseille", 65, "car", "employee", "4", ["desk", "broadband"], "100_150"),
    ("Cadenet", "Cavaillon", 30, "car", "employee", "0", [], "lt50"),
    ("Cadenet", "Aix-en-Provence", 40, "car", "employee", "1", ["desk"], "50_100"),
    ("Cadenet", None, None, "home", "independent", "5", ["desk", "meeting_room"], "150_200"),
    ("Ansouis", "Aix-en-Provence", 40, "car", "employee", "2", ["desk", "broadband"], "50_100"),
    ("Ansouis", "Pertuis", 15, "car", "employee", "0", [], "lt50"),
    ("Grambois", "Manosque", 40, "car", "employee", "1", ["desk"], "lt50"),
    ("Cucuron", "Aix-en-Provence", 50, "car", "employee", "2", ["desk", "copier", "video"], "50_100"),
    ("Cucuron", None, None, "home", "student", "0", ["events"], "lt50"),
    ("Lauris", "Cavaillon", 25, "car", "employee", "0", [], "lt50"),
    ("Mirabeau", "Aix-en-Provence", 30, "car", "employee", "1", ["desk"], "50_100"),
    ("Apt", "Cavaillon", 40, "car", "employee", "1", ["desk", "broadband"], "50_100"),
)


def _commune(name: str) -> Commune | None:
    return (
        Commune.objects.filter(name=name, department_id__in=("84", "13", "04"))
        .order_by("-population")
        .first()
    )


def demo_coordinator() -> User:
    """Return the demo coordinator, created when missing."""
    user = User.objects.filter(email=COORDINATOR_EMAIL).first()
    if user is None:
        user = User.objects.create_user(
            COORDINATOR_EMAIL, DEMO_PASSWORD, first_name="Chloé", last_name="Coordination"
        )
    return user


@transaction.atomic
def seed_survey(owner: User | None = None) -> dict[str, Any]:
    """Create (or keep) the published Pertuis-area survey, results public, with its answers."""
    owner = owner or demo_coordinator()
    if _commune("Pertuis") is None:
        return {"skipped": "Pertuis absente : chargez d'abord les communes."}
    area = {name: c for name in AREA if (c := _commune(name)) is not None}
    work = {name: c for name in WORK if (c := _commune(name)) is not None}

    survey = Survey.objects.filter(title=SURVEY_TITLE).first()
    if survey is None:
        if not can_create_survey(owner):
            # Only coordinators and the platform team create surveys (is_staff grants nothing):
            # the demo coordinator coordinates the first network.
            network = Network.objects.order_by("pk").first()
            if network is None:
                return {"skipped": "Aucun réseau : créez d'abord les réseaux (seed_demo)."}
            network.coordinators.add(owner)
        survey = services.survey_create_from_template(
            owner=owner,
            title=SURVEY_TITLE,
            territory=" ".join(c.insee for c in area.values()),
        )
        survey.results_public = True
        survey.save(update_fields=["results_public"])
        services.survey_set_status(survey=survey, status=SurveyStatus.PUBLISHED)
    created = 0
    if not survey.responses.exists():
        for i, (home, workplace, minutes, mode, status, days, wanted, price) in enumerate(ANSWERS):
            if home not in area:
                continue
            answers: dict[str, Any] = {
                "home_commune": area[home].insee,
                "commute_mode": mode,
                "status": status,
                "days_elsewhere": days,
                "services": wanted,
                "price": price,
                "commute_minutes": minutes,
            }
            if workplace and workplace in work:
                answers["work_commune"] = work[workplace].insee
            services.response_submit(survey=survey, answers=answers, consent=True, ip=f"seed-{i}")
            created += 1
    return {"survey": survey, "responses_created": created}


@register("surveys", order=70)
def seed_surveys_step(ctx: SeedContext) -> dict[str, Any]:
    """Seed the demo survey, owned by the demo coordinator."""
    return seed_survey(ctx.results.get("users", {}).get("coordinator"))
