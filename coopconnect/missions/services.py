"""Writes of the missions board: post a mission, answer it, mark it filled or closed."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coopconnect.core import permissions as perms
from coopconnect.core.errors import Conflict, DomainError, NotFound, PermissionDenied
from coopconnect.core.queue import after_commit
from coopconnect.missions import tasks
from coopconnect.missions.models import Mission, MissionResponse, MissionStatus
from coopconnect.missions.permissions import can_manage_mission, can_see_mission
from coopconnect.skills.services import skills_for

DEFAULT_DAYS_ON_BOARD = 60
MAX_DAYS_ON_BOARD = 365


def _validate(
    *,
    title: str,
    description: str,
    skills: list[str],
    commune: Any,
    remote: bool,
    start: dt.date | None,
    deadline: dt.date | None,
    budget: Decimal | None,
    expires_on: dt.date | None,
) -> tuple[str, str, dt.date, dict[str, list[str]]]:
    """Check the fields of a mission (new or edited); return the cleaned texts, the end of display
    and the field errors in French."""
    today = timezone.localdate()
    errors: dict[str, list[str]] = {}
    title = (title or "").replace("\x00", "").strip()
    description = (description or "").replace("\x00", "").strip()
    if not title:
        errors["title"] = [_("Ce champ est obligatoire.")]
    elif len(title) > 160:
        errors["title"] = [_("%(n)s caractères au plus.") % {"n": 160}]
    if not description:
        errors["description"] = [_("Ce champ est obligatoire.")]
    elif len(description) > 8000:
        errors["description"] = [_("%(n)s caractères au plus.") % {"n": 8000}]
    if len(skills) > 20:
        errors["skills"] = [_("%(n)s compétences au plus.") % {"n": 20}]
    if commune is None and not remote:
        errors["commune"] = [_("Indiquez une commune, ou cochez « à distance ».")]
    if deadline is not None and deadline < today:
        errors["deadline"] = [_("L'échéance est déjà passée.")]
    if start is not None and deadline is not None and deadline < start:
        errors["deadline"] = [_("L'échéance doit suivre le début.")]
    if budget is not None and (budget < 0 or budget >= Decimal("100000000")):
        errors["budget"] = [_("Le budget doit être positif (en euros).")]
    expires_on = expires_on or today + dt.timedelta(days=DEFAULT_DAYS_ON_BOARD)
    if not today <= expires_on <= today + dt.timedelta(days=MAX_DAYS_ON_BOARD):
        errors["expires_on"] = [
            _("La mission reste affichée d'aujourd'hui à %(n)s jours au plus.") % {"n": MAX_DAYS_ON_BOARD}
        ]
    return title, description, expires_on, errors


@transaction.atomic
def mission_create(
    *,
    poster: Any,
    network: Any,
    title: str,
    description: str,
    skills: list[str],
    commune: Any = None,
    remote: bool = False,
    start: dt.date | None = None,
    deadline: dt.date | None = None,
    budget: Decimal | None = None,
    expires_on: dt.date | None = None,
    organisation: Any = None,
) -> Mission:
    """Post a mission on a network's board (for oneself, or for an organisation one administers)."""
    if not perms.is_network_member(poster, network):
        raise PermissionDenied(_("Seuls les membres du réseau publient sur sa bourse d'échanges."))
    if organisation is not None and not perms.is_organisation_admin(poster, organisation):
        raise PermissionDenied(_("Vous n'administrez pas cette organisation."))
    title, description, expires_on, errors = _validate(
        title=title,
        description=description,
        skills=skills,
        commune=commune,
        remote=remote,
        start=start,
        deadline=deadline,
        budget=budget,
        expires_on=expires_on,
    )
    if errors:
        raise DomainError(_("La mission n'a pas été publiée : corrigez les champs signalés."), errors)
    mission = Mission.objects.create(
        network=network,
        posted_by=poster,
        organisation=organisation,
        title=title,
        description=description,
        commune=commune,
        remote=remote,
        start=start,
        deadline=deadline,
        budget=budget.quantize(Decimal("0.01")) if budget is not None else None,
        expires_on=expires_on,
    )
    mission.skills.set(skills_for(skills))
    after_commit(tasks.send_mission_match_emails, mission.pk)
    return mission


