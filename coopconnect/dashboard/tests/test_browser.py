"""A host signs in and reaches the day planning, the week, a walk-in and a check-in by clicking only."""

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from coopconnect.bookings.models import Booking, BookingPolicy, BookingStatus
from coopconnect.core.testing.axe import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _home(page):
    page.get_by_role("link", name="Mon espace", exact=True).click()
    expect(page.locator("h1")).to_have_text("Mon espace")


def test_host_reaches_every_daily_tool_by_clicking(page, live_server, place, seats, member, host, outsider):
    # Real time here (the browser and the server share the clock): the place is open at any hour and
    # its check-in window is wide, so the journey works whenever it runs.
    place.opening_hours = "Mo-Su 00:00-24:00"
    place.save()
    # The walk-in lasts until the end of the day slot: late enough, and short enough, at any hour.
    BookingPolicy.objects.create(
        place=place, checkin_grace_minutes=2 * 24 * 60, afternoon_end=dt.time(23, 59), min_duration_minutes=1
    )
    start = timezone.now().replace(second=0, microsecond=0) + dt.timedelta(minutes=30)
    for code in ("HOME01", "HOME02"):
        Booking.objects.create(
            resource=seats,
            person=member,
            booked_by=member,
            start=start,
            end=start + dt.timedelta(hours=1),
            status=BookingStatus.CONFIRMED,
            short_code=code,
        )
    day = timezone.localdate(start).isoformat()

    page.goto(live_server.url + "/compte/connexion/")
    page.get_by_label("Adresse e-mail").fill(host.email)
    page.get_by_label("Mot de passe").fill("mot-de-passe-hote-1")
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url(re.compile(r"/mon-espace/$"))
    expect(page.locator("h1")).to_have_text("Mon espace")
    expect(page.get_by_role("heading", name="Bâticom Pertuis")).to_be_visible()
    assert_accessible(page)

    # The day planning, and an arrival recorded from it.
    page.get_by_role("link", name="Planning du jour — Bâticom Pertuis").click()
    page.wait_for_url(re.compile(r"/jour/"))
    if timezone.localdate() != timezone.localdate(start):  # just before midnight: the next day
        page.goto(f"{page.url}?date={day}")
    row = page.get_by_role("row").filter(has_text="HOME01")
    expect(row).to_contain_text("Marie")
    assert_accessible(page)
    row.get_by_role("button", name="Arrivé·e").click()
    expect(page.get_by_text("Arrivée enregistrée : Open space")).to_be_visible()
    assert Booking.objects.get(short_code="HOME01").status == BookingStatus.CHECKED_IN

    # The week: free and busy half-days, then each day's bookings.
    _home(page)
    page.get_by_role("link", name="Planning de la semaine — Bâticom Pertuis").click()
    page.wait_for_url(re.compile(r"/semaine/"))
    expect(page.get_by_role("table").first).to_contain_text("Open space — matin")
    assert_accessible(page)

    # A walk-in.
    _home(page)
    page.get_by_role("link", name="Venue sans réservation — Bâticom Pertuis").click()
    page.wait_for_url(re.compile(r"/jour/"))
    page.get_by_label("Courriel de la personne (compte existant)").fill(outsider.email)
    page.get_by_label("Ressource").select_option(label="Open space")
    page.get_by_label("Jusqu'à la fin de").select_option(label="Journée")
    page.get_by_role("button", name="Enregistrer", exact=True).click()
    expect(page.get_by_text("Venue enregistrée.")).to_be_visible()
    assert_accessible(page)
    assert Booking.objects.filter(person=outsider, is_walk_in=True).count() == 1

    # A check-in with a booking code.
    _home(page)
    page.get_by_role("link", name="Enregistrer une arrivée").first.click()
    expect(page.locator("h1")).to_have_text("Enregistrer une arrivée")
    assert_accessible(page)
    page.get_by_label("Code de réservation").fill("home02")
    page.get_by_role("button", name="Enregistrer l'arrivée").click()
    expect(page.get_by_text("Arrivée enregistrée : Open space")).to_be_visible()
    assert Booking.objects.get(short_code="HOME02").status == BookingStatus.CHECKED_IN
