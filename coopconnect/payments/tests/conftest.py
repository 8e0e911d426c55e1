"""Payments fixtures: an issuer that collects (IBAN, BIC, ICS), invoices, an employer and its admin."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
import time_machine

from coopconnect.accounts.models import Organisation, OrganisationMembership, OrganisationRole
from coopconnect.billing.models import Issuer
from coopconnect.billing.pricing.lines import Line
from coopconnect.billing.services.invoicing.issue import issue_invoice
from coopconnect.payments.services.mandates import creditor_set, mandate_sign

ISSUER_IBAN = "FR7630006000011234567890189"
MEMBER_IBAN = "FR1420041010050500013M02606"
ORG_IBAN = "DE89370400440532013000"
ICS = "FR72ZZZ123456"


@pytest.fixture
def nov_3():
    with time_machine.travel(date(2026, 11, 3), tick=False):
        yield


def make_issuer(place, *, prefix: str = "BAT", iban: str = ISSUER_IBAN) -> Issuer:
    return Issuer.objects.create(
        place=place,
        name=f"Porteur de {place.name}",
        siren="732829320",
        vat_number="FR44732829320",
        address="Zone d'activités",
        postcode="84120",
        city="Pertuis",
        iban=iban,
        bic="AGRIFRPPXXX",
        number_prefix=prefix,
    )


def invoice_for(issuer: Issuer, *, person=None, organisation=None, amount: str = "20.00", who=None):
    """Issue an invoice of one day at ``amount`` excluding VAT (20 % VAT on top)."""
    amount_d = Decimal(amount)
    line = Line(
        label="Journée de coworking",
        quantity=Decimal("1"),
        unit_price=amount_d,
        amount=amount_d,
        vat_rate=Decimal("20"),
        vat_exempt=False,
        place_id=issuer.place_id,
        code="day",
    )
    return issue_invoice(
        issuer=issuer,
        lines=[(line, who or person)],
        period_start=date(2026, 10, 1),
        period_end=date(2026, 10, 31),
        person=person,
        organisation=organisation,
    )


@pytest.fixture
def issuer(place, nov_3) -> Issuer:
    iss = make_issuer(place)
    creditor_set(issuer=iss, identifier=ICS)
    return iss


@pytest.fixture
def other_issuer(other_place, nov_3) -> Issuer:
    iss = make_issuer(other_place, prefix="OTH")
    creditor_set(issuer=iss, identifier=ICS)
    return iss


@pytest.fixture
def employer(member):
    org = Organisation.objects.create(name="Durance Numérique", billing_email="compta@durance.example")
    OrganisationMembership.objects.create(organisation=org, user=member, role=OrganisationRole.ADMIN)
    return org


@pytest.fixture
def member_mandate(issuer, member):
    return mandate_sign(
        issuer=issuer, signed_by=member, holder_name="Marie Membre", iban=MEMBER_IBAN, accepted=True
    )
