"""The bookings API: availability, bookings with an idempotency key, check-in, door access by place token."""

import pytest

from coopconnect.accounts.services import api_token_create
from coopconnect.bookings.models import AccessCheck, Booking, BookingStatus
from coopconnect.bookings.services.create import booking_create
from coopconnect.bookings.tests.conftest import TUESDAY, paris

pytestmark = pytest.mark.usefixtures("frozen")
MORNING = (paris(TUESDAY, 8, 30), paris(TUESDAY, 12, 30))


@pytest.fixture
def booking(seats, member):
    return booking_create(resource=seats, person=member, start=MORNING[0], end=MORNING[1])


def test_availability_near_a_commune(client, pertuis, place, seats):
    response = client.get(
        "/api/v1/availability",
        {"near": "Pertuis", "date": "2027-03-16", "slot": "morning", "kind": "seat", "within_minutes": 20},
    )
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    hit = body["results"][0]
    assert (hit["place"]["slug"], hit["resource_id"], hit["free"], hit["capacity"]) == (
        "baticom-pertuis",
        seats.pk,
        6,
        6,
    )
    assert hit["start"].startswith("2027-03-16T08:30:00+01:00")


def test_availability_bad_input(client, pertuis):
    assert client.get("/api/v1/availability", {"near": "Pertuis", "date": "demain"}).status_code == 422
    bad_slot = client.get("/api/v1/availability", {"near": "Pertuis", "date": "2027-03-16", "slot": "night"})
    assert bad_slot.status_code == 422 and "slot" in bad_slot.json()["errors"]
    unknown = client.get("/api/v1/availability", {"near": "Zzzyx", "date": "2027-03-16"})
    assert unknown.status_code == 400 and "near" in unknown.json()["errors"]


def test_create_with_idempotency_key_books_once(client, member, seats):
    client.force_login(member)
    payload = {"resource_id": seats.pk, "date": "2027-03-16", "slot": "morning"}
    first = client.post(
        "/api/v1/bookings", payload, content_type="application/json", HTTP_IDEMPOTENCY_KEY="k-1"
    )
    again = client.post(
        "/api/v1/bookings", payload, content_type="application/json", HTTP_IDEMPOTENCY_KEY="k-1"
    )
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"]
    assert Booking.objects.count() == 1
    assert [b["id"] for b in client.get("/api/v1/bookings").json()] == [first.json()["id"]]


@pytest.mark.parametrize(
    ("payload", "status", "field"),
    [
        ({"start": "2027-03-01T09:00:00+01:00", "end": "2027-03-01T12:00:00+01:00"}, 400, "start"),
        ({"start": "2027-03-16T12:00:00+01:00", "end": "2027-03-16T09:00:00+01:00"}, 400, "end"),
        ({"start": "2027-03-16T06:00:00+01:00", "end": "2027-03-16T09:00:00+01:00"}, 400, "start"),
        ({"date": "2027-03-20", "slot": "morning"}, 400, "start"),
        ({}, 400, "start"),
        ({"date": "2027-03-16", "slot": "soir"}, 422, "slot"),
    ],
)
def test_create_bad_input_writes_nothing(client, member, seats, payload, status, field):
    client.force_login(member)
    response = client.post(
        "/api/v1/bookings", {"resource_id": seats.pk, **payload}, content_type="application/json"
    )
    assert response.status_code == status, response.content
    assert field in response.json()["errors"]
    assert Booking.objects.count() == 0


def test_unknown_resource_and_full(client, member, seats):
    client.force_login(member)
    missing = client.post(
        "/api/v1/bookings",
        {"resource_id": 999999, "date": "2027-03-16", "slot": "morning"},
        content_type="application/json",
    )
    assert missing.status_code == 404
    from coopconnect.accounts.models import User

    for i in range(6):
        booking_create(
            resource=seats,
            person=User.objects.create_user(f"a{i}@example.org", None),
            start=MORNING[0],
            end=MORNING[1],
        )
    full = client.post(
        "/api/v1/bookings",
        {"resource_id": seats.pk, "date": "2027-03-16", "slot": "morning"},
        content_type="application/json",
    )
    assert full.status_code == 409 and full.json()["detail"].startswith("Complet")


def test_anonymous_gets_401(client, booking):
    assert client.get("/api/v1/bookings").status_code == 401
    assert client.get(f"/api/v1/bookings/{booking.pk}").status_code == 401


def test_outsider_and_other_host_cannot_see_cancel_or_check_in(client, booking, outsider, other_host):
    for intruder in (outsider, other_host):
        client.force_login(intruder)
        assert client.get(f"/api/v1/bookings/{booking.pk}").status_code == 404
        assert client.delete(f"/api/v1/bookings/{booking.pk}").status_code == 404
        assert (
            client.post(
                f"/api/v1/bookings/{booking.pk}/check-in",
                {"code": booking.short_code},
                content_type="application/json",
            ).status_code
            == 404
        )
        assert client.get("/api/v1/bookings").json() == []
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CONFIRMED


