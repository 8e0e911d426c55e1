"""The study's criteria for a pilot site, checked one by one with the figures that decide them.

Sources (étude Coop-connect 2012): "La population minimale nécessaire correspond à une commune de
5 000 habitants et à un bassin de vie de 20 000 habitants" ; "Bassin de vie de 20 000 hab au moins
à 20 minutes" ; "Site déjà éligible à l'Internet haut débit 2 Mo" ; schools, everyday shops,
public transport or parking nearby ; "Couple élus / technicien de collectivité territoriale
motivé" ; "Noyau de quelques utilisateurs motivés" (about ten) ; "Besoin identifié (questionnaire
à la population)" ; Nom@des100 refuses two places too close to each other ("éviter la
cannibalisation entre deux télécentres trop proches") ; "deux sites ne soient pas implantés sur le
même département, sur la phase test".

Each criterion is ``pass``, ``fail`` or ``unknown`` (not entered, no data) with a French sentence
giving the numbers. The overall score is documented in ``score()``: the weighted share of passed
criteria among the known ones (weights in ``WEIGHTS``), shown with a completeness figure (the
weighted share of criteria that are known), so an unanswered question never counts as a failure
nor as a success.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from coopconnect.planning.catchment.inputs import Site
from coopconnect.planning.catchment.result import Catchment
from coopconnect.planning.criteria import local, population, spacing
from coopconnect.planning.criteria.inputs import SiteInputs, Thresholds
from coopconnect.planning.criteria.score import Score, score
from coopconnect.planning.criteria.verdicts import Criterion


@dataclass(slots=True)
class CriteriaReport:
    """All criteria of a site, its catchment and its score."""

    site: Site
    thresholds: Thresholds
    criteria: list[Criterion]
    catchment: Catchment
    nearest_place: Any = None
    score: Score = field(init=False)

    def __post_init__(self) -> None:
        self.score = score(self.criteria)


def check_site(
    site: Site,
    inputs: SiteInputs = SiteInputs(),  # noqa: B008 - frozen dataclass, safe default
    thresholds: Thresholds = Thresholds(),  # noqa: B008
    *,
    core_users_hook: Callable[[Site], int | None] | None = None,
    survey_interested_hook: Callable[[Site], int | None] | None = None,
) -> CriteriaReport:
    """Check every criterion for ``site``.

    ``core_users_hook`` and ``survey_interested_hook`` let the needs survey supply, when the
    user entered nothing, the number of motivated users and of people interested in the place.
    """
    t = thresholds.validated()
    inputs = inputs.validated()
    result = [population.commune_population(site, t)]
    area_criterion, area = population.catchment_population(site, t)
    result += [
        area_criterion,
        local.broadband(inputs, t),
        *local.amenities(inputs),
        local.elected_technician(inputs),
        local.core_users(site, inputs, t, core_users_hook),
        local.need_survey(site, inputs, t, survey_interested_hook),
    ]
    spacing_criterion, nearest = spacing.spacing(site, t)
    result += [spacing_criterion, spacing.one_per_department(site, inputs.pilot_sites)]
    return CriteriaReport(site=site, thresholds=t, criteria=result, catchment=area, nearest_place=nearest)
