"""Who may see which invoice and manage which issuer, who may see a price for whom.

An issuer is managed by the hosts of its place, the coordinators of its network or of one of its
place's networks, and platform staff (superusers). An issued invoice is seen by its buyer (a person
invoiced in their own name), the admins of the employer it is addressed to, and the issuer's managers.
Drafts are seen by nobody here. Role rules themselves live in ``coopconnect.core.permissions``; the
names below are the billing vocabulary for them.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Q, QuerySet

from coopconnect.billing.models import Invoice, InvoiceStatus, Issuer
from coopconnect.core import permissions as roles
from coopconnect.places.models import Place


def issuers_managed_by(user: Any) -> QuerySet[Issuer]:
    """Return the issuers the user manages: hosts of the place, coordinators of the network."""
    if not getattr(user, "is_authenticated", False):
        return Issuer.objects.none()
    if roles.is_platform_staff(user):
        return Issuer.objects.all()
    return Issuer.objects.filter(
        Q(place__hosts=user) | Q(place__networks__coordinators=user) | Q(network__coordinators=user)
    ).distinct()


def invoices_visible_to(user: Any) -> QuerySet[Invoice]:
    """Return the issued invoices the user may see: own, their employers' (admin), their issuers'."""
    if not getattr(user, "is_authenticated", False):
        return Invoice.objects.none()
    orgs = roles.organisations_administered_by(user)
    issuers = issuers_managed_by(user)
    return (
        Invoice.objects.filter(status=InvoiceStatus.ISSUED)
        .filter(
            Q(buyer_person=user, buyer_organisation__isnull=True)
            | Q(buyer_organisation__in=orgs)
            | Q(issuer__in=issuers)
        )
        .select_related("issuer")
        .distinct()
    )


def can_see_invoice(user: Any, invoice: Invoice) -> bool:
    """Say whether the user may see the invoice (see :func:`invoices_visible_to`)."""
    return invoices_visible_to(user).filter(pk=invoice.pk).exists()


def can_manage_issuer(user: Any, issuer: Issuer) -> bool:
    """Say whether the user manages the issuer: records payments, credit notes and refunds."""
    return issuers_managed_by(user).filter(pk=issuer.pk).exists()


def hosts_every_place(user: Any, places: Iterable[Place]) -> bool:
    """Say whether the user hosts every one of these places (platform staff hosts everywhere)."""
    return all(roles.can_host(user, place) for place in places)


def can_quote_for(user: Any, person: Any, places: Iterable[Place]) -> bool:
    """Say whether the user may see the price of slots at ``places`` for ``person``: themself, their
    employee (employer admin), platform staff, or anyone when the user hosts every one of the places."""
    if not getattr(user, "is_authenticated", False) or person is None:
        return False
    if person.pk == user.pk or roles.can_act_for(user, person):
        return True
    return hosts_every_place(user, places)
