"""Criteria only the project holder knows: broadband, amenities, local backing, users, need."""

from __future__ import annotations

from collections.abc import Callable

from django.utils.translation import gettext as _

from coopconnect.planning.catchment.inputs import Site
from coopconnect.planning.criteria.inputs import SiteInputs, Thresholds
from coopconnect.planning.criteria.verdicts import (
    FAIL,
    PASS,
    UNKNOWN,
    WEIGHTS,
    Criterion,
    entered,
    figure,
)

SurveyHook = Callable[[Site], int | None]


def broadband(inputs: SiteInputs, t: Thresholds) -> Criterion:
    """Check the broadband speed entered for the premises."""
    bb_label = _("Internet haut débit d'au moins %(n)s Mb/s") % {"n": figure(t.min_broadband_mbps)}
    if inputs.broadband_mbps is None:
        return Criterion(
            "broadband",
            bb_label,
            UNKNOWN,
            _("Débit non renseigné (testez la ligne du local)."),
            WEIGHTS["broadband"],
            _("non renseigné"),
        )
    else:
        ok = inputs.broadband_mbps >= t.min_broadband_mbps
        return Criterion(
            "broadband",
            bb_label,
            PASS if ok else FAIL,
            _("Débit saisi : %(v)s Mb/s pour un minimum de %(min)s Mb/s.")
            % {"v": figure(inputs.broadband_mbps), "min": figure(t.min_broadband_mbps)},
            WEIGHTS["broadband"],
            _("saisie"),
            inputs.broadband_mbps,
        )


def amenities(inputs: SiteInputs) -> list[Criterion]:
    """Check schools, everyday shops and transport or parking nearby (entered)."""
    return [
        entered(
            "schools",
            _("Écoles, collèges ou lycées à proximité"),
            inputs.schools_nearby,
            _("Établissements scolaires à proximité : les parents combinent les trajets."),
            _("Pas d'établissement scolaire à proximité."),
            _("Proximité des écoles non renseignée."),
        ),
        entered(
            "shops",
            _("Commerces du quotidien à proximité"),
            inputs.shops_nearby,
            _("Commerces du quotidien (boulangerie, La Poste…) à proximité."),
            _("Pas de commerce du quotidien à proximité."),
            _("Proximité des commerces non renseignée."),
        ),
        entered(
            "transport_or_parking",
            _("Arrêt de transport en commun ou stationnement facile"),
            inputs.transport_or_parking,
            _("Accès facile : arrêt de transport en commun ou stationnement tout proche."),
            _("Ni arrêt de transport en commun ni stationnement facile."),
            _("Accès non renseigné."),
        ),
    ]


def elected_technician(inputs: SiteInputs) -> Criterion:
    """Check that an elected official and a technician carry the project (entered)."""
    return entered(
        "elected_technician",
        _("Couple élu / technicien motivé"),
        inputs.elected_technician_pair,
        _("Un élu et un technicien de la collectivité portent le projet."),
        _("Pas de couple élu / technicien motivé identifié."),
        _("Portage local non renseigné."),
    )


def core_users(site: Site, inputs: SiteInputs, t: Thresholds, hook: SurveyHook | None) -> Criterion:
    """Check the core of motivated users: entered, else counted by the needs survey."""
    core_users_hook = hook
    core, source = inputs.core_users, _("saisie")
    if core is None and core_users_hook is not None:
        core, source = core_users_hook(site), _("enquête")
    core_label = _("Noyau d'au moins %(n)s utilisateurs motivés") % {"n": t.min_core_users}
    if core is None:
        return Criterion(
            "core_users",
            core_label,
            UNKNOWN,
            _("Nombre d'utilisateurs motivés non renseigné."),
            WEIGHTS["core_users"],
            _("non renseigné"),
        )
    else:
        ok = core >= t.min_core_users
        return Criterion(
            "core_users",
            core_label,
            PASS if ok else FAIL,
            _("%(v)s utilisateurs motivés (%(src)s) pour un noyau d'au moins %(min)s.")
            % {"v": core, "src": source, "min": t.min_core_users},
            WEIGHTS["core_users"],
            source,
            core,
        )


def need_survey(site: Site, inputs: SiteInputs, t: Thresholds, hook: SurveyHook | None) -> Criterion:
    """Check that a survey found a need: entered, else from the number of people interested."""
    survey_interested_hook = hook
    need_label = _("Besoin identifié par une enquête")
    interested = survey_interested_hook(site) if survey_interested_hook is not None else None
    if inputs.need_identified is not None:
        return entered(
            "need_survey",
            need_label,
            inputs.need_identified,
            _("Besoin identifié par une enquête auprès de la population (saisie)."),
            _("L'enquête n'a pas fait apparaître de besoin (saisie)."),
            "",
        )
    elif interested is not None:
        ok = interested >= t.min_survey_interested
        return Criterion(
            "need_survey",
            need_label,
            PASS if ok else FAIL,
            _("L'enquête compte %(v)s personnes intéressées pour un seuil de %(min)s.")
            % {"v": interested, "min": t.min_survey_interested},
            WEIGHTS["need_survey"],
            _("enquête"),
            interested,
        )
    else:
        return Criterion(
            "need_survey",
            need_label,
            UNKNOWN,
            _("Pas d'enquête auprès de la population."),
            WEIGHTS["need_survey"],
            _("non renseigné"),
        )
