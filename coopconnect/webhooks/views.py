"""Webhook pages: the endpoints of a place or a network, one endpoint with its delivery log, replays."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coopconnect.core.errors import DomainError
from coopconnect.core.forms import add_domain_errors
from coopconnect.places.models import Network, Place
from coopconnect.webhooks import selectors, services
from coopconnect.webhooks.forms import EndpointForm
from coopconnect.webhooks.models import Endpoint
from coopconnect.webhooks.permissions import may_manage_endpoints

_SECRET_KEY = "webhook_secret_{}"


def _owner_url(endpoint: Endpoint) -> str:
    if endpoint.place is not None:
        return reverse("webhooks:place_endpoints", kwargs={"slug": endpoint.place.slug})
    assert endpoint.network is not None
    return reverse("webhooks:network_endpoints", kwargs={"slug": endpoint.network.slug})


def _endpoints_page(
    request: HttpRequest, *, place: Place | None = None, network: Network | None = None
) -> HttpResponse:
    if not may_manage_endpoints(request.user, place=place, network=network):
        raise Http404(_("Page introuvable."))
    form = EndpointForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            endpoint, secret = services.endpoint_create(
                by=request.user, place=place, network=network, **form.cleaned_data
            )
        except DomainError as exc:
            add_domain_errors(form, exc)
        else:
            # Shown once, on the next page, then forgotten.
            request.session[_SECRET_KEY.format(endpoint.pk)] = secret
            return redirect("webhooks:endpoint", pk=endpoint.pk)
    context: dict[str, Any] = {
        "owner": place or network,
        "place": place,
        "endpoints": selectors.endpoints_of(place=place, network=network),
        "form": form,
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "webhooks/endpoints.html", context, status=status)


@login_required
def place_endpoints(request: HttpRequest, slug: str) -> HttpResponse:
    return _endpoints_page(request, place=get_object_or_404(Place, slug=slug))


@login_required
def network_endpoints(request: HttpRequest, slug: str) -> HttpResponse:
    return _endpoints_page(request, network=get_object_or_404(Network, slug=slug))


def _managed(request: HttpRequest, pk: int) -> Endpoint:
    endpoint = selectors.endpoint_for(request.user, pk)
    if endpoint is None:
        raise Http404(_("Page introuvable."))
    return endpoint


@login_required
def endpoint_page(request: HttpRequest, pk: int) -> HttpResponse:
    endpoint = _managed(request, pk)
    initial = {"url": endpoint.url, "description": endpoint.description, "events": endpoint.events}
    form = EndpointForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.endpoint_update(endpoint=endpoint, **form.cleaned_data)
        except DomainError as exc:
            add_domain_errors(form, exc)
        else:
            messages.success(request, _("Point de réception enregistré."))
            return redirect("webhooks:endpoint", pk=endpoint.pk)
    context = {
        "endpoint": endpoint,
        "owner": endpoint.place or endpoint.network,
        "owner_url": _owner_url(endpoint),
        "secret": request.session.pop(_SECRET_KEY.format(endpoint.pk), None),
        "form": form,
        "log": selectors.delivery_log(endpoint),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "webhooks/endpoint.html", context, status=status)


@login_required
@require_POST
def endpoint_action(request: HttpRequest, pk: int) -> HttpResponse:
    endpoint = _managed(request, pk)
    action = request.POST.get("action", "")
    if action == "delete":
        back = _owner_url(endpoint)
        services.endpoint_delete(endpoint=endpoint)
        messages.success(request, _("Point de réception supprimé."))
        return redirect(back)
    if action == "rotate":
        request.session[_SECRET_KEY.format(endpoint.pk)] = services.endpoint_rotate_secret(endpoint=endpoint)
    elif action in ("enable", "disable"):
        services.endpoint_update(endpoint=endpoint, is_active=action == "enable")
        messages.success(
            request,
            _("Point de réception réactivé.") if action == "enable" else _("Point de réception suspendu."),
        )
    else:
        messages.error(request, _("Action inconnue."))
    return redirect("webhooks:endpoint", pk=endpoint.pk)


@login_required
@require_POST
def replay(request: HttpRequest, pk: int) -> HttpResponse:
    delivery = selectors.delivery_for(request.user, pk)
    if delivery is None:
        raise Http404(_("Page introuvable."))
    try:
        services.delivery_replay(delivery=delivery)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Livraison remise en file : elle part dans un instant."))
    return redirect("webhooks:endpoint", pk=delivery.endpoint_id)
