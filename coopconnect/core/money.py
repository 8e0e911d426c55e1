"""Money arithmetic shared by every app: amounts are ``Decimal`` euros, rounded once, half up, to the cent.

French invoices and budgets round half up ("0,005 € -> 0,01 €"); rounding happens once, on the
amount written (a line, a total), never on intermediate results. Writing an amount is
``core/formatting.money``.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
ZERO = Decimal("0")


def round_cents(value: Decimal) -> Decimal:
    """Round an amount half up to the cent."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)
