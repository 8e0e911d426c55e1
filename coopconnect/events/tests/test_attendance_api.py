"""Attendance through the API (POST /api/v1/events/{id}/attendance): the same service as the page,
so the training's free months are granted too; strangers refused; bad input refused in French with
nothing written (all or nothing)."""

import pytest

from coopconnect.billing.models import FreePeriod
from coopconnect.events import services
from coopconnect.events.models import EventKind, Registration
from coopconnect.events.tests.conftest import NOW, TUESDAY, paris

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]


def _url(event) -> str:
    return f"/api/v1/events/{event.pk}/attendance"


def test_host_marks_by_id_and_email_and_the_training_grants_free_months(
    client, make_event, member, people, host, frozen
):
    # Murat's case: the telework training grants 24 months free at the venue to whoever attended.
    event = make_event(kind=EventKind.TRAINING, grants_free_months=24, capacity=5)
    reg = services.registration_create(event=event, person=member, now=NOW)
    other = services.registration_create(event=event, person=people[0], now=NOW)
    frozen.move_to(paris(TUESDAY, 10))  # the training started at 9:30
    client.force_login(host)
    response = client.post(
        _url(event),
        {"registration_ids": [reg.pk], "emails": [people[0].email.upper()]},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert sorted(a["registration_id"] for a in response.json()) == sorted([reg.pk, other.pk])
    assert {a["status"] for a in response.json()} == {"attended"}
    period = FreePeriod.objects.get(person=member)
    # Starts on the training day, 16 March 2027; 24 months later minus one day: 15 March 2029.
    assert (
        period.place == event.venue and str(period.start) == "2027-03-16" and str(period.end) == "2029-03-15"
    )
    assert FreePeriod.objects.filter(person=people[0]).count() == 1
    # Marking again grants nothing more.
    client.post(_url(event), {"registration_ids": [reg.pk]}, content_type="application/json")
    assert FreePeriod.objects.filter(person=member).count() == 1


def test_unknown_item_refuses_the_whole_batch_in_french(client, make_event, member, host, frozen):
    event = make_event(capacity=5)
    reg = services.registration_create(event=event, person=member, now=NOW)
    frozen.move_to(paris(TUESDAY, 10))
    client.force_login(host)
    response = client.post(
        _url(event),
        {"registration_ids": [reg.pk, 999999], "emails": ["inconnu@example.org"]},
        content_type="application/json",
    )
    assert response.status_code == 400
    body = response.json()
    assert body["detail"] == "Aucune présence notée : corrigez les éléments signalés."
    assert "999999" in body["errors"]["registration_ids"][0]
    assert "inconnu@example.org" in body["errors"]["emails"][0]
    reg.refresh_from_db()
    assert reg.status == "confirmed" and reg.attended_at is None
    empty = client.post(_url(event), {}, content_type="application/json")
    assert empty.status_code == 400 and "au moins une" in empty.json()["detail"]
    garbage = client.post(_url(event), {"registration_ids": ["abc"]}, content_type="application/json")
    assert garbage.status_code == 422


def test_a_failing_person_rolls_back_the_others(client, make_event, member, people, host, frozen):
    # Capacity 1: member is seated, people[0] waits; a waitlisted person cannot be marked present,
    # so the member's mark made first in the same batch is undone.
    event = make_event(kind=EventKind.TRAINING, grants_free_months=12, capacity=1)
    reg = services.registration_create(event=event, person=member, now=NOW)
    waiting = services.registration_create(event=event, person=people[0], now=NOW)
    assert waiting.status == "waitlisted"
    frozen.move_to(paris(TUESDAY, 10))
    client.force_login(host)
    response = client.post(
        _url(event), {"registration_ids": [reg.pk, waiting.pk]}, content_type="application/json"
    )
    assert response.status_code == 400
    assert "pas en attente" in response.json()["errors"]["registrations"][0]
    assert Registration.objects.get(pk=reg.pk).status == "confirmed"
    assert not FreePeriod.objects.exists()


def test_before_the_start_nothing_is_marked(client, make_event, member, host):
    event = make_event()
    reg = services.registration_create(event=event, person=member, now=NOW)
    client.force_login(host)
    response = client.post(_url(event), {"registration_ids": [reg.pk]}, content_type="application/json")
    assert response.status_code == 400
    assert "à partir du début" in response.json()["errors"]["registrations"][0]
    assert Registration.objects.get(pk=reg.pk).attended_at is None


@pytest.mark.parametrize("who", ["outsider", "other_host", "member"])
def test_strangers_and_attendees_are_refused(client, make_event, member, who, request, frozen):
    event = make_event()
    reg = services.registration_create(event=event, person=member, now=NOW)
    frozen.move_to(paris(TUESDAY, 10))
    client.force_login(request.getfixturevalue(who))
    response = client.post(_url(event), {"registration_ids": [reg.pk]}, content_type="application/json")
    assert response.status_code in (403, 404)
    assert Registration.objects.get(pk=reg.pk).status == "confirmed"


def test_anonymous_is_refused(client, make_event, member, frozen):
    event = make_event()
    reg = services.registration_create(event=event, person=member, now=NOW)
    frozen.move_to(paris(TUESDAY, 10))
    response = client.post(_url(event), {"registration_ids": [reg.pk]}, content_type="application/json")
    assert response.status_code == 401
