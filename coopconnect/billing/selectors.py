"""Reads: tariffs, holdings and free periods turned into the pricing engine's snapshots; balances.

Who sees which invoice or issuer: ``coopconnect.billing.permissions``.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum

from coopconnect.accounts.models import User
from coopconnect.accounts.privacy.registry import PersonalData
from coopconnect.billing.models import (
    BillingProfile,
    FreePeriod,
    Invoice,
    InvoiceKind,
    InvoiceLine,
    InvoiceStatus,
    Issuer,
    Payment,
    Refund,
    Subscription,
    SubscriptionStatus,
    Tariff,
    TariffKind,
    UsageRecord,
)
from coopconnect.billing.pricing.holdings import Grant, Holding
from coopconnect.billing.pricing.rates import AllowanceSpec, DiscountSpec, PlaceRates, Rate


def rate_from_tariff(t: Tariff) -> Rate:
    """Snapshot one tariff (with its quotas and degressive rules) for the engine."""
    return Rate(
        code=t.code,
        label=t.label,
        kind=t.kind,
        price=Decimal(t.price),
        unit=t.unit,
        resource_kind=t.resource_kind,
        block_hours=t.block_hours,
        days_per_month=t.days_per_month,
        days_per_week=t.days_per_week,
        service_code=t.service_code,
        audience=t.audience,
        included_kinds=frozenset(t.included_kinds or []),
        includes_everything=t.includes_everything,
        overage=t.overage,
        min_commitment_months=t.min_commitment_months,
        vat_rate=Decimal(t.vat_rate),
        vat_exempt=t.vat_exempt,
        place_id=t.place_id,
        network_id=t.network_id,
        allowances=tuple(
            AllowanceSpec(
                code=a.service_code,
                quantity=Decimal(a.quantity),
                unit_label=a.unit_label,
                overage_price=a.overage_price,
            )
            for a in t.allowances.all()
        ),
        discounts=tuple(
            DiscountSpec(basis=d.basis, threshold=d.threshold, percent=Decimal(d.percent))
            for d in t.discounts.all()
        ),
        valid_from=t.valid_from,
        valid_until=t.valid_until,
    )


def network_ids_of(place: Any) -> list[int]:
    """Return the pks of the place's networks, from ``prefetch_related("networks")`` when it was done."""
    if "networks" in getattr(place, "_prefetched_objects_cache", {}):
        return [n.pk for n in place.networks.all()]
    return list(place.networks.values_list("pk", flat=True))


def tariffs_for_place(place: Any, *, network_ids: Iterable[int] | None = None) -> QuerySet[Tariff]:
    """Return the place's own tariffs and those of its networks (``network_ids``: already known)."""
    network_ids = list(network_ids) if network_ids is not None else network_ids_of(place)
    return (
        Tariff.objects.filter(Q(place=place) | Q(network_id__in=network_ids))
        .prefetch_related("allowances", "discounts")
        .order_by("kind", "price")
    )


def subscribable_tariffs(place: Any) -> QuerySet[Tariff]:
    """Return the place's tariffs a person may subscribe to themself: memberships and plans."""
    return tariffs_for_place(place).filter(kind__in=[TariffKind.MEMBERSHIP, TariffKind.SUBSCRIPTION])


def place_rates(place: Any, *, cache: dict[int, PlaceRates] | None = None) -> PlaceRates:
    """Snapshot every rate valid at a place.

    ``cache``: a dict owned by one computation (one quote), filled here, so that pricing a month with
    and without some slots loads each place's rates once. Never keep it beyond that call: a tariff
    edited afterwards must be seen by the next quote.
    """
    if cache is not None and place.pk in cache:
        return cache[place.pk]
    network_ids = network_ids_of(place)
    rates = PlaceRates(
        place_id=place.pk,
        name=place.name,
        network_ids=frozenset(network_ids),
        rates=tuple(rate_from_tariff(t) for t in tariffs_for_place(place, network_ids=network_ids)),
    )
    if cache is not None:
        cache[place.pk] = rates
    return rates


def holding_from_subscription(s: Subscription, *, charge_fees: bool = True) -> Holding:
    end = s.end
    return Holding(
        rate=rate_from_tariff(s.tariff),
        start=s.start,
        end=end,
        paused_from=s.paused_from,
        paused_until=s.paused_until,
        commitment_months=s.commitment_months,
        surface_m2=s.resource.surface_m2 if s.resource_id and s.resource else None,
        charge_fees=charge_fees,
        ref=s.pk,
    )


def subscriptions_overlapping(person: Any, first: date, last: date) -> QuerySet[Subscription]:
    """Return the person's subscriptions touching [first, last] (ended ones too: they bill their days)."""
    return (
        Subscription.objects.filter(person=person, start__lte=last)
        .filter(Q(end__isnull=True) | Q(end__gte=first))
        .select_related("tariff", "resource", "employer")
        .prefetch_related("tariff__allowances", "tariff__discounts")
    )


