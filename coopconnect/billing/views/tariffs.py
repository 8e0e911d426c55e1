"""The public price list of a place, and the price of a slot before booking it."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from coopconnect.billing import selectors
from coopconnect.billing.forms import QuoteForm
from coopconnect.billing.price_list import public_price
from coopconnect.billing.services.advice import advise
from coopconnect.billing.services.quotes import Slot, error_text, marginal_quote_for, quote_for
from coopconnect.core.errors import DomainError
from coopconnect.places.models import Place, Resource


@require_GET
def tariffs_page(request: HttpRequest, slug: str) -> HttpResponse:
    place = get_object_or_404(Place, slug=slug, is_published=True)
    rows = [public_price(t) for t in selectors.tariffs_for_place(place).select_related("network")]
    return render(request, "billing/tariffs.html", {"place": place, "tariffs": rows})


@login_required
@require_GET
def quote_page(request: HttpRequest) -> HttpResponse:
    form = QuoteForm(request.GET or None)
    ctx: dict = {"form": form, "quote": None, "quote_error": _(""), "resource": None}
    status = 200
    if request.GET and form.is_valid():
        resource = Resource.objects.select_related("place").filter(pk=form.cleaned_data["resource"]).first()
        ctx["resource"] = resource
        if resource is None:
            ctx["quote_error"], status = "Ressource introuvable.", 404
        else:
            price = quote_for if form.cleaned_data.get("mode") == "slots" else marginal_quote_for
            slots = [Slot(resource=resource, start=form.cleaned_data["start"], end=form.cleaned_data["end"])]
            try:
                ctx["quote"] = price(person=request.user, bookings_or_slots=slots)
            except DomainError as exc:
                ctx["quote_error"] = error_text(exc)
                status = 400
            else:
                advice = advise(person=request.user, place=resource.place, slots=slots)
                if advice is not None and advice.saving_ttc > 0:
                    ctx["advice"], ctx["place"] = advice, resource.place
    elif request.GET:
        ctx["quote_error"], status = "Créneau incomplet : précisez la ressource, le début et la fin.", 400
    template = "billing/partials/_quote.html" if getattr(request, "htmx", False) else "billing/quote.html"
    return render(request, template, ctx, status=status)
