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

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, fields
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coopconnect.core.errors import DomainError
from coopconnect.territory.catchment import (
    MAX_MINUTES,
    Catchment,
    Site,
    as_int,
    catchment,
    nearest_places,
    parse_site,
    validate_minutes,
)

PASS, FAIL, UNKNOWN = "pass", "fail", "unknown"
STATUS_LABELS = {
    PASS: gettext_lazy("rempli"),
    FAIL: gettext_lazy("non rempli"),
    UNKNOWN: gettext_lazy("inconnu"),
}

# Weights of the overall score. The core of users and the population reached weigh most: the study
# calls the users "le plus important et le plus difficile à approcher", and its quantitative
# potential is the 20,000 within 20 minutes.
WEIGHTS: dict[str, int] = {
    "commune_population": 2,
    "catchment_population": 3,
    "broadband": 2,
    "schools": 1,
    "shops": 1,
    "transport_or_parking": 1,
    "elected_technician": 2,
    "core_users": 3,
    "need_survey": 2,
    "spacing": 2,
    "one_per_department": 1,
}


@dataclass(frozen=True, slots=True)
class Thresholds:
    """The figures that decide each criterion; defaults from the study, all editable."""

    min_commune_population: int = 5000
    min_catchment_population: int = 20000
    catchment_minutes: int = 20
    min_broadband_mbps: float = 2.0
    min_core_users: int = 10
    min_survey_interested: int = 10
    min_spacing_minutes: int = 20

    def validated(self) -> Thresholds:
        """Return self, or raise DomainError with French field errors for out-of-range values."""
        errors: dict[str, list[str]] = {}
        for name in (
            "min_commune_population",
            "min_catchment_population",
            "min_core_users",
            "min_survey_interested",
        ):
            value = as_int(getattr(self, name))
            if value is None or value < 0:
                errors[name] = [_("Indiquez un nombre entier positif ou nul.")]
        for name in ("catchment_minutes", "min_spacing_minutes"):
            try:
                validate_minutes(getattr(self, name), name)
            except DomainError as exc:
                errors.update(exc.errors)
        if not isinstance(self.min_broadband_mbps, int | float) or not 0 <= self.min_broadband_mbps <= 100000:
            errors["min_broadband_mbps"] = [_("Le débit doit être un nombre positif ou nul (Mb/s).")]
        if errors:
            raise DomainError(_("Seuils invalides."), errors=errors)
        return self


@dataclass(frozen=True, slots=True)
class SiteInputs:
    """What the project holder knows and the platform cannot: None means "not entered"."""

    broadband_mbps: float | None = None
    schools_nearby: bool | None = None
    shops_nearby: bool | None = None
    transport_or_parking: bool | None = None
    elected_technician_pair: bool | None = None
    core_users: int | None = None
    need_identified: bool | None = None
    pilot_sites: tuple[str, ...] = ()

    def validated(self) -> SiteInputs:
        """Return self, or raise DomainError with French field errors (negative counts...)."""
        errors: dict[str, list[str]] = {}
        if self.broadband_mbps is not None and self.broadband_mbps < 0:
            errors["broadband_mbps"] = [_("Le débit ne peut pas être négatif.")]
        if self.core_users is not None and (as_int(self.core_users) is None or self.core_users < 0):
            errors["core_users"] = [_("Le nombre d'utilisateurs motivés doit être un entier positif ou nul.")]
        if errors:
            raise DomainError(_("Données invalides."), errors=errors)
        return self


@dataclass(frozen=True, slots=True)
class Criterion:
    """One criterion's verdict, the sentence explaining it and where the figure comes from."""

    key: str
    label: str
    status: str
    reason: str
    weight: int
    source: str
    value: Any = None

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS[self.status])


@dataclass(frozen=True, slots=True)
class Score:
    """The overall score: Σ weights passed / Σ weights known, and how much is known."""

    passed_weight: int
    known_weight: int
    total_weight: int

    @property
    def percent(self) -> int | None:
        return None if self.known_weight == 0 else round(100 * self.passed_weight / self.known_weight)

    @property
    def completeness(self) -> int:
        return round(100 * self.known_weight / self.total_weight) if self.total_weight else 0

    @property
    def formula(self) -> str:
        if self.known_weight == 0:
            return _("Aucun critère connu : pas de score.")
        return _(
            "Score = poids des critères remplis ÷ poids des critères connus = %(p)s ÷ %(k)s = %(pct)s %% ; "
            "critères connus : %(k)s sur %(t)s points de poids (%(c)s %%)."
        ) % {
            "p": self.passed_weight,
            "k": self.known_weight,
            "pct": self.percent,
            "t": self.total_weight,
            "c": self.completeness,
        }


