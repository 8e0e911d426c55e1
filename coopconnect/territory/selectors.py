"""Reads of territory reference data: finding a commune from what a person types."""

import re

from django.db.models import Q

from coopconnect.core.text import search_key
from coopconnect.territory.models import Commune

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


def _by_code(code: str, limit: int) -> list[Commune]:
    found: list[Commune] = []
    commune = commune_by_insee(code)
    if commune is not None:
        found.append(commune)
    if _POSTCODE.match(code):
        # postcodes is a space-separated list: match whole codes only.
        by_postcode = (
            Commune.objects.select_related("department")
            .filter(Q(postcodes=code) | Q(postcodes__startswith=f"{code} ") | Q(postcodes__contains=f" {code}"))
            .exclude(insee=code)
            .order_by("-population", "name")
        )
        found.extend(by_postcode[: max(limit - len(found), 0)])
    return found[:limit]


def commune_search(query: str, limit: int = 8, *, department: str | None = None) -> list[Commune]:
    """Return communes matching a name, an INSEE code or a postcode, best first.

    Names are matched case- and accent-insensitively on ``search_name`` ("st remy" finds
    Saint-Rémy-de-Provence). Ranking: exact name, then name prefix, then names containing every
    typed word at a word start; within each rank, the most populous first.
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
    base = Commune.objects.select_related("department").order_by("-population", "name")
    if department:
        base = base.filter(department_id=department)
    words = Q()
    for token in key.split():
        words &= Q(search_name__startswith=token) | Q(search_name__contains=f" {token}")
    ranked: list[Commune] = []
    seen: set[str] = set()
    for queryset in (
        base.filter(search_name=key),
        base.filter(search_name__startswith=key).exclude(search_name=key),
        base.filter(words),
    ):
        for commune in queryset[:limit]:
            if commune.insee not in seen:
                seen.add(commune.insee)
                ranked.append(commune)
        if len(ranked) >= limit:
            break
    return ranked[:limit]


def resolve_commune(query: str) -> tuple[Commune | None, list[Commune]]:
    """Return (the commune meant by ``query`` or None, suggestions to offer).

    A commune is meant when the query is its INSEE code, its exact name borne by no other
    commune (homonyms can be told apart with the department: "Saint-Rémy (13)"), or the only
    result of the search. Otherwise the suggestions list the candidates, most populous first.
    Five digits are an INSEE code first; communes having them as postcode come as suggestions
    (INSEE 13001 is Aix-en-Provence, postcode 13001 is Marseille).
    """
    query = query.strip()
    if not query:
        return None, []
    results = commune_search(query)
    commune = commune_by_insee(query)
    if commune is not None:
        return commune, [c for c in results if c.insee != commune.insee]
    if len(results) == 1:
        return results[0], []
    m = _WITH_DEPARTMENT.match(query)
    key = search_key(m.group("name") if m else query)
    exact = [c for c in results if c.search_name == key]
    if len(exact) == 1:
        return exact[0], [c for c in results if c is not exact[0]]
    return None, results
