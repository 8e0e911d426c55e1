"""The charts of the survey results, drawn as server-side SVG (coopconnect.core.svg)."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.safestring import SafeString

from coopconnect.core.svg import bar_chart


def _short(label: str, size: int = 34) -> str:
    return label if len(label) <= size else label[: size - 1].rstrip() + "…"


def counts_chart(title: str, items: Sequence[tuple[str, int]]) -> SafeString:
    """Return answer counts as bars."""
    return bar_chart([_short(label) for label, _n in items], [float(n) for _l, n in items], title=title)
