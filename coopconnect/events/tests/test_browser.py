"""In a real browser without JavaScript, in French: a member finds the breakfast in the agenda,
registers, sees it in "my events"; the agenda and the event page pass axe-core."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from coopconnect.core.testing.axe import assert_accessible
from coopconnect.events.models import Registration
from coopconnect.events.services import event_create

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_member_registers_for_a_breakfast_without_javascript(
    browser, browser_context_args, page, live_server, place, host, member
):
    start = (timezone.localtime() + dt.timedelta(days=3)).replace(hour=9, minute=30, second=0, microsecond=0)
    event = event_create(
        by=host, place=place, title="Club des indépendants : prospection", start=start,
        end=start + dt.timedelta(hours=2, minutes=30), capacity=25, themes=["Prospection"], publish=True,
    )  # fmt: skip
    # axe-core needs JavaScript: the accessibility checks use ``page``, the journey a context without it.
    page.goto(live_server.url + "/evenements/")
    expect(page.locator("h1")).to_have_text("Agenda des tiers-lieux")
    assert_accessible(page)
    page.goto(live_server.url + f"/evenements/{event.pk}/")
    expect(page.locator("#seats-left")).to_contain_text("25 / 25")
    assert_accessible(page)

    context = browser.new_context(**{**browser_context_args, "java_script_enabled": False})
    page = context.new_page()
    page.goto(live_server.url + "/compte/connexion/")
    page.get_by_label("Adresse e-mail").fill(member.email)
    page.get_by_label("Mot de passe").fill("mot-de-passe-membre")
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("button", name="Se déconnecter", include_hidden=True)).to_be_attached()

    page.goto(live_server.url + "/evenements/")
    expect(page.locator("h1")).to_have_text("Agenda des tiers-lieux")
    page.get_by_role("link", name="Club des indépendants : prospection").click()
    expect(page.locator("h1")).to_have_text("Club des indépendants : prospection")
    expect(page.locator("#seats-left")).to_contain_text("25 / 25")
    page.get_by_role("button", name="M'inscrire").click()
    expect(page.get_by_text("Inscription confirmée.")).to_be_visible()
    expect(page.locator("#seats-left")).to_contain_text("24 / 25")
    page.goto(live_server.url + "/evenements/mes-evenements/")
    expect(page.get_by_role("link", name="Club des indépendants : prospection")).to_have_count(1)
    assert Registration.objects.get(event=event, person=member).status == "confirmed"
    context.close()
