"""Quotes that know the person's other bookings: what a slot adds to the month's bill.

Each scenario books, quotes the next slot marginally, books it, runs the monthly invoicing and checks
that the invoice grew by exactly the quoted amount (a twin who did not book the slot is the witness).
"""

from datetime import date
from decimal import Decimal

import time_machine

from coopconnect.accounts.models import User
from coopconnect.billing.models import Invoice, Issuer, Tariff
from coopconnect.billing.services import subscriptions as subs
from coopconnect.billing.services.invoicing.run import run_invoicing
from coopconnect.billing.services.quotes import Slot, marginal_quote_for, quote_for
from coopconnect.billing.tests.conftest import at, book, seat

D = Decimal
BEFORE = "2026-10-01 08:00 +0200"
AFTER = "2026-12-01 06:00 +0100"
NOV = date(2026, 11, 1)


def day(resource, d, month=11):
    return Slot(resource=resource, start=at(2026, month, d, 9), end=at(2026, month, d, 17))


def book_day(resource, person, d, month=11, seat_number=1):
    return book(resource, person, at(2026, month, d, 9), at(2026, month, d, 17), seat_number=seat_number)


def issuer_for(place, prefix):
    return Issuer.objects.create(
        place=place,
        name=f"Porteur {place.name}",
        siren="732829320",
        vat_number="FR44732829320",
        address="1 place de la Mairie",
        postcode="84120",
        city="Pertuis",
        number_prefix=prefix,
    )


def twin(email="jumeau@example.org"):
    return User.objects.create_user(email, "mot-de-passe-jumeau", first_name="Jules")


def invoice_of(person):
    return Invoice.objects.get(buyer_person=person, buyer_organisation=None)


def test_murat_fifth_day_moves_the_week_to_the_week_rate(murat, member):
    r = seat(murat)
    with time_machine.travel(BEFORE, tick=False):
        for d in (2, 3, 4, 5):  # Mon 2 to Thu 5 November 2026, already booked: 4 × 20 € = 80 €
            book_day(r, member, d)
        # Alone, Friday costs a day: 20 €.
        assert quote_for(person=member, bookings_or_slots=[day(r, 6)]).total_ht == D("20.00")
        q = marginal_quote_for(person=member, bookings_or_slots=[day(r, 6)])
    # With the 4 days: 5 days in the week -> week pass 80 € = 4 × 20 € already due -> adds 0 €.
    assert q.marginal and q.existing_ht == D("80.00")
    assert q.total_ht == D("0.00") and q.total_ttc == D("0.00")
    assert "La semaine du 2 novembre passe au tarif semaine : 80\u00a0€ au lieu de 4 × 20\u00a0€." in q.notes
    labels = [ln.label for ln in q.lines]
    assert any(lb.startswith("Forfait semaine du 02/11 au 08/11 — 5 jour(s)") for lb in labels)
    assert any(lb.startswith("Remplacé : ") for lb in labels)
    assert sum((ln.amount for ln in q.lines), D("0")) == q.total_ht


def test_murat_marginal_quote_agrees_with_the_invoicing_run(murat, member):
    issuer_for(murat, "MUR")
    r = seat(murat)
    jules = twin()
    with time_machine.travel(BEFORE, tick=False):
        for n, person in enumerate((member, jules), start=1):
            for d in (2, 3, 4):  # Mon-Wed: 3 × 20 € = 60 €
                book_day(r, person, d, seat_number=n)
        q = marginal_quote_for(person=member, bookings_or_slots=[day(r, 5), day(r, 6)])
        for d in (5, 6):
            book_day(r, member, d)
    # Marie: 5 days -> week 80 € instead of 60 € already due: adds 20 € HT, 24 € TTC (VAT 20 %).
    assert (q.total_ht, q.vat, q.total_ttc) == (D("20.00"), D("4.00"), D("24.00"))
    with time_machine.travel(AFTER, tick=False):
        run_invoicing(month=NOV)
    # Run: Marie 80 € HT = 96 € TTC; Jules (3 days) 60 € HT = 72 € TTC; 96 - 72 = 24 € = the quote.
    assert invoice_of(member).total_ttc == D("96.00") and invoice_of(jules).total_ttc == D("72.00")
    assert invoice_of(member).total_ttc - invoice_of(jules).total_ttc == q.total_ttc
    assert invoice_of(member).total_ht - invoice_of(jules).total_ht == q.total_ht


