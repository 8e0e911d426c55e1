"""API of the tool to convince: catchment, criteria, coverage, siting, commute savings.

Mounted into the territory router (``router.add_router("", convince_router)`` in api.py), so the
paths below live under /api/v1/. Public: these are tools for project holders, no login needed.
Bounds are checked by the services, which answer 400 with French field errors; wrongly typed
values are refused by the schema with 422.
"""

from __future__ import annotations

from decimal import Decimal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from coopconnect.core.errors import DomainError
from coopconnect.core.schemas import ErrorOut
from coopconnect.territory import commute as commute_mod
from coopconnect.territory.catchment import DEFAULT_MINUTES, catchment, parse_site
from coopconnect.territory.coverage import coverage, parse_territory
from coopconnect.territory.criteria import SiteInputs, Thresholds, check_site, resolve_pilot_sites
from coopconnect.territory.siting import DEFAULT_MIN_POPULATION, propose_sites

convince_router = Router(tags=["tool to convince"])
ERRORS = {400: ErrorOut, 404: ErrorOut, 422: ErrorOut}


# -- Schemas -------------------------------------------------------------------------------------


class SiteOut(Schema):
    label: str
    insee: str | None
    latitude: float
    longitude: float
    is_point: bool


class CatchmentCommuneOut(Schema):
    insee: str
    name: str
    department: str
    population: int
    minutes: float
    km: float
    approximate: bool


class CatchmentOut(Schema):
    site: SiteOut
    minutes: int
    method: str = Field(description="Moteur de trajets : « estimate » (estimation) ou « osrm »")
    total_population: int
    approximate_count: int = Field(description="Communes dont la position est approximative")
    communes: list[CatchmentCommuneOut]


class CatchmentQuery(Schema):
    site: str = Field(description="Code INSEE, nom de commune ou « latitude,longitude »")
    minutes: int = Field(DEFAULT_MINUTES, description="Durée maximale en voiture, 1 à 120 minutes")


def _site_out(site) -> dict:
    return {
        "label": site.label,
        "insee": site.commune.insee if site.commune and not site.is_point else None,
        "latitude": site.latitude,
        "longitude": site.longitude,
        "is_point": site.is_point,
    }


def _catchment_out(area) -> dict:
    return {
        "site": _site_out(area.site),
        "minutes": area.minutes,
        "method": area.method,
        "total_population": area.total_population,
        "approximate_count": area.approximate_count,
        "communes": [
            {
                "insee": r.insee,
                "name": r.name,
                "department": r.department,
                "population": r.population,
                "minutes": round(r.minutes, 1),
                "km": round(r.km, 1),
                "approximate": r.approximate,
            }
            for r in area.rows
        ],
    }


@convince_router.get(
    "/territory/catchment",
    response={200: CatchmentOut, **ERRORS},
    summary="Communes within N minutes of a site, with travel time and population",
)
def catchment_endpoint(request: HttpRequest, query: Query[CatchmentQuery]):
    """Return the catchment of a commune or a point: communes reached, nearest first, and their population."""
    site = parse_site(query.site)
    return _catchment_out(catchment(site, query.minutes))


_T = Thresholds()


class ThresholdsIn(Schema):
    min_commune_population: int = _T.min_commune_population
    min_catchment_population: int = _T.min_catchment_population
    catchment_minutes: int = _T.catchment_minutes
    min_broadband_mbps: float = _T.min_broadband_mbps
    min_core_users: int = _T.min_core_users
    min_survey_interested: int = _T.min_survey_interested
    min_spacing_minutes: int = Field(
        _T.min_spacing_minutes, description="Alerte si un tiers-lieu existant est plus proche (Nom@des100)"
    )


class CriteriaIn(Schema):
    site: str = Field(description="Code INSEE, nom de commune ou « latitude,longitude »")
    broadband_mbps: float | None = None
    schools_nearby: bool | None = None
    shops_nearby: bool | None = None
    transport_or_parking: bool | None = None
    elected_technician_pair: bool | None = None
    core_users: int | None = None
    need_identified: bool | None = None
    pilot_sites: list[str] = Field([], description="Autres sites pilotes (un par département au plus)")
    thresholds: ThresholdsIn = ThresholdsIn()


class CriterionOut(Schema):
    key: str
    label: str
    status: str = Field(description="pass, fail ou unknown")
    reason: str
    weight: int
    source: str
    value: float | int | bool | None = None


