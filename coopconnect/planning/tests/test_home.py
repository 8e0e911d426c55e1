"""/territoire/: the home of the tool to convince links every part of it."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from coopconnect.planning.views.home import TOOLS


@pytest.mark.django_db
def test_home_links_every_part_of_the_tool(client):
    response = client.get("/territoire/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "<h1>L&#x27;outil pour convaincre</h1>" in page or "<h1>L'outil pour convaincre</h1>" in page
    for name, title, _question in TOOLS:
        assert f'href="{reverse(name)}"' in page and escape(str(title)) in page, name
    assert len(TOOLS) == 9


@pytest.mark.django_db
def test_home_is_in_english_too(client):
    client.cookies["django_language"] = "en"
    page = client.get("/territoire/", headers={"accept-language": "en"}).content.decode()
    assert "Catchment area" in page or "catchment" in page.lower()
    assert "Qui habite" not in page


@pytest.mark.django_db
def test_the_header_leads_to_it(client):
    assert 'href="/territoire/"' in client.get("/").content.decode()