def test_pomerol_bundle_marginal_quote_agrees_with_the_invoicing_run(pomerol, member):
    issuer_for(pomerol, "POM")
    r = seat(pomerol)
    jules = twin()
    adhesion = Tariff.objects.get(code="pomerol-adhesion")
    with time_machine.travel(BEFORE, tick=False):
        for n, person in enumerate((member, jules), start=1):
            # Membership from 1 Oct 2026: its 30 € fee falls in October, none in November.
            subs.subscribe(person=person, tariff=adhesion, start=date(2026, 10, 1))
            for d in (2, 3, 4, 5):  # 4 days: 4 × 14 = 56 € > 4-day bundle 40 € -> 40 €
                book_day(r, person, d, seat_number=n)
        q = marginal_quote_for(person=member, bookings_or_slots=[day(r, 9), day(r, 10)])
        for d in (9, 10):
            book_day(r, member, d)
    # 6 days: 6 × 14 = 84 €; 4-day bundle 40 + 2 × 14 = 68 €; 8-day bundle 70 € -> 68 €; 68 - 40 = 28 €.
    # Association: VAT not applicable -> 28 € TTC.
    assert q.existing_ht == D("40.00")
    assert (q.total_ht, q.vat, q.total_ttc) == (D("28.00"), D("0"), D("28.00"))
    assert q.mentions == ["TVA non applicable, art. 293 B du CGI"]
    with time_machine.travel(AFTER, tick=False):
        run_invoicing(month=NOV)
    # Run: Marie 68 €, Jules 40 €: 68 - 40 = 28 € = the quote.
    assert invoice_of(member).total_ttc == D("68.00") and invoice_of(jules).total_ttc == D("40.00")
    assert invoice_of(member).total_ttc - invoice_of(jules).total_ttc == q.total_ttc


def test_marginal_quote_respects_a_two_days_a_week_plan(murat, member):
    r = seat(murat)
    with time_machine.travel(BEFORE, tick=False):
        plan = Tariff.objects.get(place=murat, code="murat-mois-2j")
        subs.subscribe(person=member, tariff=plan, start=date(2026, 11, 1))
        book_day(r, member, 2)
        q1 = marginal_quote_for(person=member, bookings_or_slots=[day(r, 3)])
        book_day(r, member, 3)
        q2 = marginal_quote_for(person=member, bookings_or_slots=[day(r, 4)])
    # Plan: 2 days a week included. Tue 3 is the 2nd day of the week -> included, adds 0 €.
    assert q1.total_ht == D("0.00")
    # Wed 4 is the 3rd day -> charged at the day rate: adds 20 € HT (24 € TTC); the 100 € fee is unchanged.
    assert q2.total_ht == D("20.00") and q2.total_ttc == D("24.00")
    assert q2.existing_ht == D("100.00")


def test_a_free_period_makes_the_marginal_quote_free(murat, member):
    from coopconnect.billing import seed

    r = seat(murat)
    with time_machine.travel(BEFORE, tick=False):
        seed.grant_murat_training(person=member, place=murat, start=date(2026, 10, 1))
        book_day(r, member, 2)
        q = marginal_quote_for(person=member, bookings_or_slots=[day(r, 3)])
    # Trained teleworker: free until 30/09/2028 -> 0 €.
    assert q.total_ht == D("0") and q.total_ttc == D("0")


def test_a_week_straddling_two_months_is_said_in_the_quote(murat, member):
    r = seat(murat)
    with time_machine.travel(BEFORE, tick=False):
        for d in (23, 24, 25, 26, 27):  # Mon 23 - Fri 27 Nov 2026: 5 days -> week pass 80 €
            book_day(r, member, d)
        # Mon 30 Nov - Fri 4 Dec: 1 day in November, 4 in December.
        q = marginal_quote_for(
            person=member, bookings_or_slots=[day(r, 30), *(day(r, d, month=12) for d in (1, 2, 3, 4))]
        )
    # November: week 23-29 is already a week pass; Mon 30 is another week -> +20 €.
    # December: 4 days of the same week -> 4 × 20 € = 80 € (not a week pass with Monday: other invoice).
    # Total added: 20 + 80 = 100 € HT, 120 € TTC.
    assert q.total_ht == D("100.00") and q.total_ttc == D("120.00")
    assert any("à cheval sur novembre et décembre" in n and "mensuelle" in n for n in q.notes)


