"""API of the tool to convince: catchment, criteria, coverage, siting, commute savings (under /api/v1/).

Public: these are tools for project holders, no login needed. Bounds are checked by the
computations, which answer 400 with French field errors; wrongly typed values are refused by the
schema with 422.
"""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Query, Router

from coopconnect.core.errors import DomainError
from coopconnect.core.schemas import ErrorOut
from coopconnect.places.models import Place
from coopconnect.planning.access.indicators import LEVELS, accessibility
from coopconnect.planning.catchment.inputs import parse_site
from coopconnect.planning.catchment.result import catchment
from coopconnect.planning.commute.break_even import video_versus_trip
from coopconnect.planning.commute.params import CommuteParams, validate_params
from coopconnect.planning.commute.savings import commute_savings, trip_between
from coopconnect.planning.commute.scale import commune_savings
from coopconnect.planning.coverage import coverage
from coopconnect.planning.criteria.check import check_site
from coopconnect.planning.criteria.inputs import SiteInputs, Thresholds
from coopconnect.planning.criteria.spacing import resolve_pilot_sites
from coopconnect.planning.schemas import (
    AccessibilityOut,
    AccessQuery,
    CatchmentOut,
    CatchmentQuery,
    CommuteIn,
    CommuteOut,
    CoverageOut,
    CoverageQuery,
    CriteriaIn,
    CriteriaOut,
    SitingIn,
    SitingOut,
)
from coopconnect.planning.siting.proposal import propose_sites
from coopconnect.planning.territories import parse_territory

router = Router(tags=["tool to convince"])


ERRORS = {400: ErrorOut, 404: ErrorOut, 422: ErrorOut}


def _site_out(site) -> dict:
    return {
        "label": site.label,
        "insee": site.commune.insee if site.commune and not site.is_point else None,
        "latitude": site.latitude,
        "longitude": site.longitude,
        "is_point": site.is_point,
    }


def _catchment_out(area, demand) -> dict:
    return {
        "demand_detail": demand.as_dict(total=demand.of_rows(area.rows)),
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


@router.get(
    "/territory/catchment",
    response={200: CatchmentOut, **ERRORS},
    summary="Communes within N minutes of a site, with travel time and population",
)
def catchment_endpoint(request: HttpRequest, query: Query[CatchmentQuery]):
    """Return the catchment of a commune or a point: communes reached, nearest first, and their population."""
    site = parse_site(query.site)
    demand = query.choice()
    return _catchment_out(catchment(site, query.minutes), demand)


@router.post(
    "/territory/criteria",
    response={200: CriteriaOut, **ERRORS},
    summary="The study's criteria for a pilot site: pass / fail / unknown with reasons, and the score",
)
def criteria_endpoint(request: HttpRequest, payload: CriteriaIn):
    """Check a candidate site against the study's criteria; thresholds editable; score documented."""
    site = parse_site(payload.site)
    demand = payload.choice()
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
        "demand_detail": demand.as_dict(total=demand.of_rows(report.catchment.rows)),
    }


@router.get(
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
    demand = query.choice()
    result = coverage(territory, query.minutes, uncovered_limit=query.limit)
    total, within = demand.totals(result.table.insee, result.table.population, result.covered)
    return {
        "demand_detail": demand.as_dict(total=total, within=within),
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
        "uncovered_total": result.uncovered_count,
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


@router.post(
    "/territory/siting",
    response={200: SitingOut, **ERRORS},
    summary="Propose K communes bringing the most population newly within N minutes (max covering)",
)
def siting_endpoint(request: HttpRequest, payload: SitingIn):
    """Solve the maximal covering location problem (greedy with bound, or exact when small)."""
    territory = parse_territory(payload.territory)
    demand = payload.choice()
    r = propose_sites(
        territory,
        k=payload.k,
        minutes=payload.minutes,
        min_population=payload.min_population,
        min_spacing_minutes=payload.min_spacing_minutes,
        exact=payload.exact,
        demand=demand,
    )
    ilp = r.ilp
    gap = r.optimality_gap
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
        "demand": r.demand,
        "demand_detail": demand.as_dict(total=r.population),
        "shown": r.shown,
        "solver": r.solver,
        "solver_status": ilp.status if ilp is not None else ("optimal" if r.solver else None),
        "solver_seconds": round(ilp.seconds, 3) if ilp is not None else None,
        "optimality_gap": None if gap is None else round(gap, 6),
        "greedy_gained": r.greedy_gained,
        "greedy_gap": None if r.greedy_gap is None else round(r.greedy_gap, 6),
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


@router.get(
    "/territory/accessibility",
    response={200: AccessibilityOut, **ERRORS},
    summary="Share of the population within 10/20/30 minutes of a place and seats within reach, "
    "per region, department and EPCI",
)
def accessibility_endpoint(request: HttpRequest, query: Query[AccessQuery]):
    """Return the France-wide accessibility table (one level, or all of them)."""
    level = (query.level or "").strip().lower()
    if level and level not in LEVELS:
        raise DomainError(
            "Niveau inconnu : attendu fr, reg, dep ou epci.", errors={"level": ["fr, reg, dep ou epci."]}
        )
    demand = query.choice()
    table = accessibility(demand=demand)
    rows = table.level(level) if level else table.rows
    france = table.level("fr")
    return {
        "demand_detail": demand.as_dict(total=france[0].population if france else 0),
        "times": list(table.times),
        "seats_minutes": table.seats_minutes,
        "working_age_share": table.working_age_share,
        "method": table.method,
        "places": table.places,
        "places_with_seats": table.places_with_seats,
        "seats": table.seats,
        "rows": [
            {
                "level": r.level,
                "code": r.code,
                "name": r.name,
                "communes": r.communes,
                "population": r.population,
                "within": list(r.within),
                "shares": [round(x, 6) for x in r.shares],
                "seats_per_1000": round(r.seats_per_1000, 4),
            }
            for r in rows
        ],
    }


def _commune(value: str, field: str):
    site = parse_site(value, field)
    if site.is_point or site.commune is None:
        raise DomainError("Indiquez une commune (nom ou code INSEE).", errors={field: ["Commune attendue."]})
    return site.commune


@router.post(
    "/commute-savings",
    response={200: CommuteOut, **ERRORS},
    summary="Yearly km, €, CO₂ and hours saved by working near home; video session versus trip",
)
def commute_savings_endpoint(request: HttpRequest, payload: CommuteIn):
    """Compute a member's savings and/or compare a video session with the trip it replaces."""
    p = payload.parameters
    params = CommuteParams(
        cost_per_km=p.cost_per_km,
        kg_co2e_per_km=p.kg_co2e_per_km,
        working_weeks=p.working_weeks,
        speed_kmh=p.speed_kmh,
    )
    validate_params(params)
    demand = payload.choice()
    if payload.member is None and payload.video is None:
        raise DomainError(
            "Renseignez un trajet domicile-travail (member) ou une visioconférence (video).",
            errors={"member": ["Requis si video est vide."]},
        )
    out: dict = {
        "demand_detail": demand.as_dict(),
        "commune": None,
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
            result = commute_savings(
                home=home, work=work, days_per_week=m.days_per_week, place=place, params=params
            )
        except DomainError as exc:
            raise DomainError(exc.message, errors={f"member.{k}": v for k, v in exc.errors.items()}) from exc
        out["member"] = result.as_dict()
        scaled = commune_savings(result, demand)
        out["commune"] = scaled.as_dict() if scaled else None
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
            km = trip_between((a.latitude, a.longitude), (b.latitude, b.longitude), params).km
        try:
            cmp = video_versus_trip(
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