def holdings_for(
    person: Any, first: date, last: date, *, payer_org_id: int | None | str = "any"
) -> list[Holding]:
    """Snapshot the person's holdings; fees are charged only to ``payer_org_id`` (None: the person)."""
    out = []
    for s in subscriptions_overlapping(person, first, last):
        charge = payer_org_id == "any" or s.employer_id == payer_org_id
        out.append(holding_from_subscription(s, charge_fees=charge))
    return out


def grants_for(person: Any, first: date, last: date) -> list[Grant]:
    """Snapshot the person's free periods touching [first, last]."""
    return [
        Grant(start=g.start, end=g.end, reason=g.reason, place_id=g.place_id, network_id=g.network_id)
        for g in FreePeriod.objects.filter(person=person, start__lte=last, end__gte=first)
    ]


def active_subscriptions(person: Any) -> QuerySet[Subscription]:
    return (
        Subscription.objects.filter(person=person)
        .exclude(status=SubscriptionStatus.ENDED)
        .select_related("tariff", "tariff__place", "tariff__network")
    )


def issuer_for_place(place: Any, *, cache: dict[int, Issuer | None] | None = None) -> Issuer | None:
    """Return who invoices the place's sales: its own carrier, else a network invoicing on its behalf.

    ``cache``: as for :func:`place_rates`, a dict owned by one computation, never kept beyond it.
    """
    if cache is not None and place.pk in cache:
        return cache[place.pk]
    issuer = Issuer.objects.filter(place=place).first()
    if issuer is None:
        issuer = Issuer.objects.filter(network__places=place).order_by("pk").first()
    if cache is not None:
        cache[place.pk] = issuer
    return issuer


def paid_amount(invoice: Invoice) -> Decimal:
    """Return what was paid against an invoice; a returned direct debit no longer counts."""
    return invoice.payments.filter(returned__isnull=True).aggregate(s=Sum("amount"))["s"] or Decimal("0")


def refunded_amount(document: Invoice) -> Decimal:
    """Return what was refunded against this very document (a credit note or an invoice)."""
    return document.refunds.aggregate(s=Sum("amount"))["s"] or Decimal("0")


def _refunded_around(invoice: Invoice) -> Decimal:
    """Return what was refunded against an invoice and against its credit notes."""
    return Refund.objects.filter(Q(invoice=invoice) | Q(invoice__credited_invoice=invoice)).aggregate(
        s=Sum("amount")
    )["s"] or Decimal("0")


def balance(*, person: Any = None, organisation: Any = None) -> Decimal:
    """Return what a buyer still owes: invoices minus credit notes minus payments plus refunds."""
    qs = Invoice.objects.filter(status=InvoiceStatus.ISSUED)
    qs = (
        qs.filter(buyer_organisation=organisation)
        if organisation is not None
        else qs.filter(buyer_person=person, buyer_organisation__isnull=True)
    )
    invoiced = qs.filter(kind=InvoiceKind.INVOICE).aggregate(s=Sum("total_ttc"))["s"] or Decimal("0")
    credited = qs.filter(kind=InvoiceKind.CREDIT_NOTE).aggregate(s=Sum("total_ttc"))["s"] or Decimal("0")
    paid = Payment.objects.filter(invoice__in=qs, returned__isnull=True).aggregate(s=Sum("amount"))[
        "s"
    ] or Decimal("0")
    refunded = Refund.objects.filter(invoice__in=qs).aggregate(s=Sum("amount"))["s"] or Decimal("0")
    return invoiced - credited - paid + refunded


def outstanding(invoice: Invoice) -> Decimal:
    """Return what remains due on an invoice (credit notes deducted, refunds added back).

    Negative when the buyer paid more than the invoice now asks (a credit note after payment).
    """
    if invoice.is_credit_note:
        return Decimal("0")
    credited = (
        invoice.credit_notes.filter(status=InvoiceStatus.ISSUED).aggregate(s=Sum("total_ttc"))["s"] or 0
    )
    return invoice.total_ttc - Decimal(credited) - paid_amount(invoice) + _refunded_around(invoice)


def outstanding_by_invoice(invoices: QuerySet[Invoice]) -> dict[int, Decimal]:
    """Return what remains due on each of these invoices, in a few queries (as ``outstanding``)."""
    totals = dict(invoices.values_list("pk", "total_ttc"))
    due = {pk: Decimal(total) for pk, total in totals.items()}
    credited = (
        Invoice.objects.filter(credited_invoice__in=list(due), status=InvoiceStatus.ISSUED)
        .values("credited_invoice")
        .annotate(s=Sum("total_ttc"))
    )
    for row in credited:
        due[row["credited_invoice"]] -= row["s"]
    paid = (
        Payment.objects.filter(invoice__in=list(due), returned__isnull=True)
        .values("invoice")
        .annotate(s=Sum("amount"))
    )
    for row in paid:
        due[row["invoice"]] -= row["s"]
    for lookup in ("invoice", "invoice__credited_invoice"):
        refunds = (
            Refund.objects.filter(**{f"{lookup}__in": list(due)}).values(lookup).annotate(s=Sum("amount"))
        )
        for row in refunds:
            due[row[lookup]] += row["s"]
    return due


