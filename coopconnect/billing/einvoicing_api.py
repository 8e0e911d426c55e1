"""JSON API of electronic invoicing (mounted under /api/v1/): an invoice's lifecycle, e-reporting."""

from __future__ import annotations

from datetime import date, timedelta

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router, Schema
from ninja.security import django_auth

from coopconnect.billing import permissions as billing_permissions
from coopconnect.billing.einvoicing.ereporting import ereporting
from coopconnect.billing.einvoicing.lifecycle import lifecycle
from coopconnect.core.errors import NotFound
from coopconnect.core.schemas import ErrorOut

router = Router(tags=[_("billing")])


class StepOut(Schema):
    status: str
    label: str
    on: date
    note: str


class TransactionOut(Schema):
    flux: str
    siren_declarant: str
    date_operation: str
    categorie_transaction: str
    code_devise: str
    taux_tva: str
    montant_ht_cumule: str
    montant_tva_cumule: str
    nombre_transactions: int


class PaymentRowOut(Schema):
    flux: str
    siren_declarant: str
    date_encaissement: str
    categorie_transaction: str
    code_devise: str
    taux_tva: str
    montant_encaisse_ttc: str


class EReportOut(Schema):
    siren_declarant: str
    periode_debut: date
    periode_fin: date
    transactions: list[TransactionOut]
    paiements: list[PaymentRowOut]


@router.get(
    "/invoices/{invoice_id}/lifecycle",
    response={200: list[StepOut], 401: ErrorOut, 404: ErrorOut},
    auth=django_auth,
    summary="Le cycle de vie d'une facture (émise, transmise, reçue, refusée, encaissée), daté",
)
def invoice_lifecycle(request: HttpRequest, invoice_id: int) -> list[StepOut]:
    inv = billing_permissions.invoices_visible_to(request.auth).filter(pk=invoice_id).first()  # type: ignore[attr-defined]
    if inv is None:
        raise NotFound(_("Facture introuvable."))
    return [StepOut(status=s.status, label=s.label, on=s.on, note=s.note) for s in lifecycle(inv)]


@router.get(
    "/issuers/{issuer_id}/e-reporting",
    response={200: EReportOut, 400: ErrorOut, 401: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    auth=django_auth,
    summary="E-reporting d'un émetteur : ventes aux particuliers par taux et encaissements de services",
)
def issuer_ereporting(
    request: HttpRequest, issuer_id: int, start: date | None = None, end: date | None = None
) -> EReportOut:
    """``start``/``end`` default to the last whole month."""
    issuer = billing_permissions.issuers_managed_by(request.auth).filter(pk=issuer_id).first()  # type: ignore[attr-defined]
    if issuer is None:
        raise NotFound(_("Émetteur introuvable."))
    if start is None or end is None:
        first = timezone.localdate().replace(day=1)
        end = first - timedelta(days=1)
        start = end.replace(day=1)
    return EReportOut(**ereporting(issuer=issuer, start=start, end=end).as_json())
