"""Directory pages without JavaScript: GET forms, French errors, suggestions, place and network pages."""
# Fixtures imported from directory_fixtures come back as test arguments:
# ruff: noqa: F811

import json

import pytest
import time_machine

from .directory_fixtures import (  # noqa: F401
    bdr,
    forty_km,
    luberon,
    saint_remy,
    saint_remy_bis,
    ten_km,
    unpublished,
)

pytestmark = pytest.mark.django_db


def _text(response) -> str:
    return response.content.decode()


def test_home_shows_the_search_form_in_french(client):
    r = client.get("/")
    assert r.status_code == 200
    html = _text(r)
    assert '<html lang="fr">' in html
    assert "Trouver un tiers-lieu près de chez vous" in html
    assert 'action="/recherche/"' in html and 'method="get"' in html
    assert '<label for="id_q">Votre commune' in html
    assert 'list="communes-list"' in html and '<datalist id="communes-list">' in html
    assert 'name="minutes" value="20"' in html
    assert "base des tiers-lieux 2019" in html
    assert "vendor/leaflet/leaflet.js" in html


def test_search_lists_places_by_travel_time(client, place, ten_km, forty_km):
    r = client.get("/recherche/", {"q": "Pertuis", "minutes": "20"})
    assert r.status_code == 200
    html = _text(r)
    assert "Tiers-lieux à moins de 20 minutes de Pertuis" in html
    assert "2 lieux trouvés" in html
    assert html.index("Bâticom Pertuis") < html.index("Fablab à dix kilomètres")
    assert "Coworking à quarante kilomètres" not in html
    # Worked example: 15 minutes, 12.0 road km, by the estimate (tests/test_directory_selectors.py).
    assert "<strong>15 minutes</strong>" in html and "12 km" in html and "estimation" in html
    assert 'href="/lieux/fablab-a-dix-kilometres/"' in html
    points = json.loads(html.split('id="map-points" type="application/json">')[1].split("</script>")[0])
    assert [p["name"] for p in points] == ["Bâticom Pertuis", "Fablab à dix kilomètres"]


def test_search_by_position_and_filters(client, place, ten_km):
    r = client.get("/recherche/", {"position": "43.6942,5.5017", "typology": "fablab", "services": "wifi"})
    assert r.status_code == 200
    html = _text(r)
    assert "1 lieu trouvé" in html and "Fablab à dix kilomètres" in html


def test_search_with_no_result_says_so(client, place):
    r = client.get("/recherche/", {"q": "Pertuis", "typology": "fablab"})
    assert r.status_code == 200
    assert "Aucun lieu à moins de 20 minutes." in _text(r) and "Essayez sans filtres" in _text(r)


def test_unknown_commune_offers_suggestions(client, saint_remy, saint_remy_bis):
    r = client.get("/recherche/", {"q": "saint r", "minutes": "30"})
    assert r.status_code == 200
    html = _text(r)
    assert "Quelle commune ?" in html
    assert "Vouliez-vous dire" in html
    assert 'href="/recherche/?q=Saint-R%C3%A9my-de-Provence%20(13)&amp;minutes=30"' in html
    r = client.get("/recherche/", {"q": "Saint-Rémy-de-Provence (13)", "minutes": "30"})
    assert r.status_code == 200 and "de Saint-Rémy-de-Provence" in _text(r)
    r = client.get("/recherche/", {"q": "Zzzyx"})
    assert r.status_code == 200 and "Aucune commune ne correspond à « Zzzyx »" in _text(r)


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"q": ""}, "Indiquez votre commune ou vos coordonnées."),
        ({"position": "nord,sud"}, "Coordonnées invalides : écrivez « latitude,longitude »"),
        ({"position": "95,5"}, "Coordonnées invalides"),
        ({"q": "Pertuis", "minutes": "0"}, "Assurez-vous que cette valeur est supérieure ou égale à 1."),
        ({"q": "Pertuis", "minutes": "beaucoup"}, "Saisissez un nombre entier."),
        ({"q": "Pertuis", "typology": "chateau"}, "Sélectionnez un choix valide."),
        ({"q": "Pertuis", "services": "sauna"}, "Sélectionnez un choix valide."),
        ({"q": "Pertuis", "open_on": "demain"}, "Saisissez une date valide."),
    ],
)
def test_bad_input_gives_french_form_errors(client, pertuis, params, message):
    r = client.get("/recherche/", params)
    assert r.status_code == 400
    html = _text(r)
    assert message in html
    assert "Le formulaire contient des erreurs" in html


