"""Every tariff of the 2012 study, priced by worked scenarios (arithmetic in the comments).

Quotes price slots (time frozen before them); monthly fees are priced as the invoicing run does.
"""

from datetime import date
from decimal import Decimal

import pytest
import time_machine

from coopconnect.billing import seed
from coopconnect.billing.models import BillingProfile, Tariff, UsageRecord
from coopconnect.billing.services import subscriptions as subs
from coopconnect.billing.services.invoicing.batch import price_person_month
from coopconnect.billing.services.quotes import Slot, quote_for
from coopconnect.billing.tests.conftest import at, book, seat
from coopconnect.core.errors import DomainError
from coopconnect.places.models import Resource, ResourceKind

D = Decimal
BEFORE = "2026-10-01 08:00 +0200"


def day_slots(resource, days, h1=9, h2=17, month=11, year=2026):
    return [Slot(resource=resource, start=at(year, month, d, h1), end=at(year, month, d, h2)) for d in days]


def amounts(quote):
    return [(ln.label, ln.amount) for ln in quote.lines]


def total(lines):
    return sum((ln.amount for ln in lines), D("0"))


# --- Murat -----------------------------------------------------------------------------------------


@time_machine.travel(BEFORE, tick=False)
def test_murat_five_days_in_one_week_cost_the_week_rate(murat, member):
    # Mon 2 to Fri 6 November 2026: 5 × 20 € = 100 € > week 80 € -> 80 € excl. VAT, + 20 % = 96 €.
    q = quote_for(person=member, bookings_or_slots=day_slots(seat(murat), range(2, 7)))
    assert q.total_ht == D("80.00")
    assert q.vat == D("16.00") and q.total_ttc == D("96.00")
    assert len(q.lines) == 1 and "Forfait semaine" in q.lines[0].label
    assert "100\u00a0€" in q.lines[0].reason


@time_machine.travel(BEFORE, tick=False)
def test_murat_three_days_stay_at_the_day_rate(murat, member):
    # 3 × 20 € = 60 € < week pass 80 € -> 60 €.
    q = quote_for(person=member, bookings_or_slots=day_slots(seat(murat), [2, 3, 4]))
    assert q.total_ht == D("60.00")
    assert q.lines[0].quantity == 3 and q.lines[0].unit_price == D("20")


@time_machine.travel(BEFORE, tick=False)
def test_murat_half_day_and_two_half_days_make_a_day(murat, member):
    r = seat(murat)
    # 9:00-12:00 = 3 h <= 5 h -> one half-day, 10 €.
    q = quote_for(person=member, bookings_or_slots=[Slot(r, at(2026, 11, 2, 9), at(2026, 11, 2, 12))])
    assert q.total_ht == D("10.00")
    # Morning 9-12 + afternoon 14-18 the same day = 7 h -> a day, 20 € (not 2 × 10 €: same price, one line).
    q = quote_for(
        person=member,
        bookings_or_slots=[
            Slot(r, at(2026, 11, 3, 9), at(2026, 11, 3, 12)),
            Slot(r, at(2026, 11, 3, 14), at(2026, 11, 3, 18)),
        ],
    )
    assert q.total_ht == D("20.00")


@time_machine.travel(BEFORE, tick=False)
def test_murat_trained_teleworker_is_free_for_two_years(murat, member):
    # Trained on 1 Oct 2026: free until 30 Sep 2028; 5 days in November -> 0 €, one explained line.
    grant = seed.grant_murat_training(person=member, place=murat, start=date(2026, 10, 1))
    assert grant.end == date(2028, 9, 30)
    q = quote_for(person=member, bookings_or_slots=day_slots(seat(murat), range(2, 7)))
    assert q.total_ht == D("0") and q.total_ttc == D("0")
    assert "formé" in q.lines[0].label and "30/09/2028" in q.lines[0].label


