"""The territories the tool measures: all of France, a region, a department or an EPCI."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coopconnect.core.errors import DomainError
from coopconnect.territory.areas import resolve_area

# Mainland France and Corsica: maps leave the overseas departments out (figures include them).
METROPOLE = (41.0, 51.6, -5.6, 10.0)


@dataclass(frozen=True, slots=True)
class Territory:
    """A territory to measure: all of France, a region, a department or an EPCI."""

    kind: str  # "fr", "reg", "dep" or "epci"
    code: str
    name: str

    @property
    def key(self) -> str:
        return "fr" if self.kind == "fr" else f"{self.kind}:{self.code}"

    def q(self) -> Q | None:
        """Return the filter on communes, or None for all of France."""
        return {
            "fr": None,
            "reg": Q(region_id=self.code),
            "dep": Q(department_id=self.code),
            "epci": Q(epci_id=self.code),
        }[self.kind]


TERRITORY_HELP = gettext_lazy(
    "un nom ou un code : « Vaucluse », « 84 », « Provence-Alpes-Côte d'Azur », le nom d'un EPCI, "
    "ou « fr » (toute la France), « reg:93 », « dep:84 », « epci:<SIREN> »."
)
KIND_NAMES = {"reg": gettext_lazy("région"), "dep": gettext_lazy("département"), "epci": gettext_lazy("EPCI")}


class AmbiguousTerritory(DomainError):
    """Several territories answer to what was typed: ``choices`` are (key, label) to offer."""

    def __init__(self, message: str, *, errors: dict[str, list[str]], choices: list[tuple[str, str]]) -> None:
        super().__init__(message, errors)
        self.choices = choices


def _unknown(raw: str, field_name: str) -> DomainError:
    kind, sep, code = raw.partition(":")
    kind = kind.strip().lower()
    if sep and kind in KIND_NAMES and code.strip():
        message = {
            "reg": _("Région inconnue : code « %(code)s »."),
            "dep": _("Département inconnu : code « %(code)s »."),
            "epci": _("EPCI inconnu : code « %(code)s »."),
        }[kind] % {"code": code.strip().upper()}
    else:
        message = _("Territoire inconnu « %(v)s » : indiquez %(help)s") % {"v": raw, "help": TERRITORY_HELP}
    return DomainError(message, errors={field_name: [message]})


def parse_territory(value: str, field_name: str = "territory") -> Territory:
    """Read a territory by name or code ("Vaucluse", "84", "dep:84", "fr"); DomainError otherwise.

    Several matches are refused with the choices in the message (and ``choices`` on the error).
    """
    raw = (value or "").strip()
    found = resolve_area(raw)
    if found.area is not None:
        area = found.area
        if area.kind == "fr":
            return Territory("fr", "", _("France entière"))
        name = f"{area.name} ({area.code})" if area.kind == "dep" else area.name
        return Territory(area.kind, area.code, name)
    if not found.choices:
        raise _unknown(raw, field_name)
    listed = ", ".join(f"{a.name} ({KIND_NAMES[a.kind]}, {a.key})" for a in found.choices)
    message = _("Plusieurs territoires correspondent à « %(v)s » : %(list)s. Précisez.") % {
        "v": raw,
        "list": listed,
    }
    raise AmbiguousTerritory(
        message,
        errors={field_name: [message]},
        choices=[(a.key, f"{a.name} ({KIND_NAMES[a.kind]})") for a in found.choices],
    )
