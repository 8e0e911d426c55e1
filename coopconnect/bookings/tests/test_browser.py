"""The issue's "Done when" in a real browser, in French: a member finds a free seat tomorrow morning
near their commune, books it, finds it in their calendar feed, checks in with the code; the host
sees it in the day view."""

import datetime as dt
import re

import pytest
from django.utils import timezone
from icalendar import Calendar
from playwright.sync_api import expect

from coopconnect.accounts.models import User
from coopconnect.bookings.models import Booking, BookingPolicy, BookingStatus
from coopconnect.core.testing.axe import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, live_server, email, password):
    page.goto(live_server.url + "/compte/connexion/")
    page.get_by_label("Adresse e-mail").fill(email)
    page.get_by_label("Mot de passe").fill(password)
    page.get_by_role("button", name="Se connecter").click()
    # Wait for the signed-in page before going on: a new navigation would cancel the login.
    expect(page.get_by_role("button", name="Se déconnecter", include_hidden=True)).to_be_attached()


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
    expect(page.locator("h1")).to_have_text("Trouver une place libre près de chez vous")
    expect(page.get_by_label("Près de (commune ou code INSEE)")).to_have_value("Pertuis")
    expect(page.get_by_label("Jour")).to_have_value(tomorrow.isoformat())
    assert_accessible(page)
    page.get_by_role("button", name="Chercher").click()
    expect(page.get_by_role("link", name="Bâticom Pertuis", exact=True)).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Réserver Open space — Bâticom Pertuis").click()
    expect(page.locator("h1")).to_have_text("Réserver : Open space")
    assert_accessible(page)
    page.get_by_role("button", name="Confirmer la réservation").click()
    expect(page.get_by_text("Réservation enregistrée.")).to_be_visible()
    assert_accessible(page)
    code = page.locator("#short-code").inner_text()
    booking = Booking.objects.get(short_code=code)
    assert booking.person == member and booking.start.date() == tomorrow

    page.goto(live_server.url + "/reservations/mes-reservations/")
    expect(page.get_by_role("cell", name="Open space — Bâticom Pertuis")).to_be_visible()
    assert_accessible(page)
    page.goto(live_server.url + "/reservations/calendriers/")
    page.get_by_role("button", name="Créer l'adresse de mes réservations").click()
    expect(page.locator("a.feed-url").first).to_be_visible()
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
    expect(page.locator("#status")).to_have_text("Arrivée enregistrée")
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CHECKED_IN

    page.context.clear_cookies()
    log_in(page, live_server, host.email, "mot-de-passe-hote-1")
    page.goto(f"{live_server.url}/reservations/lieu/{place.slug}/jour/?date={tomorrow.isoformat()}")
    row = page.get_by_role("row").filter(has_text=code)
    expect(row).to_contain_text("Marie")
    expect(row).to_contain_text("Arrivée enregistrée")
    expect(page.get_by_text("arrivés : 1")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Semaine").click()
    page.wait_for_url(re.compile(r"/semaine/"))
    expect(page.locator("main")).to_contain_text("Marie")
    assert_accessible(page)
    page.goto(f"{live_server.url}/reservations/lieu/{place.slug}/?date={tomorrow.isoformat()}")
    expect(page.get_by_role("link", name="5 / 6 libre(s)").first).to_be_visible()
    assert_accessible(page)
    assert User.objects.count() == 2


def test_coordinator_occupancy_page(page, live_server, coordinator, network, place, seats):
    log_in(page, live_server, coordinator.email, "mot-de-passe-coord")
    page.goto(f"{live_server.url}/reservations/reseau/{network.slug}/occupation/")
    expect(page.locator("h1")).to_have_text("Occupation — Réseau Luberon")
    expect(page.get_by_role("cell", name="Open space")).to_be_visible()
    assert_accessible(page)
