"""The monthly invoicing run, gapless numbering, credit notes and settlement statements.

Numbering: one counter row per issuer and year, locked with ``select_for_update`` in the same
transaction that issues the invoice, so a rolled-back issue also rolls back its number (no gap) and
two concurrent runs queue on the row (no duplicate; the (issuer, number) unique constraint backs it).
Idempotency: each invoice of a run has a ``run_key`` (issuer, buyer, month), unique in the database;
re-running a month skips what exists, and a racing run that loses the insert skips too.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from coopconnect.billing import pricing, selectors
from coopconnect.billing.models import (
    BillingProfile,
    FreePeriod,
    Invoice,
    InvoiceCounter,
    InvoiceKind,
    InvoiceLine,
    InvoiceStatus,
    Issuer,
    SettlementStatement,
    Subscription,
    UsageRecord,
)
from coopconnect.core.errors import DomainError

log = logging.getLogger(__name__)
BILLABLE_STATUSES = ("confirmed", "checked_in")


@dataclass
class RunReport:
    month: date
    created: list[str] = field(default_factory=list)
    skipped_existing: int = 0
    skipped_empty: int = 0
    without_issuer: set[str] = field(default_factory=set)

    def summary(self) -> str:
        text = (
            f"{self.month:%Y-%m} : {len(self.created)} facture(s) émise(s), {self.skipped_existing} déjà "
            f"émise(s), {self.skipped_empty} à zéro non émise(s)"
        )
        if self.without_issuer:
            text += " ; lieux sans émetteur configuré : " + ", ".join(sorted(self.without_issuer))
        return text


def parse_month(value: str) -> date:
    """Parse 'YYYY-MM' into the first day of that month, or raise a French DomainError."""
    try:
        year, month = (int(x) for x in value.split("-"))
        return date(year, month, 1)
    except (ValueError, TypeError) as exc:
        raise DomainError(
            "Mois invalide : utilisez le format AAAA-MM, par exemple 2026-11.",
            {"month": [_("Format AAAA-MM attendu.")]},
        ) from exc


def _number(issuer: Issuer, year: int, seq: int) -> str:
    return f"{issuer.number_prefix}{year}-{seq:06d}"


def _rows_json(rows: list[pricing.VatRow]) -> list[dict[str, Any]]:
    return [{"rate": str(r.rate), "exempt": r.exempt, "base": str(r.base), "vat": str(r.vat)} for r in rows]


def _line_row(invoice: Invoice, position: int, ln: pricing.Line, who: Any, *, employer: bool) -> InvoiceLine:
    label = f"{who} — {ln.label}" if employer and who is not None else ln.label
    return InvoiceLine(
        invoice=invoice,
        position=position,
        place_id=ln.place_id,
        person=who,
        code=ln.code[:60],
        label=label[:300],
        quantity=ln.quantity,
        unit_price=ln.unit_price,
        amount_ht=ln.amount,
        vat_rate=ln.vat_rate,
        vat_exempt=ln.vat_exempt,
    )


def allocate_number(issuer: Issuer, year: int) -> tuple[int, str]:
    """Take the next number of the issuer for the year; call inside the issuing transaction."""
    InvoiceCounter.objects.get_or_create(issuer=issuer, year=year)
    counter = InvoiceCounter.objects.select_for_update().get(issuer=issuer, year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return counter.last, _number(issuer, year, counter.last)


def _seal(invoice: Invoice, lines: list[pricing.Line]) -> Invoice:
    """Issue a draft: number it, freeze its totals (VAT once per rate), make it immutable."""
    rows = pricing.vat_breakdown(lines)
    total_ht = sum((r.base for r in rows), Decimal("0"))
    total_vat = sum((r.vat for r in rows), Decimal("0"))
    issue_date = timezone.localdate()
    seq, number = allocate_number(invoice.issuer, issue_date.year)
    fields = {
        "status": InvoiceStatus.ISSUED,
        "number": number,
        "year": issue_date.year,
        "sequence": seq,
        "issue_date": issue_date,
        "due_date": issue_date + timedelta(days=invoice.issuer.payment_terms_days),
        "total_ht": total_ht,
        "total_vat": total_vat,
        "total_ttc": total_ht + total_vat,
        "vat_breakdown": _rows_json(rows),
    }
    updated = Invoice.objects.filter(pk=invoice.pk, status=InvoiceStatus.DRAFT).update(**fields)
    if updated != 1:
        raise DomainError(_("Cette facture est déjà émise."))
    invoice.refresh_from_db()
    return invoice


def _buyer_snapshot(
    *, person: Any = None, organisation: Any = None, profile: Any = None, known: bool = False
) -> dict[str, Any]:
    if organisation is not None:
        o = organisation
        return {
            "buyer_organisation": o,
            "buyer_name": o.name,
            "buyer_address": o.address,
            "buyer_postcode": o.postcode,
            "buyer_city": o.city,
            "buyer_siren": o.siren or o.siret[:9],
            "buyer_siret": o.siret,
            "buyer_vat_number": o.vat_number,
            "buyer_email": o.billing_email,
            "buyer_is_business": o.is_business,
        }
    if not known:
        profile = BillingProfile.objects.filter(person=person).first()
    return {
        "buyer_person": person,
        "buyer_name": (profile and profile.billing_name) or str(person),
        "buyer_address": profile.address if profile else "",
        "buyer_postcode": profile.postcode if profile else "",
        "buyer_city": profile.city if profile else "",
        "buyer_email": person.email,
        "buyer_is_business": False,
    }


@transaction.atomic
def issue_invoice(
    *,
    issuer: Issuer,
    lines: list[tuple[pricing.Line, Any]],
    period_start: date,
    period_end: date,
    person: Any = None,
    organisation: Any = None,
    run_key: str = "",
) -> Invoice:
    """Create and issue an invoice from priced lines (each with the person it is for)."""
    if not lines:
        raise DomainError(_("Une facture a au moins une ligne."))
    invoice = Invoice.objects.create(
        issuer=issuer,
        period_start=period_start,
        period_end=period_end,
        run_key=run_key,
        **_buyer_snapshot(person=person, organisation=organisation),
    )
    InvoiceLine.objects.bulk_create(
        [
            InvoiceLine(
                invoice=invoice,
                position=i,
                place_id=ln.place_id,
                person=who,
                code=ln.code[:60],
                label=(f"{who} — {ln.label}" if organisation is not None and who is not None else ln.label)[
                    :300
                ],
                quantity=ln.quantity,
                unit_price=ln.unit_price,
                amount_ht=ln.amount,
                vat_rate=ln.vat_rate,
                vat_exempt=ln.vat_exempt,
            )
            for i, (ln, who) in enumerate(lines, start=1)
        ]
    )
    return _seal(invoice, [ln for ln, _who in lines])


@transaction.atomic
def credit_note_create(
    *, invoice: Invoice, reason: str, amount_ht: Decimal | None = None, created_by: Any = None
) -> Invoice:
    """Correct an issued invoice by a credit note: all of it, or ``amount_ht`` at its main VAT rate."""
    invoice = Invoice.objects.select_for_update().get(pk=invoice.pk)
    if invoice.status != InvoiceStatus.ISSUED or invoice.kind != InvoiceKind.INVOICE:
        raise DomainError(_("Seule une facture émise peut faire l'objet d'un avoir."))
    if not reason.strip():
        raise DomainError(_("Indiquez le motif de l'avoir."), {"reason": [_("Motif obligatoire.")]})
    already = invoice.credit_notes.aggregate(s=Sum("total_ht"))["s"] or Decimal("0")
    remaining = invoice.total_ht - already
    src = list(invoice.lines.all())
    if amount_ht is None:
        if already:
            raise DomainError(_("Un avoir partiel existe déjà : précisez le montant de l'avoir."))
        lines = [
            (
                pricing.Line(
                    label=ln.label,
                    quantity=ln.quantity,
                    unit_price=ln.unit_price,
                    amount=ln.amount_ht,
                    vat_rate=ln.vat_rate,
                    vat_exempt=ln.vat_exempt,
                    place_id=ln.place_id,
                    code=ln.code,
                ),
                ln.person,
            )
            for ln in src
        ]
    else:
        amount_ht = pricing.money(Decimal(amount_ht))
        if amount_ht <= 0 or amount_ht > remaining:
            raise DomainError(
                f"Le montant de l'avoir doit être compris entre 0,01 € et {pricing.euros(remaining)} HT.",
                {"amount_ht": [_("Montant invalide.")]},
            )
        main = max(src, key=lambda ln: ln.amount_ht)
        lines = [
            (
                pricing.Line(
                    label=f"Avoir : {reason.strip()}",
                    quantity=Decimal(1),
                    unit_price=amount_ht,
                    amount=amount_ht,
                    vat_rate=main.vat_rate,
                    vat_exempt=main.vat_exempt,
                    place_id=main.place_id,
                    code="avoir",
                ),
                None,
            )
        ]
    note = Invoice.objects.create(
        issuer=invoice.issuer,
        kind=InvoiceKind.CREDIT_NOTE,
        credited_invoice=invoice,
        period_start=invoice.period_start,
        period_end=invoice.period_end,
        reason=reason.strip()[:300],
        **{
            f: getattr(invoice, f)
            for f in (
                "buyer_person",
                "buyer_organisation",
                "buyer_name",
                "buyer_address",
                "buyer_postcode",
                "buyer_city",
                "buyer_siren",
                "buyer_siret",
                "buyer_vat_number",
                "buyer_email",
                "buyer_is_business",
            )
        },
    )
    InvoiceLine.objects.bulk_create(
        [
            InvoiceLine(
                invoice=note,
                position=i,
                place_id=ln.place_id,
                person=who,
                code=ln.code,
                label=ln.label[:300],
                quantity=ln.quantity,
                unit_price=ln.unit_price,
                amount_ht=ln.amount,
                vat_rate=ln.vat_rate,
                vat_exempt=ln.vat_exempt,
            )
            for i, (ln, who) in enumerate(lines, start=1)
        ]
    )
    return _seal(note, [ln for ln, _who in lines])


def invoice_update(*, invoice: Invoice, **changes: Any) -> Invoice:
    """Change a draft invoice; an issued one is refused (corrections go through a credit note)."""
    if invoice.status != InvoiceStatus.DRAFT:
        raise DomainError(_("Une facture émise ne peut pas être modifiée : émettez un avoir."))
    for k, v in changes.items():
        setattr(invoice, k, v)
    invoice.save()
    return invoice


class _Batch:
    """Everything one month's run needs, loaded in a few queries (the run handles 10,000 people)."""

    def __init__(
        self,
        month: date,
        person_ids: set[int] | None = None,
        *,
        rates_cache: dict[int, pricing.PlaceRates] | None = None,
        issuers_cache: dict[int, Issuer | None] | None = None,
    ) -> None:
        """``rates_cache``/``issuers_cache``: dicts owned by one quote, shared by its months (see
        ``selectors.place_rates``); the run passes none and loads each place once per batch anyway."""
        from coopconnect.accounts.models import User
        from coopconnect.bookings.models import Booking
        from coopconnect.places.models import Place

        self.first, self.last = pricing.month_bounds(month)
        start = datetime.combine(self.first, time(0), tzinfo=pricing.PARIS)
        end = datetime.combine(self.last + timedelta(days=1), time(0), tzinfo=pricing.PARIS)
        who = Q() if person_ids is None else Q(person_id__in=person_ids)
        self.bookings: dict[int, list[Any]] = defaultdict(list)
        for b in (
            Booking.objects.filter(who, status__in=BILLABLE_STATUSES, start__lt=end, end__gt=start)
            .select_related("resource")
            .only(
                "person_id",
                "employer_id",
                "start",
                "end",
                "resource__kind",
                "resource__place_id",
                "resource__name",
            )
        ):
            self.bookings[b.person_id].append(b)
        self.usage: dict[int, list[UsageRecord]] = defaultdict(list)
        for u in UsageRecord.objects.filter(who, at__gte=start, at__lt=end):
            self.usage[u.person_id].append(u)
        self.subs: dict[int, list[Subscription]] = defaultdict(list)
        for s in (
            Subscription.objects.filter(who, start__lte=self.last)
            .filter(Q(end__isnull=True) | Q(end__gte=self.first))
            .select_related("tariff", "resource")
            .prefetch_related("tariff__allowances", "tariff__discounts")
        ):
            self.subs[s.person_id].append(s)
        self.grants: dict[int, list[pricing.Grant]] = defaultdict(list)
        for g in FreePeriod.objects.filter(who, start__lte=self.last, end__gte=self.first):
            self.grants[g.person_id].append(
                pricing.Grant(
                    start=g.start, end=g.end, reason=g.reason, place_id=g.place_id, network_id=g.network_id
                )
            )
        person_ids = set(self.bookings) | set(self.usage) | set(self.subs)
        self.people = User.objects.in_bulk(person_ids)
        place_ids = {b.resource.place_id for bs in self.bookings.values() for b in bs}
        place_ids |= {u.place_id for us in self.usage.values() for u in us}
        place_ids |= {s.tariff.place_id for ss in self.subs.values() for s in ss if s.tariff.place_id}
        self.places = {p.pk: p for p in Place.objects.filter(pk__in=place_ids).prefetch_related("networks")}
        self.rates_cache = rates_cache
        self.rates = {pid: selectors.place_rates(p, cache=rates_cache) for pid, p in self.places.items()}
        self.holdings = {
            pid: [(s, selectors.holding_from_subscription(s)) for s in ss] for pid, ss in self.subs.items()
        }
        headcount: dict[int, set[int]] = defaultdict(set)
        # Headcount counts every employee with an employer-paid plan this month, not only those in this batch.
        for org_id, pid in (
            Subscription.objects.filter(employer__isnull=False, start__lte=self.last)
            .filter(Q(end__isnull=True) | Q(end__gte=self.first))
            .values_list("employer_id", "person_id")
        ):
            headcount[org_id].add(pid)
        self.headcount = {org: len(ids) for org, ids in headcount.items()}
        self.issuer_by_place = {
            pid: selectors.issuer_for_place(p, cache=issuers_cache) for pid, p in self.places.items()
        }
        self.issuer_by_network = {i.network_id: i for i in Issuer.objects.filter(network__isnull=False)}


