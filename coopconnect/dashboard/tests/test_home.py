"""The personal home: each role sees its own sections, with the test world's data."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from coopconnect.billing.pricing.lines import Line
from coopconnect.billing.services.invoicing.issue import issue_invoice
from coopconnect.bookings.models import Booking, BookingStatus
from coopconnect.bookings.slots import PARIS
from coopconnect.core import formatting

# A Tuesday; the last 30 complete days run from Sunday 14 February to Monday 15 March 2027.
NOW = dt.datetime(2027, 3, 16, 10, 0, tzinfo=PARIS)
TODAY = NOW.date()

MEMBER_PART = "Mes réservations et factures"
HOST_PART = "Lieux que j'accueille"
NETWORK_PART = "Mes réseaux"
EMPLOYER_PART = "Mes organisations"


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def home(frozen, world):
    return world


def _at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=PARIS)


def _book(resource, person, start, end, status=BookingStatus.CONFIRMED, code=""):
    return Booking.objects.create(
        resource=resource,
        person=person,
        booked_by=person,
        start=start,
        end=end,
        status=status,
        short_code=code or f"C{Booking.objects.count():05d}",
        # A seat of its own: on PostgreSQL an exclusion constraint refuses two bookings of one seat.
        seat_number=Booking.objects.filter(resource=resource).count() + 1,
    )


def _page(client, user) -> str:
    client.force_login(user)
    response = client.get(reverse("dashboard:home"))
    assert response.status_code == 200
    return response.content.decode()


def test_sign_in_lands_on_the_home(client, member):
    response = client.post(
        reverse("accounts:login"), {"username": member.email, "password": "mot-de-passe-membre"}
    )
    assert response.status_code == 302 and response["Location"] == reverse("dashboard:home")


def test_anonymous_is_sent_to_sign_in(client):
    response = client.get(reverse("dashboard:home"))
    assert response.status_code == 302 and "/compte/connexion/" in response["Location"]


def test_member_sees_next_bookings_codes_balance_invoices_subscriptions_and_rebook(client, home):
    # A morning booked last Monday: offered again next Monday morning.
    _book(
        home.seats, home.users["member"], _at(dt.date(2027, 3, 15), 8, 30), _at(dt.date(2027, 3, 15), 12, 30)
    )
    html = _page(client, home.users["member"])
    assert MEMBER_PART in html
    assert home.booking.short_code in html  # the world's booking in two days, with its code
    # The world's invoice: 20 € HT + 20 % VAT = 24 € due, nothing paid.
    assert formatting.money(Decimal("24")) in html and home.invoice.number in html
    assert "Adhésion annuelle" in html
    rebook = reverse("bookings:confirm", args=[home.seats.pk]) + "?date=2027-03-22&amp;slot=morning"
    assert rebook in html
    # The member also administers the world's organisation: its part, with its employee.
    assert EMPLOYER_PART in html and "Sam" in html
    assert HOST_PART not in html and NETWORK_PART not in html


def test_outsider_sees_only_the_member_part(client, home):
    html = _page(client, home.users["outsider"])
    assert MEMBER_PART in html and "Aucune réservation à venir." in html
    for part in (HOST_PART, NETWORK_PART, EMPLOYER_PART):
        assert part not in html
    assert home.place.name not in html and home.booking.short_code not in html


def test_host_sees_today_the_week_occupancy_sales_and_every_tool(client, home):
    member, seats = home.users["member"], home.seats
    _book(seats, member, _at(TODAY, 9), _at(TODAY, 12))
    _book(seats, member, _at(TODAY, 9), _at(TODAY, 12), status=BookingStatus.CHECKED_IN)
    _book(seats, home.users["outsider"], _at(TODAY, 8, 30), _at(TODAY, 9), status=BookingStatus.NO_SHOW)
    _book(
        home.meeting_room, member, _at(TODAY, 14), _at(TODAY, 16), status=BookingStatus.PENDING, code="ASKED1"
    )
    html = _page(client, home.users["host"])
    assert HOST_PART in html and home.place.name in html
    assert "Arrivées attendues : 1" in html and "Arrivés : 1" in html and "Absents : 1" in html
    assert "Demandes à valider : 1" in html
    # This week: 4 today, and the world's booking on Thursday.
    assert "4 réservations" in html and "1 réservation<" in html
    # March's sales so far: the world's invoice, 20 € HT.
    assert formatting.money(Decimal("20")) in html
    slug = home.place.slug
    for url in (
        reverse("bookings:host_day", args=[slug]),
        reverse("bookings:host_day", args=[slug]) + "#sur-place",
        reverse("bookings:host_week", args=[slug]),
        reverse("bookings:place_week", args=[slug]),
        reverse("bookings:checkin"),
        reverse("billing:tariffs", args=[slug]),
        reverse("billing:subscriptions", args=[slug]),
        reverse("billing:usage", args=[slug]),
        reverse("billing:run_preview", args=[home.issuer.pk]),
        reverse("billing:issuer_invoices", args=[home.issuer.pk]),
    ):
        assert f'href="{url}' in html, url
    assert home.other_place.name not in html


def test_coordinator_sees_the_network_indicators_with_the_last_30_days(client, home):
    # 7 days at the open space in February, 9:00-18:00: 7 x 9 h = 63 seat-hours booked.
    # Open: 21 weekdays from 15 February to 15 March x 8.5 h x 6 seats = 1 071 seat-hours.
    # 63 / 1 071 = 5.88 % -> "5,9 %"; month-to-date (March) would have shown 0 %.
    for day in (15, 16, 17, 18, 19, 22, 23):
        d = dt.date(2027, 2, day)
        _book(home.seats, home.users["member"], _at(d, 9), _at(d, 18), status=BookingStatus.CHECKED_IN)
    html = _page(client, home.users["coordinator"])
    assert NETWORK_PART in html and home.network.name in html
    assert "14 février 2027" in html and "15 mars 2027" in html
    assert formatting.percent(5.9) in html
    # Members who joined in 2027: the coordinator, the host, the member (booked, subscribed).
    assert "2027 : 3" in html
    # The world's meetup at the network's place this week, with the member registered.
    assert "Participants aux autres événements en 2027 : 1" in html
    assert "Participants aux formations en 2027 : 0" in html
    assert "Lieux du réseau : 1" in html and formatting.money(Decimal("20")) in html
    assert reverse("bookings:occupancy", args=[home.network.slug]) in html
    assert home.other_place.name not in html  # not in the network
    assert HOST_PART not in html


def test_employer_admin_sees_the_team_bookings_and_the_consolidated_invoice(client, home):
    sam = home.employee_membership.user
    _book(home.seats, sam, _at(dt.date(2027, 3, 17), 9), _at(dt.date(2027, 3, 17), 12), code="SAMJ17")
    line = Line(
        label="Journée de coworking",
        quantity=Decimal("3"),
        unit_price=Decimal("20.00"),
        amount=Decimal("60.00"),
        vat_rate=Decimal("20"),
        vat_exempt=False,
        place_id=home.place.pk,
        code="day",
    )
    grouped = issue_invoice(
        issuer=home.issuer,
        lines=[(line, sam)],
        period_start=dt.date(2027, 2, 1),
        period_end=dt.date(2027, 2, 28),
        organisation=home.organisation,
    )
    html = _page(client, home.users["member"])
    section = html[html.index('id="employeur"') :]
    assert "2 personnes" in section and "Sam" in section
    assert "Sam · mercredi 17 mars 2027" in section
    # 3 days at 20 € = 60 € HT + 20 % VAT = 72 € due by the organisation.
    assert grouped.number in section and formatting.money(Decimal("72")) in section


def test_several_roles_see_each_section(client, home):
    host = home.users["host"]
    home.network.coordinators.add(host)
    html = _page(client, host)
    assert MEMBER_PART in html and HOST_PART in html and NETWORK_PART in html
    assert EMPLOYER_PART not in html


@pytest.mark.parametrize("who", ["member", "host", "coordinator"])
def test_query_count_is_bounded(client, home, who, django_assert_max_num_queries):
    user = home.users[who]
    home.network.coordinators.add(home.users["host"])
    client.force_login(user)
    with django_assert_max_num_queries(60):
        assert client.get(reverse("dashboard:home")).status_code == 200