class ScoreOut(Schema):
    percent: int | None = Field(
        description="Σ poids remplis ÷ Σ poids connus × 100 ; null si rien n'est connu"
    )
    completeness: int = Field(description="Σ poids connus ÷ Σ poids × 100")
    passed_weight: int
    known_weight: int
    total_weight: int
    formula: str


class CriteriaOut(Schema):
    site: SiteOut
    criteria: list[CriterionOut]
    score: ScoreOut
    catchment_population: int
    catchment_communes: int


@convince_router.post(
    "/territory/criteria",
    response={200: CriteriaOut, **ERRORS},
    summary="The study's criteria for a pilot site: pass / fail / unknown with reasons, and the score",
)
def criteria_endpoint(request: HttpRequest, payload: CriteriaIn):
    """Check a candidate site against the study's criteria; thresholds editable; score documented."""
    site = parse_site(payload.site)
    resolve_pilot_sites(payload.pilot_sites)
    inputs = SiteInputs(
        broadband_mbps=payload.broadband_mbps,
        schools_nearby=payload.schools_nearby,
        shops_nearby=payload.shops_nearby,
        transport_or_parking=payload.transport_or_parking,
        elected_technician_pair=payload.elected_technician_pair,
        core_users=payload.core_users,
        need_identified=payload.need_identified,
        pilot_sites=tuple(payload.pilot_sites),
    )
    report = check_site(site, inputs, Thresholds(**payload.thresholds.dict()))
    s = report.score
    return {
        "site": _site_out(site),
        "criteria": [
            {
                "key": c.key,
                "label": c.label,
                "status": c.status,
                "reason": c.reason,
                "weight": c.weight,
                "source": c.source,
                "value": c.value,
            }
            for c in report.criteria
        ],
        "score": {
            "percent": s.percent,
            "completeness": s.completeness,
            "passed_weight": s.passed_weight,
            "known_weight": s.known_weight,
            "total_weight": s.total_weight,
            "formula": s.formula,
        },
        "catchment_population": report.catchment.total_population,
        "catchment_communes": len(report.catchment.rows),
    }


class CoverageQuery(Schema):
    territory: str = Field(description="fr, reg:<code>, dep:<code> ou epci:<SIREN>")
    minutes: int = Field(DEFAULT_MINUTES, description="1 à 120 minutes")
    limit: int = Field(50, description="Nombre de communes non couvertes listées (0 à 1000)")


class UncoveredOut(Schema):
    insee: str
    name: str
    department: str
    population: int
    approximate: bool


class CoverageOut(Schema):
    territory: str
    territory_name: str
    minutes: int
    method: str
    communes: int
    covered_communes: int
    population: int
    covered_population: int
    share: float = Field(description="Part de la population couverte, de 0 à 1")
    places_used: int
    explanation: str
    uncovered_total: int
    uncovered: list[UncoveredOut] = Field(description="Communes non couvertes, les plus peuplées d'abord")


@convince_router.get(
    "/territory/coverage",
    response={200: CoverageOut, **ERRORS},
    summary="Share of a territory's population within N minutes of an existing place",
)
def coverage_endpoint(request: HttpRequest, query: Query[CoverageQuery]):
    """Return the coverage of a region, department, EPCI or all of France, and the uncovered communes."""
    if not 0 <= query.limit <= 1000:
        raise DomainError(
            "La limite doit être comprise entre 0 et 1000.", errors={"limit": ["Entre 0 et 1000."]}
        )
    territory = parse_territory(query.territory)
    result = coverage(territory, query.minutes)
    return {
        "territory": territory.key,
        "territory_name": territory.name,
        "minutes": result.minutes,
        "method": result.method,
        "communes": result.communes,
        "covered_communes": result.covered_communes,
        "population": result.population,
        "covered_population": result.covered_population,
        "share": round(result.share, 4),
        "places_used": result.places_used,
        "explanation": result.explanation,
        "uncovered_total": len(result.uncovered),
        "uncovered": [
            {
                "insee": u.insee,
                "name": u.name,
                "department": u.department,
                "population": u.population,
                "approximate": u.approximate,
            }
            for u in result.uncovered[: query.limit]
        ],
    }