def _employer_paid_place(batch: _Batch, person_id: int, place_id: int) -> int | None:
    for s, _h in batch.holdings.get(person_id, []):
        if s.employer_id and (
            s.tariff.place_id == place_id
            or (s.tariff.network_id and s.tariff.network_id in batch.rates[place_id].network_ids)
        ):
            return s.employer_id
    return None


def price_person(
    batch: _Batch,
    person_id: int,
    *,
    extra_uses: tuple[tuple[int | None, pricing.Use], ...] = (),
    without_bookings: frozenset[int] = frozenset(),
) -> dict[int | None, list[pricing.Line]]:
    """Price one person's month, split by payer (None: the person; else the employer's id).

    ``extra_uses`` (payer, use) are priced as if booked and ``without_bookings`` as if not: a quote
    prices "my month with this slot" and "my month without it" exactly as the run will.
    """
    by_payer_uses: dict[int | None, list[pricing.Use]] = defaultdict(list)
    for payer_id, use in extra_uses:
        by_payer_uses[payer_id].append(use)
    for b in batch.bookings.get(person_id, []):
        if b.pk in without_bookings:
            continue
        by_payer_uses[b.employer_id].append(
            pricing.Use(
                place_id=b.resource.place_id,
                resource_kind=b.resource.kind,
                start=b.start,
                end=b.end,
                resource_label=b.resource.name,
            )
        )
    by_payer_services: dict[int | None, list[pricing.ServiceUse]] = defaultdict(list)
    for u in batch.usage.get(person_id, []):
        payer = u.employer_id or _employer_paid_place(batch, person_id, u.place_id)
        by_payer_services[payer].append(
            pricing.ServiceUse(place_id=u.place_id, service_code=u.service_code, quantity=u.quantity)
        )
    holdings = batch.holdings.get(person_id, [])
    payers = set(by_payer_uses) | set(by_payer_services) | {s.employer_id for s, _h in holdings}
    places = dict(batch.rates)
    cache = batch.rates_cache
    for s, _h in holdings:  # network memberships: price at the places used, fees without a place
        pid = s.tariff.place_id
        if pid and pid not in places:
            if cache is not None and pid in cache:  # a quote's second pass: no query, not even the place
                places[pid] = cache[pid]
            else:
                places[pid] = selectors.place_rates(s.tariff.place, cache=cache)
    out: dict[int | None, list[pricing.Line]] = {}
    for payer in payers:
        req = pricing.PricingRequest(
            month=batch.first,
            places=places,
            uses=by_payer_uses.get(payer, []),
            service_uses=by_payer_services.get(payer, []),
            holdings=[pricing_replace(h, charge_fees=(s.employer_id == payer)) for s, h in holdings],
            grants=batch.grants.get(person_id, []),
            as_company=payer is not None,
            headcount=batch.headcount.get(payer, 1) if payer else 1,
        )
        out[payer] = pricing.price_month(req)
    return out


