"""The dossier of a candidate site: page and PDF, private data shown only to whom it belongs."""

import io

import pytest
from django.urls import reverse

from coopconnect.businessplans import services as services_plans
from coopconnect.surveys import services as surveys
from coopconnect.surveys.models import SurveyStatus
from coopconnect.territory.models import Commune


@pytest.fixture
def aix(pertuis):
    from coopconnect.territory.models import Department

    bdr = Department.objects.create(code="13", name="Bouches-du-Rhône", region=pertuis.region)
    return Commune.objects.create(
        insee="13001",
        name="Aix-en-Provence",
        search_name="aix en provence",
        department=bdr,
        region=pertuis.region,
        population=147000,
        postcodes="13090",
        latitude=43.5283,
        longitude=5.4497,
    )


@pytest.fixture
def survey(coordinator, pertuis, aix):
    s = surveys.survey_create_from_template(
        owner=coordinator, title="Enquête du Pays d'Aigues", territory="84"
    )
    surveys.survey_set_status(survey=s, status=SurveyStatus.PUBLISHED)
    for i in range(3):
        surveys.response_submit(
            survey=s,
            consent=True,
            ip=f"ip{i}",
            answers={
                "home_commune": "84089",
                "work_commune": "13001",
                "status": "employee",
                "days_elsewhere": "2",
            },
        )
    return s


def test_pick_a_commune(client, pertuis):
    r = client.get(reverse("planning:dossier_pick"), {"commune": "Pertuis"})
    assert r.status_code == 302 and r["Location"] == reverse("planning:dossier", args=["84089"])
    r = client.get(reverse("planning:dossier_pick"), {"commune": "Atlantide"})
    assert r.status_code == 400 and "Commune inconnue : « Atlantide »." in r.content.decode()


def test_unknown_insee_is_404(client, db):
    assert client.get(reverse("planning:dossier", args=["99999"])).status_code == 404


def test_public_dossier_shows_every_section_with_the_study_plan(client, pertuis, place):
    r = client.get(reverse("planning:dossier", args=["84089"]))
    assert r.status_code == 200
    html = r.content.decode()
    for title in (
        "1. Le bassin de vie",
        "2. Les critères de l'étude",
        "3. Le plan d'affaires",
        "4. Les économies de trajets",
        "5. L'enquête de besoins",
    ):
        assert title in html
    assert "Modèle de l'étude Coop-connect (2012)" in html and "11\u202f890\u00a0€" in html
    assert html.count("<svg") >= 3
    assert "Aucune enquête partagée ne couvre cette commune." in html
    assert len(r.content) < 150_000  # pages stay light, charts included


@pytest.mark.parametrize("who", ["outsider", "other_host"])
def test_private_survey_and_plan_stay_private(client, survey, host, pertuis, who, request):
    plan = services_plans.plan_create_from_template(owner=host, name="Plan secret Hélène", commune=pertuis)
    client.force_login(request.getfixturevalue(who))
    html = client.get(reverse("planning:dossier", args=["84089"])).content.decode()
    assert "Aucune enquête partagée" in html and "Plan secret Hélène" not in html
    # With the secret link, the plan is shown; a wrong link is refused.
    url = reverse("planning:dossier", args=["84089"])
    assert "Plan secret Hélène" in client.get(url, {"plan": plan.share_token}).content.decode()
    assert client.get(url, {"plan": "faux"}).status_code == 404


def test_coordinator_sees_own_survey_and_commute_savings(client, survey, coordinator, pertuis, aix):
    client.force_login(coordinator)
    html = client.get(reverse("planning:dossier", args=["84089"])).content.decode()
    assert "Enquête du Pays d&#x27;Aigues" in html and "3</strong> réponse(s)" in html
    assert "Si les 3 répondants intéressés travaillaient à Pertuis" in html


def test_public_results_appear_for_everyone(client, survey, outsider):
    survey.results_public = True
    survey.save()
    client.force_login(outsider)
    assert (
        "Enquête du Pays d&#x27;Aigues"
        in client.get(reverse("planning:dossier", args=["84089"])).content.decode()
    )


def test_pdf_renders_with_the_plan_and_charts(client, survey, pertuis):
    survey.results_public = True
    survey.save()
    r = client.get(reverse("planning:dossier_pdf", args=["84089"]))
    assert r.status_code == 200 and r["Content-Type"] == "application/pdf"
    assert r.content.startswith(b"%PDF")
    pypdf = pytest.importorskip("pypdf")
    text = " ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(r.content)).pages)
    assert "Pertuis" in text and "Le plan d'affaires" in text and "enquête de besoins" in text


def test_openapi_documents_the_simulation(client, db):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "post" in paths["/api/v1/business-plans/simulate"]
    assert "422" in paths["/api/v1/business-plans/simulate"]["post"]["responses"]
