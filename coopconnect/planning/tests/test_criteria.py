"""The study's criteria: each verdict with its numbers, thresholds, hooks, score, page and API."""
# ruff: noqa: F811 - pytest fixtures imported from convince_fixtures

import pytest

from coopconnect.core.errors import DomainError
from coopconnect.planning.catchment.inputs import parse_site
from coopconnect.planning.criteria.check import check_site
from coopconnect.planning.criteria.inputs import SiteInputs, Thresholds
from coopconnect.planning.criteria.score import score
from coopconnect.planning.criteria.spacing import pilot_set_conflicts, resolve_pilot_sites
from coopconnect.planning.criteria.verdicts import FAIL, PASS, UNKNOWN, WEIGHTS, Criterion

from .convince_fixtures import luberon, make_place  # noqa: F401

pytestmark = pytest.mark.django_db

ALL_YES = SiteInputs(
    broadband_mbps=8,
    schools_nearby=True,
    shops_nearby=True,
    transport_or_parking=True,
    elected_technician_pair=True,
    core_users=12,
    need_identified=True,
    pilot_sites=("Manosque",),
)


def by_key(report):
    return {c.key: c for c in report.criteria}


def test_pertuis_with_everything_entered_passes_all(luberon):
    # Pertuis 20 360 ≥ 5 000; 33 260 within 20 min ≥ 20 000; no place at all; Manosque is in 04.
    report = check_site(parse_site("84089"), ALL_YES)
    c = by_key(report)
    assert {k: v.status for k, v in c.items()} == dict.fromkeys(WEIGHTS, PASS)
    assert "20\u202f360 habitants" in c["commune_population"].reason
    assert "33\u202f260 habitants dans 5 communes" in c["catchment_population"].reason
    assert report.score.percent == 100 and report.score.completeness == 100


def test_nothing_entered_leaves_user_criteria_unknown(luberon):
    report = check_site(parse_site("Villelaure"))
    c = by_key(report)
    # Villelaure: 3 400 < 5 000 -> fail; within 20 min: itself, Pertuis (10.5), Cadenet (9.8),
    # Lourmarin (13.5), La Tour-d'Aigues (14.8) -> 3 400 + 20 360 + 4 200 + 1 000 + 4 300 = 33 260 -> pass.
    assert c["commune_population"].status == FAIL
    assert "en dessous du seuil de 5\u202f000" in c["commune_population"].reason
    assert c["catchment_population"].status == PASS and c["catchment_population"].value == 33260
    for key in (
        "broadband",
        "schools",
        "shops",
        "transport_or_parking",
        "elected_technician",
        "core_users",
        "need_survey",
        "one_per_department",
    ):
        assert c[key].status == UNKNOWN, key
    assert c["spacing"].status == PASS
    # Score: passed = catchment 3 + spacing 2 = 5; known = 5 + commune 2 = 7 -> 5/7 = 71 %;
    # completeness 7 / 20.
    assert (report.score.passed_weight, report.score.known_weight, report.score.total_weight) == (5, 7, 20)
    assert report.score.percent == 71 and report.score.completeness == 35
    assert "5 ÷ 7 = 71 %" in report.score.formula


def test_score_is_none_when_nothing_is_known():
    crits = [Criterion("broadband", "x", UNKNOWN, "", 2, "")]
    assert score(crits).percent is None


def test_nearby_place_fails_the_spacing_with_a_nomades100_warning(luberon):
    make_place("Espace de La Tour", luberon["84133"])
    c = by_key(check_site(parse_site("84089")))["spacing"]
    # La Tour-d'Aigues is 9.7 min from Pertuis < 20 min.
    assert c.status == FAIL
    assert "Espace de La Tour" in c.reason and "10 min" in c.reason and "Nom@des100" in c.reason
    # With a 9-minute threshold it passes.
    c = by_key(check_site(parse_site("84089"), thresholds=Thresholds(min_spacing_minutes=9)))["spacing"]
    assert c.status == PASS


def test_thresholds_are_editable(luberon):
    report = check_site(
        parse_site("84089"),
        thresholds=Thresholds(min_commune_population=25000, min_catchment_population=35000),
    )
    c = by_key(report)
    assert c["commune_population"].status == FAIL and "25\u202f000" in c["commune_population"].reason
    assert c["catchment_population"].status == FAIL


def test_broadband_and_core_users_thresholds(luberon):
    report = check_site(parse_site("84089"), SiteInputs(broadband_mbps=1.5, core_users=9))
    c = by_key(report)
    assert c["broadband"].status == FAIL and "1,5 Mb/s" in c["broadband"].reason
    assert c["core_users"].status == FAIL and "9 utilisateurs" in c["core_users"].reason


