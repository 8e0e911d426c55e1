"""Invoice pages: my invoices (and my employers', my issuers'), one invoice, its PDF."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from coopconnect.billing import permissions as billing_permissions
from coopconnect.billing import selectors
from coopconnect.billing.einvoicing.lifecycle import lifecycle
from coopconnect.billing.forms import CreditNoteForm, PaymentForm
from coopconnect.billing.models import Invoice
from coopconnect.billing.services import usage
from coopconnect.billing.views.access import visible_invoice
from coopconnect.core import permissions


@login_required
@require_GET
def invoice_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    visible = billing_permissions.invoices_visible_to(user)
    orgs = list(permissions.organisations_administered_by(user))
    return render(
        request,
        "billing/invoice_list.html",
        {
            "mine": visible.filter(buyer_person=user, buyer_organisation__isnull=True),
            "employers": [
                (o, visible.filter(buyer_organisation=o), selectors.balance(organisation=o)) for o in orgs
            ],
            "issuers": billing_permissions.issuers_managed_by(user),
            "balance": selectors.balance(person=user),
            "member_code": usage.member_code_for(user),
            "subscriptions": selectors.active_subscriptions(user),
        },
    )


def invoice_detail_context(
    inv: Invoice,
    *,
    manager: bool,
    payment_form: PaymentForm | None,
    credit_form: CreditNoteForm | None,
) -> dict:
    """The context of billing/invoice_detail.html, shared by the page and the failed POSTs.

    The parties shown are those frozen on the invoice's stored document, never the live issuer.
    """
    from coopconnect.billing.pdf import invoice_context
    from coopconnect.billing.services.invoicing.documents import document_of, seller_buyer

    seller, buyer = seller_buyer(document_of(inv))
    return invoice_context(inv, seller, buyer) | {
        "manager": manager,
        "payments": inv.payments.all(),
        "refunds": inv.refunds.all(),
        "refundable": selectors.refundable(inv),
        "outstanding": selectors.outstanding(inv),
        "payment_form": payment_form,
        "credit_form": credit_form,
        "lifecycle": lifecycle(inv),
    }


@login_required
@require_GET
def invoice_detail(request: HttpRequest, pk: int) -> HttpResponse:
    inv = visible_invoice(request, pk)
    manager = billing_permissions.can_manage_issuer(request.user, inv.issuer)
    ctx = invoice_detail_context(
        inv,
        manager=manager,
        # ISO text: a type=date input drops the French "26/11/2026" the widget would render.
        payment_form=(
            PaymentForm(initial={"received_on": timezone.localdate().isoformat()}) if manager else None
        ),
        credit_form=CreditNoteForm() if manager and not inv.is_credit_note else None,
    )
    return render(request, "billing/invoice_detail.html", ctx)


def document_response(inv: Invoice, kind: str) -> HttpResponse:
    """The stored PDF (Factur-X), CII or UBL XML of an issued invoice, as an attachment."""
    from coopconnect.billing.services.invoicing.documents import document_of

    doc = document_of(inv)
    body, content_type, suffix, sha = {
        "pdf": (doc.pdf, "application/pdf", ".pdf", doc.pdf_sha256),
        "cii": (doc.cii_xml, "application/xml", "-factur-x.xml", doc.cii_sha256),
        "ubl": (doc.ubl_xml, "application/xml", "-ubl.xml", doc.ubl_sha256),
    }[kind]
    resp = HttpResponse(bytes(body), content_type=content_type)
    resp["Content-Disposition"] = f'attachment; filename="{inv.number}{suffix}"'
    resp["X-Content-SHA256"] = sha
    return resp


@login_required
@require_GET
def invoice_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    return document_response(visible_invoice(request, pk), "pdf")


@login_required
@require_GET
def invoice_xml(request: HttpRequest, pk: int) -> HttpResponse:
    return document_response(visible_invoice(request, pk), "cii")


@login_required
@require_GET
def invoice_ubl(request: HttpRequest, pk: int) -> HttpResponse:
    return document_response(visible_invoice(request, pk), "ubl")
