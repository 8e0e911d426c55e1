"""Bad input refused with clear French messages; plan lifecycle; network membership; reminders; seed."""

from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from coopconnect.billing import seed
from coopconnect.billing.models import FreePeriod, Invoice, Reminder, Subscription, Tariff, TariffKind
from coopconnect.billing.models.tariffs import Overage, Unit
from coopconnect.billing.services import subscriptions as subs
from coopconnect.billing.services.invoicing.batch import price_person_month
from coopconnect.billing.services.invoicing.run import run_invoicing
from coopconnect.billing.services.payments import payment_record, send_reminders
from coopconnect.billing.services.quotes import Slot, quote_for
from coopconnect.billing.services.tariffs import tariff_create, tariff_end
from coopconnect.billing.tests.conftest import at, book, make_place, seat
from coopconnect.billing.tests.test_invoicing import NOV
from coopconnect.billing.tests.test_study_tariffs import total
from coopconnect.core.errors import Conflict, DomainError

D = Decimal
BEFORE = "2026-10-01 08:00 +0200"


def day(place, **kw):
    return dict(
        place=place,
        code=kw.pop("code", "jour"),
        label=kw.pop("label", "Journée"),
        kind=TariffKind.PER_USE,
        unit=kw.pop("unit", Unit.DAY),
        price=kw.pop("price", D("20")),
        **kw,
    )


# --- tariffs ------------------------------------------------------------------------------------------


def test_negative_amount_refused(place):
    with pytest.raises(DomainError, match="Le prix ne peut pas être négatif."):
        tariff_create(**day(place, price=D("-1")))
    assert not Tariff.objects.exists()


def test_overlapping_tariff_refused_until_the_old_one_ends(place):
    old = tariff_create(**day(place, valid_from=date(2026, 1, 1)))
    with pytest.raises(
        DomainError, match="Tarif contradictoire : « Journée » couvre déjà la même prestation"
    ):
        tariff_create(**day(place, code="jour-2027", price=D("22"), valid_from=date(2026, 6, 1)))
    tariff_end(tariff=old, last_day=date(2026, 12, 31))
    new = tariff_create(**day(place, code="jour-2027", price=D("22"), valid_from=date(2027, 1, 1)))
    assert new.price == D("22") and Tariff.objects.count() == 2


def test_contradictory_ladder_refused(place):
    tariff_create(**day(place, price=D("20")))
    with pytest.raises(
        DomainError, match="« Demi-journée » \\(25.00 €\\) coûterait plus cher que « Journée »"
    ):
        tariff_create(**day(place, code="demi", label="Demi-journée", unit=Unit.HALF_DAY, price=D("25.00")))
    with pytest.raises(DomainError, match="coûterait plus cher"):
        tariff_create(**day(place, code="sem", label="Semaine", unit=Unit.WEEK, price=D("15")))


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"vat_exempt": True, "vat_rate": D("20")}, "le taux doit être 0 %"),
        ({"vat_rate": D("19")}, "Taux de TVA inconnu"),
        ({"unit": ""}, "Précisez l'unité"),
        ({"unit": Unit.HOUR_BLOCK}, "durée de la tranche horaire"),
        ({"resource_kind": "jacuzzi"}, "Type de ressource inconnu"),
    ],
)
def test_kind_specific_checks(place, fields, message):
    with pytest.raises(DomainError, match=message):
        tariff_create(**day(place, **fields))


def test_owner_and_bundle_checks(place, network):
    with pytest.raises(DomainError, match="soit à un lieu, soit à un réseau"):
        tariff_create(**day(place, network=network))
    with pytest.raises(DomainError, match="de 1 à 31 jours par mois"):
        tariff_create(
            place=place, code="b", label="Carnet", kind=TariffKind.BUNDLE, price=D("10"), days_per_month=40
        )
    with pytest.raises(DomainError, match="de 1 à 7 jours par semaine"):
        tariff_create(
            place=place, code="s", label="Abo", kind=TariffKind.SUBSCRIPTION, price=D("10"), days_per_week=9
        )


# --- subscriptions ------------------------------------------------------------------------------------


@time_machine.travel(BEFORE, tick=False)
def test_subscription_start_in_the_past_refused(murat, member):
    plan = Tariff.objects.get(code="murat-mois-2j")
    with pytest.raises(DomainError, match="Un abonnement ne peut pas commencer dans le passé."):
        subs.subscribe(person=member, tariff=plan, start=date(2026, 9, 30))
    sub = subs.subscribe(person=member, tariff=plan, start=date(2026, 10, 1))
    with pytest.raises(Conflict, match="déjà cette formule"):
        subs.subscribe(person=member, tariff=plan, start=date(2026, 11, 1))
    assert Subscription.objects.get() == sub