@time_machine.travel(BEFORE, tick=False)
def test_murat_free_period_ends(murat, member):
    seed.grant_murat_training(person=member, place=murat, start=date(2024, 10, 1))  # ends 30/09/2026
    q = quote_for(person=member, bookings_or_slots=day_slots(seat(murat), [2]))
    # The two years are over: 1 day at 20 €.
    assert q.total_ht == D("20.00")


@time_machine.travel(BEFORE, tick=False)
def test_murat_monthly_plan_two_days_a_week(murat, member):
    plan = Tariff.objects.get(place=murat, code="murat-mois-2j")
    subs.subscribe(person=member, tariff=plan, start=date(2026, 11, 1))
    r = seat(murat)
    # Week of 2 Nov: Mon, Tue, Wed -> 2 days included, the 3rd charged 20 € (overage at the per-use rate).
    for d in (2, 3, 4):
        book(r, member, at(2026, 11, d, 9), at(2026, 11, d, 17))
    lines = price_person_month(person=member, month=date(2026, 11, 1))[None]
    # Plan 100 € + 1 extra day 20 € = 120 €.
    assert total(lines) == D("120.00")
    labels = " | ".join(ln.label for ln in lines)
    assert "Inclus dans « Abonnement 1 ou 2 jours par semaine » — 2 jour(s)" in labels


# --- Pomerol ---------------------------------------------------------------------------------------


@time_machine.travel(BEFORE, tick=False)
def test_pomerol_a_la_carte_for_everyone(pomerol, member):
    # Not a member: 5 days × 14 € (membership included) = 70 €; bundles are for members only.
    q = quote_for(person=member, bookings_or_slots=day_slots(seat(pomerol), [2, 3, 4, 9, 10]))
    assert q.total_ht == D("70.00") and q.vat == D("0")
    assert q.mentions == ["TVA non applicable, art. 293 B du CGI"]


@time_machine.travel(BEFORE, tick=False)
def test_pomerol_member_gets_the_cheapest_bundle(pomerol, member):
    subs.subscribe(person=member, tariff=Tariff.objects.get(code="pomerol-adhesion"), start=date(2026, 10, 1))
    r = seat(pomerol)
    # 5 days: 5 × 14 = 70 €; bundle 4 days 40 € + 1 × 14 € = 54 €; bundle 8 days 70 € -> 54 €.
    q = quote_for(person=member, bookings_or_slots=day_slots(r, [2, 3, 4, 9, 10]))
    assert q.total_ht == D("54.00")
    assert any("4 jours" in ln.label for ln in q.lines)
    # 8 days: 8 × 14 = 112 €; 4-day bundle 40 + 4 × 14 = 96 €; 8-day bundle 70 €; 12-day 90 € -> 70 €.
    q = quote_for(person=member, bookings_or_slots=day_slots(r, [2, 3, 4, 5, 9, 10, 11, 12]))
    assert q.total_ht == D("70.00")
    # 12 days: 12-day bundle 90 € < 8-day 70 + 4 × 14 = 126 € -> 90 €.
    q = quote_for(person=member, bookings_or_slots=day_slots(r, [2, 3, 4, 5, 6, 9, 10, 12, 13, 16, 17, 18]))
    assert q.total_ht == D("90.00")


@time_machine.travel(BEFORE, tick=False)
def test_pomerol_membership_and_full_time(pomerol, member):
    adhesion = Tariff.objects.get(code="pomerol-adhesion")
    full = Tariff.objects.get(code="pomerol-temps-plein")
    with pytest.raises(DomainError, match="réservée aux adhérents"):
        subs.subscribe(person=member, tariff=full, start=date(2026, 11, 1))
    subs.subscribe(person=member, tariff=adhesion, start=date(2026, 11, 1))
    subs.subscribe(person=member, tariff=full, start=date(2026, 11, 1))
    # November: membership 30 € (1/11/2026-31/10/2027) + full time 107 € = 137 €, no VAT (293 B).
    lines = price_person_month(person=member, month=date(2026, 11, 1))[None]
    assert total(lines) == D("137.00")
    # December: only the plan, 107 €.
    assert total(price_person_month(person=member, month=date(2026, 12, 1))[None]) == D("107.00")


