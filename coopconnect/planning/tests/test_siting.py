"""Proposing new sites: greedy, exact, spacing, marginal gains, bad input, page and API."""
# ruff: noqa: F811 - pytest fixtures imported from convince_fixtures

import itertools
import math
from types import SimpleNamespace

import numpy as np
import pytest

from coopconnect.core.errors import DomainError
from coopconnect.planning.siting.exact import enumerate_best
from coopconnect.planning.siting.greedy import lazy_greedy
from coopconnect.planning.siting.proposal import propose_sites
from coopconnect.planning.territories import parse_territory

from .convince_fixtures import luberon, make_place  # noqa: F401

NO_BLOCKS = lambda j: np.empty(0, dtype=np.int64)  # noqa: E731


def csr(sets):
    indptr = np.cumsum([0] + [len(s) for s in sets]).astype(np.int64)
    indices = np.array([i for s in sets for i in s], dtype=np.int32)
    return indptr, indices


def test_greedy_trap_and_exact_optimum():
    # Weights: elements 0-3 weigh 10, element 4 weighs 1. A = {0, 1}, B = {2, 3}, C = {1, 2, 4}.
    # Greedy (K=2) takes C (21) first, then A or B (+10): 31. The optimum A + B = 40.
    w = np.array([10, 10, 10, 10, 1], dtype=np.int64)
    indptr, indices = csr([[0, 1], [2, 3], [1, 2, 4]])
    table = SimpleNamespace(population=np.array([1, 1, 1]))
    cand = np.arange(3)
    greedy = lazy_greedy(2, table, cand, indptr, indices, w, NO_BLOCKS)
    assert greedy[0] == (2, 21) and sum(g for _j, g in greedy) == 31
    best, value, count = enumerate_best(2, cand, indptr, indices, w, np.zeros((3, 3), dtype=bool))
    assert sorted(best) == [0, 1] and value == 40 and count == 3
    # 31 / 40 = 77.5 % ≥ 1 − 1/e ≈ 63.2 %.
    assert 31 / 40 >= 1 - 1 / math.e


def test_greedy_guarantee_on_random_instances():
    rng = np.random.default_rng(2026)
    for _ in range(40):
        n_el, n_sets, k = 30, 9, 3
        w = rng.integers(0, 100, n_el)
        sets = [sorted(rng.choice(n_el, rng.integers(1, 8), replace=False)) for _s in range(n_sets)]
        indptr, indices = csr(sets)
        table = SimpleNamespace(population=np.zeros(n_sets))
        cand = np.arange(n_sets)
        greedy = sum(g for _j, g in lazy_greedy(k, table, cand, indptr, indices, w, NO_BLOCKS))
        brute = max(
            w[sorted(set().union(*(sets[i] for i in combo)))].sum()
            for combo in itertools.combinations(range(n_sets), k)
        )
        _best, exact, _n = enumerate_best(k, cand, indptr, indices, w, np.zeros((n_sets, n_sets), dtype=bool))
        assert exact == brute
        assert greedy >= (1 - 1 / math.e) * brute


@pytest.mark.django_db
def test_vaucluse_proposal_with_existing_place(luberon):
    make_place("Tiers-lieu de Pertuis", luberon["84089"])
    # Already covered: Pertuis, La Tour-d'Aigues, Villelaure, Cadenet, Lourmarin = 33 260 of 72 160.
    # Candidates ≥ 5 000: Pertuis (adds 0), Cavaillon (adds itself, 26 000), Apt (adds itself, 11 500).
    result = propose_sites(parse_territory("dep:84"), k=2, minutes=20, min_population=5000)
    assert [(p.name, p.gain) for p in result.picks] == [("Cavaillon", 26000), ("Apt", 11500)]
    assert [p.cumulative for p in result.picks] == [59260, 70760]
    assert result.covered_before == 33260 and result.gained == 37500
    assert result.method == "exact"  # C(2, 2) = 1 combination of the useful candidates
    assert "Solution exacte" in result.guarantee


@pytest.mark.django_db
def test_fewer_useful_sites_than_k_gives_a_note(luberon):
    make_place("Tiers-lieu de Pertuis", luberon["84089"])
    result = propose_sites(parse_territory("dep:84"), k=3, minutes=20, min_population=5000)
    assert len(result.picks) == 2
    assert "Seulement 2 sites proposés sur 3" in result.notes[0]