@time_machine.travel(BEFORE, tick=False)
def test_membership_renew_pause_resume_and_change_plan(grid_place, member):
    one = Tariff.objects.get(code="bp-1-jours")
    two = Tariff.objects.get(code="bp-2-jours")
    sub = subs.subscribe(person=member, tariff=one, start=date(2026, 10, 1))
    with pytest.raises(DomainError, match="fin possible au plus tôt le 30/09/2027"):
        subs.change_plan(subscription=sub, tariff=two, on=date(2027, 1, 1))
    new = subs.change_plan(subscription=sub, tariff=two, on=date(2027, 10, 1))
    sub.refresh_from_db()
    assert sub.end == date(2027, 9, 30) and sub.replaced_by == new and new.tariff == two
    paused = subs.pause(subscription=new, start=date(2027, 12, 1), until=date(2027, 12, 15))
    assert paused.status == "paused"
    # December 2027 with 15 paused days: 80 € × 16 / 31 = 41.290… -> 41.29 €.
    lines = price_person_month(person=member, month=date(2027, 12, 1))[None]
    assert [ln.amount for ln in lines] == [D("41.29")]
    with time_machine.travel("2027-12-10 08:00 +0100", tick=False):
        resumed = subs.resume(subscription=new)
    assert resumed.status == "active" and resumed.paused_until == date(2027, 12, 9)


@time_machine.travel(BEFORE, tick=False)
def test_yearly_membership_renews(pomerol, member):
    m = subs.subscribe(
        person=member, tariff=Tariff.objects.get(code="pomerol-adhesion"), start=date(2026, 11, 1)
    )
    assert m.end == date(2027, 10, 31)
    assert subs.renew(subscription=m).end == date(2028, 10, 31)
    # The fee comes back on the anniversary: November 2027 bills 30 € again.
    assert total(price_person_month(person=member, month=date(2027, 11, 1))[None]) == D("30.00")


@time_machine.travel(BEFORE, tick=False)
def test_network_membership_valid_at_every_place_each_keeping_its_rates(soho_solo, auch, pertuis, member):
    other = make_place("Télécentre de Lectoure", "lectoure", pertuis, network=soho_solo)
    seed.configure_murat(other)  # Lectoure keeps its own rates (20 €/day) for seats
    subs.subscribe(
        person=member, tariff=Tariff.objects.get(code="soho-solo-adhesion"), start=date(2026, 10, 1)
    )
    from coopconnect.places.models import Resource, ResourceKind

    room = Resource.objects.create(place=other, kind=ResourceKind.MEETING_ROOM, name="Salle", capacity=8)
    # At Lectoure: the meeting room is included by the network membership (0 €), a seat day is 20 €.
    q = quote_for(
        person=member,
        bookings_or_slots=[
            Slot(room, at(2026, 11, 2), at(2026, 11, 2, 17)),
            Slot(seat(other), at(2026, 11, 3), at(2026, 11, 3, 17)),
        ],
    )
    assert q.total_ht == D("20.00")


@time_machine.travel(BEFORE, tick=False)
def test_plan_refusing_overage(place, member):
    plan = tariff_create(
        place=place,
        code="abo-1j",
        label="Abonnement 1 jour",
        kind=TariffKind.SUBSCRIPTION,
        days_per_week=1,
        price=D("50"),
        overage=Overage.REFUSE,
    )
    tariff_create(**day(place, audience="companies"))  # days sold to companies only: not to this member
    subs.subscribe(person=member, tariff=plan, start=date(2026, 11, 1))
    r = seat(place)
    one = [Slot(r, at(2026, 11, 2), at(2026, 11, 2, 17))]
    assert quote_for(person=member, bookings_or_slots=one).total_ht == D("0")
    with pytest.raises(DomainError, match="couvre 1 jour\\(s\\) par semaine : le 03/11/2026 dépasse"):
        quote_for(person=member, bookings_or_slots=[*one, Slot(r, at(2026, 11, 3), at(2026, 11, 3, 17))])


@time_machine.travel(BEFORE, tick=False)
def test_free_period_needs_a_reason_and_one_scope(place, network, member):
    with pytest.raises(DomainError, match="Indiquez le motif"):
        subs.grant_free_period(
            person=member, place=place, start=date(2026, 1, 1), end=date(2026, 2, 1), reason=" "
        )
    with pytest.raises(DomainError, match="un seul des deux"):
        subs.grant_free_period(
            person=member,
            place=place,
            network=network,
            start=date(2026, 1, 1),
            end=date(2026, 2, 1),
            reason="x",
        )
    assert not FreePeriod.objects.exists()


# --- reminders, tasks, seed ------------------------------------------------------------------------------


def test_reminders_once_per_level_and_not_when_paid(november, member):
    with time_machine.travel("2026-12-01 06:00 +0100", tick=False):
        run_invoicing(month=NOV)
    own = Invoice.objects.get(buyer_person=member, buyer_organisation=None, issuer__place__isnull=False)
    with time_machine.travel("2027-01-01 09:00 +0100", tick=False):  # due 31/12 (30 days): 1 day late
        assert send_reminders() == 3
        assert send_reminders() == 0  # same level: nothing again
        payment_record(invoice=own, amount=D("48.00"), method="transfer", received_on=date(2027, 1, 1))
    with time_machine.travel("2027-01-16 09:00 +0100", tick=False):  # 15 days late: level 2, but paid
        call_command("send_invoice_reminders")
    assert not Reminder.objects.filter(invoice=own, level=2).exists()
    assert Reminder.objects.filter(level=2).count() == 2
    assert any("40 €" in m.body for m in mail.outbox)  # the employer (a business) is told of the 40 € fee


