"""Accessibility table and outline maps in a real browser: French, no JavaScript, axe-core, 390 px."""
# ruff: noqa: F811 - pytest fixtures imported from convince_fixtures

import re

import pytest
from playwright.sync_api import expect

from coopconnect.core.testing.axe import assert_accessible

from .convince_fixtures import luberon, make_place  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "fr-FR", "viewport": {"width": 390, "height": 844}}


def _no_horizontal_scroll(page):
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_accessibility_table_then_a_department_and_its_coverage_map(live_server, luberon, page):
    make_place("Tiers-lieu de Pertuis", luberon["84089"])
    page.goto(live_server.url + "/territoire/accessibilite/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Accessibilité des tiers-lieux, par territoire")
    expect(page.locator("main")).to_contain_text("Provence-Alpes-Côte d'Azur")
    expect(page.locator("main script")).to_have_count(0)
    _no_horizontal_scroll(page)
    assert_accessible(page)

    page.get_by_label("Département", exact=True).select_option("84")
    page.get_by_role("button", name="Afficher les EPCI").click()
    page.wait_for_url(re.compile(r"departement=84"))
    expect(page.locator("main")).to_contain_text("CC de test du Sud Luberon")
    _no_horizontal_scroll(page)
    assert_accessible(page)

    page.goto(live_server.url + "/territoire/couverture/?territory=dep:84&minutes=20")
    expect(page.locator("figure svg[role=img]")).to_have_count(1)
    expect(page.locator("figure svg")).to_contain_text("commune non couverte")
    _no_horizontal_scroll(page)
    assert_accessible(page)