def test_commune_options_for_the_datalist(client, saint_remy, saint_remy_bis):
    r = client.get("/recherche/communes/", {"q": "st r"})
    assert r.status_code == 200
    assert _text(r).count("<option") == 2
    assert '<option value="Saint-Rémy-de-Provence (13)">13210</option>' in _text(r)


def test_map_points(client, place, unpublished):
    rows = client.get("/carte/lieux.json").json()["places"]
    assert rows == [[43.695, 5.503, "Bâticom Pertuis", "/lieux/baticom-pertuis/"]]


@time_machine.travel("2026-11-25 10:00 +01:00", tick=False)
def test_place_page(client, ten_km, luberon):
    r = client.get("/lieux/fablab-a-dix-kilometres/")
    assert r.status_code == 200
    html = _text(r)
    assert "<h1>Fablab à dix kilomètres</h1>" in html
    assert "Ouvert maintenant" in html  # Wednesday 10:00, open Mo-Fr 09:00-18:00
    assert "Wifi très haut débit sécurisé" in html and "Salles de réunion" in html
    assert "Grande salle" in html and "18 personnes" in html and "en conférence : 50" in html
    assert 'href="tel:0490000010"' in html and "mailto:contact@fablab-dix.example.org" in html
    assert "Comment venir" in html and 'href="/reseaux/reseau-luberon/"' in html


@time_machine.travel("2026-11-29 10:00 +01:00", tick=False)
def test_place_page_says_closed(client, place):
    html = _text(client.get("/lieux/baticom-pertuis/"))
    assert "Fermé" in html and "Ouvert maintenant" not in html


def test_network_page(client, luberon, forty_km):
    r = client.get("/reseaux/reseau-luberon/")
    assert r.status_code == 200
    html = _text(r)
    assert "<h1>Réseau Luberon</h1>" in html and "2 lieux du réseau" in html
    assert "Coworking à quarante kilomètres" not in html
    assert client.get("/reseaux/inconnu/").status_code == 404


@pytest.mark.parametrize("who", ["outsider", "other_host", None])
def test_unpublished_place_is_refused_to_everyone_but_staff(client, request, who, unpublished, host):
    unpublished.hosts.add(host)
    if who:
        client.force_login(request.getfixturevalue(who))
    assert client.get(f"/lieux/{unpublished.slug}/").status_code == 404
    assert client.get(f"/api/v1/places/{unpublished.pk}").status_code == 404
    assert "Lieu non publié" not in _text(client.get("/recherche/", {"q": "Pertuis"}))


def test_switching_to_english(client, place):
    r = client.post("/i18n/setlang/", {"language": "en", "next": "/"}, follow=True)
    assert r.status_code == 200
    html = _text(r)
    assert '<html lang="en">' in html
    assert "Find a third place near you" in html
    assert "Your municipality" in html
    r = client.get("/recherche/", {"q": "Pertuis"})
    assert "1 place found" in _text(r) and "1 minute" in _text(r)


def test_results_come_by_pages_of_fifty(client, pertuis):
    from coopconnect.places.models import Place

    for i in range(55):
        Place.objects.create(
            name=f"Lieu {i:02d}", slug=f"lieu-{i}", latitude=43.6942, longitude=5.5017 + i / 10000
        )
    html = _text(client.get("/recherche/", {"q": "Pertuis"}))
    assert "55 lieux trouvés" in html and html.count('class="card hit"') == 50
    assert "Lieux 1 à 50 sur 55" in html and 'href="?q=Pertuis&amp;page=2" rel="next"' in html
    html = _text(client.get("/recherche/", {"q": "Pertuis", "page": "2"}))
    assert html.count('class="card hit"') == 5 and '<ol class="hits" start="51">' in html
    assert client.get("/recherche/", {"q": "Pertuis", "page": "abc"}).status_code == 200
