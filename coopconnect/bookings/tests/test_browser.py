"""The issue's "Done when" in a real browser, in French: a member finds a free seat tomorrow morning
near their commune, books it, finds it in their calendar feed, checks in with the code; the host
sees it in the day view."""

import datetime as dt

import pytest
from django.utils import timezone
from icalendar import Calendar

from coopconnect.accounts.models import User
from coopconnect.bookings.models import Booking, BookingPolicy, BookingStatus
from coopconnect.core.testing.axe import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, live_server, email, password):
    page.goto(live_server.url + "/compte/connexion/")
    page.get_by_label("Adresse e-mail").fill(email)
    page.get_by_label("Mot de passe").fill(password)
    page.get_by_role("button", name="Se connecter").click()


def test_member_books_tomorrow_morning_checks_in_and_host_sees_it(
    page, live_server, place, seats, member, host, pertuis
):
    # Real time here (the browser and the server share the clock): the place opens every day so
    # "tomorrow" always works, and its check-in window opens 2 days ahead so the test can check in now.
    place.opening_hours = "Mo-Su 08:00-19:00"
    place.save()
    BookingPolicy.objects.create(place=place, checkin_grace_minutes=2 * 24 * 60)
    for user in (member, host):
        if hasattr(user, "email_verified"):
            user.email_verified = True
    member.home_commune = pertuis
    member.save()
    host.save()
    tomorrow = timezone.localdate() + dt.timedelta(days=1)

    log_in(page, live_server, member.email, "mot-de-passe-membre")
    page.goto(live_server.url + "/reservations/")
    assert page.locator("h1").inner_text() == "Trouver une place libre près de chez vous"
    assert page.get_by_label("Près de (commune ou code INSEE)").input_value() == "Pertuis"
    assert page.get_by_label("Jour").input_value() == tomorrow.isoformat()
    assert_accessible(page)
    page.get_by_role("button", name="Chercher").click()
    assert page.get_by_role("link", name="Bâticom Pertuis", exact=True).is_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Réserver Open space — Bâticom Pertuis").click()
    assert page.locator("h1").inner_text() == "Réserver : Open space"
    assert_accessible(page)
    page.get_by_role("button", name="Confirmer la réservation").click()
    assert page.get_by_text("Réservation enregistrée.").is_visible()
    assert_accessible(page)
    code = page.locator("#short-code").inner_text()
    booking = Booking.objects.get(short_code=code)
    assert booking.person == member and booking.start.date() == tomorrow

    page.goto(live_server.url + "/reservations/mes-reservations/")
    assert page.get_by_role("cell", name="Open space — Bâticom Pertuis").is_visible()
    assert_accessible(page)
    page.goto(live_server.url + "/reservations/calendriers/")
    page.get_by_role("button", name="Créer l'adresse de mes réservations").click()
    assert_accessible(page)
    feed_url = page.locator("a.feed-url").first.get_attribute("href")
    feed = page.request.get(live_server.url + feed_url)
    assert feed.ok and feed.headers["content-type"].startswith("text/calendar")
    events = Calendar.from_ical(feed.body()).walk("VEVENT")
    assert [str(e["uid"]) for e in events] == [f"booking-{booking.pk}@coop-connect"]
    assert code in str(events[0]["description"])

    page.goto(live_server.url + "/reservations/arrivee/")
    page.get_by_label("Code de réservation").fill(code.lower())
    page.get_by_role("button", name="Enregistrer l'arrivée").click()
    assert page.locator("#status").inner_text() == "Arrivée enregistrée"
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CHECKED_IN

    page.context.clear_cookies()
    log_in(page, live_server, host.email, "mot-de-passe-hote-1")
    page.goto(f"{live_server.url}/reservations/lieu/{place.slug}/jour/?date={tomorrow.isoformat()}")
    row = page.get_by_role("row").filter(has_text=code)
    assert "Marie" in row.inner_text() and "Arrivée enregistrée" in row.inner_text()
    assert page.get_by_text("arrivés : 1").is_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Semaine").click()
    assert "Marie" in page.locator("main").inner_text()
    assert_accessible(page)
    page.goto(f"{live_server.url}/reservations/lieu/{place.slug}/?date={tomorrow.isoformat()}")
    assert page.get_by_role("link", name="5 / 6 libre(s)").first.is_visible()
    assert_accessible(page)
    assert User.objects.count() == 2


def test_coordinator_occupancy_page(page, live_server, coordinator, network, place, seats):
    log_in(page, live_server, coordinator.email, "mot-de-passe-coord")
    page.goto(f"{live_server.url}/reservations/reseau/{network.slug}/occupation/")
    assert page.locator("h1").inner_text() == "Occupation — Réseau Luberon"
    assert page.get_by_role("cell", name="Open space").is_visible()
    assert_accessible(page)
