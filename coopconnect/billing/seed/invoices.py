"""Demo invoices: last month at Bâticom Pertuis, Murat and Auch, invoiced, partly paid, one credit note.

Everything goes through the services: the days are booked with ``booking_create`` at the time they
were booked (its ``now``), the month is invoiced by ``run_invoicing``, payments are recorded by
``payment_record`` (a transfer, a cheque), one invoice is corrected by ``credit_note_create`` and
the network's settlement statement follows from ``settle_month``. Safe to run twice: bookings carry
idempotency keys, the run skips what is issued, payments and the credit note are looked up first.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from coopconnect.core.errors import DomainError

TRANSFER_REF = "DEMO-VIREMENT"
CHEQUE_REF = "DEMO-CHEQUE-0042"
CREDIT_REASON = "Salle de visioconférence offerte : panne du matériel ce jour-là (démo)"


def last_month(today: dt.date) -> dt.date:
    """Return the first day of the month before ``today``'s."""
    return (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)


def open_days(place: Any, first: dt.date, count: int) -> list[dt.date]:
    """Return up to ``count`` weekdays of ``first``'s month when ``place`` is open, from the 2nd week."""
    from coopconnect.places import hours

    days: list[dt.date] = []
    day = first + dt.timedelta(days=6)
    while len(days) < count and day.month == first.month:
        open_ = not place.opening_hours or hours.is_open_on(
            place.opening_hours, day, department=hours.department_of(place)
        )
        if day.weekday() < 5 and open_:
            days.append(day)
        day += dt.timedelta(days=2)
    return days


def _book_past_day(resource: Any, person: Any, day: dt.date, key: str, slot: str = "day", **kw: Any) -> Any:
    """Book a past day as it was booked then: ``booking_create`` judged at 8:00 that morning."""
    from coopconnect.bookings.services.create import booking_create
    from coopconnect.bookings.slots import slot_bounds

    start, end = slot_bounds(resource.place, day, slot)
    booked_at = start.replace(hour=7, minute=30)
    try:
        return booking_create(
            resource=resource,
            person=person,
            start=start,
            end=end,
            idempotency_key=key,
            notify=False,
            now=booked_at,
            **kw,
        )
    except DomainError:
        return None


def _reference_place(key: str) -> Any:
    from coopconnect.places.models import Place

    return Place.objects.filter(source="etude-2012", source_id=key).first()


def _first_resource(place: Any, kind: str) -> Any:
    return place.resources.filter(kind=kind, is_active=True).order_by("pk").first()


def book_last_month(first: dt.date) -> int:
    """Replay last month: Marie's video sessions at Bâticom and days at Murat, Sofia's Soho Solo
    membership and prints at Auch, Julien's days at Murat for his employer Durance Numérique."""
    from coopconnect.accounts.models import Organisation, OrganisationRole, User

    made = 0
    member = User.objects.filter(email="membre@coop-connect.fr").first()
    sofia = User.objects.filter(email="sofia@durance-numerique.example").first()
    admin = User.objects.filter(email="admin@durance-numerique.example").first()
    employee = User.objects.filter(email="julien@durance-numerique.example").first()
    pertuis, murat, auch = (_reference_place(k) for k in ("pertuis", "murat", "auch"))
    if member is not None and pertuis is not None:
        video = _first_resource(pertuis, "video_point")
        for day in open_days(pertuis, first, 2) if video is not None else []:
            made += bool(_book_past_day(video, member, day, f"seed-invoices-visio-{day}", slot="morning"))
    seat = _first_resource(murat, "seat") if murat is not None else None
    if member is not None and seat is not None:
        for day in open_days(murat, first, 3):
            made += bool(_book_past_day(seat, member, day, f"seed-invoices-murat-{day}"))
    if seat is not None and admin is not None and employee is not None:
        org = (
            Organisation.objects.filter(memberships__user=admin, memberships__role=OrganisationRole.ADMIN)
            .filter(memberships__user=employee)
            .first()
        )
        for day in open_days(murat, first + dt.timedelta(days=1), 2):
            made += bool(
                _book_past_day(
                    seat, employee, day, f"seed-invoices-employer-{day}", booked_by=admin, employer=org
                )
            )
    if sofia is not None and auch is not None:
        made += _soho_solo_prints(sofia, auch, first)
    return made


