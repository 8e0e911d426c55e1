"""The waitlist in the API: join a full slot, list my entries and holds, leave, claim the seat offered.

Monday 15 March 2027, 07:00; the slots asked are on Tuesday 16 (morning 08:30-12:30). The pool of
6 seats is full on Tuesday morning unless a test says otherwise.
"""

import datetime as dt

import pytest

from coopconnect.accounts.models import User
from coopconnect.bookings.models import Booking, HoldStatus, WaitlistEntry, WaitlistStatus
from coopconnect.bookings.services.cancel import booking_cancel
from coopconnect.bookings.services.create import booking_create
from coopconnect.bookings.services.waitlist import waitlist_join
from coopconnect.bookings.tests.conftest import TUESDAY, paris

pytestmark = pytest.mark.usefixtures("frozen")
MORNING = (paris(TUESDAY, 8, 30), paris(TUESDAY, 12, 30))
JOIN = {"date": "2027-03-16", "slot": "morning"}


def fill(resource, n=6, prefix="f"):
    return [
        booking_create(
            resource=resource,
            person=User.objects.create_user(f"{prefix}{i}@example.org", None),
            start=MORNING[0],
            end=MORNING[1],
        )
        for i in range(n)
    ]


def post(client, url, payload=None):
    return client.post(url, payload or {}, content_type="application/json")


def join(client, resource, **extra):
    return post(client, "/api/v1/waitlist", {"resource_id": resource.pk, **JOIN, **extra})


def test_join_list_claim(client, seats, member):
    taken = fill(seats)
    client.force_login(member)
    joined = join(client, seats)
    assert joined.status_code == 201, joined.content
    entry = joined.json()
    assert (entry["status"], entry["hold"], entry["resource_id"]) == ("waiting", None, seats.pk)
    assert entry["start"].startswith("2027-03-16T08:30:00+01:00")
    assert [e["id"] for e in client.get("/api/v1/waitlist").json()] == [entry["id"]]

    too_early = post(client, f"/api/v1/waitlist/{entry['id']}/claim")
    assert too_early.status_code == 409 and "Aucune place ne vous est proposée" in too_early.json()["detail"]
    assert "hold" in too_early.json()["errors"]

    booking_cancel(booking=taken[2], by=taken[2].person)  # seat 3 freed -> offered to member
    listed = client.get("/api/v1/waitlist").json()[0]
    # Default hold: 120 minutes from Monday 07:00 -> Monday 09:00.
    assert listed["status"] == "offered"
    assert listed["hold"]["status"] == "active"
    assert listed["hold"]["expires_at"].startswith("2027-03-15T09:00:00+01:00")

    claimed = post(client, f"/api/v1/waitlist/{entry['id']}/claim")
    assert claimed.status_code == 201, claimed.content
    booking = Booking.objects.get(pk=claimed.json()["id"])
    assert (booking.person, booking.seat_number, booking.start) == (member, 3, MORNING[0])
    assert WaitlistEntry.objects.get().status == WaitlistStatus.BOOKED
    again = post(client, f"/api/v1/waitlist/{entry['id']}/claim")
    assert again.status_code == 400 and again.json()["detail"] == "Vous avez déjà accepté cette proposition."
    assert client.get("/api/v1/waitlist").json() == []
    history = client.get("/api/v1/waitlist", {"history": "true"}).json()
    assert [(e["status"], e["hold"]["booking_id"]) for e in history] == [("booked", booking.pk)]


def test_join_refused_when_free_already_waiting_or_bad_input(client, seats, member, other_place):
    fill(seats)
    client.force_login(member)
    free = join(client, seats, slot="afternoon")
    assert free.status_code == 400
    assert free.json()["detail"] == "Il reste de la place sur ce créneau : réservez directement."
    assert "start" in free.json()["errors"]
    assert join(client, seats).status_code == 201
    twice = join(client, seats)
    assert twice.status_code == 409
    assert twice.json()["detail"] == "Vous êtes déjà sur la liste d'attente de ce créneau."

    cases = [
        ({"resource_id": 999999}, 404, "resource_id"),
        (
            {
                "date": None,
                "slot": None,
                "start": "2027-03-16T06:00:00+01:00",
                "end": "2027-03-16T08:00:00+01:00",
            },
            400,
            "start",
        ),  # fmt: skip
        ({"date": "2027-03-20"}, 400, "start"),  # a Saturday: closed
        ({"date": "2027-03-01"}, 400, "start"),  # the past
        ({"date": "2027-12-01"}, 400, "start"),  # beyond the 90 days ahead of the default policy
        ({"date": None, "slot": None}, 400, "start"),
        ({"slot": "soir"}, 422, "slot"),
    ]
    for extra, status, field in cases:
        response = join(client, seats, **extra)
        assert response.status_code == status, (extra, response.content)
        assert field in response.json()["errors"], (extra, response.json())
    assert "fermé le 20/03/2027" in join(client, seats, date="2027-03-20").json()["detail"]
    assert WaitlistEntry.objects.count() == 1


