"""French puts a space before a colon, English does not: the colon lives inside the translated string."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_place_page_colons_in_french_and_english(client, place) -> None:
    place.phone, place.email = "04 90 00 00 00", "contact@example.org"
    place.save()
    french = client.get(reverse("places:place", args=[place.slug])).content.decode()
    assert "Structure porteuse : Pépinière Bâticom" in french
    assert "Téléphone : <a" in french and "Courriel : <a" in french
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    english = client.get(reverse("places:place", args=[place.slug])).content.decode()
    assert "Carrier structure: Pépinière Bâticom" in english
    assert "Phone: <a" in english and "E-mail: <a" in english
    assert " :" not in english.replace("&nbsp;:", "")
