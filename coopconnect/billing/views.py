"""Billing pages: my invoices, an employer's, an issuer's; payments, credit notes, usage, quotes, plans."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from coopconnect.accounts.models import User
from coopconnect.billing import selectors
from coopconnect.billing.forms import (
    CreditNoteForm,
    ExportForm,
    PaymentForm,
    QuoteForm,
    RefundForm,
    SelfSubscribeForm,
    SubscribeForm,
    SubscriptionActionForm,
    UsageForm,
)
from coopconnect.billing.models import Invoice, InvoiceStatus, Issuer, Subscription, TariffKind
from coopconnect.billing.services import payments, subscriptions, usage
from coopconnect.billing.services.invoicing import credit_note_create
from coopconnect.billing.services.quotes import Slot, marginal_quote_for, quote_for
from coopconnect.core import permissions
from coopconnect.core.errors import DomainError
from coopconnect.core.forms import add_domain_errors
from coopconnect.places.models import Place, Resource


@login_required
@require_GET
def invoice_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    visible = selectors.invoices_visible_to(user)
    orgs = list(permissions.organisations_administered_by(user))
    return render(
        request,
        "billing/invoice_list.html",
        {
            "mine": visible.filter(buyer_person=user, buyer_organisation__isnull=True),
            "employers": [
                (o, visible.filter(buyer_organisation=o), selectors.balance(organisation=o)) for o in orgs
            ],
            "issuers": selectors.issuers_managed_by(user),
            "balance": selectors.balance(person=user),
            "member_code": usage.member_code_for(user),
            "subscriptions": selectors.active_subscriptions(user),
        },
    )


def _visible_invoice(request: HttpRequest, pk: int) -> Invoice:
    inv = selectors.invoices_visible_to(request.user).filter(pk=pk).first()
    if inv is None:
        raise Http404(_("Facture introuvable."))
    return inv


def _invoice_detail_context(
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
    inv = _visible_invoice(request, pk)
    manager = selectors.can_manage_issuer(request.user, inv.issuer)
    ctx = _invoice_detail_context(
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

    inv = _visible_invoice(request, pk)
    resp = HttpResponse(render_invoice_pdf(inv), content_type="application/pdf")
    resp["Content-Disposition"] = f'attachment; filename="{inv.number}.pdf"'
    return resp


def _managed_invoice(request: HttpRequest, pk: int) -> Invoice:
    inv = _visible_invoice(request, pk)
    if not selectors.can_manage_issuer(request.user, inv.issuer):
        raise Http404(_("Facture introuvable."))
    return inv


@login_required
@require_POST
def payment_add(request: HttpRequest, pk: int) -> HttpResponse:
    inv = _managed_invoice(request, pk)
    form = PaymentForm(request.POST)
    if form.is_valid():
        try:
            payments.payment_record(invoice=inv, recorded_by=request.user, **form.cleaned_data)
        except DomainError as exc:
            add_domain_errors(form, exc)
        else:
            messages.success(request, _("Paiement enregistré."))
            return redirect("billing:invoice_detail", pk=inv.pk)
    ctx = _invoice_detail_context(inv, manager=True, payment_form=form, credit_form=CreditNoteForm())
    return render(request, "billing/invoice_detail.html", ctx, status=400)


@login_required
@require_POST
def credit_note_add(request: HttpRequest, pk: int) -> HttpResponse:
    inv = _managed_invoice(request, pk)
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
    ctx = _invoice_detail_context(inv, manager=True, payment_form=PaymentForm(), credit_form=form)
    return render(request, "billing/invoice_detail.html", ctx, status=400)


@login_required
def refund_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Record a refund against a credit note or an overpaid invoice (hosts of the issuer); PRG."""
    doc = _managed_invoice(request, pk)
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


def _managed_issuer(request: HttpRequest, pk: int) -> Issuer:
    issuer = selectors.issuers_managed_by(request.user).filter(pk=pk).first()
    if issuer is None:
        raise Http404(_("Émetteur introuvable."))
    return issuer


@login_required
@require_GET
def issuer_invoices(request: HttpRequest, pk: int) -> HttpResponse:
    issuer = _managed_issuer(request, pk)
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
    issuer = _managed_issuer(request, pk)
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


def _managed_place(request: HttpRequest, slug: str) -> Place:
    place = get_object_or_404(Place, slug=slug)
    if not permissions.can_manage_place(request.user, place):
        raise Http404(_("Lieu introuvable."))
    return place


@login_required
def usage_page(request: HttpRequest, slug: str) -> HttpResponse:
    place = _managed_place(request, slug)
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


@require_GET
def tariffs_page(request: HttpRequest, slug: str) -> HttpResponse:
    place = get_object_or_404(Place, slug=slug, is_published=True)
    return render(
        request, "billing/tariffs.html", {"place": place, "tariffs": selectors.tariffs_for_place(place)}
    )


