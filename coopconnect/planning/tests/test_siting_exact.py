"""Exact siting by integer programming (HiGHS): same optimum as enumeration, gap, fallbacks, page, API."""
# ruff: noqa: F811 - pytest fixtures imported from convince_fixtures

import itertools

import numpy as np
import pytest

from coopconnect.planning.siting import ilp as ilp_module
from coopconnect.planning.siting.ilp import solve_mclp
from coopconnect.planning.siting.proposal import propose_sites
from coopconnect.planning.territories import parse_territory

from .convince_fixtures import luberon, make_place  # noqa: F401


def csr(sets):
    indptr = np.cumsum([0] + [len(s) for s in sets]).astype(np.int64)
    indices = np.array([i for s in sets for i in s], dtype=np.int32)
    return indptr, indices


def test_integer_program_escapes_the_greedy_trap():
    # A = {0, 1}, B = {2, 3}, C = {1, 2, 4}; weights 10, 10, 10, 10, 1. Greedy (K=2): C then A = 31.
    # The optimum A + B = 40, proven (gap 0) even when the greedy choice is the starting solution.
    w = np.array([10, 10, 10, 10, 1], dtype=np.int64)
    indptr, indices = csr([[0, 1], [2, 3], [1, 2, 4]])
    out = solve_mclp(2, np.arange(3), indptr, indices, w, [], start=[2, 0])
    assert out.status == "optimal" and sorted(out.chosen) == [0, 1] and out.value == 40 and out.gap == 0


def test_integer_program_equals_brute_force_with_spacing_conflicts():
    rng = np.random.default_rng(13)
    for _ in range(15):
        n_el, n_sets, k = 40, 10, 3
        w = rng.integers(0, 100, n_el)
        sets = [sorted(rng.choice(n_el, rng.integers(1, 10), replace=False)) for _s in range(n_sets)]
        indptr, indices = csr(sets)
        conflicts = [(a, b) for a, b in itertools.combinations(range(n_sets), 2) if rng.random() < 0.15]
        banned = set(conflicts)
        brute = max(
            w[sorted(set().union(*(sets[i] for i in combo)))].sum()
            for r in range(1, k + 1)
            for combo in itertools.combinations(range(n_sets), r)
            if not any(pair in banned for pair in itertools.combinations(combo, 2))
        )
        out = solve_mclp(k, np.arange(n_sets), indptr, indices, w, conflicts)
        assert out.status == "optimal" and out.value == brute
        assert not any(pair in banned for pair in itertools.combinations(sorted(out.chosen), 2))


pytestmark = pytest.mark.django_db


def test_department_exact_siting_by_integer_program_proves_the_greedy_optimal(luberon):
    # Same instance as test_siting's spacing case, with enumeration switched off so HiGHS solves it:
    # the optimum is the enumeration's 59 260, and the greedy answer reaches it (gap 0 %).
    result = propose_sites(
        parse_territory("dep:84"), k=3, min_population=3000, min_spacing_minutes=30, exact_limit=0
    )
    assert result.solver == "highs" and result.ilp.status == "optimal"
    assert result.method == "exact" and result.shown == "exact" and result.gained == 59260
    assert result.greedy_gained == 59260 and result.greedy_gap == 0 and result.optimality_gap == 0
    assert "HiGHS" in result.guarantee and "0\u00a0% de moins que l'optimum" in result.guarantee
    assert sum(p.gain for p in result.picks) == 59260


def test_department_integer_program_beats_greedy_without_spacing(luberon):
    # K = 2 at 15 minutes, candidates ≥ 3 000, no place: Villelaure reaches Pertuis (10.5), La Tour
    # (14.8), Cadenet (9.8), Lourmarin (13.5): 33 260; Cavaillon 26 000. The integer program and the
    # enumeration agree: Villelaure + Cavaillon = 59 260, and so does the greedy.
    territory = parse_territory("dep:84")
    by_ilp = propose_sites(territory, k=2, minutes=15, min_population=3000, exact_limit=0)
    by_enum = propose_sites(territory, k=2, minutes=15, min_population=3000)
    assert by_ilp.solver == "highs" and by_enum.solver == "enumeration"
    assert by_ilp.gained == by_enum.gained == 59260
    assert {p.name for p in by_ilp.picks} == {"Villelaure", "Cavaillon"}


def test_too_large_for_the_exact_solve_falls_back_to_greedy_and_says_so(luberon, monkeypatch):
    monkeypatch.setattr(ilp_module, "MAX_NONZEROS", 3)
    from coopconnect.planning.siting import proposal

    monkeypatch.setattr(proposal, "MAX_NONZEROS", 3)
    monkeypatch.setattr(
        proposal, "solve_mclp", lambda *a, **kw: ilp_module.solve_mclp(*a, **kw, max_nonzeros=3)
    )
    result = propose_sites(
        parse_territory("dep:84"), k=3, min_population=3000, min_spacing_minutes=30, exact_limit=0
    )
    assert result.ilp.status == "too_large" and result.shown == "greedy" and result.gained == 59260
    assert any("trop grand pour la résolution exacte" in n for n in result.notes)


def test_time_limit_keeps_the_best_solution_found(luberon):
    result = propose_sites(parse_territory("fr"), k=2, min_population=3000, exact_limit=0, time_limit=0.0)
    assert result.ilp is not None and result.ilp.status in ("time_limit", "optimal")
    assert result.gained >= result.greedy_gained


def test_siting_api_reports_which_answer_and_the_gap(client, luberon):
    payload = {"territory": "dep:84", "k": 3, "min_population": 3000, "min_spacing_minutes": 30}
    body = client.post("/api/v1/territory/siting", payload, content_type="application/json").json()
    # 6 candidates: C(6, 3) = 20 combinations, enumerated.
    assert body["shown"] == "exact" and body["solver"] == "enumeration" and body["gained"] == 59260
    assert body["greedy_gained"] == 59260 and body["optimality_gap"] == 0
    greedy = client.post(
        "/api/v1/territory/siting", {**payload, "exact": False}, content_type="application/json"
    ).json()
    assert greedy["shown"] == "greedy" and greedy["solver"] is None and greedy["gained"] == 59260
    assert greedy["upper_bound"] >= 59260 and 0 <= greedy["optimality_gap"] < 1
    bad = client.post(
        "/api/v1/territory/siting", {**payload, "exact": "peut-être"}, content_type="application/json"
    )
    assert bad.status_code == 422


def test_siting_page_says_which_answer_is_shown(client, luberon, outsider, other_host):
    make_place("Tiers-lieu d'Apt", luberon["84003"])
    params = {"territory": "dep:84", "k": "2", "minutes": "20", "min_population": "3000"}
    html = client.get("/territoire/implantation/", params).content.decode()
    assert "Réponse affichée : la solution optimale (prouvée)." in html
    greedy = client.get("/territoire/implantation/", {**params, "solve": "greedy"}).content.decode()
    assert "Réponse affichée : celle de l'algorithme glouton." in greedy
    bad = client.get("/territoire/implantation/", {**params, "solve": "magique"})
    assert bad.status_code == 200 and "Sélectionnez un choix valide" in bad.content.decode()
    for user in (outsider, other_host):
        client.force_login(user)
        assert client.get("/territoire/implantation/", params).status_code == 200
