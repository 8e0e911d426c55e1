"""Who may open which invoice, issuer or place page: anything else is a 404, leaking nothing."""

from __future__ import annotations

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from coopconnect.billing import permissions as billing_permissions
from coopconnect.billing.models import Invoice, Issuer
from coopconnect.core import permissions
from coopconnect.places.models import Place


def visible_invoice(request: HttpRequest, pk: int) -> Invoice:
    """Return an issued invoice the user may see (own, their employer's, their issuer's), else 404."""
    inv = billing_permissions.invoices_visible_to(request.user).filter(pk=pk).first()
    if inv is None:
        raise Http404(_("Facture introuvable."))
    return inv


def managed_invoice(request: HttpRequest, pk: int) -> Invoice:
    """Return an invoice of an issuer the user manages (host, coordinator), else 404."""
    inv = visible_invoice(request, pk)
    if not billing_permissions.can_manage_issuer(request.user, inv.issuer):
        raise Http404(_("Facture introuvable."))
    return inv


def managed_issuer(request: HttpRequest, pk: int) -> Issuer:
    """Return an issuer the user manages, else 404."""
    issuer = billing_permissions.issuers_managed_by(request.user).filter(pk=pk).first()
    if issuer is None:
        raise Http404(_("Émetteur introuvable."))
    return issuer


def managed_place(request: HttpRequest, slug: str) -> Place:
    """Return a place the user manages, else 404."""
    place = get_object_or_404(Place, slug=slug)
    if not permissions.can_manage_place(request.user, place):
        raise Http404(_("Lieu introuvable."))
    return place
