"""Quotes: what a person (or their employer) would pay for bookings, explained line by line."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from coopconnect.billing import selectors
from coopconnect.billing.models.tariffs import VAT_EXEMPT_MENTION
from coopconnect.billing.pricing.amounts import label_amount
from coopconnect.billing.pricing.engine import price_month
from coopconnect.billing.pricing.lines import Line, VatRow, vat_breakdown
from coopconnect.billing.pricing.months import PARIS, month_bounds, months_between
from coopconnect.billing.pricing.rates import BUNDLE, MONTH, PER_USE, WEEK, PlaceRates, PricingError
from coopconnect.billing.pricing.request import PricingRequest
from coopconnect.billing.pricing.uses import Use
from coopconnect.billing.services.invoicing.batch import Batch, price_person
from coopconnect.core.errors import DomainError

MAX_SLOT = timedelta(days=31)


@dataclass(frozen=True)
class Slot:
    """A resource wanted from ``start`` to ``end`` (aware datetimes), not yet booked."""

    resource: Any
    start: datetime
    end: datetime


MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)


def month_name(day: date) -> str:
    return f"{MONTHS[day.month - 1]} {day.year}"


@dataclass(frozen=True)
class Quote:
    """A price explained line by line.

    ``marginal``: the lines and totals are what the slots add to the person's bill for the months they
    touch, given the bookings already made (``existing_ht`` is what those cost without the slots).
    """

    lines: list[Line]
    total_ht: Decimal
    vat: Decimal
    total_ttc: Decimal
    vat_rows: list[VatRow]
    notes: list[str] = field(default_factory=list)
    marginal: bool = False
    existing_ht: Decimal | None = None

    @property
    def mentions(self) -> list[str]:
        return [VAT_EXEMPT_MENTION] if any(r.exempt for r in self.vat_rows) else []


def quote_from_lines(lines: list[Line], notes: list[str] | None = None) -> Quote:
    rows = vat_breakdown(lines)
    total_ht = sum((r.base for r in rows), Decimal("0"))
    vat = sum((r.vat for r in rows), Decimal("0"))
    return Quote(
        lines=lines, total_ht=total_ht, vat=vat, total_ttc=total_ht + vat, vat_rows=rows, notes=notes or []
    )


def straddle_notes(uses: Iterable[Use], places: dict[int, PlaceRates]) -> list[str]:
    """Say when a quoted day's week straddles two months at a place with a week pass.

    Invoices are monthly and final once issued (corrections only by credit notes), so a week pass
    counts the days of one calendar month: the days of the same week in the next month are priced
    on the next month's invoice, on their own.
    """
    notes: list[str] = []
    for use in uses:
        pr = places.get(use.place_id)
        if pr is None or not any(
            r.kind == PER_USE and r.unit == WEEK and r.applies_to(use.resource_kind) for r in pr.rates
        ):
            continue
        start = use.start.astimezone(PARIS).date()
        end = (use.end.astimezone(PARIS) - timedelta(microseconds=1)).date()
        d = start
        while d <= end:
            monday = d - timedelta(days=d.weekday())
            sunday = monday + timedelta(days=6)
            if monday.month != sunday.month:
                text = (
                    f"La semaine du {monday:%d/%m} au {sunday:%d/%m} est à cheval sur "
                    f"{MONTHS[monday.month - 1]} et {MONTHS[sunday.month - 1]} : la facturation est "
                    f"mensuelle, chaque mois est facturé à part et le forfait semaine ne compte que "
                    f"les jours d'un même mois."
                )
                if text not in notes:
                    notes.append(text)
            d += timedelta(days=1)
    return notes


def error_text(exc: DomainError) -> str:
    """Say why slots cannot be priced, each sentence once (the message is often its field's too)."""
    texts = [exc.message, *(m for ms in exc.errors.values() for m in ms)]
    return " ".join(dict.fromkeys(str(t) for t in texts))


def check_slot_bookable(slot: Slot, *, now: datetime | None = None) -> None:
    """Refuse a slot nobody could book: inactive resource, reversed or past times, closed place."""
    from coopconnect.places import hours

    now = now or timezone.now()
    errors: dict[str, list[str]] = {}
    if timezone.is_naive(slot.start) or timezone.is_naive(slot.end):
        raise DomainError(
            "Les dates doivent préciser le fuseau horaire.", {"start": [_("Date sans fuseau horaire.")]}
        )
    if slot.end <= slot.start:
        errors["end"] = [_("La fin doit être après le début.")]
    elif slot.end - slot.start > MAX_SLOT:
        errors["end"] = [_("Un devis porte sur 31 jours au plus : découpez la demande.")]
    if slot.start < now:
        errors.setdefault("start", []).append("Ce créneau est déjà passé.")
    if not slot.resource.is_active:
        errors.setdefault("resource", []).append("Cette ressource n'est plus proposée à la réservation.")
    place = slot.resource.place
    if not errors and place.opening_hours and place.access_mode != "badge_24_7":
        department = hours.department_of(place)
        opened = hours.is_open_at(place.opening_hours, slot.start, department=department)
        closing = hours.is_open_at(
            place.opening_hours, slot.end - timedelta(minutes=1), department=department
        )
        if opened is False or closing is False:
            errors.setdefault("start", []).append(f"{place.name} est fermé sur ce créneau.")
    if errors:
        raise DomainError(_("Ce créneau ne peut pas être réservé."), errors)


def quote_for(
    *,
    person: Any,
    bookings_or_slots: Iterable[Any],
    employer: Any = None,
    check_bookable: bool = True,
    rates_cache: dict[int, PlaceRates] | None = None,
) -> Quote:
    """Price bookings or slots for a person (billed to ``employer`` if given): the cheapest combination.

    ``rates_cache``: a dict owned by the caller's one computation (see ``selectors.place_rates``).
    """
    items = list(bookings_or_slots)
    if not items:
        raise DomainError(_("Aucun créneau à chiffrer."), {"slots": [_("Indiquez au moins un créneau.")]})
    places: dict[int, PlaceRates] = {}
    by_month: dict[date, list[Use]] = defaultdict(list)
    for item in items:
        slot = (
            item if isinstance(item, Slot) else Slot(resource=item.resource, start=item.start, end=item.end)
        )
        if check_bookable and isinstance(item, Slot):
            check_slot_bookable(slot)
        place = slot.resource.place
        if place.pk not in places:
            places[place.pk] = selectors.place_rates(place, cache=rates_cache)
        use = Use(
            place_id=place.pk,
            resource_kind=slot.resource.kind,
            start=slot.start,
            end=slot.end,
            resource_label=slot.resource.name,
        )
        for month in months_between(slot.start, slot.end):
            by_month[month].append(use)
    lines: list[Line] = []
    notes = straddle_notes(sorted({u for us in by_month.values() for u in us}, key=lambda u: u.start), places)
    for month in sorted(by_month):
        first, last = month_bounds(month)
        req = PricingRequest(
            month=month,
            places=places,
            uses=by_month[month],
            holdings=selectors.holdings_for(person, first, last),
            grants=selectors.grants_for(person, first, last),
            as_company=employer is not None,
            include_fees=False,
            strict=True,
        )
        try:
            lines += price_month(req)
        except PricingError as exc:
            raise DomainError(exc.message, {exc.field: [exc.message]}) from exc
    return quote_from_lines(lines, notes)


def _same_line(a: Line, b: Line) -> bool:
    return (a.place_id, a.network_id, a.label, a.amount, a.code, a.vat_rate, a.vat_exempt) == (
        b.place_id,
        b.network_id,
        b.label,
        b.amount,
        b.code,
        b.vat_rate,
        b.vat_exempt,
    )


def _same_rate(a: Line, b: Line) -> bool:
    return (a.place_id, a.code, a.unit_price, a.vat_rate, a.vat_exempt, a.week_of) == (
        b.place_id,
        b.code,
        b.unit_price,
        b.vat_rate,
        b.vat_exempt,
        b.week_of,
    )


def diff_lines(before: list[Line], after: list[Line]) -> list[Line]:
    """Return the lines that turn ``before`` into ``after``: new ones, changed ones, replaced ones (negative).

    Their sum is sum(after) - sum(before), each amount already rounded once per line as on the invoice.
    """
    gone = list(before)
    added: list[Line] = []
    for ln in after:
        i = next((i for i, b in enumerate(gone) if _same_line(b, ln)), None)
        if i is None:
            added.append(ln)
        else:
            gone.pop(i)
    out: list[Line] = []
    for ln in added:
        old = next((b for b in gone if _same_rate(b, ln)), None)
        if old is None:
            out.append(ln)
            continue
        gone.remove(old)
        out.append(
            replace(
                ln,
                label=f"{ln.label} (au lieu de {old.label})",
                quantity=ln.quantity - old.quantity,
                amount=ln.amount - old.amount,
                reason=ln.reason or old.reason,
            )
        )
    for old in gone:
        out.append(
            replace(
                old,
                label=f"Remplacé : {old.label}",
                quantity=-old.quantity,
                amount=-old.amount,
                reason=_("déjà dû pour vos réservations, remplacé par la ligne ci-dessus"),
            )
        )
    return out


def _vat_total(lines: list[Line], issuer_of: Any) -> Decimal:
    """Sum VAT as the run computes it: once per rate on each invoice (one invoice per issuer)."""
    groups: dict[Any, list[Line]] = defaultdict(list)
    for ln in lines:
        groups[issuer_of(ln)].append(ln)
    return sum((r.vat for ls in groups.values() for r in vat_breakdown(ls)), Decimal("0"))


def _switch_notes(diff: list[Line], places: dict[int, PlaceRates]) -> list[str]:
    """Explain a switch to a week pass, a month pass or a bundle: 80 € au lieu de 4 × 20 €."""
    notes: list[str] = []
    for ln in diff:
        if ln.amount < 0 or ln.place_id is None or ln.place_id not in places:
            continue
        rate = next((r for r in places[ln.place_id].rates if r.code == ln.code), None)
        if rate is None or not (rate.kind == BUNDLE or (rate.kind == PER_USE and rate.unit in (WEEK, MONTH))):
            continue
        replaced = [
            f"{(-o.quantity).normalize():f} × {label_amount(o.unit_price)}"
            for o in diff
            if o.place_id == ln.place_id and o.quantity < 0 and o.unit_price > 0 and o.week_of is None
        ]
        if not replaced:
            continue
        if ln.week_of is not None:
            what = f"La semaine du {ln.week_of.day} {MONTHS[ln.week_of.month - 1]} passe au tarif semaine"
        else:
            what = f"Vos jours du mois passent à « {rate.label} »"
        notes.append(f"{what} : {label_amount(ln.amount)} au lieu de {' + '.join(replaced)}.")
    return notes


def marginal_quote_for(
    *, person: Any, bookings_or_slots: Iterable[Any], employer: Any = None, check_bookable: bool = True
) -> Quote:
    """Price what the slots add to the person's bill, given the bookings they already have.

    For each month the slots touch: price(bookings already made + slots) - price(bookings already
    made), both priced by the invoicing run's own code (subscriptions, memberships, free periods,
    bundles, caps), so the quote agrees with the invoice. Bookings passed in are left out of "already
    made". The slots are first checked and priced alone (strict), which refuses what cannot be sold.
    """
    items = list(bookings_or_slots)
    # One quote loads each place's rates and issuer once, whatever the months and pricing passes;
    # both dicts die with this call, so a tariff edited afterwards is seen by the next quote.
    rates_cache: dict[int, PlaceRates] = {}
    issuers_cache: dict[int, Any] = {}
    alone = quote_for(
        person=person,
        bookings_or_slots=items,
        employer=employer,
        check_bookable=check_bookable,
        rates_cache=rates_cache,
    )
    payer = employer.pk if employer is not None else None
    quoted_pks = frozenset(i.pk for i in items if not isinstance(i, Slot) and getattr(i, "pk", None))
    by_month: dict[date, list[tuple[int | None, Use]]] = defaultdict(list)
    quoted_places: dict[int, Any] = {}
    for item in items:
        slot = (
            item if isinstance(item, Slot) else Slot(resource=item.resource, start=item.start, end=item.end)
        )
        quoted_places[slot.resource.place.pk] = slot.resource.place
        use = Use(
            place_id=slot.resource.place.pk,
            resource_kind=slot.resource.kind,
            start=slot.start,
            end=slot.end,
            resource_label=slot.resource.name,
        )
        for month in months_between(slot.start, slot.end):
            by_month[month].append((payer, use))
    lines: list[Line] = []
    notes: list[str] = []
    existing_ht = vat = Decimal("0")
    for month in sorted(by_month):
        batch = Batch(month, person_ids={person.pk}, rates_cache=rates_cache, issuers_cache=issuers_cache)
        for pk, place in quoted_places.items():
            if pk not in batch.rates:
                batch.rates[pk] = selectors.place_rates(place, cache=rates_cache)
                batch.issuer_by_place[pk] = selectors.issuer_for_place(place, cache=issuers_cache)

        def issuer_of(ln: Line, batch: Any = batch) -> Any:
            issuer = (
                batch.issuer_by_place.get(ln.place_id)
                if ln.place_id is not None
                else batch.issuer_by_network.get(ln.network_id)
            )
            return issuer.pk if issuer is not None else ("place", ln.place_id, ln.network_id)

        before = price_person(batch, person.pk, without_bookings=quoted_pks).get(payer, [])
        after = price_person(
            batch, person.pk, extra_uses=tuple(by_month[month]), without_bookings=quoted_pks
        ).get(payer, [])
        diff = diff_lines(before, after)
        lines += diff
        vat += _vat_total(after, issuer_of) - _vat_total(before, issuer_of)
        before_ht = sum((ln.amount for ln in before), Decimal("0"))
        existing_ht += before_ht
        notes += _switch_notes(diff, batch.rates)
        if before:
            added = sum((ln.amount for ln in diff), Decimal("0"))
            notes.append(
                f"{month_name(month).capitalize()} : vos réservations, adhésions et consommations déjà "
                f"enregistrées reviennent à {label_amount(before_ht)} HT ; avec ce créneau, "
                f"{label_amount(before_ht + added)} HT : il ajoute {label_amount(added)} HT."
            )
    total_ht = sum((ln.amount for ln in lines), Decimal("0"))
    return Quote(
        lines=lines,
        total_ht=total_ht,
        vat=vat,
        total_ttc=total_ht + vat,
        vat_rows=vat_breakdown(lines),
        notes=notes + alone.notes,
        marginal=True,
        existing_ht=existing_ht,
    )
