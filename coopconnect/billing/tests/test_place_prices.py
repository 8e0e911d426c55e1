"""Prices where people look for a place: its page, the directory filter, the public API.

Murat: a day 20 € HT, VAT 20 % -> 24 € TTC. Pomerol: a day 14 €, VAT not applicable -> 14 € TTC.
"""

from decimal import Decimal

from django.urls import reverse

from coopconnect.places.models import Place

D = Decimal


def test_place_page_shows_tariffs_ttc_for_individuals_and_ht_for_companies(client, murat):
    html = client.get(reverse("places:place", args=[murat.slug])).content.decode()
    assert 'id="h-tariffs"' in html
    assert "Particuliers (TTC)" in html and "Entreprises (HT)" in html
    # The day: 24,00 € TTC for a person, 20,00 € HT for a company.
    row = html[html.index("Journée — journée") :]
    row = row[: row.index("</tr>")]
    assert "24,00\u00a0€" in row and "20,00\u00a0€" in row


def test_api_place_tariffs_is_public_with_both_prices(client, murat):
    resp = client.get(f"/api/v1/places/{murat.pk}/tariffs")
    assert resp.status_code == 200
    body = resp.json()
    day = next(t for t in body["tariffs"] if t["code"] == "murat-journee")
    assert body["place"] == murat.name
    assert D(day["price_ht"]) == D("20") and D(day["price_ttc"]) == D("24.00") and day["unit"] == "day"


def test_api_place_tariffs_unknown_or_unpublished_place_is_404_in_french(client, murat):
    resp = client.get("/api/v1/places/999999/tariffs")
    assert resp.status_code == 404 and resp.json()["detail"] == "Lieu introuvable."
    Place.objects.filter(pk=murat.pk).update(is_published=False)
    assert client.get(f"/api/v1/places/{murat.pk}/tariffs").status_code == 404


def test_directory_filters_on_the_price_of_a_day(client, murat, pomerol, place):
    url = reverse("places:search")
    base = {"q": "Pertuis", "minutes": 240}
    every = client.get(url, base).content.decode()
    assert murat.name in every and pomerol.name in every
    # At most 20 € TTC a day: Pomerol (14 €) stays; Murat (24 € TTC) goes; a place with no tariff too.
    cheap = client.get(url, {**base, "max_day_price": "20"}).content.decode()
    assert pomerol.name in cheap and murat.name not in cheap and place.name not in cheap
    # "24,00" typed the French way keeps Murat.
    assert murat.name in client.get(url, {**base, "max_day_price": "24,00"}).content.decode()
    bad = client.get(url, {**base, "max_day_price": "pas cher"})
    assert bad.status_code == 400 and "Indiquez un prix en euros" in bad.content.decode()


def test_places_api_search_filters_on_the_price_of_a_day(client, murat, pomerol):
    names = [p["name"] for p in client.get("/api/v1/places", {"max_day_price": "20"}).json()["items"]]
    assert pomerol.name in names and murat.name not in names
    assert client.get("/api/v1/places", {"max_day_price": "-1"}).status_code == 422


def test_tariffs_page_shows_ttc_beside_ht(client, murat):
    html = client.get(reverse("billing:tariffs", args=[murat.slug])).content.decode()
    row = html[html.index("<td>Journée</td>") :]
    row = row[: row.index("</tr>")]
    # The day: 24,00 € TTC for individuals, 20,00 € HT for companies.
    assert "Particuliers (TTC)" in html and "24,00\u00a0€" in row and "20,00\u00a0€" in row
