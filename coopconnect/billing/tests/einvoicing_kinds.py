"""Every kind of document the platform issues, for the e-invoicing rule tests.

Person (B2C, VAT), employer (B2B), art. 293 B issuer (no VAT), a zero-priced line, mixed VAT
rates, a credit note, a public buyer (a commune: SIRET, service code, commitment number).
"""

from __future__ import annotations

from decimal import Decimal

from django.utils import timezone

from coopconnect.accounts.models import Organisation
from coopconnect.billing.models import BuyerDetails, Invoice
from coopconnect.billing.pricing.lines import Line
from coopconnect.billing.services.invoicing.credit_notes import credit_note_create
from coopconnect.billing.services.invoicing.issue import issue_invoice


def line(place, amount: str, rate: str = "20", *, exempt: bool = False, label: str = "Journée de coworking"):
    return Line(
        label=label,
        quantity=Decimal("1"),
        unit_price=Decimal(amount),
        amount=Decimal(amount),
        vat_rate=Decimal(rate),
        vat_exempt=exempt,
        place_id=place.pk,
        code="day",
    )


def public_buyer() -> Organisation:
    commune = Organisation.objects.create(
        name="Commune de Pertuis",
        siren="218400893",
        siret="21840089300016",
        address="Place Mirabeau",
        postcode="84120",
        city="Pertuis",
        billing_email="mairie@pertuis.example",
        is_business=True,
    )
    BuyerDetails.objects.create(
        organisation=commune,
        is_public_buyer=True,
        service_code="SERV-RH",
        commitment_number="EJ-2026-0042",
        delivery_address="Zone d'activités",
        delivery_postcode="84120",
        delivery_city="Pertuis",
    )
    return commune


def issue_every_kind(*, place, member, employer, place_issuer, network_issuer) -> dict[str, Invoice]:
    today = timezone.localdate()
    period = {"period_start": today.replace(day=1), "period_end": today}
    free = line(place, "0", "0", label="Journée offerte (formation)")
    docs = {
        "person": issue_invoice(
            issuer=place_issuer, lines=[(line(place, "20"), member)], person=member, **period
        ),
        "employer": issue_invoice(
            issuer=place_issuer, lines=[(line(place, "60"), member)], organisation=employer, **period
        ),
        "art_293_b": issue_invoice(
            issuer=network_issuer,
            lines=[(line(place, "15", "0", exempt=True), member)],
            person=member,
            **period,
        ),
        "zero_priced_line": issue_invoice(
            issuer=place_issuer, lines=[(line(place, "20"), member), (free, member)], person=member, **period
        ),
        "zero_priced_line_293_b": issue_invoice(
            issuer=network_issuer,
            lines=[(line(place, "15", "0", exempt=True), member), (free, member)],
            person=member,
            **period,
        ),
        "mixed_vat_rates": issue_invoice(
            issuer=place_issuer,
            lines=[
                (line(place, "40"), member),
                (line(place, "7.50", "10", label="Repas"), member),
                (line(place, "12", "5.5", label="Livre"), member),
            ],
            organisation=employer,
            **period,
        ),
        "public_buyer": issue_invoice(
            issuer=place_issuer, lines=[(line(place, "80"), member)], organisation=public_buyer(), **period
        ),
    }
    docs["credit_note"] = credit_note_create(invoice=docs["employer"], reason="Journée annulée")
    docs["partial_credit_note_293_b"] = credit_note_create(
        invoice=docs["art_293_b"], reason="Geste commercial", amount_ht=Decimal("5")
    )
    return docs
