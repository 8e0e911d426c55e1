"""Video session versus trip (the study's Bâticom example), and the break-even distance.

The trip costs 2 × km one way × cost per km × travellers + tolls; the session is worth it beyond the
break-even distance (session price − tolls) / (2 × cost per km × travellers).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from coopconnect.core import formatting
from coopconnect.core.errors import DomainError
from coopconnect.core.money import round_cents
from coopconnect.planning.commute.params import DEFAULT_PARAMS


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
    trip_cost = round_cents(2 * km * cost_per_km * travellers + tolls)
    per_km_one_way = 2 * cost_per_km * travellers
    if per_km_one_way > 0:
        break_even = float(max(session_price - tolls, Decimal(0)) / per_km_one_way)
    else:
        break_even = None
    cheaper = session_price < trip_cost
    explanation = _(
        "Trajet aller-retour : 2 × %(km)s km × %(c)s/km × %(t)s personne(s) + %(tolls)s de "
        "péage = %(trip)s ; "
        "séance : %(price)s. %(verdict)s"
    ) % {
        "km": formatting.number(km_one_way, decimals=0),
        "c": formatting.money(cost_per_km, cents=True),
        "t": travellers,
        "tolls": formatting.money(tolls, cents=True),
        "trip": formatting.money(trip_cost, cents=True),
        "price": formatting.money(session_price, cents=True),
        "verdict": (
            _("La visioconférence est moins chère que le trajet.")
            if cheaper
            else _("Le trajet reste moins cher que la visioconférence.")
        ),
    }
    if break_even is not None:
        explanation += " " + _(
            "Point d'équilibre : (%(price)s − %(tolls)s) ÷ (2 × %(c)s/km × %(t)s) = %(be)s km aller."
        ) % {
            "price": formatting.money(session_price, cents=True),
            "tolls": formatting.money(tolls, cents=True),
            "c": formatting.money(cost_per_km, cents=True),
            "t": travellers,
            "be": formatting.number(break_even, decimals=0),
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