# --- where the quote shows: booking confirmation page, quote page, API ------------------------------


def test_booking_confirmation_page_shows_what_the_fifth_day_adds(client, murat, member):
    from django.urls import reverse

    r = seat(murat)
    with time_machine.travel(BEFORE, tick=False):
        for d in (2, 3, 4, 5):  # 4 × 20 € already booked
            book_day(r, member, d)
        client.force_login(member)
        page = client.get(reverse("bookings:confirm", args=[r.pk]), {"date": "2026-11-06", "slot": "day"})
    html = page.content.decode()
    # The main figure is the day booked: 20 € HT = 24 € TTC. Below it, the month effect: Fri 6 moves
    # the week to the week pass, 80 € = 4 × 20 € already due -> 0 € more.
    assert page.status_code == 200
    assert "Total TTC : 24,00\u00a0€" in html and "Total TTC : 0,00" not in html
    assert "Ce que cette réservation ajoute à votre facture du mois" in html
    assert "déjà faites : 0,00\u00a0€ HT (0,00\u00a0€ TTC)." in html
    assert "La semaine du 2 novembre passe au tarif semaine : 80\u00a0€ au lieu de 4 × 20\u00a0€." in html
    assert html.index("Total TTC : 24,00") < html.index("Ce que cette réservation ajoute")
    assert html.count('id="quote-title"') == 1


def test_quote_page_marginal_by_default_and_slot_alone_on_request(client, murat, member):
    from django.urls import reverse

    r = seat(murat)
    with time_machine.travel(BEFORE, tick=False):
        for d in (2, 3, 4, 5):
            book_day(r, member, d)
        client.force_login(member)
        q = {"resource": r.pk, "start": "2026-11-06T09:00", "end": "2026-11-06T17:00"}
        marginal = client.get(reverse("billing:quote"), q).content.decode()
        alone = client.get(reverse("billing:quote"), {**q, "mode": "slots"}).content.decode()
    # With the 4 days: +0 €; alone: 1 day 20 € HT = 24 € TTC.
    assert "Total TTC : 0,00\u00a0€" in marginal
    assert "Total TTC : 24,00\u00a0€" in alone and "Ce que cette réservation ajoute" not in alone


def test_quotes_api_modes(client, murat, member):
    import json

    r = seat(murat)
    body = {
        "slots": [
            {"resource_id": r.pk, "start": "2026-11-06T09:00:00+01:00", "end": "2026-11-06T17:00:00+01:00"}
        ]
    }
    with time_machine.travel(BEFORE, tick=False):
        for d in (2, 3, 4, 5):
            book_day(r, member, d)
        client.force_login(member)

        def post(data):
            return client.post("/api/v1/quotes", data=json.dumps(data), content_type="application/json")

        marginal, alone = post(body), post({**body, "mode": "slots"})
        bad = post({**body, "mode": "cheapest"})
    # Default mode: marginal, adds 0 € (week pass 80 € replaces 4 × 20 € = 80 €), 80 € already due.
    m = marginal.json()
    assert marginal.status_code == 200 and m["mode"] == "marginal"
    assert D(m["total_ttc"]) == D("0") and D(m["existing_ht"]) == D("80.00")
    assert any("passe au tarif semaine" in n for n in m["notes"])
    # Slot alone: 20 € HT, 24 € TTC.
    assert alone.status_code == 200 and D(alone.json()["total_ttc"]) == D("24.00")
    assert alone.json()["existing_ht"] is None
    assert bad.status_code == 422


def test_marginal_quote_via_api_refuses_strangers_for_someone_else(
    client, murat, member, outsider, other_host
):
    import json

    r = seat(murat)
    body = {
        "slots": [
            {"resource_id": r.pk, "start": "2026-11-06T09:00:00+01:00", "end": "2026-11-06T17:00:00+01:00"}
        ],
        "person_id": member.pk,
    }
    with time_machine.travel(BEFORE, tick=False):
        book_day(r, member, 2)
        for stranger in (outsider, other_host):
            client.force_login(stranger)
            resp = client.post("/api/v1/quotes", data=json.dumps(body), content_type="application/json")
            # Nobody learns what Marie already booked through a quote in her name.
            assert resp.status_code == 403
        client.logout()
        assert (
            client.post("/api/v1/quotes", data=json.dumps(body), content_type="application/json").status_code
            == 401
        )
