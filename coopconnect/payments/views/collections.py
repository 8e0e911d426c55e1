"""Hosts and coordinators preview, generate and download an issuer's monthly direct debit collection."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from coopconnect.core.errors import DomainError
from coopconnect.core.forms import add_domain_errors
from coopconnect.payments import selectors
from coopconnect.payments.forms import CreditorForm, ReturnForm
from coopconnect.payments.models import Creditor
from coopconnect.payments.services.collections import collection_generate, collection_settle, debit_return
from coopconnect.payments.services.mandates import creditor_set
from coopconnect.payments.views.access import managed_collection, managed_issuer


@login_required
def collections(request: HttpRequest, pk: int) -> HttpResponse:
    """This month's preview, the creditor identifier, the collections made; POST acts on them."""
    issuer = managed_issuer(request, pk)
    creditor = Creditor.objects.filter(issuer=issuer).first()
    creditor_form = CreditorForm(initial={"identifier": creditor.identifier if creditor else ""})
    status = 200
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action == "creditor":
                creditor_form = CreditorForm(request.POST)
                if not creditor_form.is_valid():
                    raise DomainError(_("Identifiant créancier SEPA invalide."))
                creditor_set(issuer=issuer, identifier=creditor_form.cleaned_data["identifier"])
                messages.success(request, _("Identifiant créancier SEPA enregistré."))
            elif action == "generate":
                collection, created = collection_generate(issuer=issuer, by=request.user)
                if created:
                    messages.success(request, _("Remise du mois créée ; les débiteurs sont prévenus."))
                else:
                    messages.info(
                        request, _("La remise de ce mois existe déjà : rien de nouveau n'a été créé.")
                    )
                return redirect("payments:collection_detail", pk=collection.pk)
            else:
                raise DomainError(_("Action inconnue."))
        except DomainError as exc:
            status = 400
            if action == "creditor":
                add_domain_errors(creditor_form, exc)
            else:
                messages.error(request, exc.message)
        else:
            return redirect("payments:collections", pk=issuer.pk)
    today = timezone.localdate()
    ctx = {
        "issuer": issuer,
        "creditor": creditor,
        "creditor_form": creditor_form,
        "preview": selectors.collection_preview(issuer, today=today),
        "month_done": selectors.collections_of(issuer).filter(month=today.replace(day=1)).first(),
        "collections": selectors.collections_of(issuer),
    }
    return render(request, "payments/collections.html", ctx, status=status)


@login_required
def collection_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The debits of a collection; POST records them as paid (on their date) or records a return."""
    collection = managed_collection(request, pk)
    debits = list(selectors.collection_debits(collection))
    form = ReturnForm(debits=debits)
    status = 200
    if request.method == "POST" and request.POST.get("action") == "settle":
        try:
            count = collection_settle(collection=collection)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("%(n)s prélèvement(s) enregistré(s) comme payé(s).") % {"n": count})
        return redirect("payments:collection_detail", pk=collection.pk)
    if request.method == "POST":
        status = 400
        form = ReturnForm(request.POST, debits=debits)
        if form.is_valid():
            data = form.cleaned_data
            debit = next(d for d in debits if d.pk == data["debit"])
            try:
                debit_return(
                    debit=debit,
                    returned_on=data["returned_on"],
                    reason_code=data["reason_code"],
                    by=request.user,
                )
            except DomainError as exc:
                add_domain_errors(form, exc, always_summary=True)
            else:
                messages.success(request, _("Rejet enregistré : la facture est de nouveau impayée."))
                return redirect("payments:collection_detail", pk=collection.pk)
    ctx = {"collection": collection, "debits": debits, "form": form, "today": timezone.localdate()}
    return render(request, "payments/collection_detail.html", ctx, status=status)


@login_required
def collection_file(request: HttpRequest, pk: int) -> HttpResponse:
    """Download the pain.008 file exactly as stored."""
    collection = managed_collection(request, pk)
    response = HttpResponse(bytes(collection.file), content_type="application/xml")
    response["Content-Disposition"] = f'attachment; filename="prelevements-{collection.month:%Y-%m}.xml"'
    return response