def test_invoicing_task_enqueues_and_runs(november, settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    from coopconnect.billing.jobs import run_invoicing_task

    with time_machine.travel("2026-12-01 06:00 +0100", tick=False):
        result = run_invoicing_task.enqueue("2026-11")
    assert "3 facture(s) émise(s)" in result.return_value


def test_seed_billing_is_idempotent(pertuis, network):
    from coopconnect.places.models import Network

    for name, slug in (
        ("Télécentre de Murat", "murat"),
        ("Pomerol", "pomerol"),
        ("Boitron", "boitron"),
        ("Auch", "auch"),
        ("Reichstett", "reichstett"),
        ("La Locomotive", "la-locomotive"),
        ("Bâticom", "baticom-pertuis"),
        ("Relais de Laragne", "laragne"),
    ):
        make_place(name, slug, pertuis)
    Network.objects.create(name="Soho Solo", slug="soho-solo")
    first = seed.seed_billing()
    count = Tariff.objects.count()
    assert seed.seed_billing() == first and Tariff.objects.count() == count
    assert not any(k.startswith("(absent)") for k in first)
    # Murat 4 + Pomerol 6 + Boitron 3 + Gers 1 + Auch 2 + Reichstett 8 + Locomotive 3 + Bâticom 2
    # + business-plan grid 6 = 35.
    assert count == 35


def test_book_helper_is_used(murat, member):
    # The helper used by the month scenarios creates real bookings that the run picks up.
    with time_machine.travel(BEFORE, tick=False):
        b = book(seat(murat), member, at(2026, 11, 2), at(2026, 11, 2, 17))
    assert b.pk and total(price_person_month(person=member, month=NOV)[None]) == D("20.00")


def test_seed_gives_demo_places_an_issuer(pertuis):
    from coopconnect.billing.models import Issuer

    make_place("Pomerol", "pomerol", pertuis)
    seed.seed_billing()
    seed.seed_billing()
    issuer = Issuer.objects.get()
    assert issuer.place.slug == "pomerol" and issuer.vat_exempt and "(démo)" in issuer.name


@time_machine.travel(BEFORE, tick=False)
def test_quote_box_tag_for_the_booking_page(rf, murat, member):
    from django.contrib.auth.models import AnonymousUser
    from django.template import Context, Template

    r = seat(murat)
    tpl = Template("{% load billing %}{% quote_box resource start end %}")
    request = rf.get("/")
    request.user = member
    html = tpl.render(
        Context({"request": request, "resource": r, "start": at(2026, 11, 2), "end": at(2026, 11, 2, 17)})
    )
    # One day at Murat: 20 € HT, 24 € TTC.
    assert "24,00\u00a0€" in html and "Prix estimé" in html
    request.user = AnonymousUser()
    assert "Connectez-vous" in tpl.render(
        Context({"request": request, "resource": r, "start": at(2026, 11, 2), "end": at(2026, 11, 2, 17)})
    )


@time_machine.travel(BEFORE, tick=False)
def test_included_hours_of_a_room_then_charged(place, member):
    from coopconnect.places.models import Resource, ResourceKind

    seed.configure_baticom(place)
    club = tariff_create(
        place=place,
        code="club",
        label="Club entreprises",
        kind=TariffKind.MEMBERSHIP,
        price=D("120"),
        allowances=[{"service_code": "video_point", "quantity": D("4"), "unit_label": "heures"}],
    )
    subs.subscribe(person=member, tariff=club, start=date(2026, 11, 1))
    video = Resource.objects.create(place=place, kind=ResourceKind.VIDEO_POINT, name="Visio", capacity=10)
    slots = [Slot(video, at(2026, 11, d, 14), at(2026, 11, d, 16)) for d in (2, 3, 4)]
    # 3 sessions of 2 h; 4 h included a month -> the first two free, the third 49 + 49 = 98 € HT.
    assert quote_for(person=member, bookings_or_slots=slots).total_ht == D("98.00")


def test_quote_for_existing_bookings_and_month_pass(place, member):
    tariff_create(**day(place, price=D("20")))
    tariff_create(**day(place, code="mois", label="Forfait mois", unit=Unit.MONTH, price=D("150")))
    r = seat(place)
    with time_machine.travel(BEFORE, tick=False):
        bookings = [book(r, member, at(2026, 11, d), at(2026, 11, d, 17)) for d in (2, 3, 4, 5, 6, 9, 10, 12)]
    # 8 days × 20 € = 160 € > month pass 150 € -> 150 € (bookings are quoted as they are, past or not).
    q = quote_for(person=member, bookings_or_slots=bookings)
    assert q.total_ht == D("150.00") and "Forfait mois" in q.lines[0].label


def test_issuer_identity_checked(place_issuer):
    from django.core.exceptions import ValidationError

    place_issuer.full_clean()  # the fixture's SIREN, SIRET and VAT number are valid
    place_issuer.siren = "123456789"
    with pytest.raises(ValidationError, match="SIREN invalide"):
        place_issuer.full_clean()
