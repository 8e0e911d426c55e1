"""Money on an invoice: record a payment, correct by a credit note, refund the buyer (issuer's hosts)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coopconnect.billing import selectors
from coopconnect.billing.forms import CreditNoteForm, PaymentForm, RefundForm
from coopconnect.billing.services import payments
from coopconnect.billing.services.invoicing.credit_notes import credit_note_create
from coopconnect.billing.views.access import managed_invoice
from coopconnect.billing.views.invoices import invoice_detail_context
from coopconnect.core.errors import DomainError
from coopconnect.core.forms import add_domain_errors


@login_required
@require_POST
def payment_add(request: HttpRequest, pk: int) -> HttpResponse:
    inv = managed_invoice(request, pk)
    form = PaymentForm(request.POST)
    if form.is_valid():
        try:
            payments.payment_record(invoice=inv, recorded_by=request.user, **form.cleaned_data)
        except DomainError as exc:
            add_domain_errors(form, exc)
        else:
            messages.success(request, _("Paiement enregistré."))
            return redirect("billing:invoice_detail", pk=inv.pk)
    ctx = invoice_detail_context(inv, manager=True, payment_form=form, credit_form=CreditNoteForm())
    return render(request, "billing/invoice_detail.html", ctx, status=400)


@login_required
@require_POST
def credit_note_add(request: HttpRequest, pk: int) -> HttpResponse:
    inv = managed_invoice(request, pk)
    form = CreditNoteForm(request.POST)
    if form.is_valid():
        try:
            note = credit_note_create(
                invoice=inv,
                reason=form.cleaned_data["reason"],
                amount_ht=form.cleaned_data["amount_ht"],
                created_by=request.user,
            )
        except DomainError as exc:
            add_domain_errors(form, exc)
        else:
            messages.success(request, f"Avoir {note.number} émis.")
            return redirect("billing:invoice_detail", pk=note.pk)
    ctx = invoice_detail_context(inv, manager=True, payment_form=PaymentForm(), credit_form=form)
    return render(request, "billing/invoice_detail.html", ctx, status=400)


@login_required
def refund_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Record a refund against a credit note or an overpaid invoice (hosts of the issuer); PRG."""
    doc = managed_invoice(request, pk)
    # ISO text: a type=date input drops the French "26/11/2026" the widget would render.
    form = RefundForm(request.POST or None, initial={"refunded_on": timezone.localdate().isoformat()})
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                payments.refund_record(document=doc, recorded_by=request.user, **form.cleaned_data)
            except DomainError as exc:
                add_domain_errors(form, exc)
            else:
                messages.success(request, _("Remboursement enregistré."))
                return redirect("billing:invoice_detail", pk=doc.pk)
    return render(
        request,
        "billing/refund.html",
        {
            "invoice": doc,
            "form": form,
            "refundable": selectors.refundable(doc),
            "refunds": doc.refunds.all(),
        },
        status=status,
    )
