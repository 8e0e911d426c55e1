"""API of an issuer's monthly invoicing (under /api/v1/): preview a month, start its run, follow it."""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from ninja.responses import Status
from ninja.security import django_auth
from pydantic import Field

from coopconnect.billing import jobs
from coopconnect.billing import permissions as billing_permissions
from coopconnect.billing.models import Issuer
from coopconnect.billing.services.invoicing.preview import invoicing_preview
from coopconnect.billing.services.invoicing.progress import RunProgress, run_progress
from coopconnect.billing.services.invoicing.run import parse_month
from coopconnect.core.errors import NotFound
from coopconnect.core.schemas import ErrorOut

router = Router(tags=[_("billing")])


class PreviewLineOut(Schema):
    label: str
    quantity: Decimal
    unit_price: Decimal
    amount_ht: Decimal
    vat_rate: Decimal
    vat_exempt: bool


class PreviewInvoiceOut(Schema):
    buyer_name: str
    buyer_kind: Literal["person", "employer"]
    total_ht: Decimal
    total_vat: Decimal
    total_ttc: Decimal
    issued_number: str = Field(description="Numéro de la facture déjà émise pour ce mois ; vide sinon.")
    lines: list[PreviewLineOut]


class PreviewOut(Schema):
    issuer_id: int
    month: str
    planned: int = Field(description="Factures du mois (déjà émises comprises).")
    issued: int
    to_issue: int
    skipped_empty: int = Field(description="Factures à zéro, jamais émises.")
    total_ht: Decimal
    total_vat: Decimal
    total_ttc: Decimal
    invoices: list[PreviewInvoiceOut]


class PageIn(Schema):
    offset: int = Field(0, ge=0)
    limit: int = Field(100, ge=1, le=1000)


class RunOut(Schema):
    issuer_id: int
    month: str
    state: Literal["waiting", "running", "done", "failed", "none"]
    planned: int
    issued: int
    percent: int
    progress_url: str


def _issuer(request: HttpRequest, issuer_id: int) -> Issuer:
    issuer = billing_permissions.issuers_managed_by(request.auth).filter(pk=issuer_id).first()  # type: ignore[attr-defined]
    if issuer is None:
        raise NotFound(
            _("Émetteur introuvable."), {"issuer_id": [_("Émetteur inconnu ou hors de votre champ.")]}
        )
    return issuer


def _run_out(issuer: Issuer, month: str, progress: RunProgress) -> RunOut:
    return RunOut(
        issuer_id=issuer.pk,
        month=month,
        state=progress.state,  # type: ignore[arg-type]
        planned=progress.planned,
        issued=progress.issued,
        percent=progress.percent,
        progress_url=reverse("billing:run_progress", kwargs={"pk": issuer.pk, "month": month}),
    )


@router.get(
    "/issuers/{issuer_id}/invoicing/{month}",
    response={200: PreviewOut, 400: ErrorOut, 401: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    auth=django_auth,
    summary="Aperçu de la facturation d'un mois terminé (hôte ou coordinateur de l'émetteur)",
    description=(
        "Les factures que l'émission du mois (AAAA-MM) créera, par personne et par employeur, calculées "
        "comme elle les calculera, et celles déjà émises ; rien n'est écrit. Un mois en cours ou à venir "
        "est refusé (400)."
    ),
)
def invoicing_preview_get(
    request: HttpRequest, issuer_id: int, month: str, page: Query[PageIn]
) -> PreviewOut:
    issuer = _issuer(request, issuer_id)
    preview = invoicing_preview(issuer=issuer, month=parse_month(month))
    return PreviewOut(
        issuer_id=issuer.pk,
        month=f"{preview.first:%Y-%m}",
        planned=preview.planned,
        issued=preview.issued,
        to_issue=preview.to_issue,
        skipped_empty=preview.skipped_empty,
        total_ht=preview.total_ht,
        total_vat=preview.total_vat,
        total_ttc=preview.total_ttc,
        invoices=[
            PreviewInvoiceOut(
                buyer_name=inv.buyer_name,
                buyer_kind="employer" if inv.is_employer else "person",
                total_ht=inv.total_ht,
                total_vat=inv.total_vat,
                total_ttc=inv.total_ttc,
                issued_number=inv.issued_number,
                lines=[PreviewLineOut(**ln.__dict__) for ln in inv.lines],
            )
            for inv in preview.invoices[page.offset : page.offset + page.limit]
        ],
    )


@router.post(
    "/issuers/{issuer_id}/invoicing/{month}",
    response={202: RunOut, 400: ErrorOut, 401: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    auth=django_auth,
    summary="Émettre les factures d'un mois terminé, en arrière-plan (hôte ou coordinateur de l'émetteur)",
    description=(
        "Lance l'émission du mois (tâche de fond) et répond 202 avec l'état et l'adresse de suivi. "
        "Relancer un mois n'émet rien en double. Un mois en cours ou à venir est refusé (400), rien "
        "n'est lancé."
    ),
)
def invoicing_start(request: HttpRequest, issuer_id: int, month: str) -> Status[RunOut]:
    issuer = _issuer(request, issuer_id)
    jobs.start_invoicing(issuer=issuer, month=month)
    first = parse_month(month)
    return Status(202, _run_out(issuer, f"{first:%Y-%m}", run_progress(issuer=issuer, first=first)))


@router.get(
    "/issuers/{issuer_id}/invoicing/{month}/progress",
    response={200: RunOut, 400: ErrorOut, 401: ErrorOut, 404: ErrorOut},
    auth=django_auth,
    summary="Où en est l'émission d'un mois (factures émises sur prévues)",
)
def invoicing_progress(request: HttpRequest, issuer_id: int, month: str) -> RunOut:
    issuer = _issuer(request, issuer_id)
    first = parse_month(month)
    return _run_out(issuer, f"{first:%Y-%m}", run_progress(issuer=issuer, first=first))