class SitingIn(Schema):
    territory: str = Field(description="fr, reg:<code>, dep:<code> ou epci:<SIREN>")
    k: int = Field(description="Nombre de sites à proposer (1 à 200)")
    minutes: int = Field(DEFAULT_MINUTES, description="1 à 120 minutes")
    min_population: int = Field(
        DEFAULT_MIN_POPULATION, description="Population minimale d'une commune candidate"
    )
    min_spacing_minutes: int = Field(
        0, description="Écartement minimal entre sites et avec les lieux existants"
    )


class PickOut(Schema):
    rank: int
    insee: str
    name: str
    department: str
    population: int
    gain: int = Field(description="Habitants nouvellement à N minutes grâce à ce site (gain marginal)")
    communes_gained: int
    cumulative: int = Field(description="Population couverte après ce site (lieux existants compris)")


class SitingOut(Schema):
    territory: str
    territory_name: str
    k: int
    minutes: int
    min_population: int
    min_spacing_minutes: int
    method: str = Field(description="greedy (glouton) ou exact (énumération)")
    engine: str
    population: int
    covered_before: int
    gained: int
    share_before: float
    share_after: float
    candidates: int
    excluded_by_spacing: int
    upper_bound: int | None = Field(description="Borne supérieure de l'optimum (glouton), sinon null")
    guarantee: str
    notes: list[str]
    picks: list[PickOut]


@convince_router.post(
    "/territory/siting",
    response={200: SitingOut, **ERRORS},
    summary="Propose K communes bringing the most population newly within N minutes (max covering)",
)
def siting_endpoint(request: HttpRequest, payload: SitingIn):
    """Solve the maximal covering location problem (greedy with bound, or exact when small)."""
    territory = parse_territory(payload.territory)
    r = propose_sites(
        territory,
        k=payload.k,
        minutes=payload.minutes,
        min_population=payload.min_population,
        min_spacing_minutes=payload.min_spacing_minutes,
    )
    return {
        "territory": territory.key,
        "territory_name": territory.name,
        "k": r.k,
        "minutes": r.minutes,
        "min_population": r.min_population,
        "min_spacing_minutes": r.min_spacing_minutes,
        "method": r.method,
        "engine": r.engine,
        "population": r.population,
        "covered_before": r.covered_before,
        "gained": r.gained,
        "share_before": round(r.share_before, 4),
        "share_after": round(r.share_after, 4),
        "candidates": r.candidates,
        "excluded_by_spacing": r.excluded_by_spacing,
        "upper_bound": r.upper_bound,
        "guarantee": r.guarantee,
        "notes": r.notes,
        "picks": [
            {
                "rank": p.rank,
                "insee": p.insee,
                "name": p.name,
                "department": p.department,
                "population": p.population,
                "gain": p.gain,
                "communes_gained": p.communes_gained,
                "cumulative": p.cumulative,
            }
            for p in r.picks
        ],
    }


class ParamsIn(Schema):
    cost_per_km: Decimal = Field(commute_mod.DEFAULT_PARAMS.cost_per_km, description="€/km (étude : 0,50)")
    kg_co2e_per_km: Decimal = Field(
        commute_mod.DEFAULT_PARAMS.kg_co2e_per_km,
        description="kg CO₂e/km (ADEME Base Carbone, voiture moyenne)",
    )
    working_weeks: int = Field(
        commute_mod.DEFAULT_PARAMS.working_weeks, description="Semaines travaillées par an"
    )
    speed_kmh: float | None = Field(None, description="Vitesse moyenne ; vide = temps du moteur de trajets")


class MemberIn(Schema):
    home: str = Field(description="Commune de résidence (nom ou code INSEE)")
    work: str = Field(description="Commune du lieu de travail habituel")
    days_per_week: float = Field(description="Jours par semaine au tiers-lieu (0 exclu à 7)")
    place_id: int | None = Field(None, description="Tiers-lieu choisi ; vide = le plus proche du domicile")


class VideoIn(Schema):
    session_price: Decimal = Field(
        commute_mod.BATICOM_SESSION_PRICE,
        description="Prix de la séance (Bâticom 2012 : 49 € salle + 49 € séance)",
    )
    origin: str | None = Field(None, description="Commune de départ du trajet remplacé (ex. Pertuis)")
    destination: str | None = Field(None, description="Commune d'arrivée (ex. Marseille)")
    km_one_way: float | None = Field(None, description="Distance aller ; sinon calculée entre les communes")
    travellers: int = 1
    tolls: Decimal = Field(Decimal(0), description="Péages aller-retour (€)")


