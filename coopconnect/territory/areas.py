"""Territories typed by name or code: "Vaucluse", "84", "Provence-Alpes-Côte d'Azur", an EPCI's name.

One resolver for every tool that asks for a territory. It understands, in this order:

* "fr", "France", "France entière": all of France;
* "reg:93", "dep:84", "epci:200040699": the kind and the code, as before;
* a bare code: a department ("84", "2A", "974"; a department first, as people mean it), else an
  EPCI's SIREN (nine digits), else a region;
* a name, accents, case and hyphens ignored: the regions, departments and EPCI whose name is the
  text, else those with a word starting with each word typed ("vauc" finds Vaucluse).

One match is the territory; several are a choice to offer; none is unknown.
"""

from __future__ import annotations

from dataclasses import dataclass

from coopconnect.core.text import search_key
from coopconnect.territory.models import Department, Epci, Region

KINDS = ("reg", "dep", "epci")
MAX_CHOICES = 8
_MODELS: dict[str, type[Region] | type[Department] | type[Epci]] = {
    "reg": Region,
    "dep": Department,
    "epci": Epci,
}
_FRANCE = {"fr", "france", "france entiere", "toute la france"}


@dataclass(frozen=True, slots=True)
class Area:
    """A region, a department or an EPCI (or all of France: kind "fr", no code)."""

    kind: str
    code: str
    name: str

    @property
    def key(self) -> str:
        return "fr" if self.kind == "fr" else f"{self.kind}:{self.code}"


@dataclass(frozen=True, slots=True)
class Resolution:
    """What a typed territory is: the area when one matches, else the choices (empty: unknown)."""

    area: Area | None
    choices: tuple[Area, ...] = ()


def _by_code(kind: str, code: str) -> Area | None:
    row = _MODELS[kind].objects.filter(code=code).values_list("code", "name").first()
    return Area(kind, row[0], row[1]) if row else None


def _named() -> list[tuple[Area, str]]:
    rows: list[tuple[Area, str]] = []
    for kind in KINDS:
        for code, name in _MODELS[kind].objects.order_by("code").values_list("code", "name"):
            rows.append((Area(kind, code, name), search_key(name)))
    return rows


def resolve_area(value: str) -> Resolution:
    """Resolve a territory typed by a person (see the module docstring)."""
    raw = (value or "").strip()
    key = search_key(raw)
    if not key:
        return Resolution(None)
    if key in _FRANCE:
        return Resolution(Area("fr", "", "France entière"))
    kind, sep, code = raw.partition(":")
    if sep and kind.strip().lower() in KINDS:
        found = _by_code(kind.strip().lower(), code.strip().upper())
        return Resolution(found)
    bare = raw.upper().replace(" ", "")
    if bare.isalnum() and len(bare) <= 9 and any(c.isdigit() for c in bare):
        for kind in ("dep", "epci", "reg"):
            found = _by_code(kind, bare)
            if found is not None:
                return Resolution(found)
        return Resolution(None)
    rows = _named()
    exact = [area for area, name in rows if name == key]
    if len(exact) == 1:
        return Resolution(exact[0])
    if exact:
        return Resolution(None, tuple(exact[:MAX_CHOICES]))
    words = key.split()
    partial = [area for area, name in rows if all(any(n.startswith(w) for n in name.split()) for w in words)]
    if len(partial) == 1:
        return Resolution(partial[0])
    return Resolution(None, tuple(partial[:MAX_CHOICES]))