def _soho_solo_prints(member: Any, auch: Any, first: dt.date) -> int:
    """Sofia joined the Soho Solo network on the 1st and printed 1,400 pages at Auch (1,000 included):
    the network invoices her 400 pages, and its settlement statement tells Auch what it earned."""
    from coopconnect.billing.models import Tariff
    from coopconnect.billing.services.subscriptions import subscribe
    from coopconnect.billing.services.usage import usage_record

    made = 0
    tariff = Tariff.objects.filter(network__places=auch, code="soho-solo-adhesion").first()
    if tariff is not None and not member.subscriptions.filter(tariff=tariff).exists():
        try:
            subscribe(person=member, tariff=tariff, start=first, today=first)
            made += 1
        except DomainError:
            return made
    at = dt.datetime.combine(
        first + dt.timedelta(days=9), dt.time(15), tzinfo=timezone.get_current_timezone()
    )
    try:
        usage_record(
            place=auch,
            person=member,
            service_code="print",
            quantity=1400,
            at=at,
            source="host",
            external_id=f"seed-invoices-print-{first:%Y-%m}",
        )
        made += 1
    except DomainError:
        pass
    return made


def record_demo_payments(first: dt.date, host: Any) -> tuple[int, int]:
    """Bâticom: one session offered by a credit note, the rest paid by transfer; Murat: Marie pays by
    cheque; the employer's invoice stays due. Idempotent: payments and credit notes looked up first."""
    from coopconnect.billing import selectors
    from coopconnect.billing.models import Invoice, InvoiceKind, InvoiceStatus, Payment, PaymentMethod
    from coopconnect.billing.services.invoicing.credit_notes import credit_note_create
    from coopconnect.billing.services.payments import payment_record

    month = Invoice.objects.filter(
        kind=InvoiceKind.INVOICE,
        status=InvoiceStatus.ISSUED,
        period_start=first,
        buyer_person__email="membre@coop-connect.fr",
        buyer_organisation__isnull=True,
    ).exclude(run_key="")
    baticom = month.filter(issuer__place__source_id="pertuis").first()
    murat = month.filter(issuer__place__source_id="murat").first()
    credited = 0
    if baticom is not None:
        if not baticom.credit_notes.exists():
            line = baticom.lines.order_by("position").first()
            if line is not None and line.amount_ht > 0:
                credit_note_create(
                    invoice=baticom, reason=CREDIT_REASON, amount_ht=line.amount_ht, created_by=host
                )
        credited = baticom.credit_notes.count()
    paid = 0
    for inv, method, ref in (
        (baticom, PaymentMethod.TRANSFER, TRANSFER_REF),
        (murat, PaymentMethod.CHEQUE, CHEQUE_REF),
    ):
        if inv is None:
            continue
        due = selectors.outstanding(inv)
        if not Payment.objects.filter(invoice=inv, reference=ref).exists() and due > 0:
            payment_record(
                invoice=inv,
                amount=due,
                method=method,
                received_on=timezone.localdate(),
                reference=ref,
                recorded_by=host,
            )
        paid += Payment.objects.filter(invoice=inv, reference=ref).exists()
    return paid, credited


def seed_invoices() -> dict[str, int]:
    """Invoice last month's demo days, record payments and a credit note, settle; return counts."""
    from coopconnect.accounts.models import User
    from coopconnect.billing.models import Invoice, SettlementStatement
    from coopconnect.billing.services.invoicing.run import run_invoicing
    from coopconnect.billing.services.invoicing.settlements import settle_month

    first = last_month(timezone.localdate())
    booked = book_last_month(first)
    report = run_invoicing(month=first)
    host = User.objects.filter(email="hote.pertuis@coop-connect.fr").first()
    paid, credited = record_demo_payments(first, host)
    settle_month(month=first)
    return {
        "booked_now": booked,
        "issued_now": len(report.created),
        "invoices": Invoice.objects.filter(period_start=first).count(),
        "paid": paid,
        "credit_notes": credited,
        "settlements": SettlementStatement.objects.filter(period_start=first).count(),
    }
