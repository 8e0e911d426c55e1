"""An issuer's pages: its invoices, overdue ones, settlements, and the accounting export."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from coopconnect.billing.forms import ExportForm
from coopconnect.billing.models import Invoice, InvoiceStatus
from coopconnect.billing.services import payments
from coopconnect.billing.views.access import managed_issuer
from coopconnect.core.errors import DomainError
from coopconnect.core.forms import add_domain_errors


@login_required
@require_GET
def issuer_invoices(request: HttpRequest, pk: int) -> HttpResponse:
    issuer = managed_issuer(request, pk)
    invoices = Invoice.objects.filter(issuer=issuer, status=InvoiceStatus.ISSUED).order_by(
        "-year", "-sequence"
    )
    overdue = {i.pk for i in payments.overdue_invoices() if i.issuer_id == issuer.pk}
    return render(
        request,
        "billing/issuer_invoices.html",
        {
            "issuer": issuer,
            "invoices": invoices[:300],
            "overdue": overdue,
            "export_form": ExportForm(),
            "settlements": issuer.settlements.select_related("place")[:60],
        },
    )


@login_required
@require_GET
def issuer_export(request: HttpRequest, pk: int) -> HttpResponse:
    issuer = managed_issuer(request, pk)
    form = ExportForm(request.GET)
    if not form.is_valid():
        return render(
            request,
            "billing/issuer_invoices.html",
            {
                "issuer": issuer,
                "invoices": [],
                "overdue": set(),
                "export_form": form,
                "settlements": [],
            },
            status=400,
        )
    try:
        text = payments.accounting_export(issuer=issuer, **form.cleaned_data)
    except DomainError as exc:
        add_domain_errors(form, exc)
        return render(
            request,
            "billing/issuer_invoices.html",
            {
                "issuer": issuer,
                "invoices": [],
                "overdue": set(),
                "export_form": form,
                "settlements": [],
            },
            status=400,
        )
    resp = HttpResponse(text, content_type="text/csv; charset=utf-8")
    d = form.cleaned_data
    resp["Content-Disposition"] = f'attachment; filename="ventes-{issuer.pk}-{d["start"]}-{d["end"]}.csv"'
    return resp
