"""Events pages and API: agenda filters, registration journey (PRG), .ics files, organisers' pages,
refusals for outsider and other_host, bad input answered in French with nothing written."""

import csv
import io
import json

import pytest
from django.urls import reverse
from icalendar import Calendar

from coopconnect.billing.models import FreePeriod
from coopconnect.events import services
from coopconnect.events.models import Event, EventKind, Registration
from coopconnect.events.tests.conftest import NOW, TUESDAY, paris

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]


def test_agenda_lists_published_events_and_filters_them(client, make_event, pertuis):
    make_event()
    make_event(title="Formation au télétravail", kind=EventKind.TRAINING, themes=["Télétravail"])
    make_event(title="Brouillon caché", publish=False)
    html = client.get(reverse("events:agenda")).content.decode()
    assert "Club des indépendants" in html and "Formation au télétravail" in html and "Brouillon" not in html
    html = client.get(reverse("events:agenda"), {"kind": "training"}).content.decode()
    assert "Formation au télétravail" in html and "Club des indépendants" not in html
    html = client.get(reverse("events:agenda"), {"theme": "prospection"}).content.decode()
    assert "Club des indépendants" in html and "Formation au télétravail" not in html
    html = client.get(reverse("events:agenda"), {"date_from": "2027-03-17"}).content.decode()
    assert "Aucun événement à venir" in html
    # The place is 0.1 km from Pertuis' centre: within 10 minutes.
    html = client.get(reverse("events:agenda"), {"near": "Pertuis", "within_minutes": 10}).content.decode()
    assert "Club des indépendants" in html


def test_agenda_answers_bad_input_in_french(client):
    response = client.get(
        reverse("events:agenda"), {"date_from": "2027-99-99", "kind": "zzz", "near": "Zzzville"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Saisissez une date valide" in html and "Sélectionnez un choix valide" in html


def test_member_registers_through_the_page_and_cancels(client, make_event, member):
    event = make_event()
    client.force_login(member)
    response = client.post(reverse("events:register", args=[event.pk]))
    assert response.status_code == 302 and response["Location"] == reverse("events:detail", args=[event.pk])
    html = client.get(response["Location"]).content.decode()
    assert "Inscription confirmée." in html and "Vous êtes inscrit." in html and "1 / 2" in html
    client.post(reverse("events:unregister", args=[event.pk]))
    assert Registration.objects.get().status == "cancelled"


def test_anonymous_is_sent_to_login_to_register(client, make_event):
    event = make_event()
    response = client.post(reverse("events:register", args=[event.pk]))
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))
    assert Registration.objects.count() == 0


def test_event_ics_and_place_feed_parse(client, make_event, place):
    event = make_event()
    make_event(title="Brouillon", publish=False)
    cal = Calendar.from_ical(client.get(reverse("events:ics", args=[event.pk])).content)
    (vevent,) = cal.walk("VEVENT")
    assert str(vevent["summary"]) == "Club des indépendants : prospection"
    assert vevent.decoded("dtstart") == paris(TUESDAY, 9, 30)
    feed = Calendar.from_ical(client.get(reverse("events:place_feed", args=[place.slug])).content)
    assert [str(v["summary"]) for v in feed.walk("VEVENT")] == ["Club des indépendants : prospection"]


def test_host_marks_attendance_on_the_page_and_the_training_grants_free_months(
    client, make_event, member, host, frozen
):
    event = make_event(kind=EventKind.TRAINING, grants_free_months=24)
    reg = services.registration_create(event=event, person=member, now=NOW)
    frozen.move_to(paris(TUESDAY, 10))
    client.force_login(host)
    response = client.post(
        reverse("events:attendees", args=[event.pk]), {"registration": reg.pk, "attended": "1"}
    )
    assert response.status_code == 302
    reg.refresh_from_db()
    assert reg.status == "attended"
    assert FreePeriod.objects.get(person=member).place == event.venue
    rows = list(
        csv.reader(
            io.StringIO(
                client.get(reverse("events:attendees_csv", args=[event.pk])).content.decode("utf-8-sig")
            ),
            delimiter=";",
        )
    )
    assert rows[1][2:4] == [member.email, "Présent"]
    sheet = client.get(reverse("events:sign_in_sheet", args=[event.pk])).content.decode()
    assert "Feuille d&#x27;émargement" in sheet or "Feuille d'émargement" in sheet


@pytest.mark.parametrize("who", ["outsider", "other_host"])
def test_strangers_are_refused_on_every_organiser_page(client, make_event, member, who, request):
    event = make_event()
    reg = services.registration_create(event=event, person=member, now=NOW)
    client.force_login(request.getfixturevalue(who))
    for name in ("edit", "attendees", "attendees_csv", "sign_in_sheet", "cancel"):
        assert client.get(reverse(f"events:{name}", args=[event.pk])).status_code == 403, name
    for name in ("publish", "cancel", "attendees", "edit"):
        assert (
            client.post(
                reverse(f"events:{name}", args=[event.pk]), {"registration": reg.pk, "title": "x"}
            ).status_code
            == 403
        )
    event.refresh_from_db()
    assert event.status == "published" and event.title.startswith("Club")
    assert member.email not in client.get(reverse("events:detail", args=[event.pk])).content.decode()