def test_survey_hooks_fill_what_was_not_entered(luberon):
    report = check_site(
        parse_site("84089"), core_users_hook=lambda site: 11, survey_interested_hook=lambda site: 15
    )
    c = by_key(report)
    assert c["core_users"].status == PASS and c["core_users"].source == "enquête"
    assert c["need_survey"].status == PASS and "15 personnes" in c["need_survey"].reason
    # What the user entered wins over the hook.
    report = check_site(parse_site("84089"), SiteInputs(core_users=3), core_users_hook=lambda site: 11)
    assert by_key(report)["core_users"].status == FAIL


def test_one_pilot_per_department(luberon):
    report = check_site(parse_site("84089"), SiteInputs(pilot_sites=("Apt", "Manosque")))
    c = by_key(report)["one_per_department"]
    assert c.status == FAIL and "Apt" in c.reason and "(84)" in c.reason
    sites = resolve_pilot_sites(["Pertuis", "Apt", "Manosque"])
    assert list(pilot_set_conflicts(sites)) == ["84"]


def test_unknown_pilot_site_and_negative_counts_are_refused(luberon):
    with pytest.raises(DomainError) as exc:
        check_site(parse_site("84089"), SiteInputs(pilot_sites=("Atlantis",)))
    assert "pilot_sites" in exc.value.errors
    with pytest.raises(DomainError) as exc:
        check_site(parse_site("84089"), SiteInputs(core_users=-1, broadband_mbps=-2))
    assert set(exc.value.errors) == {"core_users", "broadband_mbps"}
    with pytest.raises(DomainError) as exc:
        check_site(parse_site("84089"), thresholds=Thresholds(catchment_minutes=0, min_core_users=-3))
    assert set(exc.value.errors) == {"catchment_minutes", "min_core_users"}


def test_criteria_api(client, luberon):
    r = client.post(
        "/api/v1/territory/criteria",
        {"site": "Pertuis", "broadband_mbps": 8, "core_users": 12, "thresholds": {"min_spacing_minutes": 15}},
        content_type="application/json",
    )
    assert r.status_code == 200, r.content
    body = r.json()
    statuses = {c["key"]: c["status"] for c in body["criteria"]}
    assert statuses["broadband"] == "pass" and statuses["schools"] == "unknown"
    assert body["catchment_population"] == 33260
    # Passed: commune 2 + catchment 3 + broadband 2 + core 3 + spacing 2 = 12, all known -> 100 %.
    assert body["score"]["percent"] == 100 and body["score"]["known_weight"] == 12


@pytest.mark.parametrize(
    ("payload", "status", "field"),
    [
        ({"site": "Atlantis"}, 400, "site"),
        ({"site": "84089", "core_users": -4}, 400, "core_users"),
        ({"site": "84089", "thresholds": {"catchment_minutes": 200}}, 400, "catchment_minutes"),
        ({"site": "84089", "pilot_sites": ["Nulle-Part"]}, 400, "pilot_sites"),
        ({"site": "84089", "core_users": "beaucoup"}, 422, "core_users"),
    ],
)
def test_criteria_api_bad_input(client, luberon, payload, status, field):
    r = client.post("/api/v1/territory/criteria", payload, content_type="application/json")
    assert r.status_code == status
    assert field in r.json()["errors"]


def test_criteria_page(client, luberon):
    r = client.get(
        "/territoire/criteres/",
        {
            "site": "84089",
            "broadband_mbps": "10",
            "schools_nearby": "oui",
            "shops_nearby": "non",
            "core_users": "",
            "min_spacing_minutes": "20",
        },
    )
    assert r.status_code == 200
    html = r.content.decode()
    assert "Score" in html and "<svg" in html and "non rempli" in html and "inconnu" in html


def test_criteria_page_errors_in_french(client, luberon):
    r = client.get(
        "/territoire/criteres/", {"site": "Atlantis", "core_users": "-2", "catchment_minutes": "0"}
    )
    assert r.status_code == 200
    html = r.content.decode()
    assert "Commune inconnue" in html
    assert "supérieure ou égale à 0" in html
    assert "supérieure ou égale à 1" in html


def test_criteria_page_public(client, luberon, outsider, other_host):
    for user in (outsider, other_host):
        client.force_login(user)
        assert client.get("/territoire/criteres/", {"site": "84089"}).status_code == 200
