"""Input and output schemas of the planning API (catchment, criteria, coverage, siting, commute)."""

from __future__ import annotations

from decimal import Decimal

from ninja import Field, Schema

from coopconnect.planning.catchment.inputs import DEFAULT_MINUTES
from coopconnect.planning.commute.break_even import BATICOM_SESSION_PRICE
from coopconnect.planning.commute.params import DEFAULT_PARAMS
from coopconnect.planning.criteria.inputs import Thresholds
from coopconnect.planning.demand import DEFAULTS as DEMAND_DEFAULTS
from coopconnect.planning.demand import Demand, choose
from coopconnect.planning.siting.candidates import DEFAULT_MIN_POPULATION

TERRITORY_DOC = (
    "Nom ou code (« Vaucluse », « 84 », « Provence-Alpes-Côte d'Azur », nom d'un EPCI), "
    "ou fr, reg:<code>, dep:<code>, epci:<SIREN> ; plusieurs correspondances : 400 avec les choix"
)


class DemandIn(Schema):
    demand: str = Field(
        "population",
        description="population, long_commuters (actifs à plus de demand_minutes en voiture, MOBPRO) ou "
        "potential_users (× teleworkable_share) ; sans fichier MOBPRO importé : population",
    )
    demand_minutes: float = Field(DEMAND_DEFAULTS.min_minutes, description="0 à 240 minutes")
    teleworkable_share: float = Field(
        DEMAND_DEFAULTS.teleworkable_share, description="Part des emplois télétravaillables, 0 à 1"
    )
    telework_days: float = Field(DEMAND_DEFAULTS.days_per_week, description="Jours par semaine, 0 à 5")

    def choice(self) -> Demand:
        return choose(
            self.demand,
            min_minutes=self.demand_minutes,
            teleworkable_share=self.teleworkable_share,
            days_per_week=self.telework_days,
        )


class DemandOut(Schema):
    requested: str
    used: str = Field(description="Demande comptée (population si aucun fichier MOBPRO)")
    label: str
    note: str
    mobpro_imported: bool
    min_minutes: float
    teleworkable_share: float
    days_per_week: float
    sources: dict[str, str]
    total: float | None = Field(None, description="Demande de toutes les communes du périmètre")
    within: float | None = Field(None, description="Demande des communes couvertes (couverture)")


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
    demand_detail: DemandOut


class CatchmentQuery(DemandIn):
    site: str = Field(description="Code INSEE, nom de commune ou « latitude,longitude »")
    minutes: int = Field(DEFAULT_MINUTES, description="Durée maximale en voiture, 1 à 120 minutes")


DEFAULT_THRESHOLDS = Thresholds()


class ThresholdsIn(Schema):
    min_commune_population: int = DEFAULT_THRESHOLDS.min_commune_population
    min_catchment_population: int = DEFAULT_THRESHOLDS.min_catchment_population
    catchment_minutes: int = DEFAULT_THRESHOLDS.catchment_minutes
    min_broadband_mbps: float = DEFAULT_THRESHOLDS.min_broadband_mbps
    min_core_users: int = DEFAULT_THRESHOLDS.min_core_users
    min_survey_interested: int = DEFAULT_THRESHOLDS.min_survey_interested
    min_spacing_minutes: int = Field(
        DEFAULT_THRESHOLDS.min_spacing_minutes,
        description="Alerte si un tiers-lieu existant est plus proche (Nom@des100)",
    )


class CriteriaIn(DemandIn):
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
    demand_detail: DemandOut


class CoverageQuery(DemandIn):
    territory: str = Field(description=TERRITORY_DOC)
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
    demand_detail: DemandOut


