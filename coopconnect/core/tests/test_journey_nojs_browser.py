"""The core journeys (find, book, cancel, pay) in a real browser WITHOUT JavaScript, in French.

1. A member finds a free seat tomorrow near Pertuis, sees the price, books, cancels, books again; after
   the month's invoicing run they open the invoice (IBAN, EPC QR code, amount) and download the Factur-X.
2. The host opens that member's invoice from the issuer's list, refuses a wrong amount in French without
   writing anything, records the transfer in full typed the French way ("24,00"): the invoice is paid,
   the member owes nothing.

axe-core needs JavaScript: each page type reached without it is checked again in a normal page.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

import facturx
import pytest
import time_machine
from django.utils import timezone
from lxml import etree
from playwright.sync_api import expect

from coopconnect.billing import seed, selectors
from coopconnect.billing.models import Invoice, Issuer, Payment, PaymentMethod
from coopconnect.billing.references import rf_display, rf_reference
from coopconnect.billing.services.invoicing.run import run_invoicing
from coopconnect.bookings.models import Booking, BookingPolicy, BookingStatus
from coopconnect.bookings.slots import PARIS
from coopconnect.core.testing.axe import assert_accessible
from coopconnect.core.testing.header import account_link
from coopconnect.places.models import Resource, ResourceKind

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

IBAN = "FR7630006000011234567890189"
RAM = "{urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100}"


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def priced_seats(place):
    """Bâticom open every day (real clock: "tomorrow" is always bookable), priced like Murat, invoicing
    itself with an IBAN; cancellation allowed until 2 h before (tomorrow 08:30 is always further)."""
    place.opening_hours = "Mo-Su 08:00-19:00"
    place.save()
    BookingPolicy.objects.create(place=place, cancellation_deadline_hours=2)
    seed.configure_murat(place)  # 10 € HT a half-day, 20 € HT a day, VAT 20 %
    Issuer.objects.create(
        place=place,
        name="Pépinière Bâticom SAS",
        legal_form="SAS au capital de 10 000 €",
        siren="732829320",
        siret="73282932000074",
        vat_number="FR44732829320",
        address="Zone d'activités",
        postcode="84120",
        city="Pertuis",
        iban=IBAN,
        bic="AGRIFRPP",
        payment_terms_days=30,
        number_prefix="BAT",
    )
    return Resource.objects.create(place=place, kind=ResourceKind.SEAT, name="Open space", capacity=6)


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


def find_and_book(page, day: dt.date) -> tuple[Booking, list[str]]:
    """Search the day's free seats near Pertuis with the GET form and book the morning at Bâticom;
    return the booking and the URLs of the results and confirmation pages."""
    # .first: the booking pages repeat "Réserver" in the navigation.
    page.get_by_role("link", name="Réserver", exact=True).first.click()
    expect(page.locator("h1")).to_have_text("Trouver une place libre près de chez vous")
    page.get_by_label("Près de (commune ou code INSEE)").fill("Pertuis")
    page.get_by_label("Jour").fill(day.isoformat())
    page.get_by_role("button", name="Chercher").click()
    expect(page.get_by_role("heading", name=re.compile(r"place libre près de Pertuis"))).to_be_visible()
    hit = page.get_by_role("row").filter(has_text="Bâticom Pertuis")
    expect(hit).to_contain_text("08:30 – 12:30")
    expect(hit).to_contain_text("6 / 6")  # all free: a cancelled booking gives its seat back
    urls = [page.url]
    hit.get_by_role("link", name="Réserver Open space — Bâticom Pertuis").click()
    expect(page.locator("h1")).to_have_text("Réserver : Open space")
    urls.append(page.url)
    # The price before booking: a half-day at 10 € HT + 20 % VAT = 12 € TTC.
    expect(page.locator("#quote")).to_contain_text("Total TTC : 12,00 €")
    page.get_by_role("button", name="Confirmer la réservation").click()
    expect(page.get_by_text("Réservation enregistrée.")).to_be_visible()
    return Booking.objects.get(short_code=page.locator("#short-code").inner_text()), urls


def axe_each(page, urls):
    for url in urls:
        page.goto(url)
        expect(page.locator("h1")).to_be_visible()
        assert_accessible(page)


def test_member_finds_books_cancels_rebooks_and_gets_the_invoice_without_javascript(
    live_server, nojs, page, priced_seats, member
):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    seen = []  # every page type reached, checked by axe in a JS page at the end

    log_in(nojs, live_server, member.email, "mot-de-passe-membre")
    first, urls = find_and_book(nojs, tomorrow)
    seen += [*urls, nojs.url]  # results, confirmation, the booking
    assert first.person == member and first.status == BookingStatus.CONFIRMED
    assert first.start == dt.datetime.combine(tomorrow, dt.time(8, 30), tzinfo=PARIS)
    expect(nojs.locator("#status")).to_have_text("Confirmée")

    account_link(nojs, "Mes réservations").click()
    expect(nojs.locator("h1")).to_have_text("Mes réservations")
    seen.append(nojs.url)
    row = nojs.get_by_role("row").filter(has_text="Open space — Bâticom Pertuis")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("Confirmée")

    # Cancel before the deadline (tomorrow 08:30 - 2 h): a confirmation step saying what it costs,
    # then a plain POST form, confirmed in French.
    row.get_by_role("button", name=re.compile("^Annuler")).click()
    expect(nojs.locator("h1")).to_have_text("Annuler cette réservation ?")
    seen.append(nojs.url)
    expect(nojs.locator("main")).to_contain_text("Annulation sans frais avant la date limite.")
    nojs.get_by_role("button", name="Oui, annuler la réservation").click()
    expect(nojs.get_by_text("Réservation annulée.")).to_be_visible()
    expect(nojs.locator("#status")).to_have_text("Annulée")
    first.refresh_from_db()
    assert first.status == BookingStatus.CANCELLED

    second, _urls = find_and_book(nojs, tomorrow)
    assert second.pk != first.pk and second.status == BookingStatus.CONFIRMED
    account_link(nojs, "Mes réservations").click()
    expect(nojs.locator("h1")).to_have_text("Mes réservations")
    expect(nojs.get_by_role("row").filter(has_text="Confirmée")).to_have_count(1)
    expect(nojs.get_by_role("row").filter(has_text="Annulée")).to_have_count(1)

    # The month's run, once the month of the booking is over (1st of the next month, 06:00).
    month = tomorrow.replace(day=1)
    next_month = (month + dt.timedelta(days=32)).replace(day=1)
    with time_machine.travel(dt.datetime.combine(next_month, dt.time(6), tzinfo=PARIS), tick=False):
        report = run_invoicing(month=month)
    invoice = Invoice.objects.get(buyer_person=member)
    assert report.created == [invoice.number]
    # Only the second booking is billed (the cancelled one is not): 10 € HT + 2 € VAT = 12 € TTC.
    assert (invoice.total_ht, invoice.total_vat, invoice.total_ttc) == (
        Decimal("10.00"),
        Decimal("2.00"),
        Decimal("12.00"),
    )

    account_link(nojs, "Factures").click()
    expect(nojs.locator("h1")).to_have_text("Mes factures")
    seen.append(nojs.url)
    expect(nojs.locator("main")).to_contain_text("Reste à payer : 12,00 €")
    nojs.get_by_role("link", name=invoice.number, exact=True).click()
    expect(nojs.locator("h1")).to_have_text(f"Facture n° {invoice.number}")
    seen.append(nojs.url)
    mentions = nojs.locator(".mentions")
    # The transfer quotes the invoice's RF creditor reference, read back from the bank statement.
    reference = rf_display(rf_reference(invoice.number))
    expect(mentions).to_contain_text(f"IBAN {IBAN} — BIC AGRIFRPP — référence {reference}")
    qr = nojs.get_by_role("img", name="QR code de virement SEPA (EPC)")
    expect(qr).to_be_visible()
    assert qr.get_attribute("src").startswith("data:image/svg+xml")
    expect(nojs.get_by_role("row", name=re.compile("^Total TTC"))).to_contain_text("12,00 €")
    expect(nojs.locator("main")).to_contain_text("Reste à payer : 12,00 €")

    with nojs.expect_download() as download:
        nojs.get_by_role("link", name="Télécharger le PDF (Factur-X)").click()
    assert download.value.suggested_filename == f"{invoice.number}.pdf"
    pdf = Path(download.value.path()).read_bytes()
    assert pdf.startswith(b"%PDF")
    filename, xml = facturx.get_xml_from_pdf(pdf, check_xsd=True)
    assert filename == "factur-x.xml"
    tree = etree.fromstring(xml)
    assert tree.findtext(f".//{RAM}GrandTotalAmount") == "12.00"
    assert tree.findtext(f".//{RAM}IBANID") == IBAN

    axe_each(page, [live_server.url + "/compte/connexion/"])
    log_in(page, live_server, member.email, "mot-de-passe-membre")
    axe_each(page, seen)


@pytest.fixture
def last_month_invoice(priced_seats, member):
    """Marie worked a day at Bâticom last month; the month's run has invoiced it (real clock: last month
    is over, so the invoice is issued today)."""
    last_month = (timezone.localdate().replace(day=1) - dt.timedelta(days=1)).replace(day=10)
    Booking.objects.create(
        resource=priced_seats,
        person=member,
        start=dt.datetime.combine(last_month, dt.time(9), tzinfo=PARIS),
        end=dt.datetime.combine(last_month, dt.time(17), tzinfo=PARIS),
        seat_number=1,
        short_code="J00001",
    )
    run_invoicing(month=last_month.replace(day=1))
    invoice = Invoice.objects.get(buyer_person=member)
    # 1 day at 20 € HT + 20 % VAT = 24 € TTC.
    assert invoice.total_ttc == Decimal("24.00")
    return invoice


def test_host_records_the_transfer_without_javascript_and_the_member_owes_nothing(
    live_server, nojs, page, last_month_invoice, host, member
):
    invoice = last_month_invoice
    seen = []

    log_in(nojs, live_server, host.email, "mot-de-passe-hote-1")
    account_link(nojs, "Factures").click()
    expect(nojs.locator("h1")).to_have_text("Mes factures")
    nojs.get_by_role("link", name="Pépinière Bâticom SAS", exact=True).click()
    expect(nojs.locator("h1")).to_have_text("Factures émises par Pépinière Bâticom SAS")
    seen.append(nojs.url)
    row = nojs.get_by_role("row").filter(has_text=invoice.number)
    expect(row).to_contain_text(invoice.buyer_name)
    expect(row).to_contain_text("24,00 €")
    row.get_by_role("link", name=invoice.number).click()
    expect(nojs.locator("h1")).to_have_text(f"Facture n° {invoice.number}")
    seen.append(nojs.url)
    expect(nojs.locator("main")).to_contain_text("Reste à payer : 24,00 €")
    today = timezone.localdate().isoformat()
    expect(nojs.get_by_label("Reçu le")).to_have_value(today)  # pre-filled: nothing to retype

    # Wrong amounts: the page says why in French, and nothing is written.
    amount = nojs.get_by_label("Montant reçu (€)")
    amount.fill("-5")
    nojs.get_by_label("Moyen de paiement").select_option(label="Virement")
    nojs.get_by_role("button", name="Enregistrer", exact=True).click()
    errors = nojs.locator(".errorlist")
    expect(errors).to_have_count(1)
    expect(errors).to_contain_text("Assurez-vous que cette valeur est supérieure ou égale à 0")
    expect(nojs.locator("h1")).to_have_text(f"Facture n° {invoice.number}")
    assert not Payment.objects.exists()
    expect(amount).to_have_value("-5")  # what was typed stays, to be corrected
    amount.fill("douze")
    nojs.get_by_role("button", name="Enregistrer", exact=True).click()
    expect(errors).to_have_count(1)
    expect(errors).to_contain_text("Saisissez un nombre.")
    expect(amount).to_have_value("douze")
    assert not Payment.objects.exists()

    # Typed the French way, with a decimal comma (a type=number input would send nothing).
    amount.fill("24,00")
    nojs.get_by_label("Moyen de paiement").select_option(label="Virement")
    expect(nojs.get_by_label("Reçu le")).to_have_value(today)
    nojs.get_by_role("button", name="Enregistrer", exact=True).click()
    expect(nojs.get_by_text("Paiement enregistré.")).to_be_visible()
    expect(nojs.locator("main")).to_contain_text("Reste à payer : 0,00 €")
    expect(nojs.get_by_text("Facture payée.")).to_be_visible()
    expect(nojs.get_by_role("heading", name="Paiements reçus")).to_be_visible()
    expect(nojs.locator("main")).to_contain_text("Virement — 24,00 €")
    payment = Payment.objects.get()
    assert (payment.invoice_id, payment.amount, payment.method) == (
        invoice.pk,
        Decimal("24.00"),
        PaymentMethod.TRANSFER,
    )
    assert payment.recorded_by == host

    nojs.context.clear_cookies()
    log_in(nojs, live_server, member.email, "mot-de-passe-membre")
    account_link(nojs, "Factures").click()
    expect(nojs.locator("h1")).to_have_text("Mes factures")
    expect(nojs.locator("main")).to_contain_text("Reste à payer : 0,00 €")
    assert selectors.balance(person=member) == Decimal("0")

    log_in(page, live_server, host.email, "mot-de-passe-hote-1")
    axe_each(page, seen)
    # The refused payment is a POST answer: replay it in the JS page to check it too.
    page.get_by_label("Montant reçu (€)").fill("-5")
    page.get_by_role("button", name="Enregistrer", exact=True).click()
    expect(page.locator(".errorlist")).to_contain_text("supérieure ou égale à 0")
    assert_accessible(page)
    assert Payment.objects.count() == 1
