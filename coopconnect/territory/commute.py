"""Commute savings: what working some days a week at a third place near home saves in a year.

Arithmetic, for one member (everything shown to the user with its source):

    saved km per day   = 2 × (road km home → work − road km home → third place)   (there and back)
    saved km per year  = saved km per day × days a week at the place × working weeks a year
    euros              = saved km × cost per km                (study: "100 km ... au minimum 50 €")
    kg CO₂e            = saved km × emission factor per km    (ADEME Base Carbone, editable)
    hours              = 2 × (minutes home → work − minutes home → place) × days × weeks / 60

Road km and minutes come from the travel engine (the directory's estimate, or OSRM when configured);
a speed entered by the user replaces the engine's minutes by km / speed.

Video session versus trip (the study's Bâticom example): the trip costs
2 × km one way × cost per km × travellers + tolls; the session is worth it beyond the break-even
distance (session price − tolls) / (2 × cost per km × travellers).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from coopconnect.core.errors import DomainError
from coopconnect.territory.catchment import leg_between, nearest_places
from coopconnect.territory.models import Commune

CENT = Decimal("0.01")


@dataclass(frozen=True, slots=True)
class Parameter:
    """A documented parameter: its value, unit and where the value comes from."""

    name: str
    label: str
    value: Decimal | int | float | None
    unit: str
    source: str


@dataclass(frozen=True, slots=True)
class CommuteParams:
    """Editable assumptions of the commute arithmetic (defaults and their sources below)."""

    cost_per_km: Decimal = Decimal("0.50")
    kg_co2e_per_km: Decimal = Decimal("0.218")
    working_weeks: int = 47
    speed_kmh: float | None = None

    def documented(self) -> list[Parameter]:
        """Return each parameter with its label and source, for display next to the results."""
        return [
            Parameter(
                "cost_per_km",
                _("Coût d'un kilomètre en voiture"),
                self.cost_per_km,
                "€/km",
                _(
                    "Étude Coop-connect 2012 : « un déplacement de 100 km en voiture coûte au "
                    "minimum 50 € » ; "
                    "« tarif fiscal, +/- 0,50 € du km ». Modifiable."
                ),
            ),
            Parameter(
                "kg_co2e_per_km",
                _("Facteur d'émission d'une voiture moyenne"),
                self.kg_co2e_per_km,
                "kg CO₂e/km",
                _(
                    "ADEME Base Carbone (Base Empreinte), voiture particulière, motorisation moyenne : "
                    "0,218 kg CO₂e/km retenu par défaut. Modifiable : mettez la valeur de votre "
                    "véhicule ou de la "
                    "version en vigueur de la base."
                ),
            ),
            Parameter(
                "working_weeks",
                _("Semaines travaillées par an"),
                self.working_weeks,
                _("semaines"),
                _("Hypothèse : 52 semaines moins 5 semaines de congés payés. Modifiable."),
            ),
            Parameter(
                "speed_kmh",
                _("Vitesse moyenne sur route"),
                self.speed_kmh,
                "km/h",
                _(
                    "Vide : temps du moteur de trajets (estimation de l'annuaire ou OSRM). "
                    "Renseignée : temps = distance ÷ vitesse."
                ),
            ),
        ]


DEFAULT_PARAMS = CommuteParams()


def validate_params(params: CommuteParams) -> None:
    """Raise DomainError with French field errors when a parameter is out of range."""
    errors: dict[str, list[str]] = {}
    if params.cost_per_km < 0 or params.cost_per_km > 10:
        errors["cost_per_km"] = [_("Le coût au kilomètre doit être compris entre 0 et 10 €.")]
    if params.kg_co2e_per_km < 0 or params.kg_co2e_per_km > 5:
        errors["kg_co2e_per_km"] = [_("Le facteur d'émission doit être compris entre 0 et 5 kg CO₂e/km.")]
    if not 1 <= params.working_weeks <= 52:
        errors["working_weeks"] = [_("Le nombre de semaines travaillées doit être compris entre 1 et 52.")]
    if params.speed_kmh is not None and not 5 <= params.speed_kmh <= 130:
        errors["speed_kmh"] = [_("La vitesse moyenne doit être comprise entre 5 et 130 km/h.")]
    if errors:
        raise DomainError(_("Paramètres invalides."), errors=errors)


@dataclass(frozen=True, slots=True)
class Trip:
    """One-way road distance and time between two points, and how it was obtained."""

    km: float
    minutes: float
    method: str


@dataclass(slots=True)
class CommuteSavings:
    """Yearly savings of one member working ``days_per_week`` days at a third place."""

    home: Commune
    work: Commune
    place_name: str
    place_commune: str
    home_to_work: Trip
    home_to_place: Trip
    days_per_week: float
    params: CommuteParams
    days_per_year: float
    km_per_year: float
    euros_per_year: Decimal
    kg_co2e_per_year: Decimal
    hours_per_year: float
    warnings: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """Return the result as plain data (API, templates)."""
        return {
            "home": {"insee": self.home.insee, "name": self.home.name},
            "work": {"insee": self.work.insee, "name": self.work.name},
            "place": {"name": self.place_name, "commune": self.place_commune},
            "home_to_work": {
                "km": round(self.home_to_work.km, 1),
                "minutes": round(self.home_to_work.minutes),
                "method": self.home_to_work.method,
            },
            "home_to_place": {
                "km": round(self.home_to_place.km, 1),
                "minutes": round(self.home_to_place.minutes),
                "method": self.home_to_place.method,
            },
            "days_per_week": self.days_per_week,
            "days_per_year": self.days_per_year,
            "km_per_year": round(self.km_per_year),
            "euros_per_year": self.euros_per_year,
            "kg_co2e_per_year": self.kg_co2e_per_year,
            "hours_per_year": round(self.hours_per_year, 1),
            "parameters": [
                {"name": p.name, "label": p.label, "value": p.value, "unit": p.unit, "source": p.source}
                for p in self.params.documented()
            ],
            "warnings": self.warnings,
        }


def _trip(leg: Any, params: CommuteParams) -> Trip:
    minutes = leg.minutes if params.speed_kmh is None else leg.km / params.speed_kmh * 60
    method = leg.method if params.speed_kmh is None else f"{leg.method}, {params.speed_kmh:g} km/h"
    return Trip(km=float(leg.km), minutes=float(minutes), method=str(method))


def _same_point_trip() -> Trip:
    return Trip(km=0.0, minutes=0.0, method="même commune")


def trip_between(
    a: tuple[float, float], b: tuple[float, float], params: CommuteParams = DEFAULT_PARAMS
) -> Trip:
    """Return the one-way trip between two points, or raise DomainError when no route is known."""
    if a == b:
        return _same_point_trip()
    leg = leg_between(a, b)
    if leg is None:
        raise DomainError(_("Aucun itinéraire routier connu entre ces deux points."))
    return _trip(leg, params)


def _check_days(days_per_week: float) -> None:
    if not 0 < days_per_week <= 7:
        raise DomainError(
            _("Le nombre de jours par semaine doit être compris entre 0 (exclu) et 7."),
            errors={"days_per_week": [_("Entre 0 (exclu) et 7 jours.")]},
        )


def commute_savings(
    *,
    home: Commune,
    work: Commune,
    days_per_week: float,
    place: Any | None = None,
    params: CommuteParams = DEFAULT_PARAMS,
) -> CommuteSavings:
    """Compute one member's yearly savings; ``place`` defaults to the published place nearest home."""
    _check_days(days_per_week)
    validate_params(params)
    warnings: list[str] = []
    home_pt = (home.latitude, home.longitude)
    if place is None:
        nearest = nearest_places(home_pt, limit=1)
        if not nearest:
            raise DomainError(
                _("Aucun tiers-lieu publié n'est joignable depuis %(home)s : choisissez un lieu.")
                % {"home": home.name},
                errors={"place": [_("Aucun lieu trouvé près de la commune de résidence.")]},
            )
        place = nearest[0].place
    place_pt = (place.latitude, place.longitude)
    to_work = trip_between(home_pt, (work.latitude, work.longitude), params)
    to_place = trip_between(home_pt, place_pt, params)
    days_per_year = days_per_week * params.working_weeks
    km_per_year = 2 * (to_work.km - to_place.km) * days_per_year
    hours_per_year = 2 * (to_work.minutes - to_place.minutes) * days_per_year / 60
    if to_place.km >= to_work.km:
        warnings.append(
            _(
                "Le tiers-lieu (%(p)s km) est plus loin que le lieu de travail (%(w)s km) : pas d'économie, "
                "les chiffres négatifs sont un surcoût."
            )
            % {"p": f"{to_place.km:.1f}".replace(".", ","), "w": f"{to_work.km:.1f}".replace(".", ",")}
        )
    if home.coords_approximate or work.coords_approximate:
        warnings.append(_("Position approximative d'une des communes : distances à vérifier."))
    km_dec = Decimal(str(round(km_per_year, 3)))
    return CommuteSavings(
        home=home,
        work=work,
        place_name=place.name,
        place_commune=getattr(getattr(place, "commune", None), "name", "") or "",
        home_to_work=to_work,
        home_to_place=to_place,
        days_per_week=days_per_week,
        params=params,
        days_per_year=days_per_year,
        km_per_year=km_per_year,
        euros_per_year=(km_dec * params.cost_per_km).quantize(CENT, ROUND_HALF_UP),
        kg_co2e_per_year=(km_dec * params.kg_co2e_per_km).quantize(Decimal("0.1"), ROUND_HALF_UP),
        hours_per_year=hours_per_year,
        warnings=warnings,
    )


