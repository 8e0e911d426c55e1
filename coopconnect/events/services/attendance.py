"""Attendance at an event: mark people present, one by one or as a batch (all or nothing)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coopconnect.accounts.models import User
from coopconnect.billing.services.subscriptions import add_months, grant_free_period
from coopconnect.core.errors import DomainError, PermissionDenied
from coopconnect.events.models import SEATED, Event, EventKind, EventStatus, Registration, RegistrationStatus
from coopconnect.events.permissions import can_manage_event
from coopconnect.events.services.seats import lock_event


@transaction.atomic
def attendance_mark(
    *, registration: Registration, by: User, attended: bool = True, now: dt.datetime | None = None
) -> Registration:
    """Mark a registered person present (or not) once the event has started.

    At a training granting free months (Murat: 2 years free after the telework training), being
    marked present grants that free period at the venue through the billing services, once.
    """

    now = now or timezone.now()
    event = lock_event(registration.event)
    registration = Registration.objects.select_for_update().select_related("person").get(pk=registration.pk)
    if not can_manage_event(by, event):
        raise PermissionDenied(_("Seuls les organisateurs notent les présences."))
    if event.status != EventStatus.PUBLISHED:
        raise DomainError(_("Les présences se notent sur un événement publié."))
    if event.start > now:
        raise DomainError(_("Les présences se notent à partir du début de l'événement."))
    if registration.status not in SEATED:
        raise DomainError(
            _("Seule une personne inscrite (pas en attente ni désinscrite) peut être notée présente.")
        )
    if not attended:
        if registration.free_period_id is not None:
            raise DomainError(_("La période gratuite a déjà été accordée : voyez avec la facturation."))
        registration.status = RegistrationStatus.CONFIRMED
        registration.attended_at = None
        registration.save(update_fields=["status", "attended_at", "updated_at"])
        return registration
    if registration.status != RegistrationStatus.ATTENDED:
        registration.status = RegistrationStatus.ATTENDED
        registration.attended_at = now
    if event.kind == EventKind.TRAINING and event.grants_free_months and registration.free_period_id is None:
        start = timezone.localdate(event.start)
        scope: dict[str, Any] = {"place": event.venue or event.place} if (event.venue or event.place) else {}
        if not scope:
            scope = {"network": event.network}
        registration.free_period = grant_free_period(
            person=registration.person,
            start=start,
            end=add_months(start, event.grants_free_months) - dt.timedelta(days=1),
            reason=(_("Formation suivie : %(t)s") % {"t": event.title})[:200],
            granted_by=by,
            **scope,
        )
    registration.save()
    return registration


MAX_ATTENDANCE_BATCH = 500


@transaction.atomic
def attendance_mark_many(
    *,
    event: Event,
    by: User,
    registration_ids: Iterable[int] = (),
    emails: Iterable[str] = (),
    attended: bool = True,
    now: dt.datetime | None = None,
) -> list[Registration]:
    """Mark several registered people present (or not), named by registration id or e-mail address.

    All or nothing: an unknown id or address, or a person who cannot be marked, refuses the whole
    batch with a French message per item, and nothing is written. Each mark goes through
    :func:`attendance_mark`, so a training granting free months grants them here too.
    """
    if not can_manage_event(by, event):
        raise PermissionDenied(_("Seuls les organisateurs notent les présences."))
    ids = list(dict.fromkeys(registration_ids))
    addresses = list(dict.fromkeys((e or "").strip().lower() for e in emails))
    errors: dict[str, list[str]] = {}
    if not ids and not addresses:
        raise DomainError(
            _("Indiquez au moins une inscription ou une adresse e-mail."),
            {"registration_ids": [_("Liste vide.")], "emails": [_("Liste vide.")]},
        )
    if len(ids) + len(addresses) > MAX_ATTENDANCE_BATCH:
        raise DomainError(
            _("%(n)s personnes au plus par envoi.") % {"n": MAX_ATTENDANCE_BATCH},
            {"registration_ids": [_("Liste trop longue.")]},
        )
    registrations = Registration.objects.filter(event=event).select_related("person")
    by_id = {r.pk: r for r in registrations.filter(pk__in=ids)}
    missing = [str(i) for i in ids if i not in by_id]
    if missing:
        errors["registration_ids"] = [
            _("Aucune inscription à cet événement sous ces numéros : %(ids)s.") % {"ids": ", ".join(missing)}
        ]
    by_email: dict[str, Registration] = {}
    for address in addresses:
        found = (
            registrations.filter(person__email__iexact=address)
            .exclude(status=RegistrationStatus.CANCELLED)
            .first()
            if address
            else None
        )
        if found is not None:
            by_email[address] = found
    if addresses:
        unknown = [a or "« »" for a in addresses if a not in by_email]
        if unknown:
            errors["emails"] = [
                _("Aucune personne inscrite à cet événement sous ces adresses : %(e)s.")
                % {"e": ", ".join(unknown)}
            ]
    if errors:
        raise DomainError(_("Aucune présence notée : corrigez les éléments signalés."), errors)
    chosen = list(dict.fromkeys([*by_id.values(), *by_email.values()]))
    marked: list[Registration] = []
    failures: list[str] = []
    for registration in chosen:
        try:
            marked.append(attendance_mark(registration=registration, by=by, attended=attended, now=now))
        except DomainError as exc:
            failures.append(f"{registration.person.email} (n° {registration.pk}) : {exc.message}")
    if failures:
        # Raising undoes the marks already made in this transaction: nothing is written.
        raise DomainError(
            _("Aucune présence notée : corrigez les éléments signalés."), {"registrations": failures}
        )
    return marked