def test_host_sees_and_member_cancels_and_checks_in(client, booking, member, host, frozen, meeting_room):
    other = booking_create(resource=meeting_room, person=member, start=MORNING[0], end=MORNING[1])
    client.force_login(host)
    assert client.get(f"/api/v1/bookings/{booking.pk}").json()["short_code"] == booking.short_code
    client.force_login(member)
    cancelled = client.delete(f"/api/v1/bookings/{other.pk}")
    assert cancelled.status_code == 200 and cancelled.json()["status"] == "cancelled"
    frozen.move_to(paris(TUESDAY, 8, 35))
    done = client.post(
        f"/api/v1/bookings/{booking.pk}/check-in",
        {"code": booking.short_code},
        content_type="application/json",
    )
    assert done.status_code == 200 and done.json()["status"] == "checked_in"
    late = client.delete(f"/api/v1/bookings/{booking.pk}")  # 08:35 is past the 2 h deadline (06:30)
    assert late.status_code == 400 and "2 h avant le début" in late.json()["detail"]


def test_access_verify_with_the_place_token(client, place, other_place, booking, frozen):
    _token, raw = api_token_create(place=place, name="Porte d'entrée", created_by=None)
    _other, other_raw = api_token_create(place=other_place, name="Porte", created_by=None)
    frozen.move_to(paris(TUESDAY, 8, 20))

    def verify(secret, code):
        return client.post(
            "/api/v1/access/verify",
            {"code": code},
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {secret}",
        )

    assert verify(raw, booking.short_code).json()["allowed"] is True
    refused = verify(other_raw, booking.short_code).json()
    assert (refused["allowed"], refused["reason"]) == (False, "other_place")
    assert verify("cc_nope_nope", booking.short_code).status_code == 401
    assert (
        client.post("/api/v1/access/verify", {"code": "X"}, content_type="application/json").status_code
        == 401
    )
    assert AccessCheck.objects.count() == 2
    assert AccessCheck.objects.get(allowed=True).token_label == "Porte d'entrée"


def test_employer_admin_books_for_an_employee_not_for_a_stranger(client, employer, member, outsider, seats):
    client.force_login(employer.admin)
    payload = {"resource_id": seats.pk, "date": "2027-03-16", "slot": "morning"}
    ok = client.post("/api/v1/bookings", {**payload, "person_id": member.pk}, content_type="application/json")
    assert ok.status_code == 201
    refused = client.post(
        "/api/v1/bookings", {**payload, "person_id": outsider.pk}, content_type="application/json"
    )
    assert refused.status_code == 403
    assert Booking.objects.get().person == member


def test_modify_through_the_api(client, booking, member, outsider, other_host, meeting_room):
    for intruder in (outsider, other_host):
        client.force_login(intruder)
        response = client.patch(
            f"/api/v1/bookings/{booking.pk}",
            {"date": "2027-03-17", "slot": "afternoon"},
            content_type="application/json",
        )
        assert response.status_code == 404
    client.force_login(member)
    moved = client.patch(
        f"/api/v1/bookings/{booking.pk}",
        {"date": "2027-03-17", "slot": "afternoon"},
        content_type="application/json",
    )
    assert moved.status_code == 200
    assert moved.json()["start"].startswith("2027-03-17T13:30:00+01:00")
    closed = client.patch(
        f"/api/v1/bookings/{booking.pk}",
        {"date": "2027-03-20", "slot": "morning"},
        content_type="application/json",
    )
    assert closed.status_code == 400 and "fermé" in closed.json()["detail"]


def test_series_reports_conflicts_or_books_nothing(client, member, seats):
    from coopconnect.accounts.models import User

    full_day = paris(TUESDAY, 8, 30).date().replace(day=23)
    for i in range(6):
        booking_create(
            resource=seats,
            person=User.objects.create_user(f"z{i}@example.org", None),
            start=paris(full_day, 8, 30),
            end=paris(full_day, 12, 30),
        )
    client.force_login(member)
    payload = {
        "resource_id": seats.pk,
        "date": "2027-03-16",
        "slot": "morning",
        "rule": "FREQ=WEEKLY;COUNT=3",
    }
    strict = client.post(
        "/api/v1/bookings/series", {**payload, "all_or_nothing": True}, content_type="application/json"
    )
    assert strict.status_code == 409 and strict.json()["errors"]["dates"][0].startswith("23/03/2027")
    assert Booking.objects.filter(person=member).count() == 0
    lenient = client.post("/api/v1/bookings/series", payload, content_type="application/json")
    assert lenient.status_code == 201
    body = lenient.json()
    # 16/03, 23/03 (full), 30/03 -> 2 booked, 1 conflict.
    assert [b["start"][:10] for b in body["created"]] == ["2027-03-16", "2027-03-30"]
    assert body["conflicts"][0]["date"] == "2027-03-23"
    bad = client.post(
        "/api/v1/bookings/series", {**payload, "rule": "tous les mardis"}, content_type="application/json"
    )
    assert bad.status_code == 400 and "rule" in bad.json()["errors"]


def test_series_refuses_outsider_booking_for_someone_else(client, outsider, other_host, seats):
    client.post("/api/v1/bookings/series", {}, content_type="application/json")
    for intruder in (outsider, other_host):
        client.force_login(intruder)
        response = client.post(
            "/api/v1/bookings/series",
            {"resource_id": 999999, "date": "2027-03-16", "rule": "FREQ=WEEKLY;COUNT=2"},
            content_type="application/json",
        )
        assert response.status_code == 404
    assert Booking.objects.count() == 0