@login_required
@require_GET
def quote_page(request: HttpRequest) -> HttpResponse:
    form = QuoteForm(request.GET or None)
    ctx: dict = {"form": form, "quote": None, "quote_error": _(""), "resource": None}
    status = 200
    if request.GET and form.is_valid():
        resource = Resource.objects.select_related("place").filter(pk=form.cleaned_data["resource"]).first()
        ctx["resource"] = resource
        if resource is None:
            ctx["quote_error"], status = "Ressource introuvable.", 404
        else:
            price = quote_for if form.cleaned_data.get("mode") == "slots" else marginal_quote_for
            try:
                ctx["quote"] = price(
                    person=request.user,
                    bookings_or_slots=[
                        Slot(
                            resource=resource,
                            start=form.cleaned_data["start"],
                            end=form.cleaned_data["end"],
                        )
                    ],
                )
            except DomainError as exc:
                ctx["quote_error"] = " ".join([exc.message, *(m for ms in exc.errors.values() for m in ms)])
                status = 400
    elif request.GET:
        ctx["quote_error"], status = "Créneau incomplet : précisez la ressource, le début et la fin.", 400
    template = "billing/partials/_quote.html" if getattr(request, "htmx", False) else "billing/quote.html"
    return render(request, template, ctx, status=status)


@login_required
def subscriptions_page(request: HttpRequest, slug: str) -> HttpResponse:
    place = _managed_place(request, slug)
    tariffs = selectors.tariffs_for_place(place).filter(
        kind__in=[TariffKind.MEMBERSHIP, TariffKind.SUBSCRIPTION, TariffKind.OFFICE_RENT]
    )
    form = SubscribeForm(request.POST or None, tariffs=tariffs)
    if request.method == "POST" and form.is_valid():
        person = User.objects.filter(email__iexact=form.cleaned_data["email"]).first()
        if person is None:
            form.add_error(
                "email", _("Aucun compte avec cette adresse : la personne doit d'abord s'inscrire.")
            )
        else:
            siren = form.cleaned_data["employer_siren"].strip()
            employer = person.organisations.filter(siren=siren).first() if siren else None
            try:
                if siren and employer is None:
                    raise DomainError(
                        _("Aucun employeur de ce SIREN ne compte cette personne parmi ses membres."),
                        {"employer_siren": [_("Employeur inconnu pour cette personne.")]},
                    )
                subscriptions.subscribe(
                    person=person,
                    tariff=form.cleaned_data["tariff"],
                    start=form.cleaned_data["start"],
                    employer=employer,
                )
            except DomainError as exc:
                add_domain_errors(form, exc)
            else:
                messages.success(
                    request, f"{person} est abonné(e) à « {form.cleaned_data['tariff'].label} »."
                )
                return redirect("billing:subscriptions", slug=place.slug)
    subs = (
        Subscription.objects.filter(tariff__in=tariffs)
        .select_related("person", "tariff")
        .order_by("-start")[:200]
    )
    return render(
        request,
        "billing/subscriptions.html",
        {"place": place, "form": form, "subs": subs},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_POST
def subscription_action(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    place = _managed_place(request, slug)
    tariffs = selectors.tariffs_for_place(place)
    sub = get_object_or_404(Subscription, pk=pk, tariff__in=tariffs)
    form = SubscriptionActionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Action inconnue."))
        return redirect("billing:subscriptions", slug=place.slug)
    d = form.cleaned_data
    try:
        if d["action"] == "renew":
            subscriptions.renew(subscription=sub)
        elif d["action"] == "pause":
            if not d["start"] or not d["until"]:
                raise DomainError(_("Précisez les dates de début et de fin de la pause."))
            subscriptions.pause(subscription=sub, start=d["start"], until=d["until"])
        elif d["action"] == "resume":
            subscriptions.resume(subscription=sub)
        else:
            subscriptions.end_subscription(subscription=sub, last_day=d["start"] or timezone.localdate())
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("C'est fait."))
    return redirect("billing:subscriptions", slug=place.slug)


@login_required
def self_subscribe_page(request: HttpRequest, slug: str) -> HttpResponse:
    """A signed-in person with a verified address subscribes themself to a plan or a membership."""
    place = get_object_or_404(Place, slug=slug, is_published=True)
    tariffs = selectors.subscribable_tariffs(place)
    employers = permissions.organisations_administered_by(request.user)
    form = SelfSubscribeForm(request.POST or None, tariffs=tariffs, employers=employers)
    verified = permissions.may_book(request.user)
    status = 200
    if request.method == "POST":
        if not verified:
            status = 403
        elif form.is_valid():
            try:
                sub = subscriptions.subscribe(
                    person=request.user,
                    tariff=form.cleaned_data["tariff"],
                    start=form.cleaned_data["start"],
                    employer=form.cleaned_data.get("employer"),
                )
            except DomainError as exc:
                add_domain_errors(form, exc)
                status = 400
            else:
                messages.success(
                    request,
                    _("Vous êtes abonné(e) à « %(label)s » à partir du %(start)s.")
                    % {"label": sub.tariff.label, "start": sub.start.strftime("%d/%m/%Y")},
                )
                return redirect("billing:subscribe", slug=place.slug)
        else:
            status = 400
    return render(
        request,
        "billing/self_subscribe.html",
        {"place": place, "form": form, "tariffs": tariffs, "verified": verified},
        status=status,
    )
