"""Quotes for a person (issue 4): the price shown is the bill of the person booked for, not the booker's.

Place ``place`` (hosted by ``host``) runs Murat's tariffs: 20 € HT a day (24 € TTC), or 100 € a month
for 2 days a week included. ``member`` holds that plan and already has Mon 2 Nov 2026 booked, so Tue 3
is their 2nd day of the week: included, it adds 0 €. Anyone else pays the day: 20 € HT, 24 € TTC.
"""

import json
from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse
from django.utils.html import escape

from coopconnect.billing import seed
from coopconnect.billing.models import Tariff
from coopconnect.billing.services import subscriptions as subs
from coopconnect.billing.services.quotes import Slot, marginal_quote_for
from coopconnect.billing.tests.conftest import at, book, seat
from coopconnect.bookings.models import Booking

D = Decimal
BEFORE = "2026-10-01 08:00 +0200"
TUE_3 = {"date": "2026-11-03", "slot": "day"}


@pytest.fixture
def murat_seats(place, member):
    seed.configure_murat(place)
    r = seat(place)
    with time_machine.travel(BEFORE, tick=False):
        plan = Tariff.objects.get(place=place, code="murat-mois-2j")
        subs.subscribe(person=member, tariff=plan, start=date(2026, 11, 1))
        book(r, member, at(2026, 11, 2, 9), at(2026, 11, 2, 17))
    return r


def tue_3(resource):
    return Slot(resource=resource, start=at(2026, 11, 3, 9), end=at(2026, 11, 3, 17))


def confirm_url(resource):
    return reverse("bookings:confirm", args=[resource.pk])


@time_machine.travel(BEFORE, tick=False)
def test_host_booking_for_a_member_sees_the_members_price(client, host, member, murat_seats):
    client.force_login(host)
    html = client.get(confirm_url(murat_seats), {**TUE_3, "person": member.pk}).content.decode()
    # The member's 2nd day of the week is in the plan: 0 € (the host would pay 24 € TTC).
    assert "Prix pour " + escape(str(member)) in html
    assert "Total TTC : 0,00\u00a0€" in html and "24,00" not in html
    assert f'<option value="{member.pk}" selected>' in html
    # Without a person, the host sees their own price.
    html = client.get(confirm_url(murat_seats), TUE_3).content.decode()
    assert "Votre prix" in html and "Total TTC : 24,00\u00a0€" in html


@time_machine.travel(BEFORE, tick=False)
def test_host_books_for_the_member_from_the_confirm_page(client, host, member, murat_seats):
    client.force_login(host)
    resp = client.post(confirm_url(murat_seats), {**TUE_3, "person": member.pk})
    assert resp.status_code == 302
    booking = Booking.objects.get(start__date=date(2026, 11, 3))
    assert booking.person == member and booking.booked_by == host


@time_machine.travel(BEFORE, tick=False)
def test_employer_admin_sees_the_employees_price_billed_to_the_employer(
    client, member, employer, employer_admin, murat_seats
):
    client.force_login(employer_admin)
    html = client.get(confirm_url(murat_seats), {**TUE_3, "person": member.pk}).content.decode()
    # Billed to the employer at company rates, with the member's holdings as the monthly run counts them:
    # the 2nd day of the week is in the plan -> 0 € (the admin alone would pay a day, 24 € TTC).
    assert "Prix pour " + escape(str(member)) in html
    assert "Facturé à l'employeur Green Ivory" in html
    expected = marginal_quote_for(person=member, bookings_or_slots=[tue_3(murat_seats)], employer=employer)
    assert expected.total_ttc == D("0") and "Total TTC : 0,00\u00a0€" in html and "24,00" not in html


@time_machine.travel(BEFORE, tick=False)
def test_recalculate_button_prices_for_the_person_chosen_without_booking(
    client, member, employer, employer_admin, murat_seats
):
    client.force_login(employer_admin)
    html = client.get(confirm_url(murat_seats), TUE_3).content.decode()
    assert "Votre prix" in html and "Recalculer le prix" in html
    resp = client.post(confirm_url(murat_seats), {**TUE_3, "person": member.pk, "action": "quote"})
    html = resp.content.decode()
    assert resp.status_code == 200 and not Booking.objects.filter(start__date=date(2026, 11, 3)).exists()
    assert "Prix pour " + escape(str(member)) in html and "Green Ivory" in html


@time_machine.travel(BEFORE, tick=False)
@pytest.mark.parametrize("who", ["outsider", "other_host"])
def test_others_cannot_price_or_book_for_someone_else_on_the_page(client, request, who, member, murat_seats):
    client.force_login(request.getfixturevalue(who))
    html = client.get(confirm_url(murat_seats), {**TUE_3, "person": member.pk}).content.decode()
    # Their own price, and not a word about the member.
    assert "Votre prix" in html and "Total TTC : 24,00\u00a0€" in html
    assert escape(str(member)) not in html and member.email not in html
    # Posting the member anyway books for oneself (the choice is not offered), never for the member.
    client.post(confirm_url(murat_seats), {**TUE_3, "person": member.pk})
    assert not Booking.objects.filter(person=member, start__date=date(2026, 11, 3)).exists()


# --- POST /api/v1/quotes with person_id -----------------------------------------------------------------


def quote(client, resource, **extra):
    slot = {
        "resource_id": resource.pk,
        "start": "2026-11-03T09:00:00+01:00",
        "end": "2026-11-03T17:00:00+01:00",
    }
    return client.post(
        "/api/v1/quotes", data=json.dumps({"slots": [slot], **extra}), content_type="application/json"
    )


@time_machine.travel(BEFORE, tick=False)
def test_api_host_quotes_for_a_member_at_their_place(client, host, member, murat_seats):
    client.force_login(host)
    resp = quote(client, murat_seats, person_id=member.pk)
    assert resp.status_code == 200, resp.content
    assert D(resp.json()["total_ht"]) == D("0")  # 2nd day of the week: in the plan
    assert D(quote(client, murat_seats).json()["total_ht"]) == D("20.00")  # the host alone: one day


@time_machine.travel(BEFORE, tick=False)
def test_api_employer_admin_quote_is_billed_to_the_employer(
    client, member, employer, employer_admin, murat_seats
):
    client.force_login(employer_admin)
    resp = quote(client, murat_seats, person_id=member.pk)
    # Billed to the employer (as booking_create would bill it, company rates, the member's holdings): 0 €.
    expected = marginal_quote_for(person=member, bookings_or_slots=[tue_3(murat_seats)], employer=employer)
    assert resp.status_code == 200 and D(resp.json()["total_ht"]) == expected.total_ht == D("0")
    assert D(quote(client, murat_seats).json()["total_ht"]) == D("20.00")  # the admin alone: one day


@time_machine.travel(BEFORE, tick=False)
@pytest.mark.parametrize("who", ["outsider", "other_host", "member"])
def test_api_others_get_403_and_nothing_leaked(
    client, request, who, outsider, murat_seats, django_user_model
):
    target = outsider if who != "outsider" else request.getfixturevalue("coordinator")
    client.force_login(request.getfixturevalue(who))
    known = quote(client, murat_seats, person_id=target.pk)
    unknown = quote(client, murat_seats, person_id=999999)
    assert known.status_code == unknown.status_code == 403
    # Same answer whether the person exists or not; no name, no price.
    assert known.json() == unknown.json()
    assert "total_ht" not in known.json() and target.email not in known.content.decode()
