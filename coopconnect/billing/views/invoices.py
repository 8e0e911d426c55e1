"""Invoice pages: my invoices (and my employers', my issuers'), one invoice, its PDF."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from coopconnect.billing import permissions as billing_permissions
from coopconnect.billing import selectors
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
    """The context of billing/invoice_detail.html, shared by the page and the failed POSTs."""
    from coopconnect.billing.pdf import invoice_context

    return invoice_context(inv) | {
        "manager": manager,
        "payments": inv.payments.all(),
        "refunds": inv.refunds.all(),
        "refundable": selectors.refundable(inv),
        "outstanding": selectors.outstanding(inv),
        "payment_form": payment_form,
        "credit_form": credit_form,
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


@login_required
@require_GET
def invoice_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    from coopconnect.billing.pdf import render_invoice_pdf

    inv = visible_invoice(request, pk)
    resp = HttpResponse(render_invoice_pdf(inv), content_type="application/pdf")
    resp["Content-Disposition"] = f'attachment; filename="{inv.number}.pdf"'
    return resp
