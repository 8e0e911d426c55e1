"""Reads: whose mandates a person sees, what a month's collection would debit, what awaits a host."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import holidays
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from coopconnect.accounts.privacy.registry import PersonalData
from coopconnect.billing import selectors as billing_selectors
from coopconnect.billing.models import Invoice, InvoiceKind, InvoiceStatus, Issuer, Subscription
from coopconnect.core import permissions as roles
from coopconnect.payments.models import (
    Collection,
    Debit,
    LineStatus,
    Mandate,
    SequenceType,
    StatementLine,
)

# Days between the pre-notification and the debit, stated in the mandate text (the SEPA rulebook's
# 14 days apply unless the mandate agrees on a shorter delay).
PRENOTIFICATION_DAYS = 5
PREFERRED_DAY = 10


def mandates_visible_to(user: Any) -> QuerySet[Mandate]:
    """Return the mandates a person signed for themself or for an organisation they administer."""
    if not getattr(user, "is_authenticated", False):
        return Mandate.objects.none()
    orgs = roles.organisations_administered_by(user)
    return (
        Mandate.objects.filter(Q(person=user) | Q(organisation__in=orgs))
        .select_related("issuer", "organisation", "person")
        .distinct()
    )


def issuers_to_sign_for(user: Any) -> QuerySet[Issuer]:
    """Return the issuers that collect and bill the person (or their employers), or where they subscribe."""
    orgs = roles.organisations_administered_by(user)
    billed = Invoice.objects.filter(status=InvoiceStatus.ISSUED).filter(
        Q(buyer_person=user, buyer_organisation__isnull=True) | Q(buyer_organisation__in=orgs)
    )
    places = Subscription.objects.filter(person=user).values("tariff__place")
    return (
        Issuer.objects.filter(sepa_creditor__isnull=False)
        .filter(Q(pk__in=billed.values("issuer")) | Q(place__in=places))
        .select_related("sepa_creditor")
        .distinct()
    )


def live_mandates(issuer: Issuer, on: date) -> QuerySet[Mandate]:
    return Mandate.objects.filter(issuer=issuer, revoked_on__isnull=True, signed_on__lte=on)


def is_target_day(day: date) -> bool:
    """Whether SEPA settles on this day: TARGET2 is closed on weekends and its own holidays."""
    return day.weekday() < 5 and day not in holidays.financial_holidays("ECB", years=day.year)


def collection_date_for(today: date) -> date:
    """Return the debit date of a collection prepared today: the 10th, or after the notice, a TARGET day."""
    earliest = today + timedelta(days=PRENOTIFICATION_DAYS)
    day = max(earliest, today.replace(day=PREFERRED_DAY))
    while not is_target_day(day):
        day += timedelta(days=1)
    return day


def debit_refusal(invoice: Invoice) -> str:
    """Return why an invoice may not be debited (French), or "" when it may."""
    if invoice.status != InvoiceStatus.ISSUED or invoice.kind != InvoiceKind.INVOICE:
        return _("Seule une facture émise peut être prélevée ou rapprochée.")
    if invoice.credit_notes.filter(status=InvoiceStatus.ISSUED).exists():
        return _("La facture %(n)s est annulée par un avoir : elle ne peut être ni prélevée ni payée.") % {
            "n": invoice.number
        }
    if billing_selectors.outstanding(invoice) <= 0:
        return _("La facture %(n)s est déjà payée.") % {"n": invoice.number}
    return ""


@dataclass(frozen=True)
class PlannedDebit:
    invoice: Invoice
    mandate: Mandate
    amount: Decimal
    sequence_type: str


@dataclass(frozen=True)
class Preview:
    collection_date: date
    debits: list[PlannedDebit]
    excluded: list[tuple[Invoice, str]]

    @property
    def total(self) -> Decimal:
        return sum((d.amount for d in self.debits), Decimal("0"))


def _mandate_of(
    invoice: Invoice, by_person: dict[int, Mandate], by_org: dict[int, Mandate]
) -> Mandate | None:
    if invoice.buyer_organisation_id is not None:
        return by_org.get(invoice.buyer_organisation_id)
    return by_person.get(invoice.buyer_person_id) if invoice.buyer_person_id else None


def collection_preview(issuer: Issuer, *, today: date) -> Preview:
    """Return what collecting now would debit: unpaid issued invoices of debtors with a live mandate."""
    mandates = list(live_mandates(issuer, today))
    by_person = {m.person_id: m for m in mandates if m.person_id}
    by_org = {m.organisation_id: m for m in mandates if m.organisation_id}
    pending = Debit.objects.filter(collection__issuer=issuer, payment__isnull=True).values("invoice")
    invoices = (
        Invoice.objects.filter(issuer=issuer, status=InvoiceStatus.ISSUED, kind=InvoiceKind.INVOICE)
        .filter(
            Q(buyer_organisation_id__in=list(by_org))
            | Q(buyer_organisation__isnull=True, buyer_person_id__in=list(by_person))
        )
        .exclude(pk__in=pending)
        .order_by("issue_date", "sequence")
    )
    collected = set(
        Debit.objects.filter(mandate__in=mandates, payment__isnull=False, payment__returned__isnull=True)
        .values_list("mandate_id", flat=True)
        .distinct()
    )
    debits: list[PlannedDebit] = []
    excluded: list[tuple[Invoice, str]] = []
    for invoice in invoices:
        mandate = _mandate_of(invoice, by_person, by_org)
        if mandate is None:
            continue
        if invoice.credit_notes.filter(status=InvoiceStatus.ISSUED).exists():
            excluded.append((invoice, debit_refusal(invoice)))
            continue
        amount = billing_selectors.outstanding(invoice)
        if amount <= 0:
            continue
        sequence = SequenceType.RECURRING if mandate.pk in collected else SequenceType.FIRST
        debits.append(PlannedDebit(invoice=invoice, mandate=mandate, amount=amount, sequence_type=sequence))
    return Preview(collection_date=collection_date_for(today), debits=debits, excluded=excluded)


def collections_of(issuer: Issuer) -> QuerySet[Collection]:
    return Collection.objects.filter(issuer=issuer).defer("file")


def collection_debits(collection: Collection) -> QuerySet[Debit]:
    return collection.debits.select_related("invoice", "mandate", "payment", "payment__returned")


def unresolved_lines(issuer: Issuer) -> QuerySet[StatementLine]:
    """Return the credits of the issuer's statements that matched no invoice, oldest first."""
    return StatementLine.objects.filter(issuer=issuer, status=LineStatus.UNMATCHED).select_related(
        "statement"
    )


def personal_data(person: Any) -> PersonalData:
    """Return the mandates a person signed for themself (their data rights' export)."""
    rows = [
        {
            "reference": m.reference,
            "creditor": m.issuer.name,
            "holder_name": m.holder_name,
            "iban": m.iban,
            "bic": m.bic,
            "signed_on": m.signed_on,
            "revoked_on": m.revoked_on,
        }
        for m in Mandate.objects.filter(person=person).select_related("issuer")
    ]
    return PersonalData(tables={"sepa_mandates": rows})
