"""Register for an event and cancel a registration: a seat when one is free, else the waitlist."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coopconnect.accounts.models import User
from coopconnect.core.errors import Conflict, DomainError, PermissionDenied
from coopconnect.core.permissions import may_book
from coopconnect.core.queue import after_commit
from coopconnect.events import tasks
from coopconnect.events.models import Event, EventStatus, Registration, RegistrationStatus
from coopconnect.events.permissions import can_manage_event
from coopconnect.events.services.seats import lock_event, promote_waitlist, seated_count
from coopconnect.webhooks.services import emit


@transaction.atomic
def registration_create(*, event: Event, person: User, now: dt.datetime | None = None) -> Registration:
    """Register ``person``: a seat when one is free, else the waitlist. Raise Conflict if already in."""
    now = now or timezone.now()
    if not may_book(person):
        raise PermissionDenied(_("Confirmez votre adresse e-mail avant de vous inscrire."))
    event = lock_event(event)
    if event.status != EventStatus.PUBLISHED:
        raise DomainError(_("Cet événement n'est pas ouvert aux inscriptions."))
    if event.start <= now:
        raise DomainError(_("Cet événement a commencé : les inscriptions sont closes."))
    status = (
        RegistrationStatus.CONFIRMED
        if seated_count(event) < event.capacity
        else RegistrationStatus.WAITLISTED
    )
    registration = Registration.objects.filter(event=event, person=person).first()
    if registration is not None and registration.status != RegistrationStatus.CANCELLED:
        if registration.status == RegistrationStatus.WAITLISTED:
            raise Conflict(_("Vous êtes déjà sur la liste d'attente de cet événement."))
        raise Conflict(_("Vous êtes déjà inscrit à cet événement."))
    if registration is None:
        try:
            with transaction.atomic():
                registration = Registration.objects.create(
                    event=event, person=person, status=status, registered_at=now
                )
        except IntegrityError as exc:
            raise Conflict(_("Vous êtes déjà inscrit à cet événement.")) from exc
    else:
        registration.status = status
        registration.registered_at = now
        registration.cancelled_at = registration.promoted_at = registration.attended_at = None
        registration.save()
    after_commit(tasks.send_registration_email, registration.pk, status)
    emit("registration", place=event.place_id, payload=registration)
    return registration


@transaction.atomic
def registration_cancel(
    *, event: Event, person: User, by: User | None = None, now: dt.datetime | None = None
) -> Registration:
    """Cancel a registration (the person, or a manager of the event); the first person waiting is seated."""
    now = now or timezone.now()
    by = by or person
    event = lock_event(event)
    if by.pk != person.pk and not can_manage_event(by, event):
        raise PermissionDenied(_("Vous ne pouvez pas annuler cette inscription."))
    registration = Registration.objects.filter(event=event, person=person).first()
    if registration is None or registration.status == RegistrationStatus.CANCELLED:
        raise DomainError(_("Aucune inscription active à cet événement."))
    if registration.status == RegistrationStatus.ATTENDED or event.start <= now:
        raise DomainError(_("L'événement a commencé : l'inscription ne s'annule plus."))
    registration.status = RegistrationStatus.CANCELLED
    registration.cancelled_at = now
    registration.save(update_fields=["status", "cancelled_at", "updated_at"])
    promote_waitlist(event, now)
    return registration
