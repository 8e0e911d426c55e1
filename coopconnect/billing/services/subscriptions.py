"""Memberships and plans: subscribe, renew, pause, resume, end, change plan; free periods.

A month started mid-way is prorated by calendar days (see pricing.plans.plan_fee): 16 active days of a
30-day month cost 16/30 of the monthly price, rounded once to the cent.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from coopconnect.billing.models import FreePeriod, Subscription, SubscriptionStatus, Tariff, TariffKind
from coopconnect.billing.models.tariffs import Audience
from coopconnect.core.errors import Conflict, DomainError

HOLDABLE = (TariffKind.MEMBERSHIP, TariffKind.SUBSCRIPTION, TariffKind.OFFICE_RENT)


def _today() -> date:
    return timezone.localdate()


def add_months(day: date, months: int) -> date:
    y, m = divmod(day.month - 1 + months, 12)
    year, month = day.year + y, m + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def _covers(sub: Subscription, tariff: Tariff) -> bool:
    t = sub.tariff
    if tariff.place_id:
        if t.place_id == tariff.place_id:
            return True
        place = tariff.place
        return (
            t.network_id is not None and place is not None and place.networks.filter(pk=t.network_id).exists()
        )
    return t.network_id == tariff.network_id


def _holds_membership(person: Any, tariff: Tariff, on: date) -> bool:
    subs = Subscription.objects.filter(person=person, start__lte=on).filter(
        Q(end__isnull=True) | Q(end__gte=on)
    )
    subs = subs.exclude(status=SubscriptionStatus.ENDED).exclude(tariff=tariff).select_related("tariff")
    return any(_covers(s, tariff) for s in subs if s.tariff.kind == TariffKind.MEMBERSHIP)


@transaction.atomic
def subscribe(
    *,
    person: Any,
    tariff: Tariff,
    start: date,
    employer: Any = None,
    commitment_months: int | None = None,
    resource: Any = None,
    today: date | None = None,
) -> Subscription:
    """Subscribe a person (paid by them or by ``employer``) to a membership, a plan or an office rent.

    ``today``: the day the request is judged on (default: today), as ``booking_create`` takes ``now``;
    the demo data replays last month's subscriptions with it.
    """
    errors: dict[str, list[str]] = {}
    if tariff.kind not in HOLDABLE:
        errors["tariff"] = [_("On s'abonne à une adhésion, un abonnement ou une location de bureau.")]
    if start < (today or _today()):
        errors["start"] = [_("Un abonnement ne peut pas commencer dans le passé.")]
    if tariff.valid_until and start > tariff.valid_until or start < tariff.valid_from:
        errors.setdefault("start", []).append("Cette formule n'est pas proposée à cette date.")
    commitment = tariff.min_commitment_months if commitment_months is None else commitment_months
    if commitment < tariff.min_commitment_months:
        errors["commitment_months"] = [
            f"Cette formule demande un engagement d'au moins {tariff.min_commitment_months} mois."
        ]
    if tariff.audience == Audience.COMPANIES and employer is None:
        errors["employer"] = [_("Cette formule est réservée aux entreprises : précisez l'employeur.")]
    if employer is not None and not employer.memberships.filter(user=person).exists():
        errors["employer"] = [f"{person} ne fait pas partie de {employer}."]
    if tariff.kind == TariffKind.OFFICE_RENT:
        if resource is None or resource.kind != "office" or resource.place_id != tariff.place_id:
            errors["resource"] = [_("Précisez le bureau loué, dans le lieu de ce tarif.")]
        elif not resource.surface_m2:
            errors["resource"] = [_("La surface du bureau (m²) doit être renseignée pour un loyer au m².")]
    if (
        tariff.audience == Audience.MEMBERS
        and tariff.kind != TariffKind.MEMBERSHIP
        and not _holds_membership(person, tariff, start)
    ):
        errors["tariff"] = [
            "Cette formule est réservée aux adhérents : adhérez d'abord au lieu ou au réseau."
        ]
    if errors:
        raise DomainError(next(iter(errors.values()))[0], errors)
    clash = Subscription.objects.filter(person=person, tariff=tariff).exclude(status=SubscriptionStatus.ENDED)
    clash = clash.filter(Q(end__isnull=True) | Q(end__gte=start))
    if clash.exists():
        raise Conflict(
            "Cette personne a déjà cette formule en cours.", {"tariff": [_("Formule déjà en cours.")]}
        )
    end = None
    if tariff.kind == TariffKind.MEMBERSHIP:
        end = add_months(start, 12) - timedelta(days=1)
    return Subscription.objects.create(
        person=person,
        tariff=tariff,
        start=start,
        end=end,
        employer=employer,
        resource=resource,
        commitment_months=commitment,
    )


@transaction.atomic
def renew(*, subscription: Subscription) -> Subscription:
    """Renew a membership for another year (a plan without end date renews itself monthly)."""
    sub = Subscription.objects.select_for_update().get(pk=subscription.pk)
    if sub.status == SubscriptionStatus.ENDED:
        raise DomainError(_("Cet abonnement est terminé : souscrivez-en un nouveau."))
    if sub.end is None:
        raise DomainError(_("Cette formule se renouvelle chaque mois sans démarche."))
    sub.end = add_months(sub.end + timedelta(days=1), 12) - timedelta(days=1)
    sub.save(update_fields=["end", "updated_at"])
    return sub


def commitment_end(sub: Subscription) -> date:
    return add_months(sub.start, sub.commitment_months) - timedelta(days=1)


@transaction.atomic
def pause(*, subscription: Subscription, start: date, until: date) -> Subscription:
    """Pause a plan (days not charged nor usable), e.g. for holidays."""
    sub = Subscription.objects.select_for_update().get(pk=subscription.pk)
    if until < start:
        raise DomainError(
            _("La fin de la pause précède son début."), {"until": [_("Date de fin avant le début.")]}
        )
    if start < _today():
        raise DomainError(_("Une pause ne peut pas commencer dans le passé."), {"start": [_("Date passée.")]})
    if sub.status == SubscriptionStatus.ENDED or (sub.end and start > sub.end):
        raise DomainError(_("Cet abonnement est terminé."))
    sub.paused_from, sub.paused_until, sub.status = start, until, SubscriptionStatus.PAUSED
    sub.save(update_fields=["paused_from", "paused_until", "status", "updated_at"])
    return sub


@transaction.atomic
def resume(*, subscription: Subscription) -> Subscription:
    """End a pause today (the pause keeps the days already paused)."""
    sub = Subscription.objects.select_for_update().get(pk=subscription.pk)
    if sub.status != SubscriptionStatus.PAUSED or sub.paused_from is None:
        raise DomainError(_("Cet abonnement n'est pas en pause."))
    yesterday = _today() - timedelta(days=1)
    if yesterday < sub.paused_from:
        sub.paused_from = sub.paused_until = None
    else:
        sub.paused_until = yesterday
    sub.status = SubscriptionStatus.ACTIVE
    sub.save(update_fields=["paused_from", "paused_until", "status", "updated_at"])
    return sub


@transaction.atomic
def end_subscription(*, subscription: Subscription, last_day: date) -> Subscription:
    """End a plan on ``last_day``, not before the end of its minimum commitment."""
    sub = Subscription.objects.select_for_update().get(pk=subscription.pk)
    if last_day < sub.start:
        raise DomainError(_("La fin précède le début de l'abonnement."), {"last_day": [_("Date invalide.")]})
    if sub.commitment_months and last_day < commitment_end(sub):
        raise DomainError(
            f"Engagement minimum de {sub.commitment_months} mois : fin possible au plus tôt le "
            f"{commitment_end(sub):%d/%m/%Y}.",
            {"last_day": [_("Avant la fin de l'engagement.")]},
        )
    sub.end = last_day
    if last_day < _today():
        sub.status = SubscriptionStatus.ENDED
    sub.save(update_fields=["end", "status", "updated_at"])
    return sub


@transaction.atomic
def change_plan(*, subscription: Subscription, tariff: Tariff, on: date) -> Subscription:
    """Switch to another plan from ``on``: the old one ends the day before (commitment permitting)."""
    old = end_subscription(subscription=subscription, last_day=on - timedelta(days=1))
    new = subscribe(person=old.person, tariff=tariff, start=on, employer=old.employer, resource=old.resource)
    Subscription.objects.filter(pk=old.pk).update(replaced_by=new)
    return new


@transaction.atomic
def grant_free_period(
    *,
    person: Any,
    start: date,
    end: date,
    reason: str,
    place: Any = None,
    network: Any = None,
    granted_by: Any = None,
) -> FreePeriod:
    """Grant free use at a place (or a network) until ``end``, with a reason shown on quotes and invoices."""
    errors: dict[str, list[str]] = {}
    if (place is None) == (network is None):
        errors["place"] = [_("Précisez un lieu ou un réseau (un seul des deux).")]
    if end < start:
        errors["end"] = [_("La fin de la gratuité précède son début.")]
    if not reason.strip():
        errors["reason"] = [_("Indiquez le motif de la gratuité.")]
    if errors:
        raise DomainError(next(iter(errors.values()))[0], errors)
    return FreePeriod.objects.create(
        person=person,
        place=place,
        network=network,
        start=start,
        end=end,
        reason=reason.strip(),
        granted_by=granted_by,
    )