# --- Boitron ---------------------------------------------------------------------------------------


@time_machine.travel(BEFORE, tick=False)
def test_boitron_yearly_fee_and_monthly_plan(boitron, member):
    subs.subscribe(
        person=member, tariff=Tariff.objects.get(code="boitron-cotisation"), start=date(2026, 11, 1)
    )
    plan = subs.subscribe(
        person=member, tariff=Tariff.objects.get(code="boitron-abonnement"), start=date(2026, 11, 1)
    )
    assert plan.commitment_months == 12
    # 15 € a year + 50 € a month = 65 € in November (study: 10 subscribers, 500 €/month + 15 €/year each).
    assert total(price_person_month(person=member, month=date(2026, 11, 1))[None]) == D("65.00")
    with pytest.raises(DomainError, match="Engagement minimum de 12 mois"):
        subs.end_subscription(subscription=plan, last_day=date(2027, 3, 31))


@time_machine.travel(BEFORE, tick=False)
def test_boitron_meeting_room_for_companies_only(boitron, member, employer):
    room = Resource.objects.create(place=boitron, kind=ResourceKind.MEETING_ROOM, name="Salle", capacity=18)
    slot = [Slot(room, at(2026, 11, 5, 9), at(2026, 11, 5, 18))]
    # A company: 1 day × 100 € = 100 €.
    assert quote_for(person=member, bookings_or_slots=slot, employer=employer).total_ht == D("100.00")
    # A private person: no tariff applies -> a clear refusal, not a 0 € quote.
    with pytest.raises(DomainError, match="Aucun tarif de Boitron"):
        quote_for(person=member, bookings_or_slots=slot)


# --- Gers Soho-Solo --------------------------------------------------------------------------------


@time_machine.travel(BEFORE, tick=False)
def test_gers_free_membership_offices_and_rooms_free(auch, soho_solo, member):
    subs.subscribe(
        person=member, tariff=Tariff.objects.get(code="soho-solo-adhesion"), start=date(2026, 10, 1)
    )
    office = Resource.objects.create(place=auch, kind=ResourceKind.OFFICE, name="Bureau 3", capacity=1)
    room = Resource.objects.create(place=auch, kind=ResourceKind.MEETING_ROOM, name="Salle 15", capacity=15)
    q = quote_for(person=member, bookings_or_slots=day_slots(office, [2, 3]) + day_slots(room, [4]))
    # Offices and meeting rooms are free for members: 0 €.
    assert q.total_ht == D("0")


@time_machine.travel(BEFORE, tick=False)
def test_gers_print_quota_then_coworking_and_office_rent(auch, soho_solo, member):
    subs.subscribe(
        person=member, tariff=Tariff.objects.get(code="soho-solo-adhesion"), start=date(2026, 11, 1)
    )
    subs.subscribe(person=member, tariff=Tariff.objects.get(code="auch-coworking"), start=date(2026, 11, 1))
    office = Resource.objects.create(
        place=auch, kind=ResourceKind.OFFICE, name="Bureau 12 m²", capacity=1, surface_m2=D("12")
    )
    subs.subscribe(
        person=member,
        tariff=Tariff.objects.get(code="auch-bureau-m2"),
        start=date(2026, 11, 1),
        resource=office,
    )
    UsageRecord.objects.create(
        place=auch, person=member, service_code="print", quantity=D("700"), at=at(2026, 11, 3)
    )
    UsageRecord.objects.create(
        place=auch, person=member, service_code="print", quantity=D("500"), at=at(2026, 11, 20)
    )
    lines = price_person_month(person=member, month=date(2026, 11, 1))[None]
    by = {ln.label: ln.amount for ln in lines}
    # Membership 0 € + coworking 50 € + office 12 m² × 15 € = 180 € + prints (1,200 - 1,000) × 0.05 € = 10 €.
    assert total(lines) == D("240.00")
    assert by["Bureau (hôtel d'entreprises InnoParc) — 12 m² × 15\u00a0€"] == D("180.00")
    assert by["print au-delà du quota — 200 × 0,05\u00a0€"] == D("10.00")


