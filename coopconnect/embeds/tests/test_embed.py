"""The embeddable page: a place's free slots this week and its tariffs, light, frameable, no JavaScript."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse

from coopconnect.billing.models import Tariff
from coopconnect.billing.models.tariffs import TariffKind
from coopconnect.bookings.models import Booking, BookingStatus
from coopconnect.bookings.slots import PARIS

pytestmark = pytest.mark.django_db
# Monday 15 March 2027, 07:00 in Pertuis: the week runs to Sunday 21.
NOW = dt.datetime(2027, 3, 15, 7, 0, tzinfo=PARIS)


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def tariff(place) -> Tariff:
    return Tariff.objects.create(
        place=place,
        code="journee",
        label="Journée de coworking",
        kind=TariffKind.SUBSCRIPTION,
        price=Decimal("15.00"),
        valid_from=dt.date(2027, 1, 1),
    )


def _embed(client, place, query=""):
    return client.get(reverse("embeds:embed", kwargs={"slug": place.slug}) + query)


def test_free_slots_and_tariffs_link_into_the_booking_flow(
    frozen, client, place, seats, meeting_room, tariff
):
    # The meeting room is taken on Monday morning: Monday shows its afternoon only.
    Booking.objects.create(
        resource=meeting_room,
        person=place.hosts.get(),
        start=dt.datetime(2027, 3, 15, 8, 30, tzinfo=PARIS),
        end=dt.datetime(2027, 3, 15, 12, 30, tzinfo=PARIS),
        status=BookingStatus.CONFIRMED,
        short_code="ROOM01",
    )
    response = _embed(client, place)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<script" not in html
    assert "lundi 15 mars 2027" in html and "dimanche 21 mars 2027" in html
    confirm_seats = reverse("bookings:confirm", kwargs={"resource_id": seats.pk})
    confirm_room = reverse("bookings:confirm", kwargs={"resource_id": meeting_room.pk})
    assert f'href="{confirm_seats}?date=2027-03-15&amp;slot=morning"' in html
    assert f'href="{confirm_room}?date=2027-03-15&amp;slot=afternoon"' in html
    assert f'href="{confirm_room}?date=2027-03-15&amp;slot=morning"' not in html
    assert "6 postes libres" in html
    # Saturday and Sunday are closed (Mo-Fr hours).
    assert html.count("Complet ou fermé.") == 2
    assert "Journée de coworking — 15,00\u00a0€ HT" in html
    assert len(response.content) <= 30 * 1024


def test_only_this_page_may_be_framed(client, place, seats):
    response = _embed(client, place)
    assert "X-Frame-Options" not in response
    assert "frame-ancestors *" in response["Content-Security-Policy"]
    other = client.get(reverse("billing:tariffs", kwargs={"slug": place.slug}))
    assert other["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in other["Content-Security-Policy"]


def test_english_on_request(frozen, client, place, seats, tariff):
    html = _embed(client, place, "?lang=en").content.decode()
    assert '<html lang="en">' in html
    assert "Free slots" in html and "Monday, 15 March 2027" in html
    assert "Créneaux" not in html
    assert "du=2027-03-22&amp;lang=en" in html


def test_next_week_and_garbage_dates(frozen, client, place, seats):
    html = _embed(client, place, "?du=2027-03-22").content.decode()
    assert "lundi 22 mars 2027" in html and "Semaine précédente" in html
    for garbage in ("?du=hier", "?du=1999-01-01", "?du=9999-99-99", "?du=%00", "?lang=xx"):
        response = _embed(client, place, garbage)
        assert response.status_code in (200, 400)


def test_unpublished_or_unknown_place_is_404(client, place):
    place.is_published = False
    place.save()
    assert _embed(client, place).status_code == 404
    assert client.get("/widget/nulle-part/").status_code == 404


def test_host_gets_the_snippet(client, host, place):
    client.force_login(host)
    html = client.get(reverse("embeds:snippet", kwargs={"slug": place.slug})).content.decode()
    assert "&lt;iframe src=&quot;http://127.0.0.1:8000/widget/baticom-pertuis/&quot;" in html
    assert "Réserver chez Bâticom Pertuis" in html


@pytest.mark.parametrize("who", ["outsider", "other_host", "member"])
def test_strangers_get_no_snippet(client, request, who, place):
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("embeds:snippet", kwargs={"slug": place.slug})).status_code == 404


def test_coordinator_of_another_network_gets_no_snippet(client, place):
    from coopconnect.accounts.models import User
    from coopconnect.places.models import Network

    elsewhere = Network.objects.create(name="Réseau Ventoux", slug="reseau-ventoux")
    coord = User.objects.create_user("c2@example.org", "mot-de-passe-c2", email_verified=True)
    elsewhere.coordinators.add(coord)
    client.force_login(coord)
    assert client.get(reverse("embeds:snippet", kwargs={"slug": place.slug})).status_code == 404
