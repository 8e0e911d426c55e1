"""Move a room booking by exact hours from its page, in a real browser WITHOUT JavaScript, in French.

Real time here (the browser and the server share the clock): the place opens every day 08:00-19:00 and
the booking is 3 days ahead, so every rule (opening hours, not in the past) passes whatever today is.
The member holds the meeting room 14:00-16:00 and moves it to 15:00-17:00; then tries 17:00 → 16:00
(an end before the start): refused in French, nothing written. axe-core needs JavaScript: the same
pages are checked again in a normal page.
"""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from coopconnect.bookings.models import Booking
from coopconnect.bookings.services.create import booking_create
from coopconnect.bookings.slots import PARIS
from coopconnect.core.testing.axe import assert_accessible
from coopconnect.core.testing.header import account_link

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def nojs(browser, browser_context_args):
    context = browser.new_context(**browser_context_args, java_script_enabled=False)
    yield context.new_page()
    context.close()


def log_in(page, live_server, email, password):
    page.goto(live_server.url + "/compte/connexion/")
    page.get_by_label("Adresse e-mail").fill(email)
    page.get_by_label("Mot de passe").fill(password)
    page.get_by_role("button", name="Se connecter").click()
    # Wait for the signed-in page before going on: a new navigation would cancel the login.
    expect(page.get_by_role("button", name="Se déconnecter", include_hidden=True)).to_be_attached()


def at(day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=PARIS)


def test_member_moves_a_room_booking_by_exact_hours_without_javascript(
    live_server, nojs, page, place, meeting_room, member
):
    place.opening_hours = "Mo-Su 08:00-19:00"
    place.save()
    day = timezone.localdate() + dt.timedelta(days=3)
    booking = booking_create(resource=meeting_room, person=member, start=at(day, 14), end=at(day, 16))
    detail_url = live_server.url + reverse("bookings:detail", args=[booking.pk])

    log_in(nojs, live_server, member.email, "mot-de-passe-membre")
    account_link(nojs, "Mes réservations").click()
    expect(nojs.locator("h1")).to_have_text("Mes réservations")
    row = nojs.get_by_role("row").filter(has_text="Salle du conseil — Bâticom Pertuis")
    expect(row).to_contain_text("14:00 – 16:00")
    row.get_by_role("link").first.click()
    expect(nojs.locator("h1")).to_have_text("Salle du conseil — Bâticom Pertuis")
    assert nojs.url == detail_url

    # 14:00-16:00 is no half-day slot: "Horaires précis" is preselected with the booking's times.
    expect(nojs.get_by_label("Nouveau créneau")).to_have_value("hours")
    expect(nojs.get_by_label("Nouveau jour")).to_have_value(day.isoformat())
    expect(nojs.get_by_label("De (horaires précis)")).to_have_value("14:00")
    expect(nojs.get_by_label("À (horaires précis)")).to_have_value("16:00")
    nojs.get_by_label("De (horaires précis)").fill("15:00")
    nojs.get_by_label("À (horaires précis)").fill("17:00")
    nojs.get_by_role("button", name="Modifier", exact=True).click()
    expect(nojs.get_by_text("Réservation modifiée.")).to_be_visible()
    expect(nojs.locator("main dl")).to_contain_text("15:00 – 17:00")
    expect(nojs.get_by_label("De (horaires précis)")).to_have_value("15:00")
    booking.refresh_from_db()
    assert (booking.start, booking.end) == (at(day, 15), at(day, 17))

    # An end before the start: the page says why in French and the booking stays 15:00-17:00.
    nojs.get_by_label("De (horaires précis)").fill("17:00")
    nojs.get_by_label("À (horaires précis)").fill("16:00")
    nojs.get_by_role("button", name="Modifier", exact=True).click()
    expect(nojs.get_by_role("alert")).to_contain_text("La fin doit être après le début.")
    expect(nojs.locator("main dl")).to_contain_text("15:00 – 17:00")
    expect(nojs.get_by_label("De (horaires précis)")).to_have_value("17:00")  # kept, to be corrected
    stored = Booking.objects.get(pk=booking.pk)
    assert (stored.start, stored.end, stored.status) == (at(day, 15), at(day, 17), booking.status)

    # The same pages with JavaScript on, for axe-core: the booking page, then the refusal (a POST answer).
    log_in(page, live_server, member.email, "mot-de-passe-membre")
    page.goto(detail_url)
    expect(page.locator("h1")).to_have_text("Salle du conseil — Bâticom Pertuis")
    assert_accessible(page)
    page.get_by_label("De (horaires précis)").fill("17:00")
    page.get_by_label("À (horaires précis)").fill("16:00")
    page.get_by_role("button", name="Modifier", exact=True).click()
    expect(page.get_by_role("alert")).to_contain_text("La fin doit être après le début.")
    assert_accessible(page)
    stored = Booking.objects.get(pk=booking.pk)
    assert (stored.start, stored.end) == (at(day, 15), at(day, 17))
