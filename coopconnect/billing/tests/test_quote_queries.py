"""A marginal quote loads each place's rates once and stays within a bounded number of SQL queries.

The booking page and POST /api/v1/quotes price a marginal quote on every request: a regression that
reloads the rates per month or per pricing pass (with / without the slots) multiplies the queries.
"""

from datetime import date
from decimal import Decimal

import time_machine

from coopconnect.billing.models import Tariff
from coopconnect.billing.services import subscriptions as subs
from coopconnect.billing.services.quotes import Slot, marginal_quote_for
from coopconnect.billing.tests.conftest import at, book, seat

D = Decimal
BEFORE = "2026-10-01 08:00 +0200"


def day(resource, d, month=11):
    return Slot(resource=resource, start=at(2026, month, d, 9), end=at(2026, month, d, 17))


def book_day(resource, person, d, month=11):
    return book(resource, person, at(2026, month, d, 9), at(2026, month, d, 17))


def _world(murat, pomerol, member):
    """Marie holds Murat's 2-days-a-week plan and has booked Mon-Wed 2-4 Nov at Murat, Thu 5 at Pomerol."""
    r_murat, r_pomerol = seat(murat), seat(pomerol)
    plan = Tariff.objects.get(place=murat, code="murat-mois-2j")
    subs.subscribe(person=member, tariff=plan, start=date(2026, 11, 1))
    for d in (2, 3, 4):
        book_day(r_murat, member, d)
    book_day(r_pomerol, member, 5)
    # Quoted: Fri 6 (Murat), Mon 9 (Pomerol), Mon 30 Nov and Tue 1 Dec (Murat): two places, two months.
    return [day(r_murat, 6), day(r_pomerol, 9), day(r_murat, 30), day(r_murat, 1, month=12)]


def test_marginal_quote_loads_each_place_once_within_a_query_bound(
    murat, pomerol, member, django_assert_max_num_queries
):
    with time_machine.travel(BEFORE, tick=False):
        slots = _world(murat, pomerol, member)
        # 42 queries on 2026-11-26 (68 before the per-quote rates cache): the bound leaves a little room,
        # a reload of the rates per month or per pricing pass (5 queries a place) goes over it.
        with django_assert_max_num_queries(46) as ctx:
            q = marginal_quote_for(person=member, bookings_or_slots=slots)
    tariff_loads = [x for x in ctx.captured_queries if 'FROM "billing_tariff"' in x["sql"]]
    assert len(tariff_loads) == 2  # Murat's and Pomerol's rates, once each
    # November already due: plan 100 € + Wed 4, 3rd Murat day of the week beyond the plan's 2, 20 € +
    # Pomerol Thu 5 14 € = 134 €. December already due: the plan's 100 €. Existing: 234 € HT.
    # Added: Fri 6, 4th Murat day of the week, +20 € (VAT 20 % = 4 €); Pomerol Mon 9 +14 € (exempt);
    # Mon 30 Nov and Tue 1 Dec, 1st plan day of their week in each month's invoice, 0 €. 34 € HT, 4 € VAT.
    assert (q.total_ht, q.vat, q.existing_ht) == (D("34.00"), D("4.00"), D("234.00"))


def test_a_tariff_edited_between_two_quotes_is_seen_by_the_second(murat, member):
    r = seat(murat)
    with time_machine.travel(BEFORE, tick=False):
        book_day(r, member, 2)
        first = marginal_quote_for(person=member, bookings_or_slots=[day(r, 3)])
        Tariff.objects.filter(place=murat, code="murat-journee").update(price=D("25.00"))
        second = marginal_quote_for(person=member, bookings_or_slots=[day(r, 3)])
    # Day rate 20 € then 25 €: no rates kept from one quote to the next.
    assert (first.total_ht, second.total_ht) == (D("20.00"), D("25.00"))