@dataclass(frozen=True, slots=True)
class VideoVersusTrip:
    """A video session against the return trip it replaces, and the break-even distance."""

    session_price: Decimal
    km_one_way: float
    travellers: int
    tolls: Decimal
    cost_per_km: Decimal
    trip_cost: Decimal
    break_even_km_one_way: float | None
    video_cheaper: bool
    explanation: str

    def as_dict(self) -> dict[str, Any]:
        """Return the comparison as plain data."""
        return {
            "session_price": self.session_price,
            "km_one_way": round(self.km_one_way, 1),
            "travellers": self.travellers,
            "tolls": self.tolls,
            "cost_per_km": self.cost_per_km,
            "trip_cost": self.trip_cost,
            "break_even_km_one_way": None
            if self.break_even_km_one_way is None
            else round(self.break_even_km_one_way, 1),
            "video_cheaper": self.video_cheaper,
            "explanation": self.explanation,
        }


# Bâticom, Pertuis, December 2012: "49 € pour 2 heures + 49 € la cession de 2 heures".
BATICOM_SESSION_PRICE = Decimal("98.00")


def _eur(value: Decimal) -> str:
    return f"{value:.2f}".replace(".", ",") + " €"


def video_versus_trip(
    *,
    session_price: Decimal,
    km_one_way: float,
    cost_per_km: Decimal = DEFAULT_PARAMS.cost_per_km,
    travellers: int = 1,
    tolls: Decimal = Decimal("0"),
) -> VideoVersusTrip:
    """Compare a video session with the return trip by car it replaces (tolls are for the return trip)."""
    errors: dict[str, list[str]] = {}
    if session_price < 0:
        errors["session_price"] = [_("Le prix de la séance ne peut pas être négatif.")]
    if km_one_way < 0:
        errors["km_one_way"] = [_("La distance ne peut pas être négative.")]
    if travellers < 1:
        errors["travellers"] = [_("Il faut au moins une personne qui se déplace.")]
    if tolls < 0:
        errors["tolls"] = [_("Les péages ne peuvent pas être négatifs.")]
    if cost_per_km < 0:
        errors["cost_per_km"] = [_("Le coût au kilomètre ne peut pas être négatif.")]
    if errors:
        raise DomainError(_("Données invalides."), errors=errors)
    km = Decimal(str(round(km_one_way, 3)))
    trip_cost = (2 * km * cost_per_km * travellers + tolls).quantize(CENT, ROUND_HALF_UP)
    per_km_one_way = 2 * cost_per_km * travellers
    if per_km_one_way > 0:
        break_even = float(max(session_price - tolls, Decimal(0)) / per_km_one_way)
    else:
        break_even = None
    cheaper = session_price < trip_cost
    explanation = _(
        "Trajet aller-retour : 2 × %(km)s km × %(c)s €/km × %(t)s personne(s) + %(tolls)s de "
        "péage = %(trip)s ; "
        "séance : %(price)s. %(verdict)s"
    ) % {
        "km": f"{km_one_way:.0f}",
        "c": f"{cost_per_km:.2f}".replace(".", ","),
        "t": travellers,
        "tolls": _eur(tolls),
        "trip": _eur(trip_cost),
        "price": _eur(session_price),
        "verdict": (
            _("La visioconférence est moins chère que le trajet.")
            if cheaper
            else _("Le trajet reste moins cher que la visioconférence.")
        ),
    }
    if break_even is not None:
        explanation += " " + _(
            "Point d'équilibre : (%(price)s − %(tolls)s) ÷ (2 × %(c)s €/km × %(t)s) = %(be)s km aller."
        ) % {
            "price": _eur(session_price),
            "tolls": _eur(tolls),
            "c": f"{cost_per_km:.2f}".replace(".", ","),
            "t": travellers,
            "be": f"{break_even:.0f}",
        }
    return VideoVersusTrip(
        session_price=session_price,
        km_one_way=km_one_way,
        travellers=travellers,
        tolls=tolls,
        cost_per_km=cost_per_km,
        trip_cost=trip_cost,
        break_even_km_one_way=break_even,
        video_cheaper=cheaper,
        explanation=explanation,
    )