class CommuteIn(Schema):
    member: MemberIn | None = None
    video: VideoIn | None = None
    parameters: ParamsIn = ParamsIn()


class ParameterOut(Schema):
    name: str
    label: str
    value: Decimal | float | int | None
    unit: str
    source: str


class TripOut(Schema):
    km: float
    minutes: float
    method: str


class MemberOut(Schema):
    home: dict
    work: dict
    place: dict
    home_to_work: TripOut
    home_to_place: TripOut
    days_per_week: float
    days_per_year: float
    km_per_year: float
    euros_per_year: Decimal
    kg_co2e_per_year: Decimal
    hours_per_year: float
    warnings: list[str]


class VideoOut(Schema):
    session_price: Decimal
    km_one_way: float
    travellers: int
    tolls: Decimal
    cost_per_km: Decimal
    trip_cost: Decimal
    break_even_km_one_way: float | None
    video_cheaper: bool
    explanation: str


class CommuteOut(Schema):
    member: MemberOut | None
    video: VideoOut | None
    parameters: list[ParameterOut]


def _commune(value: str, field: str):
    site = parse_site(value, field)
    if site.is_point or site.commune is None:
        raise DomainError("Indiquez une commune (nom ou code INSEE).", errors={field: ["Commune attendue."]})
    return site.commune


@convince_router.post(
    "/commute-savings",
    response={200: CommuteOut, **ERRORS},
    summary="Yearly km, €, CO₂ and hours saved by working near home; video session versus trip",
)
def commute_savings_endpoint(request: HttpRequest, payload: CommuteIn):
    """Compute a member's savings and/or compare a video session with the trip it replaces."""
    from coopconnect.places.models import Place

    p = payload.parameters
    params = commute_mod.CommuteParams(
        cost_per_km=p.cost_per_km,
        kg_co2e_per_km=p.kg_co2e_per_km,
        working_weeks=p.working_weeks,
        speed_kmh=p.speed_kmh,
    )
    commute_mod.validate_params(params)
    if payload.member is None and payload.video is None:
        raise DomainError(
            "Renseignez un trajet domicile-travail (member) ou une visioconférence (video).",
            errors={"member": ["Requis si video est vide."]},
        )
    out: dict = {
        "member": None,
        "video": None,
        "parameters": [
            {"name": x.name, "label": x.label, "value": x.value, "unit": x.unit, "source": x.source}
            for x in params.documented()
        ],
    }
    if payload.member is not None:
        m = payload.member
        home, work = _commune(m.home, "member.home"), _commune(m.work, "member.work")
        place = None
        if m.place_id is not None:
            place = Place.objects.filter(pk=m.place_id, is_published=True).select_related("commune").first()
            if place is None:
                raise DomainError(
                    "Tiers-lieu inconnu.",
                    errors={"member.place_id": ["Aucun lieu publié avec cet identifiant."]},
                )
        try:
            result = commute_mod.commute_savings(
                home=home, work=work, days_per_week=m.days_per_week, place=place, params=params
            )
        except DomainError as exc:
            raise DomainError(exc.message, errors={f"member.{k}": v for k, v in exc.errors.items()}) from exc
        out["member"] = result.as_dict()
    if payload.video is not None:
        v = payload.video
        km = v.km_one_way
        if km is None:
            if not (v.origin and v.destination):
                raise DomainError(
                    "Indiquez la distance aller ou les communes de départ et d'arrivée.",
                    errors={"video.km_one_way": ["Distance ou communes requises."]},
                )
            a, b = _commune(v.origin, "video.origin"), _commune(v.destination, "video.destination")
            km = commute_mod.trip_between((a.latitude, a.longitude), (b.latitude, b.longitude), params).km
        try:
            cmp = commute_mod.video_versus_trip(
                session_price=v.session_price,
                km_one_way=km,
                cost_per_km=params.cost_per_km,
                travellers=v.travellers,
                tolls=v.tolls,
            )
        except DomainError as exc:
            raise DomainError(
                exc.message, errors={f"video.{k}": vals for k, vals in exc.errors.items()}
            ) from exc
        out["video"] = cmp.as_dict()
    return out
