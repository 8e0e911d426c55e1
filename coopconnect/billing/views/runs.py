"""An issuer's monthly invoicing from its pages: preview a finished month, issue it, follow the run."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from coopconnect.billing import jobs
from coopconnect.billing.models import Issuer
from coopconnect.billing.services.invoicing.preview import invoicing_preview
from coopconnect.billing.services.invoicing.progress import run_progress
from coopconnect.billing.services.invoicing.run import parse_month
from coopconnect.billing.views.access import managed_issuer
from coopconnect.core.errors import DomainError

PER_PAGE = 50  # buyers per page of the preview: keeps a network's month under the page budget


def last_month() -> date:
    """Return the first day of the month before today's (the month invoiced on the 1st)."""
    return (timezone.localdate().replace(day=1) - timedelta(days=1)).replace(day=1)


def _preview_page(
    request: HttpRequest, issuer: Issuer, month_text: str, *, error: str = "", status: int = 200
) -> HttpResponse:
    context: dict[str, Any] = {"issuer": issuer, "month_text": month_text, "error": error}
    if not error:
        try:
            preview = invoicing_preview(issuer=issuer, month=parse_month(month_text))
        except DomainError as exc:
            context["error"], status = exc.message, 400
        else:
            page = Paginator(preview.invoices, PER_PAGE).get_page(request.GET.get("page"))
            context.update(
                preview=preview, page=page, progress=run_progress(issuer=issuer, first=preview.first)
            )
    return render(request, "billing/run_preview.html", context, status=status)


@login_required
@require_GET
def run_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """Show what a finished month will invoice for this issuer, per employer and per person."""
    issuer = managed_issuer(request, pk)
    month_text = (request.GET.get("mois") or f"{last_month():%Y-%m}").strip()
    return _preview_page(request, issuer, month_text)


@login_required
@require_POST
def run_start(request: HttpRequest, pk: int) -> HttpResponse:
    """Queue the month's run (a background task), then show its progress; refuse an unfinished month."""
    issuer = managed_issuer(request, pk)
    month_text = (request.POST.get("mois") or "").strip()
    try:
        jobs.start_invoicing(issuer=issuer, month=month_text)
    except DomainError as exc:
        return _preview_page(request, issuer, month_text, error=exc.message, status=400)
    return redirect("billing:run_progress", pk=issuer.pk, month=f"{parse_month(month_text):%Y-%m}")


@login_required
@require_GET
def run_progress_page(request: HttpRequest, pk: int, month: str) -> HttpResponse:
    """Show how far the month's run has got; htmx polls the partial until it is finished."""
    issuer = managed_issuer(request, pk)
    try:
        first = parse_month(month)
    except DomainError as exc:
        raise Http404(_("Mois invalide.")) from exc
    context = {"issuer": issuer, "first": first, "progress": run_progress(issuer=issuer, first=first)}
    if getattr(request, "htmx", False):
        return render(request, "billing/partials/_run_progress.html", context)
    return render(request, "billing/run_progress.html", context)
