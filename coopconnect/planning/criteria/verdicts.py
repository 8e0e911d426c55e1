"""A criterion's verdict (pass, fail, unknown), its weight in the score, the sentence with its figures."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from coopconnect.core import formatting

PASS, FAIL, UNKNOWN = "pass", "fail", "unknown"
STATUS_LABELS = {
    PASS: gettext_lazy("rempli"),
    FAIL: gettext_lazy("non rempli"),
    UNKNOWN: gettext_lazy("inconnu"),
}

# Weights of the overall score. The core of users and the population reached weigh most: the study
# calls the users "le plus important et le plus difficile à approcher", and its quantitative
# potential is the 20,000 within 20 minutes.
WEIGHTS: dict[str, int] = {
    "commune_population": 2,
    "catchment_population": 3,
    "broadband": 2,
    "schools": 1,
    "shops": 1,
    "transport_or_parking": 1,
    "elected_technician": 2,
    "core_users": 3,
    "need_survey": 2,
    "spacing": 2,
    "one_per_department": 1,
}


@dataclass(frozen=True, slots=True)
class Criterion:
    """One criterion's verdict, the sentence explaining it and where the figure comes from."""

    key: str
    label: str
    status: str
    reason: str
    weight: int
    source: str
    value: Any = None

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS[self.status])


def figure(value: float) -> str:
    """Write a figure of a criterion's sentence: 20 360 ; 2,5."""
    return formatting.number(value, decimals=1)


def entered(key: str, label: str, value: bool | None, yes: str, no: str, unknown: str) -> Criterion:
    """Return the verdict of a yes/no fact entered by the project holder (unknown when left empty)."""
    if value is None:
        return Criterion(key, label, UNKNOWN, unknown, WEIGHTS[key], _("non renseigné"))
    return Criterion(
        key, label, PASS if value else FAIL, yes if value else no, WEIGHTS[key], _("saisie"), value
    )