@pytest.mark.django_db
def test_spacing_greedy_and_exact_agree_on_vaucluse(luberon):
    # No place yet; candidates ≥ 3 000 in 84: Pertuis, La Tour-d'Aigues, Villelaure, Cadenet, Apt, Cavaillon.
    # At 20 minutes each of the first four reaches the same five communes (33 260: Pertuis, La Tour,
    # Villelaure, Cadenet, Lourmarin); greedy takes Pertuis (largest commune of the tie), whose 30
    # minutes of spacing block the other three and Apt (25.3 min); then Cavaillon (26 000, 39.6 min
    # away): 59 260 with 2 sites. Exact: Apt is closer than 30 min to all four, so the best three sites
    # respecting the spacing are the same 59 260 (Apt + Cavaillon would bring 38 500).
    territory = parse_territory("dep:84")
    greedy = propose_sites(
        territory, k=3, min_population=3000, min_spacing_minutes=30, exact_limit=0, exact=False
    )
    assert greedy.method == "greedy"
    assert [p.name for p in greedy.picks] == ["Pertuis", "Cavaillon"] and greedy.gained == 59260
    assert greedy.upper_bound >= 59260
    assert "au moins" in greedy.guarantee
    exact = propose_sites(territory, k=3, min_population=3000, min_spacing_minutes=30)
    assert exact.method == "exact" and exact.gained == 59260 and exact.greedy_value == 59260
    assert "Cavaillon" in {p.name for p in exact.picks}
    assert sum(p.gain for p in exact.picks) == exact.gained


@pytest.mark.django_db
def test_spacing_from_existing_places_excludes_candidates(luberon):
    make_place("Tiers-lieu de Pertuis", luberon["84089"])
    # Within 15 min of Pertuis: Pertuis itself, La Tour-d'Aigues (13.0), Villelaure (13.9) -> excluded.
    result = propose_sites(parse_territory("dep:84"), k=2, min_population=3000, min_spacing_minutes=15)
    assert result.excluded_by_spacing == 3 and result.candidates == 3  # Cadenet, Apt, Cavaillon


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("kwargs", "field", "message"),
    [
        ({"k": 4}, "k", "4 sites demandés, mais seulement 3 communes sont éligibles dans Vaucluse (84)"),
        ({"k": 0}, "k", "entier entre 1 et 200"),
        ({"k": 2, "minutes": 0}, "minutes", "entre 1 et 120 minutes"),
        ({"k": 2, "min_population": -1}, "min_population", "positif ou nul"),
        ({"k": 2, "min_spacing_minutes": 200}, "min_spacing_minutes", "entre 0 et 120"),
    ],
)
def test_bad_input(luberon, kwargs, field, message):
    with pytest.raises(DomainError) as exc:
        propose_sites(parse_territory("dep:84"), **kwargs)
    assert field in exc.value.errors
    assert message in " ".join(exc.value.errors[field]) + exc.value.message


@pytest.mark.django_db
def test_siting_api(client, luberon):
    make_place("Tiers-lieu de Pertuis", luberon["84089"])
    r = client.post(
        "/api/v1/territory/siting", {"territory": "dep:84", "k": 2}, content_type="application/json"
    )
    assert r.status_code == 200, r.content
    body = r.json()
    assert [(p["insee"], p["gain"]) for p in body["picks"]] == [("84035", 26000), ("84003", 11500)]
    assert body["share_before"] == round(33260 / 72160, 4)
    assert body["share_after"] == round(70760 / 72160, 4)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("payload", "status", "field"),
    [
        ({"territory": "dep:84", "k": 40}, 400, "k"),
        ({"territory": "dep:99", "k": 1}, 400, "territory"),
        ({"territory": "dep:84", "k": 1, "minutes": 999}, 400, "minutes"),
        ({"territory": "dep:84", "k": 1, "min_population": -5}, 400, "min_population"),
        ({"territory": "dep:84"}, 422, "k"),
        ({"territory": "dep:84", "k": "trois"}, 422, "k"),
    ],
)
def test_siting_api_bad_input(client, luberon, payload, status, field):
    r = client.post("/api/v1/territory/siting", payload, content_type="application/json")
    assert r.status_code == status
    assert field in r.json()["errors"]


@pytest.mark.django_db
def test_siting_page(client, luberon):
    make_place("Tiers-lieu de Pertuis", luberon["84089"])
    r = client.get(
        "/territoire/implantation/",
        {
            "territory": "dep:84",
            "k": "2",
            "minutes": "20",
            "min_population": "5000",
            "min_spacing_minutes": "0",
        },
    )
    assert r.status_code == 200
    html = r.content.decode()
    assert "Cavaillon" in html and "+26" in html and html.count("<figure><svg") == 2


@pytest.mark.django_db
def test_siting_page_k_too_large_in_french(client, luberon, outsider, other_host):
    params = {
        "territory": "dep:84",
        "k": "9",
        "minutes": "20",
        "min_population": "5000",
        "min_spacing_minutes": "0",
    }
    r = client.get("/territoire/implantation/", params)
    assert r.status_code == 200
    assert "9 sites demandés, mais seulement 3 communes sont éligibles" in r.content.decode()
    for user in (outsider, other_host):
        client.force_login(user)
        assert client.get("/territoire/implantation/", params).status_code == 200
