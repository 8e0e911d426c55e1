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
from coopconnect.billing.price_list import public_tariffs
from coopconnect.billing.services.advice import advise
from coopconnect.billing.services.cancellation import cancel_effect
from coopconnect.billing.services.quotes import Slot, error_text, marginal_quote_for, quote_for
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
        return {"quote": None, "quote_error": error_text(exc), "nested": True}
    return {
        "quote": quote,
        "quote_error": "",
        "nested": True,
        "for_person": person if other else None,
        "employer": employer,
    }


@register.inclusion_tag("billing/partials/_booking_price.html", takes_context=True)
def booking_price(
    context: dict[str, Any],
    resource: Any,
    slots: Any,
    employer: Any = None,
    person: Any = None,
) -> dict[str, Any]:
    """Price exactly the slots about to be booked, then say what they add to the month's bill and
    which formula would cost the person less this month.

    ``slots``: (start, end) pairs, the bookings the form will make. The main figure is their price;
    the month effect (bookings already made, a week moving to the week pass) is explained below it.
    """
    request = context.get("request")
    user = getattr(request, "user", None)
    out: dict[str, Any] = {"quote": None, "quote_error": "", "effect": None, "advice": None}
    out["csrf_token"] = context.get("csrf_token")
    if user is None or not user.is_authenticated:
        return {**out, "quote_error": _("Connectez-vous pour voir votre prix.")}
    person = person or user
    other = person.pk != user.pk
    if other and not permissions.can_quote_for(user, person, [resource.place]):
        return {**out, "quote_error": _("Vous ne pouvez pas voir le prix pour cette personne.")}
    wanted = [Slot(resource=resource, start=start, end=end) for start, end in slots]
    if not wanted:
        return {**out, "quote_error": _("Aucun créneau à chiffrer : vérifiez les dates choisies.")}
    try:
        quote = quote_for(person=person, bookings_or_slots=wanted, employer=employer)
        effect = marginal_quote_for(person=person, bookings_or_slots=wanted, employer=employer)
    except DomainError as exc:
        return {**out, "quote_error": error_text(exc)}
    advice = None
    if employer is None and not other:
        advice = advise(person=person, place=resource.place, slots=wanted)
        if advice is not None and advice.saving_ttc <= 0:
            advice = None
    return {
        **out,
        "quote": quote,
        "count": len(wanted),
        "effect": effect if effect.total_ht != quote.total_ht or effect.existing_ht else None,
        "advice": advice,
        "for_person": person if other else None,
        "employer": employer,
        "place": resource.place,
    }


@register.inclusion_tag("billing/partials/_cancel_cost.html")
def cancel_cost(booking: Any) -> dict[str, Any]:
    """Say what cancelling the booking takes off the bill of its payer (the person or the employer)."""
    return {"effect": cancel_effect(booking=booking), "booking": booking}


@register.inclusion_tag("billing/partials/_place_tariffs.html")
def place_tariffs(place: Any) -> dict[str, Any]:
    """The place's tariffs valid today: VAT included for individuals, HT for companies."""
    return {"place": place, "rows": public_tariffs(place)}
