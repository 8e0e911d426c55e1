"""In a real browser, in French: the price on the confirmation page follows the slot chosen (htmx),
the day booked is the day priced, and cancelling asks first; the pages are axe-clean."""

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from coopconnect.billing.tests.conftest import seat
from coopconnect.bookings.models import Booking, BookingStatus
from coopconnect.core.testing.axe import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_price_follows_the_slot_then_cancel_asks_first(page, live_server, murat, member):
    # Published hours (every day): a place without them takes requests, not bookings.
    murat.opening_hours = "Mo-Su 08:00-19:00"
    murat.save()
    r = seat(murat)
    page.goto(live_server.url + "/compte/connexion/")
    page.get_by_label("Adresse e-mail").fill(member.email)
    page.get_by_label("Mot de passe").fill("mot-de-passe-membre")
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("button", name="Se déconnecter", include_hidden=True)).to_be_attached()
    page.goto(f"{live_server.url}/reservations/reserver/{r.pk}/?slot=morning")
    price = page.locator("#booking-price")
    # A morning: 10 € HT = 12 € TTC; "Journée" chosen: 20 € HT = 24 € TTC, without a reload.
    expect(price).to_contain_text("Total TTC : 12,00")
    assert_accessible(page)
    page.get_by_label("Créneau").select_option("day")
    expect(page.locator("#booking-price")).to_contain_text("Total TTC : 24,00")
    page.get_by_role("button", name="Confirmer la réservation").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(r.name)
    booking = Booking.objects.get(person=member)
    assert booking.end - booking.start == timedelta(hours=9, minutes=30)  # 08:30-18:00, the whole day
    page.get_by_role("button", name="Annuler cette réservation").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Annuler cette réservation ?")
    expect(page.locator("main")).to_contain_text("la facture du mois baissera de 24,00")
    assert_accessible(page)
    page.get_by_role("button", name="Oui, annuler la réservation").click()
    expect(page.locator("#status")).to_have_text("Annulée")
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED
