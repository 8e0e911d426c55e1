"""An issuer's e-invoicing pages: its identity for future invoices, its e-reporting (CSV or JSON)."""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from coopconnect.billing.einvoicing.ereporting import ereporting
from coopconnect.billing.forms import EReportingForm, IssuerForm
from coopconnect.billing.models import Issuer
from coopconnect.billing.services.issuers import EDITABLE, issuer_update
from coopconnect.billing.views.access import managed_issuer
from coopconnect.core.errors import DomainError
from coopconnect.core.forms import add_domain_errors


@login_required
@require_GET
def issuer_ereporting(request: HttpRequest, pk: int) -> HttpResponse:
    issuer = managed_issuer(request, pk)
    if not request.GET:
        return render(request, "billing/ereporting.html", {"issuer": issuer, "form": EReportingForm()})
    form = EReportingForm(request.GET)
    if form.is_valid():
        d = form.cleaned_data
        try:
            report = ereporting(issuer=issuer, start=d["start"], end=d["end"])
        except DomainError as exc:
            add_domain_errors(form, exc)
        else:
            name = f"e-reporting-{issuer.siren}-{d['start']}-{d['end']}"
            if d["format"] == "json":
                body = json.dumps(report.as_json(), ensure_ascii=False, indent=2)
                resp = HttpResponse(body, content_type="application/json; charset=utf-8")
            else:
                resp = HttpResponse(report.as_csv(), content_type="text/csv; charset=utf-8")
            resp["Content-Disposition"] = f'attachment; filename="{name}.{d["format"]}"'
            return resp
    return render(request, "billing/ereporting.html", {"issuer": issuer, "form": form}, status=400)


@login_required
def issuer_identity(request: HttpRequest, pk: int) -> HttpResponse:
    """The issuer's identity for future invoices: legal mentions, VAT, bank details, addresses."""
    issuer = managed_issuer(request, pk)
    if request.method == "POST":
        form = IssuerForm(request.POST, instance=Issuer.objects.get(pk=issuer.pk))
        if form.is_valid():
            changes = {name: form.cleaned_data[name] for name in EDITABLE if name in form.cleaned_data}
            try:
                issuer_update(issuer=issuer, changes=changes)
            except DomainError as exc:
                add_domain_errors(form, exc)
            else:
                messages.success(request, _("Identité enregistrée : elle vaut pour les prochaines factures."))
                return redirect("billing:issuer_identity", pk=issuer.pk)
        return render(request, "billing/issuer_identity.html", {"issuer": issuer, "form": form}, status=400)
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET", "POST"])
    return render(
        request, "billing/issuer_identity.html", {"issuer": issuer, "form": IssuerForm(instance=issuer)}
    )
