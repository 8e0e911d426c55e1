"""In a real browser, without JavaScript: a resident answers the needs survey from the bulletin's link."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from coopconnect.surveys import services
from coopconnect.surveys.models import SurveyResponse, SurveyStatus

AXE = Path(__file__).resolve().parents[2] / "static" / "vendor" / "axe.min.js"


@pytest.mark.browser
def test_resident_answers_without_javascript(live_server, browser, page, coordinator, pertuis):
    survey = services.survey_create_from_template(
        owner=coordinator, title="Enquête de Pertuis", territory="84089"
    )
    services.survey_set_status(survey=survey, status=SurveyStatus.PUBLISHED)
    url = f"{live_server.url}/territoire/e/{survey.public_token}/"
    if AXE.exists():
        page.goto(url)
        # From the site itself: the Content-Security-Policy refuses inline scripts.
        page.add_script_tag(url=f"{live_server.url}/static/vendor/axe.min.js")
        violations = page.evaluate(
            "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        )
        assert [v["id"] for v in violations if v["impact"] in ("serious", "critical")] == []

    context = browser.new_context(java_script_enabled=False, locale="fr-FR")
    nojs = context.new_page()
    nojs.goto(url)
    nojs.get_by_label("Dans quelle commune habitez-vous ?").fill("Pertuis")
    nojs.get_by_role("button", name="Envoyer mes réponses").click()
    # Missing answers: French messages, nothing saved.
    expect(nojs.locator("main")).to_contain_text("Certaines réponses sont manquantes ou invalides.")
    assert not SurveyResponse.objects.exists()
    nojs.get_by_label("Salarié(e)", exact=True).check()
    nojs.get_by_label("2 jours", exact=True).check()
    nojs.get_by_label("Un poste de travail").check()
    nojs.get_by_label(survey.consent_text).check()
    nojs.get_by_role("button", name="Envoyer mes réponses").click()
    expect(nojs.get_by_role("heading", level=1)).to_have_text("Merci pour vos réponses !")
    assert SurveyResponse.objects.get().home_commune == pertuis
    context.close()
