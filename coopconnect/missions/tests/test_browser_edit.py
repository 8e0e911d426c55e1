"""A member corrects their own words in a real browser with JavaScript turned off, in French: edits then
deletes their forum post (a reply by someone else stays), and edits their mission on the board.

Real time here (the browser and the server share the clock): the post is written just before, well
within its 24 hours of editing. axe-core needs JavaScript: the same pages are checked in a normal page.
"""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from coopconnect.core.testing.axe import assert_accessible
from coopconnect.forums.models import Post
from coopconnect.forums.services import post_create, topic_create
from coopconnect.missions.models import Mission
from coopconnect.missions.services import mission_create

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def no_js_page(browser, browser_context_args):
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


def check_with_axe(page, live_server, pages):
    for url, heading in pages:
        page.goto(url)
        expect(page.locator("h1")).to_have_text(heading)
        assert_accessible(page)


def test_member_edits_then_deletes_their_post_without_javascript(
    no_js_page, page, live_server, forum, member, second_member
):
    topic = topic_create(forum=forum, author=member, title="Covoiturage", body="Qui monte de Cadenet ?")
    post = topic.posts.get()
    reply = post_create(topic=topic, author=second_member, body="Moi, à 8 h.")
    topic_url = live_server.url + reverse("forums:topic", args=[topic.pk])
    p = no_js_page
    log_in(p, live_server, member.email, "mot-de-passe-membre")

    p.goto(topic_url)
    expect(p.locator("h1")).to_have_text("Covoiturage")
    mine = p.locator(f"#message-{post.pk}")
    expect(mine).to_contain_text("Qui monte de Cadenet ?")
    # Only the author is offered to edit or delete: not on Paul's reply.
    expect(p.locator(f"#message-{reply.pk}").get_by_role("link", name="Modifier")).to_have_count(0)
    mine.get_by_role("link", name="Modifier", exact=True).click()
    expect(p.locator("h1")).to_have_text("Modifier mon message")
    edit_url = p.url
    body = p.get_by_label("Message")
    expect(body).to_have_value("Qui monte de Cadenet ?")
    body.fill("Qui monte de Cadenet mardi ?")
    p.get_by_role("button", name="Enregistrer").click()
    expect(p.get_by_text("Message modifié.")).to_be_visible()
    expect(p.locator("h1")).to_have_text("Covoiturage")
    expect(mine).to_contain_text("Qui monte de Cadenet mardi ?")
    expect(mine).to_contain_text("Modifié le")
    post.refresh_from_db()
    assert post.body == "Qui monte de Cadenet mardi ?" and post.edited_at is not None

    mine.get_by_role("link", name="Supprimer", exact=True).click()
    expect(p.locator("h1")).to_have_text("Supprimer mon message")
    delete_url = p.url
    expect(p.locator("blockquote")).to_have_text("Qui monte de Cadenet mardi ?")
    p.get_by_role("button", name="Supprimer", exact=True).click()
    expect(p.get_by_text("Message supprimé.", exact=True)).to_be_visible()
    expect(p.locator("h1")).to_have_text("Covoiturage")
    expect(mine).to_contain_text("Message supprimé par son auteur.")
    expect(mine.get_by_role("link")).to_have_count(0)  # nothing left to edit, delete or report
    expect(mine).not_to_contain_text("Qui monte de Cadenet")
    expect(p.locator(f"#message-{reply.pk}")).to_contain_text("Moi, à 8 h.")  # the reply stays
    post.refresh_from_db()
    assert post.deleted_at is not None
    assert Post.objects.filter(pk=reply.pk, deleted_at__isnull=True).exists()

    # The same pages with JavaScript on, for axe-core (the post is deleted now: the edit page says it
    # can no more be edited, the delete page that it is already deleted).
    log_in(page, live_server, member.email, "mot-de-passe-membre")
    check_with_axe(
        page,
        live_server,
        [
            (topic_url, "Covoiturage"),
            (edit_url, "Modifier mon message"),
            (delete_url, "Supprimer mon message"),
        ],
    )


def test_member_edits_their_mission_without_javascript(
    no_js_page, page, live_server, network, belongs, member
):
    mission = mission_create(
        poster=member,
        network=network,
        title="Site web d'un gîte",
        description="Refaire le site.",
        skills=["web"],
        remote=True,
    )
    # Left empty, the mission stays visible 60 days.
    assert mission.expires_on == timezone.localdate() + dt.timedelta(days=60)
    mission_url = live_server.url + reverse("missions:mission", args=[mission.pk])
    p = no_js_page
    log_in(p, live_server, member.email, "mot-de-passe-membre")

    p.goto(mission_url)
    expect(p.locator("h1")).to_have_text("Site web d'un gîte")
    p.get_by_role("link", name="Modifier la mission").click()
    expect(p.locator("h1")).to_have_text("Modifier la mission")
    edit_url = p.url
    expect(p.get_by_label("Titre")).to_have_value("Site web d'un gîte")
    expect(p.get_by_label("À distance")).to_be_checked()

    # An unknown commune: refused in French on the page, what was typed stays, nothing written.
    p.get_by_label("Titre").fill("Site web et photos")
    p.get_by_label("Commune").fill("Zzzville")
    p.get_by_role("button", name="Enregistrer").click()
    expect(p.locator(".field").filter(has=p.get_by_label("Commune"))).to_contain_text("Commune inconnue")
    expect(p.locator("h1")).to_have_text("Modifier la mission")
    expect(p.get_by_label("Titre")).to_have_value("Site web et photos")
    assert Mission.objects.get(pk=mission.pk).title == "Site web d'un gîte"

    p.get_by_label("Commune").fill("")
    p.get_by_label("Description").fill("Refaire le site et les photos.")
    p.get_by_label("Compétences recherchées").fill("web, photo")
    p.get_by_label("Budget (€, facultatif)").fill("1 200,50")  # typed the French way
    p.get_by_role("button", name="Enregistrer").click()
    expect(p.get_by_text("Mission modifiée.")).to_be_visible()
    expect(p.locator("h1")).to_have_text("Site web et photos")
    expect(p.locator("main")).to_contain_text("Refaire le site et les photos.")
    mission.refresh_from_db()
    assert (mission.title, mission.description, str(mission.budget), mission.remote) == (
        "Site web et photos",
        "Refaire le site et les photos.",
        "1200.50",
        True,
    )
    assert mission.skills.count() == 2

    log_in(page, live_server, member.email, "mot-de-passe-membre")
    check_with_axe(
        page, live_server, [(mission_url, "Site web et photos"), (edit_url, "Modifier la mission")]
    )
    # The refusal is a POST answer: replay it in the JS page to check it too.
    page.get_by_label("Commune").fill("Zzzville")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.locator(".msg-error")).to_be_visible()
    expect(page.get_by_text("Commune inconnue")).to_be_visible()
    assert_accessible(page)
