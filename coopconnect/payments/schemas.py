"""API schemas of the payments app."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from ninja import Schema
from pydantic import Field

from coopconnect.payments.models import StatementFormat


class MandateIn(Schema):
    issuer_id: int
    organisation_id: int | None = Field(default=None, description="Vide : mandat pour soi-même.")
    holder_name: str = Field(max_length=70)
    iban: str = Field(max_length=42)
    bic: str = Field(default="", max_length=11)
    accepted: bool = Field(description="Le débiteur accepte le texte du mandat SEPA.")


class MandateOut(Schema):
    id: int
    reference: str
    issuer_id: int
    organisation_id: int | None
    holder_name: str
    iban_masked: str
    bic: str
    signed_on: date
    revoked_on: date | None


class PlannedDebitOut(Schema):
    invoice_id: int
    invoice_number: str
    mandate_reference: str
    sequence_type: str
    amount: Decimal


class CollectionPreviewOut(Schema):
    collection_date: date
    total: Decimal
    debits: list[PlannedDebitOut]


class CollectionOut(Schema):
    id: int
    month: date
    collection_date: date
    total: Decimal
    sha256: str
    debit_count: int
    created: bool


class StatementIn(Schema):
    format: StatementFormat
    content: str = Field(
        min_length=1, max_length=20_000_000, description="Le fichier, en texte (XML ou MT940)."
    )


class StatementOut(Schema):
    id: int
    created: bool
    line_count: int
    matched: int
    unmatched: int


class LineOut(Schema):
    id: int
    booked_on: date
    amount: Decimal
    is_credit: bool
    counterparty: str
    remittance: str
    note: str
