"""A person's erasure, as far as events hold personal data."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from coopconnect.accounts.models import User
from coopconnect.events.models import Registration, RegistrationStatus, ThemeSubscription
from coopconnect.events.services.registrations import registration_cancel


@transaction.atomic
def anonymise_person(*, person: User, now: dt.datetime | None = None) -> None:
    """Cancel the person's registrations to events not started (seating the next in line); unfollow themes.

    Past registrations stay as attendance records (a training's free period depends on them).
    """
    now = now or timezone.now()
    upcoming = Registration.objects.filter(person=person, event__start__gt=now).exclude(
        status__in=(RegistrationStatus.CANCELLED, RegistrationStatus.ATTENDED)
    )
    for registration in upcoming.select_related("event"):
        registration_cancel(event=registration.event, person=person, now=now)
    ThemeSubscription.objects.filter(person=person).delete()
