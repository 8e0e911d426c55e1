"""Finding a commune from what a person types: names, codes, homonyms."""

import pytest

from coopconnect.core.text import search_key
from coopconnect.territory.models import Commune, Department, Region
from coopconnect.territory.selectors import commune_by_insee, commune_search, resolve_commune


def _commune(insee: str, name: str, dep: Department, population: int, postcodes: str = "") -> Commune:
    return Commune.objects.create(
        insee=insee,
        name=name,
        search_name=search_key(name),
        department=dep,
        region=dep.region,
        population=population,
        postcodes=postcodes,
        latitude=44.0,
        longitude=5.0,
    )


@pytest.fixture
def communes(db) -> dict[str, Commune]:
    paca = Region.objects.create(code="93", name="Provence-Alpes-Côte d'Azur")
    bfc = Region.objects.create(code="27", name="Bourgogne-Franche-Comté")
    bdr = Department.objects.create(code="13", name="Bouches-du-Rhône", region=paca)
    vaucluse = Department.objects.create(code="84", name="Vaucluse", region=paca)
    doubs = Department.objects.create(code="25", name="Doubs", region=bfc)
    saone = Department.objects.create(code="71", name="Saône-et-Loire", region=bfc)
    return {
        "remy": _commune("13100", "Saint-Rémy-de-Provence", bdr, 9700, "13210"),
        "remy_doubs": _commune("25520", "Saint-Rémy", doubs, 150, "25250"),
        "remy_saone": _commune("71486", "Saint-Rémy", saone, 6300, "71100"),
        "remy_en": _commune("84118", "Saint-Rémy-en-Provence-Test", vaucluse, 50, "84120"),
        "pertuis": _commune("84089", "Pertuis", vaucluse, 20360, "84120"),
        "aix": _commune("13001", "Aix-en-Provence", bdr, 147000, "13080 13090 13100 13290 13540"),
        "marseille": _commune("13055", "Marseille", bdr, 877000, "13001 13002"),
        "mallemort": _commune("13053", "Mallemort", bdr, 6500, "13370"),
    }


def test_commune_by_insee(communes):
    assert commune_by_insee("84089") == communes["pertuis"]
    assert commune_by_insee(" 84089 ") == communes["pertuis"]
    assert commune_by_insee("99999") is None
    assert commune_by_insee("Pertuis") is None


def test_st_remy_offers_saint_remy_de_provence(communes):
    # Two communes are called exactly "Saint-Rémy": an ambiguous exact name ranks with the names
    # starting with "saint remy", so Saint-Rémy-de-Provence (9,700 inhabitants) comes first.
    results = commune_search("st remy")
    assert [c.insee for c in results] == ["13100", "71486", "25520", "84118"]


def test_a_unique_exact_name_comes_before_more_populous_prefixes(communes):
    dep = communes["remy"].department
    _commune("13999", "Mallemort-Grande-Ville", dep, 99000)
    assert commune_search("mallemort") == [communes["mallemort"], Commune.objects.get(insee="13999")]


def test_search_is_case_and_accent_insensitive_and_matches_word_starts(communes):
    assert commune_search("SAINT-RÉMY-DE-PROV") == [communes["remy"]]
    assert commune_search("remy prov")[:2] == [communes["remy"], communes["remy_en"]]
    # "ert" is inside "Pertuis" but starts no word.
    assert commune_search("ert") == []


def test_search_ranks_prefix_before_contained_and_honours_limit(communes):
    assert commune_search("pro") == [communes["aix"], communes["remy"], communes["remy_en"]]
    assert commune_search("pro", limit=1) == [communes["aix"]]
    assert commune_search("") == []
    assert commune_search("   ---  ") == []


def test_search_by_postcode_gives_its_communes_then_the_insee_commune(communes):
    assert commune_search("84120") == [communes["pertuis"], communes["remy_en"]]
    # 13001 is Aix-en-Provence's INSEE code and Marseille's postcode: the postcode first.
    assert commune_search("13001") == [communes["marseille"], communes["aix"]]
    # A whole postcode only: 1310 is not a prefix search, 13100 is not 13210.
    assert commune_search("13100") == [communes["aix"], communes["remy"]]
    # Not a postcode of any commune: the INSEE code alone.
    assert commune_search("84089") == [communes["pertuis"]]