@dataclass(slots=True)
class BookingSavings:
    """Savings summed over real bookings: one commute avoided per person and booked day."""

    person_days: int = 0
    people: int = 0
    km: float = 0.0
    euros: Decimal = Decimal("0.00")
    kg_co2e: Decimal = Decimal("0.0")
    hours: float = 0.0
    skipped_people: int = 0
    skipped_reasons: dict[str, int] = field(default_factory=dict)


WorkCommuneOf = Mapping[int, Commune] | Callable[[Any], Commune | None]


def _work_commune(person: Any, person_id: int, fallback: WorkCommuneOf | None) -> Commune | None:
    """Return the person's own usual work commune, else what the fallback says for them."""
    own = getattr(person, "work_commune", None)
    if own is not None or fallback is None:
        return own
    return fallback(person) if callable(fallback) else fallback.get(person_id)


def booking_savings(
    *,
    bookings: Iterable[Any],
    work_commune_of: WorkCommuneOf | None = None,
    params: CommuteParams = DEFAULT_PARAMS,
) -> BookingSavings:
    """Sum savings over bookings (each with ``person.home_commune``, ``resource.place``, ``start``).

    Each distinct (person, local date, place) is one home → work return trip replaced by
    home → place. The workplace is the person's own ``work_commune`` (set on their profile); when
    it is empty, ``work_commune_of`` is asked instead: a mapping person id -> Commune, or a function
    of the person. People without a home or work commune are skipped and counted by reason.
    """
    validate_params(params)
    result = BookingSavings()
    days: dict[int, set[tuple[Any, int]]] = defaultdict(set)
    persons: dict[int, Any] = {}
    places: dict[int, Any] = {}
    for booking in bookings:
        start: datetime = booking.start
        place = booking.resource.place
        days[booking.person_id].add(
            (timezone.localtime(start).date() if start.tzinfo else start.date(), place.pk)
        )
        persons[booking.person_id] = booking.person
        places[place.pk] = place
    reasons: dict[str, int] = defaultdict(int)
    trips: dict[tuple[tuple[float, float], tuple[float, float]], Trip | None] = {}

    def cached_trip(a: tuple[float, float], b: tuple[float, float]) -> Trip | None:
        if (a, b) not in trips:
            try:
                trips[(a, b)] = trip_between(a, b, params)
            except DomainError:
                trips[(a, b)] = None
        return trips[(a, b)]

    for person_id, person_days in days.items():
        person = persons[person_id]
        home = getattr(person, "home_commune", None)
        work = _work_commune(person, person_id, work_commune_of)
        if home is None:
            reasons[_("commune de résidence non renseignée")] += 1
            continue
        if work is None:
            reasons[_("commune de travail non renseignée")] += 1
            continue
        home_pt = (home.latitude, home.longitude)
        to_work = cached_trip(home_pt, (work.latitude, work.longitude))
        if to_work is None:
            reasons[_("trajet inconnu")] += 1
            continue
        result.people += 1
        for _day, place_id in person_days:
            place = places[place_id]
            to_place = cached_trip(home_pt, (place.latitude, place.longitude))
            if to_place is None:
                continue
            result.person_days += 1
            result.km += 2 * (to_work.km - to_place.km)
            result.hours += 2 * (to_work.minutes - to_place.minutes) / 60
    km_dec = Decimal(str(round(result.km, 3)))
    result.euros = (km_dec * params.cost_per_km).quantize(CENT, ROUND_HALF_UP)
    result.kg_co2e = (km_dec * params.kg_co2e_per_km).quantize(Decimal("0.1"), ROUND_HALF_UP)
    result.skipped_reasons = dict(reasons)
    result.skipped_people = sum(reasons.values())
    return result


