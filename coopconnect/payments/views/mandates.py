"""Members and employer admins sign and revoke their SEPA mandates."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coopconnect.core import permissions as roles
from coopconnect.core.errors import DomainError
from coopconnect.core.forms import add_domain_errors
from coopconnect.payments import selectors
from coopconnect.payments.forms import SELF, MandateForm
from coopconnect.payments.services.mandates import mandate_revoke, mandate_sign
from coopconnect.payments.views.access import own_mandate


@login_required
def mandates(request: HttpRequest) -> HttpResponse:
    """List the person's mandates and sign a new one (for themself or an employer they administer)."""
    issuers = list(selectors.issuers_to_sign_for(request.user))
    orgs = list(roles.organisations_administered_by(request.user))
    form = MandateForm(request.POST or None, issuers=issuers, organisations=orgs)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            org = None if data["debtor"] == SELF else next(o for o in orgs if str(o.pk) == data["debtor"])
            issuer = next(i for i in issuers if i.pk == data["issuer"])
            try:
                mandate = mandate_sign(
                    issuer=issuer,
                    signed_by=request.user,
                    organisation=org,
                    holder_name=data["holder_name"],
                    iban=data["iban"],
                    bic=data["bic"],
                    accepted=data["accepted"],
                )
            except DomainError as exc:
                add_domain_errors(form, exc)
            else:
                messages.success(request, _("Mandat %(r)s signé.") % {"r": mandate.reference})
                return redirect("payments:mandates")
    ctx = {
        "form": form,
        "issuers": issuers,
        "mandates": selectors.mandates_visible_to(request.user),
    }
    return render(request, "payments/mandates.html", ctx, status=status)


@login_required
@require_POST
def mandate_revoke_view(request: HttpRequest, pk: int) -> HttpResponse:
    mandate = own_mandate(request, pk)
    try:
        mandate_revoke(mandate=mandate, by=request.user)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Mandat %(r)s révoqué.") % {"r": mandate.reference})
    return redirect("payments:mandates")