def score(criteria: Sequence[Criterion]) -> Score:
    """Return the weighted share of passed criteria among known ones (unknown ones left out)."""
    return Score(
        passed_weight=sum(c.weight for c in criteria if c.status == PASS),
        known_weight=sum(c.weight for c in criteria if c.status != UNKNOWN),
        total_weight=sum(c.weight for c in criteria),
    )


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


def _n(value: float) -> str:
    """A French number: 20 360 ; 2,5."""
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", "\u202f")
    return f"{value:,.1f}".replace(",", "\u202f").replace(".", ",")


def _entered(key: str, label: str, value: bool | None, yes: str, no: str, unknown: str) -> Criterion:
    if value is None:
        return Criterion(key, label, UNKNOWN, unknown, WEIGHTS[key], _("non renseigné"))
    return Criterion(
        key, label, PASS if value else FAIL, yes if value else no, WEIGHTS[key], _("saisie"), value
    )


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
    thresholds = thresholds.validated()
    inputs = inputs.validated()
    t = thresholds
    result: list[Criterion] = []

    # 1. Commune population (data).
    commune = site.commune
    label = _("Commune d'au moins %(n)s habitants") % {"n": _n(t.min_commune_population)}
    if commune is None:
        result.append(
            Criterion(
                "commune_population",
                label,
                UNKNOWN,
                _("Aucune commune trouvée pour ce point."),
                WEIGHTS["commune_population"],
                _("données INSEE"),
            )
        )
    else:
        ok = commune.population >= t.min_commune_population
        where = _(" (commune la plus proche du point)") if site.is_point else ""
        result.append(
            Criterion(
                "commune_population",
                label,
                PASS if ok else FAIL,
                _("%(name)s%(where)s compte %(pop)s habitants, %(cmp)s seuil de %(min)s.")
                % {
                    "name": commune.name,
                    "where": where,
                    "pop": _n(commune.population),
                    "cmp": _("au-dessus du") if ok else _("en dessous du"),
                    "min": _n(t.min_commune_population),
                },
                WEIGHTS["commune_population"],
                _("données INSEE (population municipale)"),
                commune.population,
            )
        )

    # 2. Population within N minutes (data + travel engine).
    area = catchment(site, t.catchment_minutes)
    total = area.total_population
    ok = total >= t.min_catchment_population
    result.append(
        Criterion(
            "catchment_population",
            _("Au moins %(n)s habitants à %(m)s minutes")
            % {"n": _n(t.min_catchment_population), "m": t.catchment_minutes},
            PASS if ok else FAIL,
            _(
                "%(pop)s habitants dans %(c)s communes à %(m)s minutes ou moins (%(method)s), "
                "%(cmp)s seuil de %(min)s."
            )
            % {
                "pop": _n(total),
                "c": len(area.rows),
                "m": t.catchment_minutes,
                "method": _("estimation routière") if area.method == "estimate" else _("itinéraires OSRM"),
                "cmp": _("au-dessus du") if ok else _("en dessous du"),
                "min": _n(t.min_catchment_population),
            },
            WEIGHTS["catchment_population"],
            _("données INSEE + temps de trajet"),
            total,
        )
    )

    # 3. Broadband (entered).
    bb_label = _("Internet haut débit d'au moins %(n)s Mb/s") % {"n": _n(t.min_broadband_mbps)}
    if inputs.broadband_mbps is None:
        result.append(
            Criterion(
                "broadband",
                bb_label,
                UNKNOWN,
                _("Débit non renseigné (testez la ligne du local)."),
                WEIGHTS["broadband"],
                _("non renseigné"),
            )
        )
    else:
        ok = inputs.broadband_mbps >= t.min_broadband_mbps
        result.append(
            Criterion(
                "broadband",
                bb_label,
                PASS if ok else FAIL,
                _("Débit saisi : %(v)s Mb/s pour un minimum de %(min)s Mb/s.")
                % {"v": _n(inputs.broadband_mbps), "min": _n(t.min_broadband_mbps)},
                WEIGHTS["broadband"],
                _("saisie"),
                inputs.broadband_mbps,
            )
        )

    # 4-6. Amenities (entered).
    result.append(
        _entered(
            "schools",
            _("Écoles, collèges ou lycées à proximité"),
            inputs.schools_nearby,
            _("Établissements scolaires à proximité : les parents combinent les trajets."),
            _("Pas d'établissement scolaire à proximité."),
            _("Proximité des écoles non renseignée."),
        )
    )
    result.append(
        _entered(
            "shops",
            _("Commerces du quotidien à proximité"),
            inputs.shops_nearby,
            _("Commerces du quotidien (boulangerie, La Poste…) à proximité."),
            _("Pas de commerce du quotidien à proximité."),
            _("Proximité des commerces non renseignée."),
        )
    )
    result.append(
        _entered(
            "transport_or_parking",
            _("Arrêt de transport en commun ou stationnement facile"),
            inputs.transport_or_parking,
            _("Accès facile : arrêt de transport en commun ou stationnement tout proche."),
            _("Ni arrêt de transport en commun ni stationnement facile."),
            _("Accès non renseigné."),
        )
    )

    # 7. Elected official / technician pair (entered).
    result.append(
        _entered(
            "elected_technician",
            _("Couple élu / technicien motivé"),
            inputs.elected_technician_pair,
            _("Un élu et un technicien de la collectivité portent le projet."),
            _("Pas de couple élu / technicien motivé identifié."),
            _("Portage local non renseigné."),
        )
    )

    # 8. Core of motivated users (entered, else from the survey hook).
    core, source = inputs.core_users, _("saisie")
    if core is None and core_users_hook is not None:
        core, source = core_users_hook(site), _("enquête")
    core_label = _("Noyau d'au moins %(n)s utilisateurs motivés") % {"n": t.min_core_users}
    if core is None:
        result.append(
            Criterion(
                "core_users",
                core_label,
                UNKNOWN,
                _("Nombre d'utilisateurs motivés non renseigné."),
                WEIGHTS["core_users"],
                _("non renseigné"),
            )
        )
    else:
        ok = core >= t.min_core_users
        result.append(
            Criterion(
                "core_users",
                core_label,
                PASS if ok else FAIL,
                _("%(v)s utilisateurs motivés (%(src)s) pour un noyau d'au moins %(min)s.")
                % {"v": core, "src": source, "min": t.min_core_users},
                WEIGHTS["core_users"],
                source,
                core,
            )
        )

    # 9. Need identified by a survey (entered, else from the survey hook).
    need_label = _("Besoin identifié par une enquête")
    interested = survey_interested_hook(site) if survey_interested_hook is not None else None
    if inputs.need_identified is not None:
        result.append(
            _entered(
                "need_survey",
                need_label,
                inputs.need_identified,
                _("Besoin identifié par une enquête auprès de la population (saisie)."),
                _("L'enquête n'a pas fait apparaître de besoin (saisie)."),
                "",
            )
        )
    elif interested is not None:
        ok = interested >= t.min_survey_interested
        result.append(
            Criterion(
                "need_survey",
                need_label,
                PASS if ok else FAIL,
                _("L'enquête compte %(v)s personnes intéressées pour un seuil de %(min)s.")
                % {"v": interested, "min": t.min_survey_interested},
                WEIGHTS["need_survey"],
                _("enquête"),
                interested,
            )
        )
    else:
        result.append(
            Criterion(
                "need_survey",
                need_label,
                UNKNOWN,
                _("Pas d'enquête auprès de la population."),
                WEIGHTS["need_survey"],
                _("non renseigné"),
            )
        )

    # 10. Spacing from the nearest existing place (data; Nom@des100).
    spacing_label = _("Pas d'autre tiers-lieu à moins de %(m)s minutes") % {"m": t.min_spacing_minutes}
    near = nearest_places(site.point, limit=1, max_minutes=MAX_MINUTES, origin_elevation=site.elevation)
    nearest = near[0] if near else None
    if nearest is None:
        result.append(
            Criterion(
                "spacing",
                spacing_label,
                PASS,
                _("Aucun tiers-lieu publié à moins de %(m)s minutes.") % {"m": MAX_MINUTES},
                WEIGHTS["spacing"],
                _("annuaire"),
                None,
            )
        )
    else:
        ok = nearest.minutes >= t.min_spacing_minutes
        where = f" ({nearest.place.commune.name})" if nearest.place.commune else ""
        reason = _("Tiers-lieu le plus proche : %(name)s%(where)s à %(m)s min (%(km)s km).") % {
            "name": nearest.place.name,
            "where": where,
            "m": round(nearest.minutes),
            "km": _n(round(nearest.km, 1)),
        }
        if not ok:
            reason += " " + _(
                "Attention : moins de %(min)s minutes, les deux lieux se disputeraient les mêmes usagers "
                "(le label Nom@des100 refuse les télécentres trop proches)."
            ) % {"min": t.min_spacing_minutes}
        result.append(
            Criterion(
                "spacing",
                spacing_label,
                PASS if ok else FAIL,
                reason,
                WEIGHTS["spacing"],
                _("annuaire + temps de trajet"),
                round(nearest.minutes, 1),
            )
        )

    # 11. At most one pilot site per department.
    result.append(_one_per_department(site, inputs.pilot_sites))
    return CriteriaReport(site=site, thresholds=t, criteria=result, catchment=area, nearest_place=nearest)


def _one_per_department(site: Site, pilot_sites: Sequence[str]) -> Criterion:
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


def threshold_fields() -> list[str]:
    """Return the names of the editable thresholds (form and API)."""
    return [f.name for f in fields(Thresholds)]