def network_booking_savings(
    *,
    start: datetime,
    end: datetime,
    work_commune_of: WorkCommuneOf | None = None,
    place: Any | None = None,
    network: Any | None = None,
    params: CommuteParams = DEFAULT_PARAMS,
) -> BookingSavings:
    """Sum savings over the confirmed or checked-in bookings of a place or a network in [start, end).

    Each member's home and usual work communes come from their account (``User.home_commune``,
    ``User.work_commune``); ``work_commune_of`` (a mapping person id -> Commune, or a function of
    the person) is the fallback for people who have not given their work commune.
    """
    from coopconnect.bookings.models import Booking, BookingStatus

    if (place is None) == (network is None):
        raise DomainError(_("Indiquez un lieu ou un réseau."), errors={"place": [_("Un lieu ou un réseau.")]})
    if end <= start:
        raise DomainError(
            _("La fin de la période doit suivre son début."), errors={"end": [_("Après le début.")]}
        )
    qs = Booking.objects.filter(
        status__in=(BookingStatus.CONFIRMED, BookingStatus.CHECKED_IN), start__lt=end, end__gt=start
    ).select_related("person__home_commune", "person__work_commune", "resource__place")
    qs = (
        qs.filter(resource__place=place)
        if place is not None
        else qs.filter(resource__place__networks=network)
    )
    return booking_savings(bookings=qs, work_commune_of=work_commune_of, params=params)


def with_overrides(params: CommuteParams, **overrides: Any) -> CommuteParams:
    """Return ``params`` with the given non-None values replaced."""
    return replace(params, **{k: v for k, v in overrides.items() if v is not None})