def price_person_month(*, person: Any, month: date) -> dict[int | None, list[pricing.Line]]:
    """Price one person's month as the run would, split by payer (None: the person; else employer id)."""
    batch = _Batch(month, person_ids={person.pk})
    return price_person(batch, person.pk) if person.pk in batch.people else {}


def pricing_replace(h: pricing.Holding, **changes: Any) -> pricing.Holding:
    from dataclasses import replace

    return replace(h, **changes)


CHUNK = 500


@dataclass
class _Pending:
    run_key: str
    buyer: dict[str, Any]
    lines: list[tuple[pricing.Line, Any]]


def _issue_chunk(issuer: Issuer, pending: list[_Pending], first: date, last: date) -> tuple[list[str], int]:
    """Issue up to CHUNK invoices of one issuer in one transaction, numbered consecutively.

    The counter row is locked first, so a racing run waits here, then sees the run keys already issued
    and skips them: no duplicate, and a rollback takes the numbers back with the invoices (no gap).
    """
    with transaction.atomic():
        issue_date = timezone.localdate()
        InvoiceCounter.objects.get_or_create(issuer=issuer, year=issue_date.year)
        counter = InvoiceCounter.objects.select_for_update().get(issuer=issuer, year=issue_date.year)
        done = set(
            Invoice.objects.filter(run_key__in=[p.run_key for p in pending]).values_list("run_key", flat=True)
        )
        todo = [p for p in pending if p.run_key not in done]
        invoices = []
        for n, p in enumerate(todo, start=counter.last + 1):
            rows = pricing.vat_breakdown([ln for ln, _who in p.lines])
            total_ht = sum((r.base for r in rows), Decimal("0"))
            total_vat = sum((r.vat for r in rows), Decimal("0"))
            invoices.append(
                Invoice(
                    issuer=issuer,
                    status=InvoiceStatus.ISSUED,
                    number=_number(issuer, issue_date.year, n),
                    year=issue_date.year,
                    sequence=n,
                    issue_date=issue_date,
                    due_date=issue_date + timedelta(days=issuer.payment_terms_days),
                    period_start=first,
                    period_end=last,
                    run_key=p.run_key,
                    total_ht=total_ht,
                    total_vat=total_vat,
                    total_ttc=total_ht + total_vat,
                    vat_breakdown=_rows_json(rows),
                    **p.buyer,
                )
            )
        if not invoices:
            return [], len(done)
        Invoice.objects.bulk_create(invoices)
        counter.last += len(invoices)
        counter.save(update_fields=["last"])
        InvoiceLine.objects.bulk_create(
            [
                _line_row(inv, i, ln, who, employer=inv.buyer_organisation_id is not None)
                for inv, p in zip(invoices, todo, strict=True)
                for i, (ln, who) in enumerate(p.lines, start=1)
            ],
            batch_size=2000,
        )
        return [inv.number for inv in invoices], len(done)


