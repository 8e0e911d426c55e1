"""seed_convince: the demo survey around Pertuis and the study's business plan, idempotent."""

from decimal import Decimal as D

from coopconnect.businessplans.models import BusinessPlan
from coopconnect.businessplans.selectors import plan_results
from coopconnect.surveys.models import Survey, SurveyResponse
from coopconnect.surveys.selectors import survey_results
from coopconnect.territory.models import Commune

from .convince_seed import seed_convince


def test_seed_convince_is_idempotent(pertuis, coordinator):
    Commune.objects.create(
        insee="84133",
        name="La Tour-d'Aigues",
        search_name="la tour d aigues",
        department=pertuis.department,
        region=pertuis.region,
        population=4300,
        latitude=43.7264,
        longitude=5.5497,
    )
    first = seed_convince(coordinator)
    second = seed_convince(coordinator)
    assert Survey.objects.count() == 1 and BusinessPlan.objects.count() == 1
    # 8 answers from Pertuis and 3 from La Tour-d'Aigues (other communes are not loaded here)
    assert first["responses_created"] == 11 and second["responses_created"] == 0
    assert SurveyResponse.objects.count() == 11
    results = survey_results(first["survey"])
    # Pertuis: days 2,2,1,4,0,2,5,1 -> 7 interested; La Tour: 2,1,0 -> 2 interested
    assert results.interested == 9
    assert first["survey"].results_public
    assert plan_results(first["plan"])[0].result.total_charges == D(11890)


def test_seed_convince_without_communes_does_nothing(db):
    assert seed_convince() == {"skipped": "Pertuis absente : chargez d'abord les communes."}


def test_seed_convince_without_owner_uses_a_coordinator_not_staff(pertuis, network):
    # is_staff grants nothing: the demo coordinator is made coordinator of the first network instead.
    result = seed_convince()
    owner = result["survey"].owner
    assert owner.email == "coordination@coop-connect.fr"
    assert network.coordinators.filter(pk=owner.pk).exists()
    assert not owner.is_staff and not owner.is_superuser
    assert result["survey"].network == network


def test_seed_convince_without_network_or_coordinator_skips(pertuis):
    assert seed_convince() == {"skipped": "Aucun réseau : créez d'abord les réseaux (seed_demo)."}
    assert not Survey.objects.exists()
