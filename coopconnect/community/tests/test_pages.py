"""Community pages: French by default, English once chosen (the app's own catalogue), light, one h1."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_home_speaks_english_once_chosen(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.get(reverse("community:home")).content.decode()
    assert re.search(r'<html[^>]*\blang="en"', html)
    assert "Community life" in html and "Skills swap" in html and "Exchange board" in html
    assert "Vie du réseau" not in html
    client.post(reverse("set_language"), {"language": "fr", "next": "/"})
    assert "Vie du réseau" in client.get(reverse("community:home")).content.decode()


def test_home_links_every_pillar_and_the_events(client, member):
    client.force_login(member)
    html = client.get(reverse("community:home")).content.decode()
    for url in (
        "/communaute/competences/",
        "/communaute/missions/",
        "/evenements/",
        "/communaute/missions/nouvelle/",
    ):
        assert f'href="{url}"' in html


def test_profile_edit_shows_the_vocabulary_and_prefills(client, member):
    from coopconnect.community.services_skills import profile_save

    profile_save(person=member, headline="Comptable", skills=["compta", "apiculture"])
    client.force_login(member)
    html = client.get(reverse("community:profile_edit")).content.decode()
    assert "Développement web" in html  # the shared vocabulary
    # The curated label for "compta"; the free tag as typed.
    assert 'name="skills" value="Comptabilité, apiculture"' in html
