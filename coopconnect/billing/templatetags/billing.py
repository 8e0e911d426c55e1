"""``{% load billing %}{% quote_box resource start end %}``: the price shown before booking.

The box shows what the slot adds to the person's bill given the bookings they already have (a
marginal quote: a fifth day at Murat may move the week to the week rate); ``marginal=False`` prices
the slot alone.
"""

from typing import Any

from django import template
from django.utils.translation import gettext as _

from coopconnect.billing.services.quotes import Slot, marginal_quote_for, quote_for
from coopconnect.core.errors import DomainError

register = template.Library()


@register.inclusion_tag("billing/partials/_quote.html", takes_context=True)
def quote_box(
    context: dict[str, Any],
    resource: Any,
    start: Any,
    end: Any,
    employer: Any = None,
    marginal: bool = True,
) -> dict[str, Any]:
    """Quote one slot for the signed-in person (or explain why it cannot be quoted)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"quote": None, "quote_error": _("Connectez-vous pour voir votre prix."), "nested": True}
    price = marginal_quote_for if marginal else quote_for
    try:
        quote = price(
            person=user, bookings_or_slots=[Slot(resource=resource, start=start, end=end)], employer=employer
        )
    except DomainError as exc:
        return {
            "quote": None,
            "quote_error": exc.message + " " + " ".join(m for ms in exc.errors.values() for m in ms),
            "nested": True,
        }
    return {"quote": quote, "quote_error": "", "nested": True}