# --- Reichstett ------------------------------------------------------------------------------------


@time_machine.travel(BEFORE, tick=False)
def test_reichstett_day_rate_excl_vat(reichstett, member):
    # 3 days × 12 € HT = 36 € + 20 % VAT 7.20 € = 43.20 €.
    q = quote_for(person=member, bookings_or_slots=day_slots(seat(reichstett), [2, 3, 4]))
    assert (q.total_ht, q.vat, q.total_ttc) == (D("36.00"), D("7.20"), D("43.20"))


@time_machine.travel(BEFORE, tick=False)
def test_reichstett_subscriptions_one_to_five_days(reichstett, member):
    for n in range(1, 6):
        # N days a week = 4 weeks × N × 12 € = 48 N € (hypothesis; the study keeps the detail confidential).
        assert Tariff.objects.get(code=f"reichstett-{n}-jours-semaine").price == D(48 * n)
    with pytest.raises(DomainError, match="au moins 1 mois"):
        subs.subscribe(
            person=member,
            tariff=Tariff.objects.get(code="reichstett-2-jours-semaine"),
            start=date(2026, 11, 1),
            commitment_months=0,
        )


@time_machine.travel(BEFORE, tick=False)
def test_reichstett_degressive_for_employer_and_services_to_employer(reichstett, member, employer):
    from coopconnect.accounts.models import OrganisationMembership, User

    plan = Tariff.objects.get(code="reichstett-2-jours-semaine")
    colleagues = [member] + [
        User.objects.create_user(f"sal{i}@example.org", "x-pass-123456") for i in range(2)
    ]
    for person in colleagues[1:]:
        OrganisationMembership.objects.create(organisation=employer, user=person)
    for person in colleagues:
        subs.subscribe(
            person=person, tariff=plan, start=date(2026, 11, 1), employer=employer, commitment_months=12
        )
    UsageRecord.objects.create(
        place=reichstett, person=member, service_code="print", quantity=D("30"), at=at(2026, 11, 3)
    )
    UsageRecord.objects.create(
        place=reichstett, person=member, service_code="coffee", quantity=D("4"), at=at(2026, 11, 3)
    )
    lines = price_person_month(person=member, month=date(2026, 11, 1))
    assert None not in lines  # nothing billed to the employee: the employer pays
    mine = lines[employer.pk]
    # 2 days a week 96 € - 10 % (12 months' commitment) 9.60 € - 5 % (3 people) 4.80 € = 81.60 €;
    # prints 30 × 0.10 € = 3 € and coffee 4 × 0.50 € = 2 € -> 86.60 € excl. VAT for this employee.
    assert [ln.amount for ln in mine if ln.amount < 0] == [D("-9.60"), D("-4.80")]
    assert total(mine) == D("86.60")


# --- La Locomotive, Gap ------------------------------------------------------------------------------


@time_machine.travel(BEFORE, tick=False)
def test_locomotive_never_more_than_300_a_month(locomotive, member):
    r = seat(locomotive)
    days = [2, 3, 4, 5, 6, 9, 10, 11, 12, 13, 16, 17, 18, 19, 20, 23]
    # 16 days × 20 € = 320 € > cap 300 € -> one line of -20 € -> 300 €, no VAT (association).
    q = quote_for(person=member, bookings_or_slots=day_slots(r, days))
    assert q.total_ht == D("300.00")
    assert q.lines[-1].amount == D("-20.00") and "300\u00a0€" in q.lines[-1].label
    # 10 days × 20 € = 200 € < 300 € -> 200 € (no commitment, no cap line).
    assert quote_for(person=member, bookings_or_slots=day_slots(r, days[:10])).total_ht == D("200.00")


