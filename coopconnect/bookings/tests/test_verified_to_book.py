"""Only people with a verified e-mail address book, on the pages and through the API.

The rule is about the actor: a member booking for themself, an employer admin booking for an
employee, a host recording a walk-in. The services do not check it (they trust their caller).
"""

import pytest
from django.urls import reverse

from coopconnect.accounts.models import User
from coopconnect.bookings.models import Booking, BookingStatus, Hold, WaitlistEntry
from coopconnect.bookings.services.cancel import booking_cancel
from coopconnect.bookings.services.create import booking_create
from coopconnect.bookings.services.waitlist import waitlist_join
from coopconnect.bookings.tests.conftest import TUESDAY, paris
from coopconnect.core.testing.problems import detail_and_errors

pytestmark = pytest.mark.usefixtures("frozen")
MORNING = (paris(TUESDAY, 8, 30), paris(TUESDAY, 12, 30))
MESSAGE = "Confirmez votre adresse e-mail avant de réserver."
RESEND = reverse("accounts:resend_verification")


@pytest.fixture
def unverified(db) -> User:
    return User.objects.create_user("nouveau@example.org", "mot-de-passe-nouveau", first_name="Noé")


def _fill(seats) -> list[Booking]:
    return [
        booking_create(
            resource=seats,
            person=User.objects.create_user(f"plein{i}@example.org", None),
            start=MORNING[0],
            end=MORNING[1],
        )
        for i in range(seats.capacity)
    ]


def test_confirm_page_refuses_an_unverified_person_and_writes_nothing(client, unverified, seats):
    client.force_login(unverified)
    url = reverse("bookings:confirm", args=[seats.pk])
    page = client.get(url, {"date": "2027-03-16", "slot": "morning"}).content.decode()
    assert MESSAGE in page and RESEND in page  # told before trying
    response = client.post(url, {"date": "2027-03-16", "slot": "morning"})
    assert response.status_code == 403
    html = response.content.decode()
    assert MESSAGE in html and f'action="{RESEND}"' in html
    weekly = client.post(url, {"date": "2027-03-16", "slot": "morning", "weekly_until": "2027-04-13"})
    several_days = client.post(url, {"date": "2027-03-16", "slot": "morning", "last_date": "2027-03-18"})
    assert weekly.status_code == several_days.status_code == 403
    assert Booking.objects.count() == 0


def test_confirm_page_says_nothing_to_a_verified_member(client, member, seats):
    client.force_login(member)
    page = client.get(reverse("bookings:confirm", args=[seats.pk])).content.decode()
    assert MESSAGE not in page


def test_unverified_person_cannot_join_the_waitlist(client, unverified, seats):
    _fill(seats)
    client.force_login(unverified)
    response = client.post(
        reverse("bookings:waitlist", args=[seats.pk]), {"date": "2027-03-16", "slot": "morning"}, follow=True
    )
    html = response.content.decode()
    assert MESSAGE in html and RESEND in html
    assert WaitlistEntry.objects.count() == 0


def test_unverified_person_cannot_accept_a_hold(client, seats):
    person = User.objects.create_user("attente@example.org", "mot-de-passe-attente", email_verified=True)
    taken = _fill(seats)
    waitlist_join(resource=seats, person=person, start=MORNING[0], end=MORNING[1])
    booking_cancel(booking=taken[0], by=taken[0].person)
    hold = Hold.objects.get()
    person.email_verified = False  # e.g. they changed their address meanwhile
    person.save()
    client.force_login(person)
    response = client.post(reverse("bookings:hold", args=[hold.pk]), {"action": "accept"}, follow=True)
    assert MESSAGE in response.content.decode()
    assert not Booking.objects.filter(person=person).exists()


def test_employer_admin_must_be_verified_to_book_for_an_employee(client, employer, member, seats):
    admin = employer.admin
    admin.email_verified = False
    admin.save()
    client.force_login(admin)
    page = client.post(
        reverse("bookings:confirm", args=[seats.pk]),
        {"date": "2027-03-16", "slot": "morning", "person": member.pk},
    )
    assert page.status_code == 403 and MESSAGE in page.content.decode()
    api = client.post(
        "/api/v1/bookings",
        {"resource_id": seats.pk, "date": "2027-03-16", "slot": "morning", "person_id": member.pk},
        content_type="application/json",
    )
    assert api.status_code == 403
    assert Booking.objects.count() == 0


def test_unverified_host_cannot_record_a_walk_in(client, host, place, seats, member, frozen):
    host.email_verified = False
    host.save()
    frozen.move_to(paris(TUESDAY, 10))
    client.force_login(host)
    response = client.post(
        reverse("bookings:walk_in", args=[place.slug]),
        {"email": member.email, "resource": seats.pk, "slot": "morning"},
        follow=True,
    )
    assert MESSAGE in response.content.decode()
    assert Booking.objects.count() == 0


def test_api_refuses_an_unverified_person(client, unverified, seats):
    client.force_login(unverified)
    single = client.post(
        "/api/v1/bookings",
        {"resource_id": seats.pk, "date": "2027-03-16", "slot": "morning"},
        content_type="application/json",
    )
    assert single.status_code == 403
    assert detail_and_errors(single.json()) == {"detail": MESSAGE, "errors": {}}
    series = client.post(
        "/api/v1/bookings/series",
        {"resource_id": seats.pk, "date": "2027-03-16", "slot": "morning", "rule": "FREQ=WEEKLY;COUNT=3"},
        content_type="application/json",
    )
    assert series.status_code == 403
    assert detail_and_errors(series.json()) == {"detail": MESSAGE, "errors": {}}
    assert Booking.objects.count() == 0


def test_once_verified_the_person_books(client, unverified, seats):
    unverified.email_verified = True
    unverified.save()
    client.force_login(unverified)
    response = client.post(
        "/api/v1/bookings",
        {"resource_id": seats.pk, "date": "2027-03-16", "slot": "morning"},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert Booking.objects.get().status == BookingStatus.CONFIRMED