def test_search_with_department_in_brackets(communes):
    assert commune_search("Saint-Rémy (25)") == [communes["remy_doubs"]]


def test_resolve_by_insee_code(communes):
    assert resolve_commune("84089") == (communes["pertuis"], [])


def test_resolve_a_postcode_of_one_commune_and_of_several(communes):
    # Postcode 13001 serves Marseille only; 13001 is also Aix-en-Provence's INSEE code.
    assert resolve_commune("13001") == (communes["marseille"], [communes["aix"]])
    assert resolve_commune("13100") == (communes["aix"], [communes["remy"]])
    # 84120 serves Pertuis and Saint-Rémy-en-Provence-Test: none chosen, both offered by population.
    assert resolve_commune("84120") == (None, [communes["pertuis"], communes["remy_en"]])


def test_postcode_table_finds_every_commune_beyond_the_search_limit(communes):
    from coopconnect.territory.models import CommunePostcode
    from coopconnect.territory.selectors import communes_for_postcode

    dep = communes["pertuis"].department
    extra = [_commune(f"8470{i}", f"Village {i}", dep, 100 + i) for i in range(9)]
    CommunePostcode.objects.bulk_create(CommunePostcode(postcode="84120", commune=c) for c in extra)
    found = communes_for_postcode("84120")
    # Pertuis (20,360) and the test commune (50) by their column, nine villages by the table.
    assert len(found) == 11 and found[0] == communes["pertuis"]
    assert [c.population for c in found] == sorted((c.population for c in found), reverse=True)
    assert commune_search("84120", limit=3) == found
    match, suggestions = resolve_commune("84120")
    assert match is None and suggestions == found
    assert communes_for_postcode("8412") == [] and communes_for_postcode("abcde") == []


def test_resolve_exact_unique_name(communes):
    match, suggestions = resolve_commune("pertuis")
    assert match == communes["pertuis"]
    assert suggestions == []


def test_resolve_exact_name_among_longer_names(communes):
    match, suggestions = resolve_commune("Saint-Rémy-de-Provence")
    assert match == communes["remy"]


def test_resolve_homonyms_gives_suggestions_with_department(communes):
    match, suggestions = resolve_commune("Saint Remy")
    assert match is None
    assert [str(c) for c in suggestions] == [
        "Saint-Rémy-de-Provence (13)",
        "Saint-Rémy (71)",
        "Saint-Rémy (25)",
        "Saint-Rémy-en-Provence-Test (84)",
    ]
    match, _ = resolve_commune("Saint-Rémy (25)")
    assert match == communes["remy_doubs"]


def test_resolve_offers_every_homonym_beyond_the_limit(communes):
    doubs = communes["remy_doubs"].department
    for i in range(8):
        _commune(f"2560{i}", f"Saint-Rémy-les-{i}", doubs, 1000 + i)
    match, suggestions = resolve_commune("st remy")
    assert match is None
    # 8 best by population, then the homonym that did not fit: Saint-Rémy (25), 150 inhabitants.
    assert len(suggestions) == 9
    assert suggestions[-1] == communes["remy_doubs"]


def test_resolve_single_result(communes):
    assert resolve_commune("mallem") == (communes["mallemort"], [])


def test_resolve_unknown_gives_nothing(communes):
    assert resolve_commune("Trifouilly-les-Oies") == (None, [])
    assert resolve_commune("") == (None, [])


def test_word_starts_use_the_rarest_word_key_and_give_the_scan_results(
    communes, django_assert_max_num_queries
):
    # "remy prov": no name starts with it, so the word stage runs: names with a word starting with
    # "remy" and one starting with "prov", most populous first (same as scanning every name).
    assert [c.insee for c in commune_search("remy prov")] == ["13100", "84118"]
    # "en" starts a word of Saint-Rémy-en-Provence-Test and of Aix-en-Provence only.
    assert [c.insee for c in commune_search("prov en")] == ["13001", "84118"]
    # A commune saved by hand gets its keys too.
    _commune("84999", "Sainte-Tulle-sur-Mer", communes["pertuis"].department, 10)
    assert [c.insee for c in commune_search("sur mer")] == ["84999"]
    with django_assert_max_num_queries(6):
        commune_search("st remy prov")
