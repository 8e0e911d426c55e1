"""Who may open which payments page: anything else is a 404, leaking nothing."""

from __future__ import annotations

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _

from coopconnect.billing import permissions as billing_permissions
from coopconnect.billing.models import Issuer
from coopconnect.payments import selectors
from coopconnect.payments.models import Collection, Mandate


def own_mandate(request: HttpRequest, pk: int) -> Mandate:
    mandate = selectors.mandates_visible_to(request.user).filter(pk=pk).first()
    if mandate is None:
        raise Http404(_("Mandat introuvable."))
    return mandate


def managed_issuer(request: HttpRequest, pk: int) -> Issuer:
    issuer = billing_permissions.issuers_managed_by(request.user).filter(pk=pk).first()
    if issuer is None:
        raise Http404(_("Émetteur introuvable."))
    return issuer


def managed_collection(request: HttpRequest, pk: int) -> Collection:
    issuers = billing_permissions.issuers_managed_by(request.user)
    collection = Collection.objects.filter(pk=pk, issuer__in=issuers).select_related("issuer").first()
    if collection is None:
        raise Http404(_("Remise introuvable."))
    return collection
