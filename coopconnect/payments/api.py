"""JSON API of SEPA direct debit and bank reconciliation (mounted under /api/v1/)."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router
from ninja.responses import Status
from ninja.security import django_auth

from coopconnect.billing import permissions as billing_permissions
from coopconnect.billing.models import Issuer
from coopconnect.core import permissions as roles
from coopconnect.core.errors import NotFound, PermissionDenied
from coopconnect.core.schemas import ErrorOut
from coopconnect.payments import selectors
from coopconnect.payments.models import LineStatus, Mandate
from coopconnect.payments.schemas import (
    CollectionOut,
    CollectionPreviewOut,
    LineOut,
    MandateIn,
    MandateOut,
    PlannedDebitOut,
    StatementIn,
    StatementOut,
)
from coopconnect.payments.services.collections import collection_generate
from coopconnect.payments.services.mandates import mandate_revoke, mandate_sign
from coopconnect.payments.services.reconciliation import statement_import

router = Router(tags=[_("payments")])
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}


def _mandate_out(m: Mandate) -> MandateOut:
    return MandateOut(
        id=m.pk,
        reference=m.reference,
        issuer_id=m.issuer_id,
        organisation_id=m.organisation_id,
        holder_name=m.holder_name,
        iban_masked=m.iban_masked,
        bic=m.bic,
        signed_on=m.signed_on,
        revoked_on=m.revoked_on,
    )


def _managed(request: HttpRequest, issuer_id: int) -> Issuer:
    issuer = billing_permissions.issuers_managed_by(request.auth).filter(pk=issuer_id).first()
    if issuer is None:
        raise NotFound(_("Émetteur introuvable."))
    return issuer


@router.get(
    "/payments/mandates",
    response={200: list[MandateOut], **ERRORS},
    auth=django_auth,
    summary="Mes mandats SEPA (et ceux des organisations que j'administre)",
)
def mandate_list(request: HttpRequest) -> list[MandateOut]:
    return [_mandate_out(m) for m in selectors.mandates_visible_to(request.auth)]


@router.post(
    "/payments/mandates",
    response={201: MandateOut, **ERRORS},
    auth=django_auth,
    summary="Signer un mandat SEPA pour soi-même ou pour une organisation que l'on administre",
)
def mandate_create(request: HttpRequest, payload: MandateIn) -> Status[MandateOut]:
    issuer = selectors.issuers_to_sign_for(request.auth).filter(pk=payload.issuer_id).first()
    if issuer is None:
        raise NotFound(_("Créancier introuvable."), {"issuer_id": [_("Créancier inconnu.")]})
    org = None
    if payload.organisation_id is not None:
        org = roles.organisations_administered_by(request.auth).filter(pk=payload.organisation_id).first()
        if org is None:
            raise PermissionDenied(
                _("Vous ne signez un mandat que pour vous-même ou une organisation que vous administrez."),
                {"organisation_id": [_("Mandat pour quelqu'un d'autre.")]},
            )
    mandate = mandate_sign(
        issuer=issuer,
        signed_by=request.auth,
        organisation=org,
        holder_name=payload.holder_name,
        iban=payload.iban,
        bic=payload.bic,
        accepted=payload.accepted,
    )
    return Status(201, _mandate_out(mandate))


@router.post(
    "/payments/mandates/{mandate_id}/revoke",
    response={200: MandateOut, **ERRORS},
    auth=django_auth,
    summary="Révoquer un de mes mandats SEPA",
)
def mandate_revoke_op(request: HttpRequest, mandate_id: int) -> MandateOut:
    mandate = selectors.mandates_visible_to(request.auth).filter(pk=mandate_id).first()
    if mandate is None:
        raise NotFound(_("Mandat introuvable."))
    return _mandate_out(mandate_revoke(mandate=mandate, by=request.auth))


@router.get(
    "/payments/issuers/{issuer_id}/collection-preview",
    response={200: CollectionPreviewOut, **ERRORS},
    auth=django_auth,
    summary="Ce que la remise de prélèvements du mois débiterait",
)
def collection_preview(request: HttpRequest, issuer_id: int) -> CollectionPreviewOut:
    preview = selectors.collection_preview(_managed(request, issuer_id), today=timezone.localdate())
    return CollectionPreviewOut(
        collection_date=preview.collection_date,
        total=preview.total,
        debits=[
            PlannedDebitOut(
                invoice_id=d.invoice.pk,
                invoice_number=d.invoice.number,
                mandate_reference=d.mandate.reference,
                sequence_type=d.sequence_type,
                amount=d.amount,
            )
            for d in preview.debits
        ],
    )


@router.post(
    "/payments/issuers/{issuer_id}/collections",
    response={200: CollectionOut, 201: CollectionOut, **ERRORS},
    auth=django_auth,
    summary="Créer la remise de prélèvements du mois (une seule par mois)",
)
def collection_create(request: HttpRequest, issuer_id: int) -> Status[CollectionOut]:
    collection, created = collection_generate(issuer=_managed(request, issuer_id), by=request.auth)
    out = CollectionOut(
        id=collection.pk,
        month=collection.month,
        collection_date=collection.collection_date,
        total=collection.total,
        sha256=collection.sha256,
        debit_count=collection.debits.count(),
        created=created,
    )
    return Status(201 if created else 200, out)


@router.post(
    "/payments/issuers/{issuer_id}/statements",
    response={200: StatementOut, 201: StatementOut, **ERRORS},
    auth=django_auth,
    summary="Importer un relevé bancaire (CAMT.053 ou MT940) et le rapprocher",
)
def statement_create(request: HttpRequest, issuer_id: int, payload: StatementIn) -> Status[StatementOut]:
    statement, created = statement_import(
        issuer=_managed(request, issuer_id),
        content=payload.content.encode(),
        fmt=payload.format,
        by=request.auth,
    )
    out = StatementOut(
        id=statement.pk,
        created=created,
        line_count=statement.line_count,
        matched=statement.lines.filter(status=LineStatus.MATCHED).count(),
        unmatched=statement.lines.filter(status=LineStatus.UNMATCHED).count(),
    )
    return Status(201 if created else 200, out)


@router.get(
    "/payments/issuers/{issuer_id}/unmatched-lines",
    response={200: list[LineOut], **ERRORS},
    auth=django_auth,
    summary="Les lignes de relevé qui n'ont trouvé aucune facture",
)
def unmatched_lines(request: HttpRequest, issuer_id: int) -> list[LineOut]:
    return [
        LineOut(
            id=line.pk,
            booked_on=line.booked_on,
            amount=line.amount,
            is_credit=line.is_credit,
            counterparty=line.counterparty,
            remittance=line.remittance,
            note=line.note,
        )
        for line in selectors.unresolved_lines(_managed(request, issuer_id))[:500]
    ]
