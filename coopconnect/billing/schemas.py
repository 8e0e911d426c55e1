"""Input and output schemas of the billing API."""

from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from django.utils.translation import gettext as _
from ninja import Schema
from pydantic import Field

from coopconnect.billing.models import PaymentMethod


class SlotIn(Schema):
    resource_id: int
    start: datetime
    end: datetime


class QuoteIn(Schema):
    slots: list[SlotIn] = Field(min_length=1, max_length=62)
    person_id: int | None = Field(default=None, description="Pour un salarié (admin employeur) ; vide : moi.")
    employer_id: int | None = Field(default=None, description="Facturé à cet employeur (tarifs entreprises).")
    mode: Literal["marginal", "slots"] = Field(
        default="marginal",
        description=(
            "marginal (défaut) : ce que les créneaux ajoutent à la facture du mois de la personne, compte "
            "tenu de ses réservations déjà faites, abonnements, adhésions et périodes gratuites, calculé "
            "comme la facturation mensuelle : prix(réservations + créneaux) − prix(réservations), avec des "
            "lignes « Remplacé : … » négatives quand un forfait remplace des jours déjà dus. "
            "slots : le prix des créneaux seuls, sans tenir compte des autres réservations."
        ),
    )


class QuoteLineOut(Schema):
    label: str
    reason: str
    quantity: Decimal
    unit_price: Decimal
    amount: Decimal
    vat_rate: Decimal


class QuoteOut(Schema):
    mode: str
    lines: list[QuoteLineOut]
    total_ht: Decimal
    vat: Decimal
    total_ttc: Decimal
    mentions: list[str]
    notes: list[str] = Field(description="Explications : passage au forfait semaine, mois facturés à part…")
    existing_ht: Decimal | None = Field(
        default=None,
        description="En mode marginal : ce que coûtent déjà les réservations du ou des mois (HT).",
    )


class UsageIn(Schema):
    member_code: str = Field(min_length=1, max_length=20)
    service_code: str = Field(min_length=1, max_length=40, examples=[_("print")])
    quantity: Decimal = Field(gt=0, le=100000)
    at: datetime | None = None
    external_id: str = Field(
        default="", max_length=80, description="Identifiant côté machine (anti-doublon)."
    )


class UsageOut(Schema):
    id: int
    service_code: str
    quantity: Decimal
    month_total: Decimal
    included: Decimal
    remaining_included: Decimal


class InvoiceOut(Schema):
    id: int
    number: str
    kind: str
    issuer: str
    buyer_name: str
    issue_date: date | None
    due_date: date | None
    total_ht: Decimal
    total_vat: Decimal
    total_ttc: Decimal
    outstanding: Decimal


class PaymentIn(Schema):
    amount: Decimal = Field(gt=0, max_digits=12, decimal_places=2)
    method: PaymentMethod
    received_on: date
    reference: str = Field(default="", max_length=100)


class PaymentOut(Schema):
    id: int
    amount: Decimal
    method: str
    received_on: date
    outstanding: Decimal


class RefundIn(Schema):
    amount: Decimal = Field(gt=0, max_digits=12, decimal_places=2)
    method: PaymentMethod
    refunded_on: date
    reference: str = Field(default="", max_length=100)


class RefundOut(Schema):
    id: int
    amount: Decimal
    method: str
    refunded_on: date
    still_refundable: Decimal


class BalanceOut(Schema):
    person: Decimal
    employers: dict[str, Decimal]


class SubscriptionIn(Schema):
    tariff_id: int
    start: date
    employer_id: int | None = Field(
        default=None, description="Payée par cet employeur (dont je suis admin) ; vide : par moi."
    )


class SubscriptionOut(Schema):
    id: int
    tariff_id: int
    tariff: str
    kind: str
    status: str
    start: date
    end: date | None
    employer: str | None


class PlaceTariffOut(Schema):
    code: str
    label: str
    kind: str = Field(description="per_use, bundle, subscription, membership, cap, office_rent, service")
    unit: str = Field(description="Tarif à l'usage : half_day, day, week, month, hour_block, session.")
    resource_kind: str = Field(description="Type de ressource ; vide : postes de coworking.")
    audience: str = Field(description="all (tout le monde), members (adhérents), companies (entreprises).")
    price_ht: Decimal = Field(description="Prix hors taxes, en euros : ce que paient les entreprises.")
    vat_rate: Decimal = Field(description="Taux de TVA en pourcentage (20 pour 20 %).")
    vat_exempt: bool = Field(description="TVA non applicable, art. 293 B du CGI.")
    price_ttc: Decimal | None = Field(
        description="Prix TTC, en euros, payé par les particuliers ; vide : tarif réservé aux entreprises."
    )
    days_per_month: int | None = None
    days_per_week: int | None = None
    min_commitment_months: int
    network: str | None = Field(description="Nom du réseau quand le tarif est celui du réseau du lieu.")
    valid_from: date
    valid_until: date | None


class PlaceTariffsOut(Schema):
    place_id: int
    place: str
    tariffs: list[PlaceTariffOut]
