"""The "Mes données" pages: what we keep, the download of everything about me, the erasure."""

from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from coopconnect.accounts.models import User
from coopconnect.accounts.privacy import selectors, services
from coopconnect.accounts.privacy.forms import ErasureForm
from coopconnect.core.errors import DomainError
from coopconnect.core.forms import add_domain_errors
from coopconnect.core.legal import legal_context


def _render(request: HttpRequest, form: ErasureForm) -> HttpResponse:
    context = {"form": form, **legal_context()}
    return render(request, "accounts/privacy.html", context, status=400 if form.errors else 200)


@login_required
def privacy(request: HttpRequest) -> HttpResponse:
    """Show what is kept about me, the download link and the erasure form."""
    return _render(request, ErasureForm())


@login_required
def privacy_export(request: HttpRequest) -> HttpResponse:
    """Download everything about me: a ZIP of JSON, CSV and my invoices as PDF."""
    user: User = request.user  # type: ignore[assignment]
    response = HttpResponse(selectors.export_archive(user), content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{selectors.export_filename(user)}"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def privacy_erase(request: HttpRequest) -> HttpResponse:
    """Erase my personal data (password required), then sign me out."""
    form = ErasureForm(request.POST)
    if form.is_valid():
        try:
            services.person_erase(person=request.user, password=form.cleaned_data["password"])  # type: ignore[arg-type]
        except DomainError as exc:
            add_domain_errors(form, exc)
        else:
            logout(request)
            return redirect("accounts:privacy_erased")
    return _render(request, form)


def privacy_erased(request: HttpRequest) -> HttpResponse:
    """Confirm the erasure, saying what is kept and why."""
    return render(request, "accounts/privacy_erased.html", legal_context())