def test_a_draft_is_hidden_from_others(client, make_event, outsider):
    draft = make_event(publish=False)
    client.force_login(outsider)
    assert client.get(reverse("events:detail", args=[draft.pk])).status_code == 404
    assert client.get(f"/api/v1/events/{draft.pk}").status_code == 404


@pytest.mark.parametrize("who", ["outsider", "other_host"])
def test_strangers_cannot_create_an_event_for_someone_elses_place(client, place, who, request):
    client.force_login(request.getfixturevalue(who))
    data = {
        "organiser": f"place:{place.pk}",
        "title": "Intrus",
        "kind": "meetup",
        "start": "2027-03-16T09:00",
        "end": "2027-03-16T10:00",
        "capacity": 5,
        "price": "0",
    }
    response = client.post(reverse("events:create"), data)
    assert response.status_code in (400, 403)
    api = client.post(
        "/api/v1/events",
        json.dumps(
            {
                "place_id": place.pk,
                "title": "Intrus",
                "start": "2027-03-16T09:00:00+01:00",
                "end": "2027-03-16T10:00:00+01:00",
            }
        ),
        content_type="application/json",
    )
    assert api.status_code == 403
    assert Event.objects.count() == 0


def test_host_creates_an_event_with_the_form_and_bad_input_is_shown_in_french(client, host, place):
    client.force_login(host)
    bad = {
        "organiser": f"place:{place.pk}",
        "title": "Atelier",
        "kind": "workshop",
        "start": "2027-03-16T12:00",
        "end": "2027-03-16T09:00",
        "capacity": 5,
        "price": "0",
    }
    response = client.post(reverse("events:create"), bad)
    assert response.status_code == 400 and "La fin doit être après le début." in response.content.decode()
    assert Event.objects.count() == 0
    good = {**bad, "end": "2027-03-16T13:00", "themes": "Numérique, outils", "publish": "1"}
    response = client.post(reverse("events:create"), good)
    event = Event.objects.get()
    assert response["Location"] == reverse("events:detail", args=[event.pk])
    assert event.status == "published" and event.start == paris(TUESDAY, 12)


def test_api_agenda_event_registration_and_attendees(client, make_event, member, host, outsider, other_host):
    event = make_event()
    data = client.get("/api/v1/events", {"kind": "meetup"}).json()
    assert (
        data["count"] == 1 and data["results"][0]["seats_left"] == 2 and data["results"][0]["price"] == "0.00"
    )
    client.force_login(member)
    created = client.post(f"/api/v1/events/{event.pk}/registrations")
    assert created.status_code == 201 and created.json()["status"] == "confirmed"
    again = client.post(f"/api/v1/events/{event.pk}/registrations")
    assert again.status_code == 409 and again.json()["detail"] == "Vous êtes déjà inscrit à cet événement."
    for who in (outsider, other_host, member):
        client.force_login(who)
        assert client.get(f"/api/v1/events/{event.pk}/attendees").status_code == 403
    client.force_login(host)
    assert [a["email"] for a in client.get(f"/api/v1/events/{event.pk}/attendees").json()] == [member.email]
    client.force_login(member)
    assert client.delete(f"/api/v1/events/{event.pk}/registrations/me").json()["status"] == "cancelled"


def test_api_create_and_patch_with_field_errors(client, host, place):
    client.force_login(host)
    bad = client.post(
        "/api/v1/events",
        json.dumps({"place_id": place.pk, "title": "A", "start": "demain"}),
        content_type="application/json",
    )
    assert bad.status_code == 422 and {"start", "end"} <= set(bad.json()["errors"])
    body = {
        "place_id": place.pk,
        "title": "A",
        "start": "2027-03-16T12:00:00+01:00",
        "end": "2027-03-16T09:00:00+01:00",
    }
    refused = client.post("/api/v1/events", json.dumps(body), content_type="application/json")
    assert refused.status_code == 400 and refused.json()["errors"]["end"] == [
        "La fin doit être après le début."
    ]
    assert Event.objects.count() == 0
    body["end"] = "2027-03-16T13:00:00+01:00"
    made = client.post(
        "/api/v1/events", json.dumps({**body, "publish": True}), content_type="application/json"
    )
    assert made.status_code == 201, made.content
    pk = made.json()["id"]
    patched = client.patch(
        f"/api/v1/events/{pk}",
        json.dumps({"capacity": 40, "price": "12.50"}),
        content_type="application/json",
    )
    assert patched.status_code == 200 and patched.json()["price"] == "12.50"
