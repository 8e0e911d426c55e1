"""Criteria read from the data: the commune's population and the population within N minutes."""

from __future__ import annotations

from django.utils.translation import gettext as _

from coopconnect.planning.catchment.inputs import Site
from coopconnect.planning.catchment.result import Catchment, catchment
from coopconnect.planning.criteria.inputs import Thresholds
from coopconnect.planning.criteria.verdicts import FAIL, PASS, UNKNOWN, WEIGHTS, Criterion, figure


def commune_population(site: Site, t: Thresholds) -> Criterion:
    """Check the population of the site's commune against the threshold (INSEE data)."""
    commune = site.commune
    label = _("Commune d'au moins %(n)s habitants") % {"n": figure(t.min_commune_population)}
    if commune is None:
        return Criterion(
            "commune_population",
            label,
            UNKNOWN,
            _("Aucune commune trouvée pour ce point."),
            WEIGHTS["commune_population"],
            _("données INSEE"),
        )
    else:
        ok = commune.population >= t.min_commune_population
        where = _(" (commune la plus proche du point)") if site.is_point else ""
        return Criterion(
            "commune_population",
            label,
            PASS if ok else FAIL,
            _("%(name)s%(where)s compte %(pop)s habitants, %(cmp)s seuil de %(min)s.")
            % {
                "name": commune.name,
                "where": where,
                "pop": figure(commune.population),
                "cmp": _("au-dessus du") if ok else _("en dessous du"),
                "min": figure(t.min_commune_population),
            },
            WEIGHTS["commune_population"],
            _("données INSEE (population municipale)"),
            commune.population,
        )


def catchment_population(site: Site, t: Thresholds) -> tuple[Criterion, Catchment]:
    """Check the population within the threshold's minutes by road; return the catchment too."""
    area = catchment(site, t.catchment_minutes)
    total = area.total_population
    ok = total >= t.min_catchment_population
    criterion = Criterion(
        "catchment_population",
        _("Au moins %(n)s habitants à %(m)s minutes")
        % {"n": figure(t.min_catchment_population), "m": t.catchment_minutes},
        PASS if ok else FAIL,
        _(
            "%(pop)s habitants dans %(c)s communes à %(m)s minutes ou moins (%(method)s), "
            "%(cmp)s seuil de %(min)s."
        )
        % {
            "pop": figure(total),
            "c": len(area.rows),
            "m": t.catchment_minutes,
            "method": _("estimation routière") if area.method == "estimate" else _("itinéraires OSRM"),
            "cmp": _("au-dessus du") if ok else _("en dessous du"),
            "min": figure(t.min_catchment_population),
        },
        WEIGHTS["catchment_population"],
        _("données INSEE + temps de trajet"),
        total,
    )
    return criterion, area
