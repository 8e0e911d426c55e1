"""The charts of the business plan, drawn as server-side SVG (coopconnect.core.svg)."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from coopconnect.businessplans.compute import CHARGE_LABEL, PlanResult
from coopconnect.core.svg import bar_chart, line_chart


def _short(label: str, size: int = 34) -> str:
    return label if len(label) <= size else label[: size - 1].rstrip() + "…"


def sensitivity_chart(results: Sequence[PlanResult]) -> SafeString:
    """Return the yearly result of each scenario against the occupancy rate (0 to 100 %)."""
    xs = [float(p.occupancy) for p in results[0].sensitivity] if results else []
    series = {r.name: [float(p.result) for p in r.sensitivity] for r in results}
    return line_chart(
        xs,
        series,
        title=_("Résultat annuel (€) selon le taux de remplissage (%, en abscisse)"),
        y_label=_("Résultat (€)"),
    )


def scenarios_chart(results: Sequence[PlanResult]) -> SafeString:
    """Return the yearly result of each scenario as bars (losses to the left)."""
    return bar_chart(
        [_short(r.name) for r in results],
        [float(r.result) for r in results],
        title=_("Résultat annuel par scénario"),
        unit="€",
    )


def charges_chart(result: PlanResult) -> SafeString:
    """Return the charges of one scenario as bars."""
    lines = [c for c in result.charges if c.amount]
    return bar_chart(
        [_short(str(CHARGE_LABEL.get(c.kind, c.label))) for c in lines],
        [float(c.amount) for c in lines],
        title=_("Charges annuelles : %(name)s") % {"name": result.name},
        unit="€",
    )
