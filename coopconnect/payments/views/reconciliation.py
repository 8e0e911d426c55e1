"""Hosts import bank statements and resolve the lines that matched no invoice."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from coopconnect.core.errors import DomainError
from coopconnect.core.forms import add_domain_errors
from coopconnect.payments import selectors
from coopconnect.payments.forms import AssignForm, IgnoreForm, StatementForm
from coopconnect.payments.models import Statement, StatementLine
from coopconnect.payments.services.reconciliation import line_assign, line_ignore, statement_import
from coopconnect.payments.views.access import managed_issuer


@login_required
def reconciliation(request: HttpRequest, pk: int) -> HttpResponse:
    """Import a statement (CAMT.053, MT940); list and resolve the credits that matched nothing."""
    issuer = managed_issuer(request, pk)
    form = StatementForm()
    status = 200
    line_errors: dict[int, str] = {}
    if request.method == "POST":
        status = 400
        action = request.POST.get("action", "")
        if action == "import":
            form = StatementForm(request.POST, request.FILES)
            if form.is_valid():
                try:
                    statement, created = statement_import(
                        issuer=issuer,
                        content=form.cleaned_data["file"].read(),
                        fmt=form.cleaned_data["format"],
                        by=request.user,
                    )
                except DomainError as exc:
                    add_domain_errors(form, exc, always_summary=True)
                else:
                    if created:
                        matched = statement.lines.filter(status="matched").count()
                        messages.success(
                            request,
                            _("Relevé importé : %(n)s ligne(s), %(m)s rapprochée(s).")
                            % {"n": statement.line_count, "m": matched},
                        )
                    else:
                        messages.info(request, _("Ce relevé a déjà été importé : rien n'a changé."))
                    return redirect("payments:reconciliation", pk=issuer.pk)
        elif action in ("assign", "ignore"):
            sub = AssignForm(request.POST) if action == "assign" else IgnoreForm(request.POST)
            if sub.is_valid():
                line = StatementLine.objects.filter(issuer=issuer, pk=sub.cleaned_data["line"]).first()
                try:
                    if line is None:
                        raise DomainError(_("Ligne de relevé introuvable."))
                    if action == "assign":
                        line_assign(line=line, invoice_number=sub.cleaned_data["invoice"], by=request.user)
                        messages.success(request, _("Ligne rapprochée : paiement enregistré."))
                    else:
                        line_ignore(line=line, note=sub.cleaned_data["note"], by=request.user)
                        messages.success(request, _("Ligne ignorée."))
                except DomainError as exc:
                    line_errors[sub.cleaned_data["line"]] = exc.message
                else:
                    return redirect("payments:reconciliation", pk=issuer.pk)
            else:
                messages.error(request, _("Indiquez un numéro de facture."))
        else:
            messages.error(request, _("Action inconnue."))
    lines = list(selectors.unresolved_lines(issuer)[:200])
    for line in lines:
        line.error = line_errors.get(line.pk, "")  # type: ignore[attr-defined]
    ctx = {
        "issuer": issuer,
        "form": form,
        "lines": lines,
        "statements": Statement.objects.filter(issuer=issuer)[:20],
    }
    return render(request, "payments/reconciliation.html", ctx, status=status)
