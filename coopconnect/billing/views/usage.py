"""Metered usage recorded by a host at the place (prints, coffee)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from coopconnect.billing.forms import UsageForm
from coopconnect.billing.services import usage
from coopconnect.billing.views.access import managed_place
from coopconnect.core.errors import DomainError
from coopconnect.core.forms import add_domain_errors


@login_required
def usage_page(request: HttpRequest, slug: str) -> HttpResponse:
    place = managed_place(request, slug)
    form = UsageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            rec = usage.usage_record(
                place=place, recorded_by=request.user, source="host", **form.cleaned_data
            )
        except DomainError as exc:
            add_domain_errors(form, exc)
        else:
            q = usage.month_quota(person=rec.person, place=place, service_code=rec.service_code, at=rec.at)
            messages.success(
                request,
                f"Enregistré : {rec.quantity.normalize():f} {rec.service_code} pour {rec.person}"
                f" (ce mois : {q.used.normalize():f}, dont inclus {q.included.normalize():f}).",
            )
            return redirect("billing:usage", slug=place.slug)
    recent = place.usage_records.select_related("person")[:30]
    return render(
        request,
        "billing/usage.html",
        {"place": place, "form": form, "recent": recent},
        status=400 if request.method == "POST" else 200,
    )