@transaction.atomic
def mission_respond(*, mission: Mission, author: Any, message: str) -> MissionResponse:
    """Answer a mission on the board (once per person); its poster gets an e-mail."""
    if not can_see_mission(author, mission):
        raise NotFound(_("Mission introuvable."))
    mission = Mission.objects.select_for_update().get(pk=mission.pk)
    if not mission.is_on_board():
        raise Conflict(_("Cette mission n'est plus ouverte."))
    if author.pk == mission.posted_by_id:
        raise DomainError(_("Vous ne pouvez pas répondre à votre propre mission."))
    message = (message or "").replace("\x00", "").strip()
    if not message:
        raise DomainError(_("Le message est vide."), {"message": [_("Ce champ est obligatoire.")]})
    if len(message) > 4000:
        raise DomainError(
            _("Le message est trop long."), {"message": [_("%(n)s caractères au plus.") % {"n": 4000}]}
        )
    try:
        with transaction.atomic():
            response = MissionResponse.objects.create(mission=mission, author=author, message=message)
    except IntegrityError as exc:
        raise Conflict(_("Vous avez déjà répondu à cette mission.")) from exc
    after_commit(tasks.send_mission_response_email, response.pk)
    return response


@transaction.atomic
def mission_set_status(*, mission: Mission, by: Any, status: str) -> Mission:
    """Mark a mission filled or closed (it leaves the board), or open it again."""
    if not can_manage_mission(by, mission):
        raise PermissionDenied(_("Seul l'auteur de la mission peut changer son état."))
    if status not in MissionStatus.values:
        raise DomainError(_("État inconnu."), {"status": [_("Choisissez ouverte, pourvue ou fermée.")]})
    if status == MissionStatus.OPEN and mission.expires_on < timezone.localdate():
        raise Conflict(_("Cette mission a expiré : publiez-en une nouvelle."))
    mission.status = status
    mission.save(update_fields=["status"])
    return mission


@transaction.atomic
def mission_update(
    *,
    mission: Mission,
    by: Any,
    title: str,
    description: str,
    skills: list[str],
    commune: Any = None,
    remote: bool = False,
    start: dt.date | None = None,
    deadline: dt.date | None = None,
    budget: Decimal | None = None,
    expires_on: dt.date | None = None,
) -> Mission:
    """Edit a mission (its poster, or an admin of its organisation); the network and the organisation
    stay. Nobody is e-mailed again: the people matching its skills were told when it was posted."""
    if not can_manage_mission(by, mission):
        raise PermissionDenied(
            _("Seuls l'auteur de la mission et les administrateurs de son organisation la modifient.")
        )
    mission = Mission.objects.select_for_update().get(pk=mission.pk)
    title, description, expires_on, errors = _validate(
        title=title,
        description=description,
        skills=skills,
        commune=commune,
        remote=remote,
        start=start,
        deadline=deadline,
        budget=budget,
        expires_on=expires_on,
    )
    if errors:
        raise DomainError(_("La mission n'a pas été modifiée : corrigez les champs signalés."), errors)
    mission.title, mission.description, mission.commune, mission.remote = title, description, commune, remote
    mission.start, mission.deadline, mission.expires_on = start, deadline, expires_on
    mission.budget = budget.quantize(Decimal("0.01")) if budget is not None else None
    mission.save()
    mission.skills.set(skills_for(skills))
    return mission


@transaction.atomic
def anonymise_person(*, person: Any) -> None:
    """Delete the person's answers to missions and close their open missions, which nobody can follow up.

    The missions themselves stay on record under the erased account's placeholder name.
    """
    MissionResponse.objects.filter(author=person).delete()
    Mission.objects.filter(posted_by=person, status=MissionStatus.OPEN).update(status=MissionStatus.CLOSED)
