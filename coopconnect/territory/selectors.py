"""Reads of territory reference data: finding a commune from what a person types."""

import re
from collections.abc import Callable

from django.db.models import Q, QuerySet

from coopconnect.core.text import search_key
from coopconnect.territory.models import Commune, CommunePostcode, CommuneWordKey

_INSEE = re.compile(r"^(\d{5}|2[AB]\d{3})$", re.IGNORECASE)
_POSTCODE = re.compile(r"^\d{5}$")
# "Saint-Rémy (13)" or "Saint-Rémy (2A)": how suggestions are displayed, so they can be typed back.
_WITH_DEPARTMENT = re.compile(r"^(?P<name>.*?)\s*\((?P<dep>\d{2,3}|2[AB])\)\s*$", re.IGNORECASE)


def commune_by_insee(code: str) -> Commune | None:
    """Return the commune with this INSEE code, or None."""
    code = code.strip().upper()
    if not _INSEE.match(code):
        return None
    return Commune.objects.select_related("department").filter(insee=code).first()


def communes_for_postcode(postcode: str) -> list[Commune]:
    """Return every commune served by a postcode, most populous first ("84120" -> Pertuis...).

    The postcode table (La Poste's, vendored) and each commune's own ``postcodes`` both count, so a
    database loaded before the table existed still answers.
    """
    postcode = postcode.strip()
    if not _POSTCODE.match(postcode):
        return []
    in_table = CommunePostcode.objects.filter(postcode=postcode).values("commune_id")
    # postcodes is a space-separated list: match whole codes only.
    in_column = (
        Q(postcodes=postcode)
        | Q(postcodes__startswith=f"{postcode} ")
        | Q(postcodes__contains=f" {postcode}")
    )
    return list(
        Commune.objects.select_related("department")
        .filter(Q(insee__in=in_table) | in_column)
        .order_by("-population", "name")
    )


def _by_code(code: str, limit: int) -> list[Commune]:
    """Every commune of the postcode (even beyond ``limit``), then the commune of the INSEE code."""
    found = communes_for_postcode(code)
    commune = commune_by_insee(code)
    if commune is not None and commune.insee not in {c.insee for c in found}:
        found.append(commune)
    return found if found and _POSTCODE.match(code) else found[:limit]


_Matches = tuple[list[Commune], QuerySet[Commune], Callable[[], QuerySet[Commune]]]


def _name_matches(key: str, department: str | None) -> _Matches:
    """Return (exact homonyms, prefix matches, all-words matches when called), most populous first."""
    base = Commune.objects.select_related("department").order_by("-population", "name")
    if department:
        base = base.filter(department_id=department)
    tokens = key.split()
    words = Q()
    for token in tokens:
        words &= Q(search_name__startswith=token) | Q(search_name__contains=f" {token}")
    exact = list(base.filter(search_name=key))
    # The range lets SQLite and PostgreSQL use the search_name index (LIKE 'key%' alone scans);
    # "zzzz" rather than a high character, which a locale collation may ignore.
    prefix = base.filter(search_name__gte=key, search_name__lte=f"{key}zzzz", search_name__startswith=key)

    # A name has a word starting with a token exactly when one of its word keys starts with it: the
    # indexed keys of the rarest token ("remy" rather than "saint") give the candidates, and the
    # substring filter then checks every token as before, so the results are those of a full scan.
    def keys(token: str) -> QuerySet[CommuneWordKey]:
        return CommuneWordKey.objects.filter(key__gte=token, key__lte=f"{token}zzzz", key__startswith=token)

    def by_words() -> QuerySet[Commune]:
        rarest = tokens[0] if len(tokens) == 1 else min(tokens, key=lambda t: keys(t).count())
        return base.filter(words, insee__in=keys(rarest).values("commune_id"))

    return exact, prefix, by_words


def commune_search(query: str, limit: int = 8, *, department: str | None = None) -> list[Commune]:
    """Return communes matching a name, an INSEE code or a postcode, best first.

    Names are matched case- and accent-insensitively on ``search_name`` ("st remy" finds
    Saint-Rémy-de-Provence). Ranking: the exact name when a single commune bears it, then names
    starting with the query (homonyms of the exact name among them), then names containing every
    typed word at a word start; within each rank, the most populous first. Five digits give every
    commune of that postcode, however many, then the commune of that INSEE code. Homonyms do not jump
    the prefix rank: nine communes are called Saint-Rémy, and "st remy" must still offer
    Saint-Rémy-de-Provence.
    """
    query = query.strip()
    if not query or limit <= 0:
        return []
    if department is None and (m := _WITH_DEPARTMENT.match(query)):
        query, department = m.group("name"), m.group("dep").upper()
    if _INSEE.match(query) or _POSTCODE.match(query):
        return _by_code(query.upper(), limit)
    key = search_key(query)
    if not key:
        return []
    exact, prefix, words = _name_matches(key, department)
    ranked: list[Commune] = exact if len(exact) == 1 else []
    seen = {c.insee for c in ranked}

    def by_prefix() -> QuerySet[Commune]:
        return prefix

    stages: tuple[Callable[[], QuerySet[Commune]], ...] = (by_prefix, words)
    for stage in stages:
        if len(ranked) >= limit:
            break
        for commune in stage()[:limit]:
            if commune.insee not in seen:
                seen.add(commune.insee)
                ranked.append(commune)
    return ranked[:limit]


def resolve_commune(query: str) -> tuple[Commune | None, list[Commune]]:
    """Return (the commune meant by ``query`` or None, suggestions to offer).

    A commune is meant when the query is its INSEE code, its exact name borne by no other
    commune (homonyms can be told apart with the department: "Saint-Rémy (13)"), or the only
    result of the search. Otherwise the suggestions list the candidates, most populous first.
    Five digits are a postcode first, since people type their postcode: served by one commune, that
    commune ("13001" -> Marseille); by several, none and all of them as suggestions, most populous
    first ("84120" -> Pertuis, then La Bastidonne, Mirabeau, Beaumont-de-Pertuis). The commune
    whose INSEE code the digits are (13100 is Saint-Rémy-de-Provence's)
    comes last among the suggestions; digits that are no postcode are an INSEE code.
    """
    query = query.strip()
    if not query:
        return None, []
    if _POSTCODE.match(query) and (served := communes_for_postcode(query)):
        by_code = commune_by_insee(query)
        others = [by_code] if by_code is not None and by_code.insee not in {c.insee for c in served} else []
        return (served[0], others) if len(served) == 1 else (None, served + others)
    results = commune_search(query)
    commune = commune_by_insee(query)
    if commune is not None:
        return commune, [c for c in results if c.insee != commune.insee]
    if len(results) == 1:
        return results[0], []
    m = _WITH_DEPARTMENT.match(query)
    name, department = (m.group("name"), m.group("dep").upper()) if m else (query, None)
    exact, _, _ = _name_matches(search_key(name), department)
    if len(exact) == 1:
        return exact[0], [c for c in results if c.insee != exact[0].insee]
    # Every homonym is offered (shown with its department), even beyond the search's limit.
    shown = {c.insee for c in results}
    return None, results + [c for c in exact if c.insee not in shown]
