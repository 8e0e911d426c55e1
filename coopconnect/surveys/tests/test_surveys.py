"""Needs surveys: coordinators create and read, the public answers anonymously, spam is held back."""

import csv
import io

import pytest
import time_machine
from django.urls import reverse

from coopconnect.core.errors import DomainError, PermissionDenied
from coopconnect.surveys import services
from coopconnect.surveys.models import SurveyResponse, SurveyStatus
from coopconnect.surveys.selectors import csv_rows, need_for_commune, survey_results
from coopconnect.territory.models import Commune


@pytest.fixture
def la_tour(vaucluse):
    return Commune.objects.create(
        insee="84133",
        name="La Tour-d'Aigues",
        search_name="la tour d aigues",
        department=vaucluse,
        region=vaucluse.region,
        population=4300,
        postcodes="84240",
        latitude=43.7264,
        longitude=5.5497,
    )


@pytest.fixture
def survey(coordinator, network, pertuis):
    s = services.survey_create_from_template(owner=coordinator, title="Enquête Pertuis", territory="84089 84")
    services.survey_set_status(survey=s, status=SurveyStatus.PUBLISHED)
    return s


def answer(survey, ip="10.0.0.1", honeypot="", consent=True, **values):
    base = {"home_commune": "Pertuis", "status": "employee", "days_elsewhere": "2"}
    base.update(values)
    return services.response_submit(survey=survey, answers=base, consent=consent, ip=ip, honeypot=honeypot)


def post_answer(client, survey, **overrides):
    data = {
        "home_commune": "Pertuis",
        "work_commune": "",
        "commute_minutes": "45",
        "commute_mode": "car",
        "status": "employee",
        "days_elsewhere": "2",
        "services": ["desk", "copier"],
        "price": "50_100",
        "consent": "on",
        "site_web": "",
    }
    data.update(overrides)
    return client.post(reverse("surveys:survey_answer", args=[survey.public_token]), data)


def test_template_holds_the_study_questions(survey):
    codes = list(survey.questions.values_list("code", flat=True))
    assert codes == [
        "home_commune",
        "work_commune",
        "commute_minutes",
        "commute_mode",
        "status",
        "days_elsewhere",
        "services",
        "price",
    ]
    assert survey.network.name == "Réseau Luberon"


def test_only_coordinators_create_surveys(outsider, other_host, pertuis):
    for user in (outsider, other_host):
        with pytest.raises(PermissionDenied):
            services.survey_create_from_template(owner=user, title="x", territory="84089")


def test_unknown_territory_code_is_refused(coordinator, pertuis):
    with pytest.raises(DomainError) as exc:
        services.survey_create_from_template(owner=coordinator, title="x", territory="84089 99999")
    assert exc.value.errors == {"territory": ["Code de territoire inconnu : 99999."]}


def test_public_answer_is_saved_anonymously(client, survey, pertuis):
    r = post_answer(client, survey)
    assert r.status_code == 302 and r["Location"].endswith("/merci/")
    response = SurveyResponse.objects.get()
    assert response.home_commune == pertuis
    assert len(response.ip_hash) == 64 and "127.0.0.1" not in response.ip_hash
    values = {a.question.code: a.value for a in response.answers.all()}
    assert values["services"] == ["desk", "copier"] and values["commute_minutes"] == 45
    assert values["home_commune"] == {"insee": "84089", "name": "Pertuis"}


def test_missing_required_answer_is_a_french_error_and_nothing_saved(client, survey):
    r = post_answer(client, survey, status="", days_elsewhere="")
    assert r.status_code == 400
    html = r.content.decode()
    assert "Certaines réponses sont manquantes ou invalides." in html
    assert "Ce champ est obligatoire." in html
    assert not SurveyResponse.objects.exists()


def test_consent_is_required(client, survey):
    r = post_answer(client, survey, consent="")
    assert r.status_code == 400
    assert "Merci de cocher la case de consentement" in r.content.decode()
    assert not SurveyResponse.objects.exists()


def test_unknown_commune_is_refused(client, survey):
    r = post_answer(client, survey, home_commune="Atlantide")
    assert r.status_code == 400
    assert "Commune introuvable : « Atlantide »." in r.content.decode()
    assert not SurveyResponse.objects.exists()


def test_honeypot_filled_pretends_success_but_saves_nothing(client, survey):
    r = post_answer(client, survey, site_web="http://spam.example")
    assert r.status_code == 302
    assert not SurveyResponse.objects.exists()


def test_rate_limit_per_address_and_hour(client, survey, settings):
    settings.SURVEY_MAX_RESPONSES_PER_HOUR = 2
    with time_machine.travel("2026-05-04 10:00 +02:00", tick=False):
        assert post_answer(client, survey).status_code == 302
        assert post_answer(client, survey).status_code == 302
        r = post_answer(client, survey)
        assert r.status_code == 429
        assert "Trop de réponses envoyées depuis cette connexion" in r.content.decode()
        # Another address is not affected.
        answer(survey, ip="10.9.9.9")
    with time_machine.travel("2026-05-04 11:01 +02:00", tick=False):
        assert post_answer(client, survey).status_code == 302
    assert SurveyResponse.objects.count() == 4