class SitingIn(DemandIn):
    territory: str = Field(description=TERRITORY_DOC)
    k: int = Field(description="Nombre de sites à proposer (1 à 200)")
    minutes: int = Field(DEFAULT_MINUTES, description="1 à 120 minutes")
    min_population: int = Field(
        DEFAULT_MIN_POPULATION, description="Population minimale d'une commune candidate"
    )
    min_spacing_minutes: int = Field(
        0, description="Écartement minimal entre sites et avec les lieux existants"
    )
    exact: bool = Field(
        True,
        description="Résoudre aussi le programme linéaire en nombres entiers (HiGHS) ; false = glouton seul",
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
    demand: str = Field(description="Demande comptée (population si aucun fichier MOBPRO)")
    demand_detail: DemandOut
    shown: str = Field(
        description="Réponse affichée : exact (optimum prouvé), solver_best (meilleure solution de HiGHS "
        "à la limite de temps) ou greedy (glouton)"
    )
    solver: str | None = Field(description="enumeration, highs, ou null (glouton seul)")
    solver_status: str | None = Field(description="optimal, time_limit, too_large, failed, ou null")
    solver_seconds: float | None
    optimality_gap: float | None = Field(
        description="Écart relatif entre la réponse affichée et la borne prouvée (0 = optimum)"
    )
    greedy_gained: int = Field(description="Habitants gagnés par l'algorithme glouton")
    greedy_gap: float | None = Field(
        description="Écart relatif du glouton à l'optimum (ou à la borne prouvée)"
    )
    guarantee: str
    notes: list[str]
    picks: list[PickOut]


class AccessRowOut(Schema):
    level: str = Field(description="fr, reg, dep ou epci")
    code: str
    name: str
    communes: int
    population: int
    within: list[int] = Field(description="Population à 10, 20 et 30 minutes ou moins d'un lieu")
    shares: list[float] = Field(description="Parts correspondantes (0 à 1)")
    seats_per_1000: float = Field(description="Postes pour 1 000 actifs à portée (2SFCA)")


class AccessibilityOut(Schema):
    times: list[int]
    seats_minutes: int
    working_age_share: float
    method: str
    places: int
    places_with_seats: int
    seats: int
    rows: list[AccessRowOut]
    demand_detail: DemandOut


class AccessQuery(DemandIn):
    level: str | None = Field(None, description="fr, reg, dep ou epci ; vide = tous les niveaux")


class ParamsIn(Schema):
    cost_per_km: Decimal = Field(DEFAULT_PARAMS.cost_per_km, description="€/km (étude : 0,50)")
    kg_co2e_per_km: Decimal = Field(
        DEFAULT_PARAMS.kg_co2e_per_km,
        description="kg CO₂e/km (ADEME Base Carbone, voiture moyenne)",
    )
    working_weeks: int = Field(DEFAULT_PARAMS.working_weeks, description="Semaines travaillées par an")
    speed_kmh: float | None = Field(None, description="Vitesse moyenne ; vide = temps du moteur de trajets")


class CommuteMemberIn(Schema):
    home: str = Field(description="Commune de résidence (nom ou code INSEE)")
    work: str = Field(description="Commune du lieu de travail habituel")
    days_per_week: float = Field(description="Jours par semaine au tiers-lieu (0 exclu à 7)")
    place_id: int | None = Field(None, description="Tiers-lieu choisi ; vide = le plus proche du domicile")


class VideoIn(Schema):
    session_price: Decimal = Field(
        BATICOM_SESSION_PRICE,
        description="Prix de la séance (Bâticom 2012 : 49 € salle + 49 € séance)",
    )
    origin: str | None = Field(None, description="Commune de départ du trajet remplacé (ex. Pertuis)")
    destination: str | None = Field(None, description="Commune d'arrivée (ex. Marseille)")
    km_one_way: float | None = Field(None, description="Distance aller ; sinon calculée entre les communes")
    travellers: int = 1
    tolls: Decimal = Field(Decimal(0), description="Péages aller-retour (€)")


class CommuteIn(DemandIn):
    member: CommuteMemberIn | None = None
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


class CommuteMemberOut(Schema):
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


class CommuneSavingsOut(Schema):
    people: float = Field(description="Demande de la commune de résidence (MOBPRO)")
    km_per_year: float
    euros_per_year: Decimal
    kg_co2e_per_year: Decimal
    hours_per_year: float


class CommuteOut(Schema):
    member: CommuteMemberOut | None
    commune: CommuneSavingsOut | None = Field(
        None, description="Économies × demande de la commune de résidence ; null pour la population"
    )
    demand_detail: DemandOut
    video: VideoOut | None
    parameters: list[ParameterOut]
