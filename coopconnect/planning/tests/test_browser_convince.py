"""The tool to convince in a real browser, in French, without JavaScript: forms, results, axe-core."""
# ruff: noqa: F811 - pytest fixtures imported from convince_fixtures

import re

import pytest
from playwright.sync_api import expect

from coopconnect.core.testing.axe import assert_accessible

from .convince_fixtures import luberon, make_place  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def browser_context_args(browser_context_args):
    # French browser. JavaScript stays on only for axe-core: the pages ship none of their own.
    return {**browser_context_args, "locale": "fr-FR"}


def test_project_holder_checks_pertuis_then_its_territory(live_server, luberon, page):
    make_place("Tiers-lieu d'Apt", luberon["84003"])
    page.goto(live_server.url + "/territoire/bassin-de-vie/")
    page.get_by_label("Commune ou point").fill("Pertuis")
    page.get_by_role("button", name="Calculer").click()
    expect(page.locator("main")).to_contain_text("5 communes, 33")
    expect(page.locator("figure svg[role=img]")).to_have_count(1)
    expect(page.locator("main script")).to_have_count(0)
    assert_accessible(page)

    page.get_by_role("link", name="Critères de l'étude").click()
    page.wait_for_url(re.compile(r"/territoire/criteres/"))
    page.get_by_label("Commune ou point").fill("84089")
    page.get_by_label("Débit internet du local (Mb/s)").fill("1")
    page.get_by_role("button", name="Vérifier les critères").click()
    expect(page.locator("main")).to_contain_text("Débit saisi : 1 Mb/s pour un minimum de 2 Mb/s.")
    expect(page.locator("main")).to_contain_text("Score")
    assert_accessible(page)

    page.get_by_role("link", name="Couverture d'un territoire").click()
    page.wait_for_url(re.compile(r"/territoire/couverture/"))
    page.get_by_role("link", name="Vaucluse").click()
    uncovered = page.get_by_role("table", name="Communes non couvertes, les plus peuplées d'abord")
    expect(uncovered).to_contain_text("Cavaillon")
    assert_accessible(page)

    page.get_by_role("link", name="Proposer de nouveaux sites pour ce territoire").click()
    page.wait_for_url(re.compile(r"/territoire/implantation/"))
    expect(page.locator("main")).to_contain_text("sites proposés")
    expect(page.locator("main")).to_contain_text("Cavaillon")
    assert_accessible(page)


def test_bad_input_shows_french_errors(live_server, luberon, page):
    page.goto(live_server.url + "/territoire/implantation/?territory=dep:99&k=0")
    text = page.locator("main").inner_text()
    assert "Département inconnu : code « 99 »." in text
    assert "supérieure ou égale à 1" in text
    assert_accessible(page)
    page.goto(live_server.url + "/territoire/trajets/")
    assert "Bâticom" in page.locator("main").inner_text()
    assert_accessible(page)