@time_machine.travel(BEFORE, tick=False)
def test_locomotive_services_included(locomotive, member):
    book(seat(locomotive), member, at(2026, 11, 2, 9), at(2026, 11, 2, 17))
    UsageRecord.objects.create(
        place=locomotive, person=member, service_code="print", quantity=D("80"), at=at(2026, 11, 2)
    )
    # 1 day 20 € + prints included ("tout compris") = 20 €.
    assert total(price_person_month(person=member, month=date(2026, 11, 1))[None]) == D("20.00")


# --- Bâticom, Pertuis --------------------------------------------------------------------------------


@time_machine.travel(BEFORE, tick=False)
def test_baticom_video_room_per_two_hours_plus_session(place, member):
    seed.configure_baticom(place)
    video = Resource.objects.create(
        place=place, kind=ResourceKind.VIDEO_POINT, name="Salle visio", capacity=15
    )
    # 2 h: room 49 € + session 49 € = 98 € excl. VAT (the study's "soit 100 € minimum" rounds it).
    q = quote_for(person=member, bookings_or_slots=[Slot(video, at(2026, 11, 2, 10), at(2026, 11, 2, 12))])
    assert q.total_ht == D("98.00") and q.total_ttc == D("117.60")
    # 3 h = 2 started blocks: 2 × 49 + 2 × 49 = 196 €.
    q = quote_for(person=member, bookings_or_slots=[Slot(video, at(2026, 11, 3, 14), at(2026, 11, 3, 17))])
    assert q.total_ht == D("196.00")


# --- The study's business-plan grid --------------------------------------------------------------------


@time_machine.travel(BEFORE, tick=False)
def test_business_plan_occasional_days_and_half_days(grid_place, member):
    r = seat(grid_place)
    slots = day_slots(r, [2, 9, 16]) + [
        Slot(r, at(2026, 11, d, 9), at(2026, 11, d, 12)) for d in (3, 10, 17, 24)
    ]
    # 3 occasional days × 15 € = 45 € + 4 half-days × 10 € = 40 € -> 85 € (the study: 3 days and 4
    # half-days a month over 10 months = 450 € + 400 €).
    q = quote_for(person=member, bookings_or_slots=slots)
    assert q.total_ht == D("85.00")


@time_machine.travel(BEFORE, tick=False)
@pytest.mark.parametrize(
    ("code", "monthly"),
    [("bp-temps-plein", "180"), ("bp-4-jours", "150"), ("bp-2-jours", "80"), ("bp-1-jours", "50")],
)
def test_business_plan_yearly_contracts(grid_place, member, code, monthly):
    sub = subs.subscribe(person=member, tariff=Tariff.objects.get(code=code), start=date(2026, 11, 1))
    # Yearly contract: 12 months' commitment, monthly price as in the grid.
    assert sub.commitment_months == 12
    assert total(price_person_month(person=member, month=date(2026, 11, 1))[None]) == D(monthly)
    # Over the year: 12 × the monthly price (e.g. 4 people at 2 days: 4 × 80 × 12 = 3,840 € as in the study).
    year = sum(
        total(
            price_person_month(person=member, month=date(2026 + (10 + i) // 12, (10 + i) % 12 + 1, 1))[None]
        )
        for i in range(12)
    )
    assert year == D(monthly) * 12


@time_machine.travel("2026-11-10 08:00 +0100", tick=False)
def test_a_month_started_mid_way_is_prorated_by_calendar_days(grid_place, member):
    # Starts 15 November: 16 days of 30 -> 80 € × 16 / 30 = 42.666… -> 42.67 € (rounded once).
    subs.subscribe(person=member, tariff=Tariff.objects.get(code="bp-2-jours"), start=date(2026, 11, 15))
    lines = price_person_month(person=member, month=date(2026, 11, 1))[None]
    assert [ln.amount for ln in lines] == [D("42.67")]
    assert "prorata 16/30" in lines[0].label


@time_machine.travel(BEFORE, tick=False)
def test_member_code_is_created_once(member):
    from coopconnect.billing.services.usage import member_code_for

    code = member_code_for(member)
    assert code == member_code_for(member) and BillingProfile.objects.count() == 1
