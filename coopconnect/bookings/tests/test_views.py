"""Booking pages through the test client: the journey without JavaScript, and who is refused."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from coopconnect.bookings.models import Booking, BookingPolicy, BookingStatus, Hold
from coopconnect.bookings.services.create import booking_create
from coopconnect.bookings.tests.conftest import TUESDAY, paris
from coopconnect.places.models import ResourceKind

pytestmark = pytest.mark.usefixtures("frozen")
MORNING = (paris(TUESDAY, 8, 30), paris(TUESDAY, 12, 30))


@pytest.fixture
def booking(seats, member):
    return booking_create(resource=seats, person=member, start=MORNING[0], end=MORNING[1])


def login(client, user):
    client.force_login(user)
    return client


def test_find_book_see_cancel_without_javascript(client, member, seats, pertuis):
    login(client, member)
    page = client.get(
        reverse("bookings:find"),
        {"near": "Pertuis", "date": "2027-03-16", "slot": "morning", "kind": "seat", "within_minutes": 20},
    )
    assert page.status_code == 200
    html = page.content.decode()
    assert "Bâticom Pertuis" in html and "6 / 6" in html
    confirm_url = reverse("bookings:confirm", args=[seats.pk])
    assert f"{confirm_url}?date=2027-03-16&amp;slot=morning" in html
    form = client.get(confirm_url, {"date": "2027-03-16", "slot": "morning"})
    key = re.search(r'name="idempotency_key" value="([0-9a-f]+)"', form.content.decode()).group(1)
    data = {"date": "2027-03-16", "slot": "morning", "idempotency_key": key}
    first = client.post(confirm_url, data)
    second = client.post(confirm_url, data)  # double submit over a bad connection
    booking = Booking.objects.get()
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"] == reverse("bookings:detail", args=[booking.pk])
    detail = client.get(first["Location"]).content.decode()
    assert booking.short_code in detail and "<svg" in detail
    mine = client.get(reverse("bookings:mine")).content.decode()
    assert "Open space" in mine
    # One click opens the confirmation step; a POST without the confirmation cancels nothing.
    ask = client.get(reverse("bookings:cancel", args=[booking.pk])).content.decode()
    assert "Annuler cette réservation ?" in ask and 'name="confirm" value="yes"' in ask
    client.post(reverse("bookings:cancel", args=[booking.pk]))
    booking.refresh_from_db()
    assert booking.status != BookingStatus.CANCELLED
    client.post(reverse("bookings:cancel", args=[booking.pk]), {"confirm": "yes"})
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED


def test_errors_are_shown_in_french_never_a_500(client, member, seats, pertuis):
    login(client, member)
    past = client.post(
        reverse("bookings:confirm", args=[seats.pk]), {"date": "2027-03-01", "slot": "morning"}
    )
    assert past.status_code == 200 and "Impossible de réserver dans le passé." in past.content.decode()
    closed = client.post(reverse("bookings:confirm", args=[seats.pk]), {"date": "2027-03-20", "slot": "day"})
    assert "Le lieu est fermé le 20/03/2027." in closed.content.decode()
    unknown = client.get(
        reverse("bookings:find"),
        {"near": "Zzzyx", "date": "2027-03-16", "slot": "morning", "kind": "seat", "within_minutes": 20},
    )
    assert unknown.status_code == 200 and "Commune inconnue" in unknown.content.decode()
    assert client.get(reverse("bookings:confirm", args=[999999])).status_code == 404
    assert Booking.objects.count() == 0


def test_booking_pages_refuse_outsider_and_other_host(client, booking, outsider, other_host):
    for intruder in (outsider, other_host):
        login(client, intruder)
        assert client.get(reverse("bookings:detail", args=[booking.pk])).status_code == 404
        assert client.get(reverse("bookings:cancel", args=[booking.pk])).status_code == 404
        cancel = client.post(reverse("bookings:cancel", args=[booking.pk]), {"confirm": "yes"})
        assert cancel.status_code == 404
        assert client.post(reverse("bookings:approve", args=[booking.pk])).status_code == 403
        assert client.post(reverse("bookings:checkin"), {"code": booking.short_code}).status_code == 200
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CONFIRMED


def test_host_pages_refuse_outsider_and_other_host(
    client, place, booking, outsider, other_host, host, member
):
    for name in ("bookings:host_day", "bookings:host_week"):
        for intruder in (outsider, other_host):
            login(client, intruder)
            assert client.get(reverse(name, args=[place.slug])).status_code == 403
        login(client, host)
        page = client.get(reverse(name, args=[place.slug]), {"date": "2027-03-16"})
        assert page.status_code == 200 and "Marie" in page.content.decode()
    login(client, other_host)
    walk = client.post(reverse("bookings:walk_in", args=[place.slug]), {"email": member.email})
    assert walk.status_code == 403


def test_anonymous_is_sent_to_login(client, booking):
    response = client.get(reverse("bookings:detail", args=[booking.pk]))
    assert response.status_code == 302 and "/compte/connexion/" in response["Location"]


def test_host_approves_and_records_a_walk_in(client, place, meeting_room, seats, member, host, frozen):
    BookingPolicy.objects.create(place=place, approval_kinds=[ResourceKind.MEETING_ROOM])
    request = booking_create(
        resource=meeting_room, person=member, start=MORNING[0], end=MORNING[1], attendees=5
    )
    login(client, host)
    client.post(reverse("bookings:approve", args=[request.pk]))
    request.refresh_from_db()
    assert request.status == BookingStatus.CONFIRMED
    frozen.move_to(paris(TUESDAY, 10))
    client.post(
        reverse("bookings:walk_in", args=[place.slug]),
        {"email": member.email, "resource": seats.pk, "slot": "morning"},
    )
    walk_in = Booking.objects.get(is_walk_in=True)
    assert (walk_in.status, walk_in.booked_by) == (BookingStatus.CHECKED_IN, host)
    day = client.get(reverse("bookings:host_day", args=[place.slug]), {"date": "2027-03-16"}).content.decode()
    assert "sans réservation : 1" in day


def test_member_checks_in_with_the_code(client, booking, member, frozen):
    frozen.move_to(paris(TUESDAY, 8, 40))
    login(client, member)
    response = client.post(reverse("bookings:checkin"), {"code": booking.short_code.lower()})
    assert response.status_code == 302
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CHECKED_IN


def test_place_free_slots_are_public(client, place, seats, booking):
    page = client.get(reverse("bookings:place_slots", args=[place.slug]), {"date": "2027-03-16"})
    html = page.content.decode()
    assert page.status_code == 200 and "5 / 6 libre(s)" in html
    assert "Marie" not in html  # free slots only, never who booked


def test_occupancy_for_the_network_coordinator_only(
    client, network, coordinator, outsider, other_host, host, booking
):
    url = reverse("bookings:occupancy", args=[network.slug])
    for intruder in (outsider, other_host, host):
        login(client, intruder)
        assert client.get(url).status_code == 403
    login(client, coordinator)
    page = client.get(url, {"first_day": "2027-03-15", "last_day": "2027-03-19"})
    assert page.status_code == 200 and "Open space" in page.content.decode()


def test_employer_admin_books_for_an_employee_and_sees_it(client, employer, member, seats, outsider):
    admin = employer.admin
    login(client, admin)
    url = reverse("bookings:confirm", args=[seats.pk])
    assert "Marie" in client.get(url).content.decode()
    client.post(url, {"date": "2027-03-16", "slot": "morning", "person": member.pk})
    booking = Booking.objects.get()
    assert (booking.person, booking.booked_by, booking.employer) == (member, admin, employer)
    assert "Marie" in client.get(reverse("bookings:mine")).content.decode()
    assert client.get(reverse("bookings:detail", args=[booking.pk])).status_code == 200
    login(client, outsider)
    assert client.get(reverse("bookings:detail", args=[booking.pk])).status_code == 404


def test_calendars_page_and_feed_permissions(client, member, place, other_host, outsider, host):
    login(client, member)
    client.post(reverse("bookings:calendars"), {"action": "create", "kind": "person"})
    assert "/reservations/ical/" in client.get(reverse("bookings:calendars")).content.decode()
    for intruder in (other_host, outsider):
        login(client, intruder)
        response = client.post(
            reverse("bookings:calendars"),
            {"action": "create", "kind": "place", "target": place.pk},
            follow=True,
        )
        assert "Réservé aux hôtes et coordinateurs de ce lieu." in response.content.decode()
    assert not place.hosts.filter(pk=other_host.pk).exists()


def test_hold_page_only_for_its_person(client, seats, member, second_member, outsider, other_host):
    from coopconnect.accounts.models import User
    from coopconnect.bookings.services.cancel import booking_cancel
    from coopconnect.bookings.services.waitlist import waitlist_join

    taken = [
        booking_create(
            resource=seats,
            person=User.objects.create_user(f"h{i}@example.org", None),
            start=MORNING[0],
            end=MORNING[1],
        )
        for i in range(6)
    ]
    waitlist_join(resource=seats, person=member, start=MORNING[0], end=MORNING[1])
    booking_cancel(booking=taken[0], by=taken[0].person)
    hold = Hold.objects.get()
    for intruder in (outsider, other_host):
        login(client, intruder)
        assert client.get(reverse("bookings:hold", args=[hold.pk])).status_code == 404
    login(client, member)
    response = client.post(reverse("bookings:hold", args=[hold.pk]), {"action": "accept"})
    assert response.status_code == 302
    assert Booking.objects.filter(person=member, status=BookingStatus.CONFIRMED).count() == 1


def test_coordinator_sees_their_network_only(client, booking, coordinator, network, other_place, member):
    from coopconnect.places.models import Network, Resource, ResourceKind

    login(client, coordinator)
    assert client.get(reverse("bookings:detail", args=[booking.pk])).status_code == 200
    # Staff status (given to coordinators for the admin) does not open other networks' places.
    coordinator.is_staff = True
    coordinator.save()
    elsewhere = Resource.objects.create(place=other_place, kind=ResourceKind.SEAT, name="Plateau", capacity=2)
    # The afternoon: one person holds one seat at a time across the network.
    other = booking_create(
        resource=elsewhere, person=member, start=paris(TUESDAY, 14), end=paris(TUESDAY, 17)
    )
    assert client.get(reverse("bookings:detail", args=[other.pk])).status_code == 404
    other_network = Network.objects.create(name="Autre réseau", slug="autre-reseau")
    assert client.get(reverse("bookings:occupancy", args=[other_network.slug])).status_code == 403
    assert client.post(reverse("bookings:cancel", args=[booking.pk])).status_code == 403


def test_modify_page(client, booking, member, outsider, other_host):
    url = reverse("bookings:modify", args=[booking.pk])
    for intruder in (outsider, other_host):
        login(client, intruder)
        assert client.post(url, {"date": "2027-03-17", "slot": "afternoon"}).status_code == 404
    login(client, member)
    client.post(url, {"date": "2027-03-17", "slot": "afternoon"})
    booking.refresh_from_db()
    assert booking.start == paris(dt.date(2027, 3, 17), 13, 30)
    page = client.post(url, {"date": "2027-03-20", "slot": "morning"}, follow=True)
    assert "Le lieu est fermé le 20/03/2027." in page.content.decode()


def test_weekly_series_from_the_page_reports_clashes(client, member, seats):
    from coopconnect.accounts.models import User

    full_day = dt.date(2027, 3, 23)
    for i in range(6):
        booking_create(
            resource=seats,
            person=User.objects.create_user(f"w{i}@example.org", None),
            start=paris(full_day, 8, 30),
            end=paris(full_day, 12, 30),
        )
    login(client, member)
    page = client.post(
        reverse("bookings:confirm", args=[seats.pk]),
        {"date": "2027-03-16", "slot": "morning", "weekly_until": "2027-04-06"},
        follow=True,
    )
    html = page.content.decode()
    # Tuesdays 16/03, 23/03, 30/03, 06/04: 23/03 is full -> 3 booked, 1 reported.
    assert "3 dates réservées." in html
    assert "23/03/2027 : Complet" in html
    assert Booking.objects.filter(person=member).count() == 3


def test_htmx_search_gets_the_results_partial(client, pertuis, place, seats):
    response = client.get(
        reverse("bookings:find"),
        {"near": "Pertuis", "date": "2027-03-16", "slot": "morning", "kind": "seat", "within_minutes": 20},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert html.startswith('<section id="results"') and "<html" not in html
    assert "Bâticom Pertuis" in html


def test_price_is_shown_before_booking(client, member, seats):
    # Murat's tariffs on the fixture place: a morning is a half-day at 10 € (VAT 20 % -> 12,00 € TTC).
    from coopconnect.billing import seed as billing_seed

    billing_seed.configure_murat(seats.place)
    login(client, member)
    page = client.get(reverse("bookings:confirm", args=[seats.pk]), {"date": "2027-03-16", "slot": "morning"})
    html = page.content.decode()
    assert page.status_code == 200
    assert "Votre prix" in html
    assert "10,00" in html


def test_cancel_asks_first_and_states_the_deadline(client, booking, member):
    login(client, member)
    page = client.get(reverse("bookings:cancel", args=[booking.pk]))
    html = page.content.decode()
    # Tuesday 08:30, 2 hours' notice by default: cancellation possible until 06:30 the same day.
    assert page.status_code == 200
    assert "Annulation possible jusqu'au" in html
    assert "06:30" in html and "Annulation sans frais avant la date limite." in html
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CONFIRMED


def test_cancel_after_the_deadline_refused_to_the_member_not_to_the_host(
    client, frozen, booking, member, host
):
    frozen.move_to(paris(TUESDAY, 7))  # 07:00, past the 06:30 deadline
    login(client, member)
    html = client.get(reverse("bookings:cancel", args=[booking.pk])).content.decode()
    assert "Le délai d'annulation est passé" in html and 'name="confirm"' not in html
    resp = client.post(reverse("bookings:cancel", args=[booking.pk]), {"confirm": "yes"}, follow=True)
    assert "contactez l&#x27;hôte du lieu" in resp.content.decode()
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CONFIRMED
    login(client, host)
    html = client.get(reverse("bookings:cancel", args=[booking.pk])).content.decode()
    assert "en tant qu'hôte du lieu" in html and 'name="confirm"' in html
    client.post(reverse("bookings:cancel", args=[booking.pk]), {"confirm": "yes"})
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED
