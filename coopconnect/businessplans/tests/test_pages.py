"""Business-plan pages and the simulate API: owners only, secret link, field errors in French."""

from decimal import Decimal as D

import pytest
from django.urls import reverse

from coopconnect.businessplans import services as services_plans
from coopconnect.businessplans.models import BusinessPlan, ChargeKind, IncomeKind
from coopconnect.businessplans.selectors import plan_results


@pytest.fixture
def plan(host, pertuis):
    return services_plans.plan_create_from_template(owner=host, name="Tiers-lieu de Pertuis", commune=pertuis)


def test_template_page_is_public_and_shows_the_study_totals(client):
    r = client.get(reverse("businessplans:plan_template"))
    assert r.status_code == 200
    html = r.content.decode()
    assert "11\u202f890\u00a0€" in html and "11\u202f000\u00a0€" in html and "<svg" in html
    assert "La mairie prête les locaux cinq ans" in html


def test_create_from_template_saves_three_scenarios_matching_the_study(plan):
    views = plan_results(plan)
    assert [v.scenario.name for v in views][1:] == [
        "La mairie prête les locaux cinq ans",
        "Un EPN existant réorganise sa salle",
    ]
    study = views[0].result
    assert (study.total_charges, study.total_income, study.result) == (D(11890), D(11890), D(0))
    # EPN: 1000 + 1200 + 2500/5 + 600 + 300 + 890 = 4490 of charges; 11 890 - 4 490 = 7 400
    assert views[2].result.total_charges == D(4490)
    assert views[2].result.result == D(7400)


def test_owner_creates_a_plan_from_the_list_page(client, host, pertuis):
    client.force_login(host)
    r = client.post(reverse("businessplans:plan_list"), {"name": "Mon lieu", "commune": "Pertuis"})
    plan = BusinessPlan.objects.get(owner=host)
    assert r.status_code == 302 and r["Location"] == reverse("businessplans:plan_detail", args=[plan.pk])
    assert plan.commune == pertuis and plan.scenarios.count() == 3


def test_unknown_commune_is_a_french_form_error(client, host, pertuis):
    client.force_login(host)
    r = client.post(reverse("businessplans:plan_list"), {"name": "Mon lieu", "commune": "Atlantide"})
    assert r.status_code == 200
    assert "Commune introuvable ou ambiguë." in r.content.decode()
    assert not BusinessPlan.objects.exists()


@pytest.mark.parametrize("who", ["outsider", "other_host"])
def test_strangers_cannot_see_or_change_a_plan(client, plan, who, request):
    client.force_login(request.getfixturevalue(who))
    scenario = plan.scenarios.first()
    assert client.get(reverse("businessplans:plan_detail", args=[plan.pk])).status_code == 404
    assert client.get(reverse("businessplans:plan_edit", args=[plan.pk])).status_code == 404
    assert client.get(reverse("businessplans:scenario_edit", args=[plan.pk, scenario.pk])).status_code == 404
    assert client.post(reverse("businessplans:plan_delete", args=[plan.pk])).status_code == 404
    assert client.post(reverse("businessplans:plan_share_reset", args=[plan.pk])).status_code == 404
    assert (
        client.post(reverse("businessplans:scenario_delete", args=[plan.pk, scenario.pk])).status_code == 404
    )
    assert (
        client.post(reverse("businessplans:scenario_duplicate", args=[plan.pk, scenario.pk])).status_code
        == 404
    )
    assert BusinessPlan.objects.filter(pk=plan.pk).exists() and plan.scenarios.count() == 3


def test_anonymous_is_sent_to_login(client, plan):
    r = client.get(reverse("businessplans:plan_detail", args=[plan.pk]))
    assert r.status_code == 302 and "/compte/" in r["Location"]


def test_secret_link_shows_the_plan_read_only_and_can_be_replaced(client, host, plan):
    url = reverse("businessplans:plan_shared", args=[plan.share_token])
    r = client.get(url)
    assert r.status_code == 200 and "Tiers-lieu de Pertuis" in r.content.decode()
    assert "Modifier ce scénario" not in r.content.decode()
    client.force_login(host)
    client.post(reverse("businessplans:plan_share_reset", args=[plan.pk]))
    client.logout()
    assert client.get(url).status_code == 404


def _scenario_post(scenario, **overrides):
    data = {
        "name": scenario.name,
        "description": "",
        "occupancy_rate": "70",
        "seats": "8",
        "open_days_per_week": "5",
        "charges-TOTAL_FORMS": "2",
        "charges-INITIAL_FORMS": "2",
        "charges-0-kind": ChargeKind.RENT,
        "charges-0-label": "Loyer",
        "charges-0-amount": "6000",
        "charges-1-kind": ChargeKind.DEPRECIATION,
        "charges-1-label": "Équipement",
        "charges-1-amount": "",
        "charges-1-investment": "3000",
        "charges-1-years": "3",
        "income-TOTAL_FORMS": "3",
        "income-INITIAL_FORMS": "1",
        "income-0-kind": IncomeKind.MEMBER,
        "income-0-label": "Temps plein",
        "income-0-count": "4",
        "income-0-unit_price": "150",
        "income-0-months": "11",
        "income-0-days_per_week": "5",
        "income-1-kind": IncomeKind.DAY,
        "income-1-label": "Journées",
        "income-1-count": "20",
        "income-1-unit_price": "15",
        "income-1-months": "",
        "income-1-days_per_week": "",
        "income-2-kind": "",
        "income-2-label": "",
        "income-2-count": "",
        "income-2-unit_price": "",
        "income-2-months": "",
        "income-2-days_per_week": "",
    }
    data.update(overrides)
    return data


def test_owner_edits_a_scenario(client, host, plan):
    client.force_login(host)
    scenario = plan.scenarios.first()
    r = client.post(
        reverse("businessplans:scenario_edit", args=[plan.pk, scenario.pk]), _scenario_post(scenario)
    )
    assert r.status_code == 302
    result = plan_results(plan)[0].result
    # charges: 6000 + 3000/3 = 7000; income: 4 × 150 × 11 = 6600 + 20 × 15 = 300 -> 6900; result -100
    assert result.total_charges == D(7000)
    assert result.total_income == D(6900)
    assert result.result == D(-100)


def test_negative_price_and_occupancy_over_100_are_french_errors(client, host, plan):
    client.force_login(host)
    scenario = plan.scenarios.first()
    r = client.post(
        reverse("businessplans:scenario_edit", args=[plan.pk, scenario.pk]),
        _scenario_post(scenario, **{"occupancy_rate": "120", "income-0-unit_price": "-5"}),
    )
    assert r.status_code == 400
    html = r.content.decode()
    assert "inférieure ou égale à 100" in html and "supérieure ou égale à 0" in html
    assert plan_results(plan)[0].result.total_charges == D(11890)


def test_a_plan_keeps_at_least_one_scenario(client, host, plan):
    client.force_login(host)
    for s in list(plan.scenarios.all()):
        client.post(reverse("businessplans:scenario_delete", args=[plan.pk, s.pk]))
    assert plan.scenarios.count() == 1


def test_duplicate_scenario(client, host, plan):
    client.force_login(host)
    s = plan.scenarios.first()
    r = client.post(reverse("businessplans:scenario_duplicate", args=[plan.pk, s.pk]))
    assert r.status_code == 302 and plan.scenarios.count() == 4
    assert plan_results(plan)[3].result.total_charges == D(11890)


# -- API -----------------------------------------------------------------------------------------


def test_simulate_the_study_template(client, db):
    # db: every API POST is counted against the abuse limits, in the shared (database) cache.
    template = client.get("/api/v1/business-plans/template").json()
    r = client.post("/api/v1/business-plans/simulate", template, content_type="application/json")
    assert r.status_code == 200
    body = r.json()
    assert D(body["total_charges"]) == D(11890) and D(body["total_income"]) == D(11890)
    assert D(body["result"]) == 0 and body["break_even_members"] == 11
    assert [D(m["amount"]) for m in body["members"]] == [D(1800), D(3600), D(1800), D(3840)]


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"occupancy_rate": 101}, "occupancy_rate"),
        ({"occupancy_rate": -1}, "occupancy_rate"),
        ({"members": [{"label": "a", "count": -1, "monthly_price": 10}]}, "members.0.count"),
        ({"members": [{"label": "a", "count": 1, "monthly_price": -10}]}, "members.0.monthly_price"),
        ({"occasional": [{"label": "a", "count": 1, "unit_price": -1}]}, "occasional.0.unit_price"),
        ({"charges": [{"kind": "rent", "amount": -1}]}, "charges.0.amount"),
    ],
)
def test_simulate_refuses_bad_input_with_field_errors(client, db, payload, field):
    r = client.post("/api/v1/business-plans/simulate", payload, content_type="application/json")
    assert r.status_code == 422
    assert field in r.json()["errors"]


def test_simulate_domain_rule_gives_400(client, db):
    # occupancy 0 with paying members: no way to scale income -> refused by the computation.
    payload = {"occupancy_rate": 0, "members": [{"label": "a", "count": 1, "monthly_price": 10}]}
    r = client.post("/api/v1/business-plans/simulate", payload, content_type="application/json")
    assert r.status_code == 400
    assert r.json()["errors"]["occupancy_rate"] == [
        "Un taux de remplissage nul est incompatible avec des adhérents réguliers payants."
    ]


def test_amounts_typed_the_french_way(client, host, plan):
    client.force_login(host)
    scenario = plan.scenarios.first()
    url = reverse("businessplans:scenario_edit", args=[plan.pk, scenario.pk])
    bad = client.post(url, _scenario_post(scenario, **{"occupancy_rate": "soixante-dix"}))
    assert bad.status_code == 400 and "Saisissez un nombre." in bad.content.decode()
    assert plan_results(plan)[0].result.total_charges == D(11890)
    r = client.post(
        url,
        _scenario_post(
            scenario,
            **{
                "occupancy_rate": "70,5",
                "open_days_per_week": "4,5",
                "charges-0-amount": "6\u202f000,50",
                "income-0-unit_price": "150,25",
                "income-1-unit_price": "15.00",
            },
        ),
    )
    assert r.status_code == 302
    result = plan_results(plan)[0].result
    # charges: 6000,50 + 3000/3 = 7000,50; income: 4 × 150,25 × 11 = 6611 + 20 × 15 = 300 -> 6911
    assert result.total_charges == D("7000.50")
    assert result.total_income == D("6911.00")
    page = client.get(url).content.decode()
    assert 'value="6000,50"' in page and 'value="150,25"' in page and 'value="70,50"' in page