def run_invoicing(*, month: date) -> RunReport:
    """Invoice a month: each person, or each employer globally (a line per employee, place, service)."""
    from coopconnect.accounts.models import Organisation

    first, last = pricing.month_bounds(month)
    if last >= timezone.localdate():
        raise DomainError(
            _("Le mois %(m)s n'est pas terminé : il se facture à partir du 1er du mois suivant.")
            % {"m": f"{first:%Y-%m}"},
            {"month": [_("Mois en cours ou à venir.")]},
        )
    batch = _Batch(month)
    report = RunReport(month=batch.first)
    groups: dict[tuple[int, str, int], list[tuple[pricing.Line, Any]]] = defaultdict(list)
    for person_id in sorted(batch.people):
        person = batch.people[person_id]
        for payer, lines in price_person(batch, person_id).items():
            for ln in lines:
                issuer = (
                    batch.issuer_by_place.get(ln.place_id)
                    if ln.place_id is not None
                    else batch.issuer_by_network.get(ln.network_id)
                )
                if issuer is None:
                    if ln.amount:
                        place = batch.places.get(ln.place_id) if ln.place_id else None
                        report.without_issuer.add(str(place or f"réseau {ln.network_id}"))
                    continue
                buyer = ("org", payer) if payer else ("person", person_id)
                groups[(issuer.pk, *buyer)].append((ln, person))
    issuers = Issuer.objects.in_bulk({k[0] for k in groups})
    orgs = Organisation.objects.in_bulk({k[2] for k in groups if k[1] == "org"})
    profiles = BillingProfile.objects.in_bulk(
        [k[2] for k in groups if k[1] == "person"], field_name="person_id"
    )
    per_issuer: dict[int, list[_Pending]] = defaultdict(list)
    for (issuer_id, buyer_kind, buyer_id), lines in sorted(groups.items()):
        if sum((ln.amount for ln, _who in lines), Decimal("0")) <= 0:
            report.skipped_empty += 1
            continue
        buyer = (
            _buyer_snapshot(organisation=orgs[buyer_id])
            if buyer_kind == "org"
            else _buyer_snapshot(person=batch.people[buyer_id], profile=profiles.get(buyer_id), known=True)
        )
        per_issuer[issuer_id].append(
            _Pending(
                run_key=f"{issuer_id}:{buyer_kind}:{buyer_id}:{batch.first:%Y-%m}", buyer=buyer, lines=lines
            )
        )
    for issuer_id, pending in per_issuer.items():
        for i in range(0, len(pending), CHUNK):
            created, skipped = _issue_chunk(
                issuers[issuer_id], pending[i : i + CHUNK], batch.first, batch.last
            )
            report.created += created
            report.skipped_existing += skipped
    settle_month(month=batch.first)
    return report


