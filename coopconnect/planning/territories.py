"""The territories the tool measures: all of France, a region, a department or an EPCI."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coopconnect.core.errors import DomainError
from coopconnect.territory.models import Department, Epci, Region

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
    "« fr » (toute la France), « reg:93 » (région), « dep:84 » (département) ou « epci:<SIREN> »."
)


def parse_territory(value: str, field_name: str = "territory") -> Territory:
    """Read "fr", "reg:93", "dep:84" or "epci:200040699"; DomainError when unknown."""
    raw = (value or "").strip()
    kind, _sep, code = raw.partition(":")
    kind, code = kind.strip().lower(), code.strip().upper()
    if kind in ("fr", "france") and not code:
        return Territory("fr", "", _("France entière"))
    model = {"reg": Region, "dep": Department, "epci": Epci}.get(kind)
    if model is None or not code:
        message = _("Territoire invalide « %(v)s » : attendu %(help)s") % {"v": raw, "help": TERRITORY_HELP}
        raise DomainError(message, errors={field_name: [message]})
    obj = model.objects.filter(code=code).first()
    if obj is None:
        label = {"reg": _("Région"), "dep": _("Département"), "epci": _("EPCI")}[kind]
        message = _("%(label)s inconnu(e) : code « %(code)s ».") % {"label": label, "code": code}
        raise DomainError(message, errors={field_name: [message]})
    return Territory(kind, code, str(obj))
