"""JSON API of the bookings app (mounted under /api/v1/): availability, bookings, check-in, door access."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Status
from ninja.security import django_auth

from coopconnect.accounts.models import User
from coopconnect.accounts.tokens import PlaceTokenAuth
from coopconnect.bookings import selectors
from coopconnect.bookings.models import Booking, WaitlistEntry
from coopconnect.bookings.permissions import visible_bookings
from coopconnect.bookings.schemas import (
    AccessIn,
    AccessOut,
    AvailabilityListOut,
    AvailabilityQuery,
    BookingChangeIn,
    BookingIn,
    BookingOut,
    CheckInIn,
    SeriesConflictOut,
    SeriesIn,
    SeriesOut,
    WaitlistEntryOut,
    WaitlistIn,
    booking_out,
    entry_out,
)
from coopconnect.bookings.services.access import access_verify
from coopconnect.bookings.services.cancel import booking_cancel
from coopconnect.bookings.services.change import booking_modify
from coopconnect.bookings.services.checkin import booking_check_in
from coopconnect.bookings.services.create import book, booking_target
from coopconnect.bookings.services.series import booking_series_create
from coopconnect.bookings.services.waitlist import waitlist_claim, waitlist_join, waitlist_leave
from coopconnect.bookings.slots import PARIS, at, slot_bounds
from coopconnect.core.errors import DomainError, NotFound, PermissionDenied
from coopconnect.core.permissions import may_book
from coopconnect.core.schemas import ErrorOut
from coopconnect.places.models import Resource

router = Router(tags=["bookings"])

# What a write operation can answer besides success: field errors, no login, refused, unknown,
# conflict (full, already waiting...), malformed body.
WRITE_ERRORS: dict[int, Any] = {code: ErrorOut for code in (400, 401, 403, 404, 409, 422)}


def _check_may_book(request: HttpRequest) -> None:
    """Refuse (403) a booking made by someone whose e-mail address is not verified yet."""
    if not may_book(request.user):
        raise PermissionDenied("Confirmez votre adresse e-mail avant de réserver.")


@router.get(
    "/availability",
    response={200: AvailabilityListOut, 400: ErrorOut, 422: ErrorOut},
    summary="Ressources libres près d'une commune (tous les lieux de tous les réseaux)",
)
def availability(request: HttpRequest, params: Query[AvailabilityQuery]):
    from coopconnect.places.selectors import resolve_origin

    near, within_minutes, date, slot, kind = (
        params.near,
        params.within_minutes,
        params.date,
        params.slot,
        params.kind,
    )

    origin = resolve_origin(near, insee_first=True)
    hits = selectors.availability_near(
        origin=origin.point,
        origin_elevation=origin.elevation,
        within_minutes=within_minutes,
        day=date,
        slot=slot,
        kind=kind,
    )
    return {
        "origin": origin.label,
        "date": date,
        "slot": slot,
        "kind": kind,
        "count": len(hits),
        # Plain dicts: the response schema validates them once (a schema object would be validated
        # when built, then again by the API).
        "results": [
            {
                "place": {
                    "id": h.place.pk,
                    "name": h.place.name,
                    "slug": h.place.slug,
                    "commune": h.place.commune.name if h.place.commune_id else None,
                },
                "resource_id": h.resource.pk,
                "resource_name": h.resource.name,
                "kind": h.resource.kind,
                "start": h.start,
                "end": h.end,
                "free": h.free,
                "capacity": h.capacity,
                "travel_minutes": h.travel_minutes,
                "distance_km": h.distance_km,
                "method": h.method,
                "by_appointment": h.by_appointment,
            }
            for h in hits
        ],
    }


def _resource_or_404(resource_id: int) -> Resource:
    resource = Resource.objects.select_related("place").filter(pk=resource_id).first()
    if resource is None:
        raise NotFound("Ressource inconnue.", {"resource_id": ["Ressource inconnue."]})
    return resource


@router.post(
    "/bookings",
    auth=django_auth,
    response={201: BookingOut, 200: BookingOut, **WRITE_ERRORS},
    summary="Réserver (un même Idempotency-Key renvoie la réservation déjà faite)",
)
def create_booking(request: HttpRequest, payload: BookingIn):
    _check_may_book(request)
    # The resource with its place, commune and policy, and whether the booker hosts it: one query,
    # passed down to the service and to the answer.
    target = booking_target(payload.resource_id, booker=request.user)
    if target is None:
        raise NotFound("Ressource inconnue.", {"resource_id": ["Ressource inconnue."]})
    resource = target.resource
    if payload.date and payload.slot:
        start, end = slot_bounds(resource.place, payload.date, payload.slot, policy=target.policy)
    elif payload.start and payload.end:
        start, end = payload.start, payload.end
    else:
        raise DomainError(
            "Indiquez start et end, ou date et slot.", {"start": ["Obligatoire sans date/slot."]}
        )
    key = payload.idempotency_key or request.headers.get("Idempotency-Key", "")
    person = request.user
    if payload.person_id and payload.person_id != request.user.pk:
        person = User.objects.filter(pk=payload.person_id, is_active=True).first()
        if person is None:
            raise NotFound("Personne inconnue.", {"person_id": ["Personne inconnue."]})
    booking, created = book(
        resource=resource,
        person=person,
        booked_by=request.user,
        start=start,
        end=end,
        layout=payload.layout,
        attendees=payload.attendees,
        note=payload.note,
        idempotency_key=key,
        target=target,
    )
    return Status(201 if created else 200, booking_out(booking))


@router.get(
    "/bookings",
    auth=django_auth,
    response={200: list[BookingOut], 401: ErrorOut},
    summary="Mes réservations à venir",
)
def my_bookings(request: HttpRequest, past: bool = False):
    upcoming, past_list = selectors.member_bookings(request.user)
    return [booking_out(b) for b in (past_list if past else upcoming)]


def _visible(request: HttpRequest, booking_id: int) -> Booking:
    booking = visible_bookings(request.user).filter(pk=booking_id).first()
    if booking is None:
        raise NotFound("Réservation inconnue.")
    return booking


@router.get(
    "/bookings/{int:booking_id}",
    auth=django_auth,
    response={200: BookingOut, 401: ErrorOut, 404: ErrorOut},
    summary="Une réservation",
)
def get_booking(request: HttpRequest, booking_id: int):
    return booking_out(_visible(request, booking_id))


@router.delete(
    "/bookings/{int:booking_id}",
    auth=django_auth,
    response={200: BookingOut, 400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    summary="Annuler une réservation",
)
def cancel_booking(request: HttpRequest, booking_id: int):
    booking = booking_cancel(booking=_visible(request, booking_id), by=request.user)
    return booking_out(booking)


@router.post(
    "/bookings/series",
    auth=django_auth,
    response={201: SeriesOut, **WRITE_ERRORS},
    summary="Réservation récurrente (« tous les mardis jusqu'en juin ») avec les dates en conflit",
)
def create_series(request: HttpRequest, payload: SeriesIn):
    _check_may_book(request)
    resource = _resource_or_404(payload.resource_id)
    start, end = slot_bounds(resource.place, payload.date, payload.slot)
    result = booking_series_create(
        resource=resource,
        person=request.user,
        first_start=start,
        first_end=end,
        rule=payload.rule,
        booked_by=request.user,
        all_or_nothing=payload.all_or_nothing,
    )
    return Status(
        201,
        SeriesOut(
            series_id=result.series.pk,
            created=[booking_out(b) for b in result.created],
            conflicts=[SeriesConflictOut(date=d, reason=r) for d, r in result.conflicts],
        ),
    )


def _new_times(booking: Booking, payload: BookingChangeIn) -> tuple[dt.datetime, dt.datetime]:
    """Return the times asked: a slot of a day, the same hours on another day, or start/end."""
    if (payload.date or payload.slot) and (payload.start or payload.end):
        raise DomainError(
            "Indiquez soit start et end, soit date et slot, pas les deux.",
            {"start": ["À ne pas combiner avec date/slot."]},
        )
    local_start, local_end = booking.start.astimezone(PARIS), booking.end.astimezone(PARIS)
    day = payload.date or local_start.date()
    if payload.slot:
        return slot_bounds(booking.resource.place, day, payload.slot)
    if payload.date:
        shift = dt.timedelta(days=(local_end.date() - local_start.date()).days)
        return at(day, local_start.time()), at(day + shift, local_end.time())
    return payload.start or booking.start, payload.end or booking.end


@router.patch(
    "/bookings/{int:booking_id}",
    auth=django_auth,
    response={200: BookingOut, **WRITE_ERRORS},
    summary="Modifier une réservation : horaires, jour, ou autre ressource du même lieu",
    description=(
        "Tout est vérifié à nouveau comme pour une nouvelle réservation (horaires d'ouverture, "
        "capacité, règles du lieu, délai de modification), sauf contre elle-même. "
        "En cas de refus, la réservation reste inchangée."
    ),
)
def change_booking(request: HttpRequest, booking_id: int, payload: BookingChangeIn):
    booking = _visible(request, booking_id)
    resource = None
    if payload.resource_id is not None and payload.resource_id != booking.resource_id:
        resource = _resource_or_404(payload.resource_id)
    start, end = _new_times(booking, payload)
    booking = booking_modify(
        booking=booking,
        by=request.user,
        start=start,
        end=end,
        resource=resource,
        layout=payload.layout,
        attendees=payload.attendees,
    )
    return booking_out(booking)


def _my_entry(request: HttpRequest, entry_id: int) -> WaitlistEntry:
    entry = selectors.member_waitlist(request.user, include_closed=True).filter(pk=entry_id).first()
    if entry is None:
        raise NotFound("Inscription inconnue.", {"entry_id": ["Inscription inconnue."]})
    return entry


@router.get(
    "/waitlist",
    auth=django_auth,
    response={200: list[WaitlistEntryOut], 401: ErrorOut},
    summary="Mes inscriptions en liste d'attente et les places qui me sont proposées",
)
def my_waitlist(request: HttpRequest, history: bool = False):
    return [entry_out(e) for e in selectors.member_waitlist(request.user, include_closed=history)]


@router.post(
    "/waitlist",
    auth=django_auth,
    response={201: WaitlistEntryOut, **WRITE_ERRORS},
    summary="M'inscrire en liste d'attente d'un créneau complet",
    description="Refusé (400) s'il reste de la place — réservez alors —, et (409) si vous attendez déjà.",
)
def join_waitlist(request: HttpRequest, payload: WaitlistIn):
    _check_may_book(request)
    resource = _resource_or_404(payload.resource_id)
    if payload.date and payload.slot:
        start, end = slot_bounds(resource.place, payload.date, payload.slot)
    elif payload.start and payload.end:
        start, end = payload.start, payload.end
    else:
        raise DomainError(
            "Indiquez start et end, ou date et slot.", {"start": ["Obligatoire sans date/slot."]}
        )
    entry = waitlist_join(resource=resource, person=request.user, start=start, end=end)
    return Status(201, entry_out(entry))


@router.delete(
    "/waitlist/{int:entry_id}",
    auth=django_auth,
    response={200: WaitlistEntryOut, 400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    summary="Quitter la liste d'attente (une place proposée passe à la personne suivante)",
)
def leave_waitlist(request: HttpRequest, entry_id: int):
    entry = waitlist_leave(entry=_my_entry(request, entry_id), person=request.user)
    return entry_out(_my_entry(request, entry.pk))


@router.post(
    "/waitlist/{int:entry_id}/claim",
    auth=django_auth,
    response={201: BookingOut, 400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut},
    summary="Réserver la place qui m'est proposée (avant l'expiration de la proposition)",
)
def claim_hold(request: HttpRequest, entry_id: int):
    _check_may_book(request)
    booking = waitlist_claim(entry=_my_entry(request, entry_id), person=request.user)
    return Status(201, booking_out(booking))


@router.post(
    "/bookings/{int:booking_id}/check-in",
    auth=django_auth,
    response={200: BookingOut, 400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    summary="Enregistrer l'arrivée",
)
def check_in(request: HttpRequest, booking_id: int, payload: CheckInIn | None = None):
    booking = _visible(request, booking_id)
    code = (payload.code if payload else "") or booking.short_code
    if code.upper().replace("-", "").replace(" ", "") != booking.short_code:
        raise DomainError("Ce code ne correspond pas à cette réservation.", {"code": ["Code incorrect."]})
    return booking_out(booking_check_in(code=code, by=request.user))


@router.post(
    "/access/verify",
    auth=PlaceTokenAuth(),
    response={200: AccessOut, 401: ErrorOut, 422: ErrorOut},
    summary="Contrôleur de porte : ce code ouvre-t-il ce lieu maintenant ? (jeton du lieu)",
)
def verify_access(request: HttpRequest, payload: AccessIn):
    token = request.auth
    check = access_verify(place=token.place, code=payload.code, token_label=getattr(token, "name", ""))
    return AccessOut(
        allowed=check.allowed, reason=check.reason, place_id=check.place_id, checked_at=check.checked_at
    )
