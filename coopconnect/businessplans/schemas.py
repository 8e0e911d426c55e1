"""API schemas of the business-plan simulation."""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from ninja import Field, Schema

from coopconnect.businessplans.compute import CHARGE_GROUP

ChargeKindIn = Literal[tuple(CHARGE_GROUP)]  # type: ignore[valid-type]


class ChargeIn(Schema):
    kind: ChargeKindIn = Field(
        description="rent, insurance, energy, water, cleaning, telecom, copier, "
        "depreciation, consumables, staff, communication, contingency"
    )
    label: str = ""
    amount: Decimal = Field(Decimal(0), ge=0, description="Montant annuel (€)")
    investment: Decimal | None = Field(None, ge=0, description="Investissement amorti (€), avec years")
    years: int | None = Field(None, ge=1, le=50)


class MemberIn(Schema):
    label: str
    count: int = Field(ge=0)
    monthly_price: Decimal = Field(ge=0)
    months: int = Field(12, ge=0, le=12)
    days_per_week: Decimal = Field(Decimal(0), ge=0, le=7)


class OccasionalIn(Schema):
    label: str
    count: int = Field(ge=0)
    unit_price: Decimal = Field(ge=0)
    kind: Literal["day", "half_day"] = "day"


class SimulateIn(Schema):
    name: str = "Scénario"
    charges: list[ChargeIn] = []
    members: list[MemberIn] = []
    occasional: list[OccasionalIn] = []
    occupancy_rate: Decimal = Field(Decimal(70), ge=0, le=100, description="Taux de remplissage (%)")
    seats: int | None = Field(None, ge=1)
    open_days_per_week: Decimal = Field(Decimal(5), gt=0, le=7)


class LineOutSchema(Schema):
    label: str
    kind: str
    amount: Decimal
    formula: str


class SensitivityOut(Schema):
    occupancy: Decimal
    result: Decimal


class SimulateOut(Schema):
    name: str
    charges: list[LineOutSchema]
    place_subtotal: Decimal
    operation_subtotal: Decimal
    total_charges: Decimal
    members: list[LineOutSchema]
    occasional: list[LineOutSchema]
    member_income: Decimal
    occasional_income: Decimal
    total_income: Decimal
    result: Decimal
    occupancy_rate: Decimal
    members_count: int
    average_member_income: Decimal | None
    break_even_members: int | None
    break_even_occupancy: Decimal | None
    implied_occupancy: Decimal | None
    sensitivity: list[SensitivityOut]
    warnings: list[str]
