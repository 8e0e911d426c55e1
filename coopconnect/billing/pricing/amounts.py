"""How amounts are written on lines, notes and messages: always in French.

Rounding (half up, once, to the cent) is ``coopconnect.core.money.round_cents``.
"""

from __future__ import annotations

from decimal import Decimal

from coopconnect.core import formatting
from coopconnect.core.money import round_cents


def label_amount(value: Decimal) -> str:
    """Write an amount in a French label, note or message, whatever the reader's language ("1 234,50 €").

    Labels are stored on invoice lines, which are legal documents written in French; the messages
    around them are French sentences too.
    """
    return formatting.money(round_cents(value), lang="fr")
