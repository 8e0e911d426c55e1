"""``{% load billing %}{% quote_box resource start end %}``: the price shown before booking.

The box shows what the slot adds to the bill of the person booked for (``person=``, the signed-in
person by default; a host for anyone booking at their place, an employer admin for an employee, billed
to ``employer`` when the employer pays) given the bookings they already have (a
marginal quote: a fifth day at Murat may move the week to the week rate); ``marginal=False`` prices
the slot alone.
"""

from typing import Any

from django import template
from django.utils.translation import gettext as _

from coopconnect.billing import permissions
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
    person: Any = None,
) -> dict[str, Any]:
    """Quote one slot for the person booked for (the signed-in person by default), or explain why it
    cannot be quoted. Someone else is priced only for a host of the resource's place or the person's
    employer admin (platform staff too): otherwise the box says so and shows no price."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"quote": None, "quote_error": _("Connectez-vous pour voir votre prix."), "nested": True}
    person = person or user
    other = person.pk != user.pk
    if other and not permissions.can_quote_for(user, person, [resource.place]):
        return {
            "quote": None,
            "quote_error": _("Vous ne pouvez pas voir le prix pour cette personne."),
            "nested": True,
        }
    price = marginal_quote_for if marginal else quote_for
    try:
        quote = price(
            person=person,
            bookings_or_slots=[Slot(resource=resource, start=start, end=end)],
            employer=employer,
        )
    except DomainError as exc:
        return {
            "quote": None,
            "quote_error": exc.message + " " + " ".join(m for ms in exc.errors.values() for m in ms),
            "nested": True,
        }
    return {
        "quote": quote,
        "quote_error": "",
        "nested": True,
        "for_person": person if other else None,
        "employer": employer,
    }
