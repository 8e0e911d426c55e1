"""How amounts are rounded (a billing rule) and written on lines (always in French)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from coopconnect.core import formatting

CENT = Decimal("0.01")
ZERO = Decimal("0")


def money(value: Decimal) -> Decimal:
    """Round an amount once, half up, to the cent."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def label_amount(value: Decimal) -> str:
    """Write an amount in a French label, note or message, whatever the reader's language ("1 234,50 €").

    Labels are stored on invoice lines, which are legal documents written in French; the messages
    around them are French sentences too.
    """
    return formatting.money(money(value), lang="fr")