def test_join_needs_a_verified_address(client, seats):
    fill(seats)
    unverified = User.objects.create_user("neuf@example.org", "mot-de-passe-neuf")
    client.force_login(unverified)
    response = join(client, seats)
    assert response.status_code == 403 and "Confirmez votre adresse" in response.json()["detail"]
    assert WaitlistEntry.objects.count() == 0


def test_leave_while_waiting_and_after_an_offer(client, seats, member, second_member):
    second_member.email_verified = True
    second_member.save(update_fields=["email_verified"])
    taken = fill(seats)
    client.force_login(member)
    mine = join(client, seats).json()
    client.force_login(second_member)
    theirs = join(client, seats).json()
    client.force_login(member)
    booking_cancel(booking=taken[0], by=taken[0].person)  # seat 1 offered to member, first in line
    left = client.delete(f"/api/v1/waitlist/{mine['id']}")
    assert left.status_code == 200 and left.json()["status"] == "cancelled"
    assert left.json()["hold"]["status"] == HoldStatus.DECLINED
    # Declining passes the seat on to the next in line.
    assert WaitlistEntry.objects.get(pk=theirs["id"]).status == WaitlistStatus.OFFERED
    gone = client.delete(f"/api/v1/waitlist/{mine['id']}")
    assert gone.status_code == 400 and "n'est plus active" in gone.json()["detail"]


def test_leave_a_waiting_entry(client, seats, member):
    fill(seats)
    client.force_login(member)
    entry = join(client, seats).json()
    left = client.delete(f"/api/v1/waitlist/{entry['id']}")
    assert (left.status_code, left.json()["status"], left.json()["hold"]) == (200, "cancelled", None)
    # Leaving frees the line: joining again is allowed.
    assert join(client, seats).status_code == 201


def test_expired_hold_cannot_be_claimed_and_nothing_is_written(client, seats, member, frozen):
    taken = fill(seats)
    client.force_login(member)
    entry = join(client, seats).json()
    booking_cancel(booking=taken[0], by=taken[0].person)
    frozen.move_to(paris(TUESDAY - dt.timedelta(days=1), 9, 1))  # the hold expired at 09:00
    client.force_login(member)
    before = Booking.objects.count()
    late = post(client, f"/api/v1/waitlist/{entry['id']}/claim")
    assert late.status_code == 400
    assert late.json()["detail"] == (
        "Cette proposition a expiré le 15/03/2027 à 09:00 : la place a été proposée à la personne suivante."
    )
    assert late.json()["errors"] == {"hold": ["Proposition expirée."]}
    assert Booking.objects.count() == before
    assert WaitlistEntry.objects.get().status == WaitlistStatus.OFFERED


def test_strangers_and_anonymous_are_refused(client, seats, member, outsider, other_host):
    taken = fill(seats)
    client.force_login(member)
    entry = join(client, seats).json()
    booking_cancel(booking=taken[0], by=taken[0].person)
    client.logout()
    assert client.get("/api/v1/waitlist").status_code == 401
    assert join(client, seats).status_code == 401
    assert client.delete(f"/api/v1/waitlist/{entry['id']}").status_code == 401
    assert post(client, f"/api/v1/waitlist/{entry['id']}/claim").status_code == 401
    for intruder in (outsider, other_host):
        client.force_login(intruder)
        assert client.get("/api/v1/waitlist").json() == []
        assert client.get("/api/v1/waitlist", {"history": "true"}).json() == []
        assert client.delete(f"/api/v1/waitlist/{entry['id']}").status_code == 404
        assert post(client, f"/api/v1/waitlist/{entry['id']}/claim").status_code == 404
    found = WaitlistEntry.objects.get()
    assert found.status == WaitlistStatus.OFFERED and found.hold.status == HoldStatus.ACTIVE
    assert Booking.objects.filter(person__in=[outsider, other_host]).count() == 0


def test_my_bookings_page_lists_my_waitlists_and_lets_me_leave(client, seats, member, outsider, other_host):
    from django.urls import reverse

    fill(seats)
    entry = waitlist_join(resource=seats, person=member, start=MORNING[0], end=MORNING[1])
    url = reverse("bookings:waitlist_leave", args=[entry.pk])
    for intruder in (outsider, other_host):
        client.force_login(intruder)
        assert "Mes listes d'attente" not in client.get(reverse("bookings:mine")).content.decode()
        assert client.post(url).status_code == 404
    client.force_login(member)
    page = client.get(reverse("bookings:mine")).content.decode()
    assert "Mes listes d'attente" in page and f'action="{url}"' in page
    assert client.get(url).status_code == 405
    done = client.post(url, follow=True).content.decode()
    assert "Vous avez quitté la liste d&#x27;attente." in done
    assert WaitlistEntry.objects.get().status == WaitlistStatus.CANCELLED
    again = client.post(url, follow=True).content.decode()
    assert "Cette inscription n&#x27;est plus active (Retirée)." in again
