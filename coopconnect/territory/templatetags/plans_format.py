"""Template filters of the business plan and survey pages: euros and percentages the French way."""

from decimal import Decimal

from django import template

register = template.Library()


@register.filter
def euros(value: Decimal | int | float | None) -> str:
    """Format an amount as "11 890 €" or "1 003,64 €" (narrow no-break spaces)."""
    if value is None or value == "":
        return "—"
    text = f"{Decimal(value):,.2f}".replace(",", "\u202f").replace(".", ",")
    return text.removesuffix(",00") + "\u00a0€"


@register.filter
def percent(value: Decimal | int | float | None) -> str:
    """Format a rate as "70 %" or "72,5 %"."""
    if value is None or value == "":
        return "—"
    text = f"{Decimal(value):.1f}".replace(".", ",").removesuffix(",0")
    return text + "\u00a0%"