@transaction.atomic
def settle_month(*, month: date) -> list[SettlementStatement]:
    """For each network issuer, state what each place earned in the month (invoices minus credit notes)."""
    first, last = pricing.month_bounds(month)
    out = []
    for issuer in Issuer.objects.filter(network__isnull=False):
        per_place: dict[int, dict[str, Any]] = defaultdict(
            lambda: {"ht": Decimal("0"), "vat": Decimal("0"), "inv": set(), "lines": 0}
        )
        lines = InvoiceLine.objects.filter(
            invoice__issuer=issuer,
            invoice__status=InvoiceStatus.ISSUED,
            invoice__period_start=first,
            place__isnull=False,
        )
        for ln in lines.select_related("invoice"):
            sign = -1 if ln.invoice.kind == InvoiceKind.CREDIT_NOTE else 1
            row = per_place[ln.place_id]
            row["ht"] += sign * ln.amount_ht
            row["vat"] += sign * pricing.money(ln.amount_ht * ln.vat_rate / 100)
            row["inv"].add(ln.invoice_id)
            row["lines"] += 1
        for place_id, row in per_place.items():
            st, _ = SettlementStatement.objects.update_or_create(
                issuer=issuer,
                place_id=place_id,
                period_start=first,
                defaults={
                    "period_end": last,
                    "total_ht": row["ht"],
                    "total_vat": row["vat"],
                    "invoice_count": len(row["inv"]),
                    "line_count": row["lines"],
                },
            )
            out.append(st)
    return out
