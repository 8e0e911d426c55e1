"""Knowledge swap pages: my profile shows the shared vocabulary and what I saved."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_profile_edit_shows_the_vocabulary_and_prefills(client, member):
    from coopconnect.skills.services import profile_save

    profile_save(person=member, headline="Comptable", skills=["compta", "apiculture"])
    client.force_login(member)
    html = client.get(reverse("skills:profile_edit")).content.decode()
    assert "Développement web" in html  # the shared vocabulary
    # The curated label for "compta"; the free tag as typed.
    assert 'name="skills" value="Comptabilité, apiculture"' in html
