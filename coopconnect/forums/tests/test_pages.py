"""The community home page: French by default, English once chosen (the app's own catalogue)."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_home_speaks_english_once_chosen(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.get(reverse("forums:home")).content.decode()
    assert re.search(r'<html[^>]*\blang="en"', html)
    assert "Community life" in html and "Skills swap" in html and "Exchange board" in html
    assert "Vie du réseau" not in html
    client.post(reverse("set_language"), {"language": "fr", "next": "/"})
    assert "Vie du réseau" in client.get(reverse("forums:home")).content.decode()


def test_home_links_every_pillar_and_the_events(client, member):
    client.force_login(member)
    html = client.get(reverse("forums:home")).content.decode()
    for url in (
        "/communaute/competences/",
        "/communaute/missions/",
        "/evenements/",
        "/communaute/missions/nouvelle/",
    ):
        assert f'href="{url}"' in html
