"""In a real browser: a project holder checks Pertuis (catchment, criteria), then gets its dossier PDF."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from .convince_seed import seed_convince

AXE = Path(__file__).resolve().parents[2] / "static" / "vendor" / "axe.min.js"


@pytest.mark.browser
def test_project_holder_gets_the_pertuis_dossier(live_server, page, pertuis, place, coordinator):
    seed_convince(coordinator)
    # Catchment, then the study's criteria (pages of the catchment/criteria tools).
    page.goto(f"{live_server.url}/territoire/bassin-de-vie/")
    page.get_by_label("Commune ou point").fill("Pertuis")
    page.get_by_role("button", name="Calculer").click()
    expect(page.get_by_role("heading", name=re.compile("Bassin de vie de Pertuis"))).to_be_visible()
    page.get_by_role("link", name="Critères de l'étude").click()
    page.wait_for_url(re.compile(r"/territoire/criteres/"))
    page.get_by_label("Commune ou point").fill("Pertuis")
    page.get_by_role("button", name="Vérifier les critères").click()
    expect(page.get_by_role("heading", name=re.compile("Critères pour Pertuis"))).to_be_visible()
    # The dossier gathers everything, with the study's business plan and the survey results.
    page.goto(f"{live_server.url}/territoire/dossier/")
    page.get_by_label("Commune (nom, code postal ou code INSEE)").fill("Pertuis")
    page.get_by_role("button", name="Voir le dossier").click()
    page.wait_for_url(re.compile(r"/territoire/dossier/84089/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Un tiers-lieu à Pertuis (84) : le dossier")
    expect(page.get_by_role("heading", name="3. Le plan d'affaires")).to_be_visible()
    body = page.locator("main").inner_text()
    assert "11\u202f890\u00a0€" in body  # the study's total, charges and income
    assert "Travailler près de chez soi : enquête du Pays d'Aigues (Pertuis)" in body
    assert "8 réponse(s)" in body  # only Pertuis is loaded here: its 8 answers
    assert page.locator("main svg").count() >= 4
    if AXE.exists():
        # From the site itself: the Content-Security-Policy refuses inline scripts.
        page.add_script_tag(url=f"{live_server.url}/static/vendor/axe.min.js")
        violations = page.evaluate(
            "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        )
        serious = [v["id"] for v in violations if v["impact"] in ("serious", "critical")]
        assert serious == []
    with page.expect_download() as info:
        page.get_by_role("link", name="Télécharger le dossier (PDF)").click()
    path = info.value.path()
    assert Path(path).read_bytes().startswith(b"%PDF")