def test_draft_and_closed_surveys_take_no_answers(client, survey):
    services.survey_set_status(survey=survey, status=SurveyStatus.CLOSED)
    assert post_answer(client, survey).status_code == 410
    with pytest.raises(DomainError):
        answer(survey)


def test_results_per_commune_and_for_the_business_plan(survey, pertuis, la_tour):
    answer(survey, days_elsewhere="1")
    answer(survey, days_elsewhere="2", ip="b")
    answer(survey, days_elsewhere="2", home_commune="84133", ip="c")
    answer(survey, days_elsewhere="0", ip="d")
    results = survey_results(survey)
    assert results.total == 4
    assert results.communes == [("84089", "Pertuis", 3), ("84133", "La Tour-d'Aigues", 1)]
    # interested: days >= 1 -> 3 people; 1 day: 1, 2 days: 2
    assert results.interested == 3
    assert results.interested_by_days == {1: 1, 2: 2}
    assert results.need_identified is False
    assert survey_results(survey, la_tour).total == 1
    status = next(q for q in results.questions if q.question.code == "status")
    assert ("Salarié(e)", 4) in status.counts
    assert need_for_commune(pertuis) == (None, 0, None)  # results not public and no user


def test_need_identified_with_ten_interested(survey, pertuis, coordinator):
    for i in range(10):
        answer(survey, ip=f"ip{i}")
    need, interested, found = need_for_commune(pertuis, coordinator)
    assert (need, interested, found) == (True, 10, survey)


def test_scenario_takes_counts_from_the_survey(survey, host, pertuis):
    from coopconnect.businessplans.selectors import plan_results
    from coopconnect.businessplans.services import plan_create_from_template, scenario_apply_survey_counts

    for i, days in enumerate(["1", "1", "2", "4", "5", "5"]):
        answer(survey, ip=f"x{i}", days_elsewhere=days)
    plan = plan_create_from_template(owner=host, name="P", commune=pertuis)
    scenario = plan.scenarios.first()
    scenario_apply_survey_counts(scenario=scenario, counts=survey_results(survey).plan_counts())
    result = plan_results(plan)[0].result
    # full time 2 × 180 × 10 = 3600; 4/5 1 × 150 × 8 = 1200;
    # 1 day 2 × 50 × 12 = 1200; 2 days 1 × 80 × 12 = 960
    assert [m.amount for m in result.members] == [3600, 1200, 1200, 960]


def test_csv_export(client, survey, coordinator):
    services.question_save(survey=survey, question=None, label="Remarques", kind="text", required=False)
    answer(survey, commute_minutes=30, services=["desk", "video"], remarques='=HYPERLINK("http://x")')
    header, rows = csv_rows(survey)
    assert header[-1] == "remarques" and rows[0][-1] == '=HYPERLINK("http://x")'
    client.force_login(coordinator)
    r = client.get(reverse("surveys:survey_csv", args=[survey.pk]))
    assert r.status_code == 200 and r["Content-Type"].startswith("text/csv")
    table = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig")), delimiter=";"))
    assert table[0][:3] == ["date", "home_commune", "work_commune"]
    assert table[1][1] == "84089 Pertuis" and table[1][3] == "30" and table[1][7] == "desk;video"
    # A formula typed by an anonymous respondent is neutralised for spreadsheets.
    assert table[1][9] == '\'=HYPERLINK("http://x")'


def test_coordinator_manages_edits_questions_and_sees_qr(client, survey, coordinator):
    client.force_login(coordinator)
    r = client.get(reverse("surveys:survey_manage", args=[survey.pk]))
    assert r.status_code == 200
    html = r.content.decode()
    assert "<svg" in html and survey.public_token in html
    q = survey.questions.get(code="price")
    r = client.post(
        reverse("surveys:question_save", args=[survey.pk, q.pk]),
        {
            f"q{q.pk}-label": "Quel prix par mois ?",
            f"q{q.pk}-kind": "single",
            f"q{q.pk}-required": "on",
            f"q{q.pk}-choices": "lt100 | Moins de 100 €\ngt100 | Plus de 100 €",
        },
    )
    assert r.status_code == 302
    q.refresh_from_db()
    assert (
        q.label == "Quel prix par mois ?"
        and q.required
        and q.choices == [["lt100", "Moins de 100 €"], ["gt100", "Plus de 100 €"]]
    )
    r = client.post(
        reverse("surveys:question_add", args=[survey.pk]),
        {
            "new-label": "Avez-vous des enfants scolarisés ?",
            "new-kind": "single",
            "new-choices": "Oui\nNon",
        },
    )
    assert survey.questions.filter(label="Avez-vous des enfants scolarisés ?").exists()
    qr = client.get(reverse("surveys:survey_qr", args=[survey.pk]))
    assert qr.status_code == 200 and qr.content.startswith(b"<svg")