def refundable(document: Invoice) -> Decimal:
    """Return the most that may still be refunded against a credit note or an overpaid invoice.

    A credit note: what it credits minus what was refunded against it, and never more than the buyer
    overpaid on the credited invoice. An invoice: what the buyer overpaid on it.
    """
    if document.status != InvoiceStatus.ISSUED:
        return Decimal("0")
    root = document.credited_invoice if document.is_credit_note else document
    overpaid = max(-outstanding(root), Decimal("0")) if root is not None else Decimal("0")
    if document.is_credit_note:
        return min(document.total_ttc - refunded_amount(document), overpaid)
    return overpaid


def _invoice_row(invoice: Invoice) -> dict[str, Any]:
    return {
        "number": invoice.number,
        "kind": invoice.kind,
        "status": invoice.status,
        "issuer": invoice.issuer.name,
        "issue_date": invoice.issue_date,
        "due_date": invoice.due_date,
        "period_start": invoice.period_start,
        "period_end": invoice.period_end,
        "buyer_name": invoice.buyer_name,
        "buyer_address": invoice.buyer_address,
        "buyer_postcode": invoice.buyer_postcode,
        "buyer_city": invoice.buyer_city,
        "buyer_email": invoice.buyer_email,
        "total_ht": invoice.total_ht,
        "total_vat": invoice.total_vat,
        "total_ttc": invoice.total_ttc,
    }


def personal_data(person: User) -> PersonalData:
    """Return what billing holds about the person: profile, subscriptions, usage, their invoices as PDF."""
    from coopconnect.billing.services.invoicing.documents import document_of

    invoices = list(Invoice.objects.filter(buyer_person=person).select_related("issuer").order_by("pk"))
    profile = BillingProfile.objects.filter(person=person).first()
    files = {
        f"factures/{invoice.number.replace('/', '-')}.pdf": bytes(document_of(invoice).pdf)
        for invoice in invoices
        if invoice.status == InvoiceStatus.ISSUED
    }
    subscriptions = Subscription.objects.filter(person=person).select_related("tariff", "employer")
    usage = UsageRecord.objects.filter(person=person).select_related("place")
    payments = Payment.objects.filter(invoice__buyer_person=person).select_related("invoice")
    return PersonalData(
        tables={
            "billing_profile": [
                {
                    "member_code": profile.member_code,
                    "billing_name": profile.billing_name,
                    "address": profile.address,
                    "postcode": profile.postcode,
                    "city": profile.city,
                }
            ]
            if profile
            else [],
            "subscriptions": [
                {
                    "tariff": s.tariff.label,
                    "start": s.start,
                    "end": s.end,
                    "status": s.status,
                    "paused_from": s.paused_from,
                    "paused_until": s.paused_until,
                    "paid_by_employer": s.employer.name if s.employer else "",
                }
                for s in subscriptions
            ],
            "free_periods": [
                {"start": f.start, "end": f.end, "reason": f.reason}
                for f in FreePeriod.objects.filter(person=person)
            ],
            "usage": [
                {"place": u.place.name, "service": u.service_code, "quantity": u.quantity, "at": u.at}
                for u in usage
            ],
            "invoices": [_invoice_row(invoice) for invoice in invoices],
            "payments": [
                {
                    "invoice": p.invoice.number,
                    "amount": p.amount,
                    "method": p.method,
                    "received_on": p.received_on,
                }
                for p in payments
            ],
        },
        files=files,
    )


def revenue_by_place(*, places: Iterable[Any], first: date, last: date) -> dict[int, Decimal]:
    """Return each place's sales (HT) on the issued invoices of ``first``..``last``, credit notes deducted."""
    totals: dict[int, Decimal] = {}
    rows = (
        InvoiceLine.objects.filter(
            place__in=list(places),
            invoice__status=InvoiceStatus.ISSUED,
            invoice__period_start__gte=first,
            invoice__period_start__lte=last,
        )
        .values("place", "invoice__kind")
        .annotate(s=Sum("amount_ht"))
    )
    for row in rows:
        sign = -1 if row["invoice__kind"] == InvoiceKind.CREDIT_NOTE else 1
        totals[row["place"]] = totals.get(row["place"], Decimal("0")) + sign * row["s"]
    return totals


def draft_counts(issuers: Iterable[Issuer]) -> dict[int, int]:
    """Return how many invoices each issuer still has to issue (drafts)."""
    rows = (
        Invoice.objects.filter(issuer__in=list(issuers), status=InvoiceStatus.DRAFT)
        .values("issuer")
        .annotate(n=Count("pk"))
    )
    return {row["issuer"]: row["n"] for row in rows}
