"""Memberships and plans: a host subscribes people and manages them; a person subscribes themself."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coopconnect.accounts.models import User
from coopconnect.billing import selectors
from coopconnect.billing.forms import SelfSubscribeForm, SubscribeForm, SubscriptionActionForm
from coopconnect.billing.models import Subscription, TariffKind
from coopconnect.billing.services import subscriptions
from coopconnect.billing.views.access import managed_place
from coopconnect.core import permissions
from coopconnect.core.errors import DomainError
from coopconnect.core.forms import add_domain_errors
from coopconnect.places.models import Place


@login_required
def subscriptions_page(request: HttpRequest, slug: str) -> HttpResponse:
    place = managed_place(request, slug)
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
    place = managed_place(request, slug)
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
