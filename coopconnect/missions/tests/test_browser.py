"""A member's community journey in a real browser with JavaScript turned off: open a topic in the
network's forum, then answer a mission on the board; every page is checked with axe-core."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from coopconnect.core.testing.axe import assert_accessible
from coopconnect.forums.models import Topic
from coopconnect.forums.services import forum_for
from coopconnect.forums.tests.fixtures import book
from coopconnect.missions.models import MissionResponse
from coopconnect.missions.services import mission_create

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def no_js_page(browser):
    context = browser.new_context(java_script_enabled=False, locale="fr-FR", timezone_id="Europe/Paris")
    yield context.new_page()
    context.close()


def log_in(page, live_server, email, password):
    page.goto(live_server.url + "/compte/connexion/")
    page.get_by_label("Adresse e-mail").fill(email)
    page.get_by_label("Mot de passe").fill(password)
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("button", name="Se déconnecter", include_hidden=True)).to_be_attached()


def test_member_opens_a_topic_and_answers_a_mission_without_javascript(
    no_js_page, page, live_server, network, place, seats, member, host
):
    book(member, seats, days=2)
    forum = forum_for(network=network)
    mission = mission_create(
        poster=host,
        network=network,
        title="Site web pour un gîte dans le Luberon",
        description="Un site simple, en français et en anglais.",
        skills=["site web"],
        remote=True,
        deadline=timezone.localdate() + dt.timedelta(days=40),
    )
    p = no_js_page
    log_in(p, live_server, member.email, "mot-de-passe-membre")

    p.goto(live_server.url + "/communaute/")
    expect(p.locator("h1")).to_have_text("Vie du réseau")
    p.get_by_role("link", name="Réseau Luberon").click()
    expect(p.locator("h1")).to_have_text("Forum — Réseau Luberon")
    p.get_by_role("link", name="Ouvrir un sujet").click()
    expect(p.locator("h1")).to_have_text("Ouvrir un sujet")
    p.get_by_role("button", name="Publier le sujet").click()  # empty: the browser's own check stops it
    p.get_by_label("Titre").fill("Covoiturage vers Pertuis")
    p.get_by_label("Message").fill("Qui part de Cadenet mardi ?\n<script>alert(1)</script>")
    p.get_by_role("button", name="Publier le sujet").click()
    expect(p.locator("h1")).to_have_text("Covoiturage vers Pertuis")
    expect(p.get_by_text("Sujet publié.")).to_be_visible()
    expect(p.get_by_text("<script>alert(1)</script>")).to_be_visible()  # shown as text, not run

    p.goto(live_server.url + "/communaute/missions/")
    expect(p.locator("h1")).to_have_text("Bourse d'échanges : missions")
    p.get_by_role("link", name="Site web pour un gîte dans le Luberon").click()
    expect(p.locator("h1")).to_have_text("Site web pour un gîte dans le Luberon")
    p.get_by_label("Votre message").fill("Je fais des sites WordPress bilingues.")
    p.get_by_role("button", name="Envoyer ma réponse").click()
    expect(p.get_by_text("Réponse envoyée à l'auteur de la mission.")).to_be_visible()
    expect(p.get_by_text("Vous avez répondu le")).to_be_visible()

    topic = Topic.objects.get()
    assert topic.forum == forum and topic.author == member
    assert MissionResponse.objects.get().mission == mission

    # The same pages with JavaScript on, for axe-core.
    log_in(page, live_server, member.email, "mot-de-passe-membre")
    for path, heading in (
        ("/communaute/", "Vie du réseau"),
        (f"/communaute/forums/{forum.pk}/", "Forum — Réseau Luberon"),
        (f"/communaute/sujets/{topic.pk}/", "Covoiturage vers Pertuis"),
        ("/communaute/missions/", "Bourse d'échanges : missions"),
        (f"/communaute/missions/{mission.pk}/", "Site web pour un gîte dans le Luberon"),
        ("/communaute/competences/", "Troc de compétences"),
        ("/communaute/competences/mon-profil/", "Mon profil de compétences"),
        ("/communaute/missions/nouvelle/", "Proposer une mission"),
    ):
        page.goto(live_server.url + path)
        expect(page.locator("h1")).to_have_text(heading)
        assert_accessible(page)
