"""Criteria about other places: no place too near (Nom@des100), one pilot site per department."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.translation import gettext as _

from coopconnect.core.errors import DomainError
from coopconnect.planning.catchment.inputs import MAX_MINUTES, Site, parse_site
from coopconnect.planning.catchment.nearest import NearPlace, nearest_places
from coopconnect.planning.criteria.inputs import Thresholds
from coopconnect.planning.criteria.verdicts import FAIL, PASS, UNKNOWN, WEIGHTS, Criterion, figure


def spacing(site: Site, t: Thresholds) -> tuple[Criterion, NearPlace | None]:
    """Check the trip to the nearest published place against the minimal spacing; return that place."""
    spacing_label = _("Pas d'autre tiers-lieu à moins de %(m)s minutes") % {"m": t.min_spacing_minutes}
    near = nearest_places(site.point, limit=1, max_minutes=MAX_MINUTES, origin_elevation=site.elevation)
    nearest = near[0] if near else None
    if nearest is None:
        criterion = Criterion(
            "spacing",
            spacing_label,
            PASS,
            _("Aucun tiers-lieu publié à moins de %(m)s minutes.") % {"m": MAX_MINUTES},
            WEIGHTS["spacing"],
            _("annuaire"),
            None,
        )
    else:
        ok = nearest.minutes >= t.min_spacing_minutes
        where = f" ({nearest.place.commune.name})" if nearest.place.commune else ""
        reason = _("Tiers-lieu le plus proche : %(name)s%(where)s à %(m)s min (%(km)s km).") % {
            "name": nearest.place.name,
            "where": where,
            "m": round(nearest.minutes),
            "km": figure(round(nearest.km, 1)),
        }
        if not ok:
            reason += " " + _(
                "Attention : moins de %(min)s minutes, les deux lieux se disputeraient les mêmes usagers "
                "(le label Nom@des100 refuse les télécentres trop proches)."
            ) % {"min": t.min_spacing_minutes}
        criterion = Criterion(
            "spacing",
            spacing_label,
            PASS if ok else FAIL,
            reason,
            WEIGHTS["spacing"],
            _("annuaire + temps de trajet"),
            round(nearest.minutes, 1),
        )
    return criterion, nearest


def one_per_department(site: Site, pilot_sites: Sequence[str]) -> Criterion:
    """Check that no other pilot site entered is in the site's department."""
    label = _("Un seul site pilote par département")
    if site.commune is None:
        return Criterion(
            "one_per_department",
            label,
            UNKNOWN,
            _("Département inconnu pour ce point."),
            WEIGHTS["one_per_department"],
            _("non renseigné"),
        )
    others = [
        s
        for s in resolve_pilot_sites(pilot_sites)
        if s.commune is not None and s.commune.insee != site.commune.insee
    ]
    if not pilot_sites:
        return Criterion(
            "one_per_department",
            label,
            UNKNOWN,
            _("Aucun autre site pilote saisi : la répartition par département n'est pas évaluée."),
            WEIGHTS["one_per_department"],
            _("non renseigné"),
        )
    dep = site.commune.department_id
    same = [s for s in others if s.commune is not None and s.commune.department_id == dep]
    if same:
        return Criterion(
            "one_per_department",
            label,
            FAIL,
            _("Autre(s) site(s) pilote(s) dans le même département (%(dep)s) : %(names)s.")
            % {"dep": dep, "names": ", ".join(s.label for s in same)},
            WEIGHTS["one_per_department"],
            _("saisie"),
            len(same),
        )
    return Criterion(
        "one_per_department",
        label,
        PASS,
        _("Aucun des %(n)s autres sites pilotes saisis n'est dans le département %(dep)s.")
        % {"n": len(others), "dep": dep},
        WEIGHTS["one_per_department"],
        _("saisie"),
        0,
    )


def resolve_pilot_sites(values: Sequence[str], field_name: str = "pilot_sites") -> list[Site]:
    """Resolve the other pilot sites (names or INSEE codes); DomainError naming the unknown ones."""
    sites, errors = [], []
    for value in values:
        if not value.strip():
            continue
        try:
            sites.append(parse_site(value))
        except DomainError as exc:
            errors.append(exc.message)
    if errors:
        raise DomainError(_("Site pilote inconnu."), errors={field_name: errors})
    return sites


def pilot_set_conflicts(sites: Sequence[Site]) -> dict[str, list[Site]]:
    """Return the departments holding more than one of ``sites`` (the rule: one per department)."""
    by_dep: dict[str, list[Site]] = {}
    for s in sites:
        if s.commune is not None:
            by_dep.setdefault(s.commune.department_id, []).append(s)
    return {dep: group for dep, group in by_dep.items() if len(group) > 1}