def test_choice_question_needs_two_choices(survey):
    with pytest.raises(DomainError) as exc:
        services.question_save(
            survey=survey, question=None, label="Q", kind="single", required=False, choices=[["a", "A"]]
        )
    assert exc.value.errors["choices"] == ["Donnez au moins deux choix différents, un par ligne."]


def test_results_page_per_commune(client, survey, coordinator, pertuis):
    answer(survey)
    client.force_login(coordinator)
    r = client.get(reverse("surveys:survey_results", args=[survey.pk]), {"commune": "84089"})
    assert r.status_code == 200
    html = r.content.decode()
    assert "habitants de Pertuis" in html and "<svg" in html


@pytest.mark.parametrize("who", ["outsider", "other_host", "member"])
def test_strangers_cannot_see_results_or_edit(client, survey, who, request):
    client.force_login(request.getfixturevalue(who))
    q = survey.questions.first()
    for name, args in [
        ("survey_manage", [survey.pk]),
        ("survey_results", [survey.pk]),
        ("survey_csv", [survey.pk]),
        ("survey_qr", [survey.pk]),
    ]:
        assert client.get(reverse(f"surveys:{name}", args=args)).status_code == 404
    assert (
        client.post(reverse("surveys:survey_status", args=[survey.pk]), {"status": "closed"}).status_code
        == 404
    )
    assert client.post(reverse("surveys:question_delete", args=[survey.pk, q.pk])).status_code == 404
    assert client.post(reverse("surveys:question_save", args=[survey.pk, q.pk]), {}).status_code == 404
    r = client.post(reverse("surveys:survey_list"), {"title": "x", "territory": "84089"})
    assert r.status_code == 403
    survey.refresh_from_db()
    assert survey.status == SurveyStatus.PUBLISHED and survey.questions.count() == 8


def test_another_networks_coordinator_is_refused(client, survey, other_host):
    from coopconnect.places.models import Network

    Network.objects.create(name="Autre réseau", slug="autre").coordinators.add(other_host)
    client.force_login(other_host)
    assert client.get(reverse("surveys:survey_results", args=[survey.pk])).status_code == 404


def test_coordinator_creates_a_survey_from_the_page(client, coordinator, pertuis):
    client.force_login(coordinator)
    r = client.post(reverse("surveys:survey_list"), {"title": "Enquête du Pays d'Aigues", "territory": "84"})
    assert r.status_code == 302
    r = client.post(reverse("surveys:survey_list"), {"title": "x", "territory": "00000"})
    assert r.status_code == 400 and "Code de territoire inconnu : 00000." in r.content.decode()


def test_plan_page_adds_a_scenario_from_the_survey(client, survey, coordinator, pertuis):
    from coopconnect.businessplans.selectors import plan_results
    from coopconnect.businessplans.services import plan_create_from_template

    for i, days in enumerate(["1", "2", "2", "5"]):
        answer(survey, ip=f"y{i}", days_elsewhere=days)
    plan = plan_create_from_template(owner=coordinator, name="P", commune=pertuis)
    client.force_login(coordinator)
    r = client.post(reverse("businessplans:scenario_from_survey", args=[plan.pk]), {"survey": survey.pk})
    assert r.status_code == 302
    added = plan_results(plan)[-1]
    assert added.scenario.name == "D'après l'enquête « Enquête Pertuis »"
    # full time 1 × 180 × 10 = 1800; 4/5: 0; 1 day 1 × 50 × 12 = 600; 2 days 2 × 80 × 12 = 1920
    assert [m.amount for m in added.result.members] == [1800, 0, 600, 1920]


@pytest.mark.parametrize("who", ["outsider", "other_host"])
def test_scenario_from_survey_refused_to_strangers(client, survey, coordinator, pertuis, who, request):
    from coopconnect.businessplans.services import plan_create_from_template

    plan = plan_create_from_template(owner=coordinator, name="P", commune=pertuis)
    client.force_login(request.getfixturevalue(who))
    r = client.post(reverse("businessplans:scenario_from_survey", args=[plan.pk]), {"survey": survey.pk})
    assert r.status_code == 404 and plan.scenarios.count() == 3


def test_interested_hook_feeds_the_criteria(survey, pertuis, coordinator, outsider):
    from coopconnect.planning.catchment.inputs import Site
    from coopconnect.surveys.selectors import interested_hook

    for i in range(3):
        answer(survey, ip=f"h{i}")
    site = Site(label="Pertuis", latitude=pertuis.latitude, longitude=pertuis.longitude, commune=pertuis)
    assert interested_hook(coordinator)(site) == 3
    assert interested_hook(outsider)(site) is None  # results not public: unknown for others
