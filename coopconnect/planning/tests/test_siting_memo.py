"""A second siting on the same data reuses the candidates' coverage sets kept on the snapshot."""
# ruff: noqa: F811 - pytest fixtures imported from convince_fixtures

import pytest

from coopconnect.planning.siting import candidates
from coopconnect.planning.siting.proposal import propose_sites
from coopconnect.planning.territories import parse_territory

from .convince_fixtures import luberon, make_place  # noqa: F401


def picks(result):
    return [(p.name, p.gain) for p in result.picks]


@pytest.mark.django_db
def test_the_sets_are_computed_once_per_data_and_request_shape(luberon, monkeypatch):
    calls = []
    real = candidates.pairs_within

    def counting(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(candidates, "pairs_within", counting)
    make_place("Tiers-lieu de Pertuis", luberon["84089"])
    vaucluse = parse_territory("dep:84")
    first = propose_sites(vaucluse, k=2, minutes=20, min_population=5000)
    again = propose_sites(vaucluse, k=2, minutes=20, min_population=5000)
    assert picks(again) == picks(first) == [("Cavaillon", 26000), ("Apt", 11500)]
    assert len(calls) == 1
    # Another time limit or population floor is another set of candidates: computed anew.
    propose_sites(vaucluse, k=2, minutes=25, min_population=5000)
    propose_sites(vaucluse, k=1, minutes=20, min_population=15000)
    assert len(calls) == 3
    # A new place changes the data: the snapshot is rebuilt and so are the sets.
    make_place("Tiers-lieu de Cavaillon", luberon["84035"])
    after = propose_sites(vaucluse, k=2, minutes=20, min_population=5000)
    assert len(calls) == 4 and ("Cavaillon", 26000) not in picks(after)
