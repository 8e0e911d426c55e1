"""Who may call every operation of the API, keyed by "METHOD /api/v1/path/{param}" as in the OpenAPI
schema (``params`` return the path parameters).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from coopconnect.core.testing.routes.access import (
    ANONYMOUS,
    PLACE_TOKEN,
    STRANGERS,
    TERRITORY_TOOL,
    Access,
    owned,
    public,
    signed_in,
)
from coopconnect.core.testing.world import World


def _booking(w: World) -> dict[str, Any]:
    return {"booking_id": w.booking.pk}


def _invoice(w: World) -> dict[str, Any]:
    return {"invoice_id": w.invoice.pk}


def _endpoint(w: World) -> dict[str, Any]:
    return {"endpoint_id": w.webhook_endpoint.pk}


def _issuer_month(w: World) -> dict[str, Any]:
    return {"issuer_id": w.issuer.pk, "month": "2020-01"}


def _simulation(w: World) -> dict[str, Any]:
    return {
        "name": "Bâticom, première année",
        "charges": [{"kind": "rent", "amount": "9600"}, {"kind": "energy", "amount": "1800"}],
        "members": [{"label": "Résidents", "count": 6, "monthly_price": "150", "days_per_week": "4"}],
        "occasional": [{"label": "Journées", "count": 120, "unit_price": "20"}],
        "occupancy_rate": "70",
        "seats": 12,
    }


def _quote(w: World) -> dict[str, Any]:
    start = w.booking.start + dt.timedelta(days=7)
    slot = {
        "resource_id": w.seats.pk,
        "start": start.isoformat(),
        "end": (start + dt.timedelta(hours=3)).isoformat(),
    }
    return {"slots": [slot]}


def _statement(w: World) -> dict[str, Any]:
    from coopconnect.payments.statements.samples import Movement, camt053

    movement = Movement(w.invoice.issue_date, w.invoice.total_ttc, text=w.invoice.number)
    return {
        "format": "camt053",
        "content": camt053([movement], iban=w.issuer.iban or "FR7630001007941234567890185").decode(),
    }


def _usage(w: World) -> dict[str, Any]:
    from coopconnect.billing.services.usage import member_code_for

    return {"member_code": member_code_for(w.users["member"]), "service_code": "print", "quantity": "12"}


API: dict[str, Access] = {
    "GET /api/v1/places": public("public directory"),
    "GET /api/v1/places/export.geojson": public("open data export"),
    "GET /api/v1/places/export.csv": public("open data export"),
    "GET /api/v1/places/export/data-inclusion.json": public("open data export (data·inclusion schema)"),
    "GET /api/v1/places/{place_id}": public("public place", lambda w: {"place_id": w.place.pk}),
    "GET /api/v1/places/{place_id}/tariffs": public(
        "public price list of a place", lambda w: {"place_id": w.place.pk}
    ),
    "POST /api/v1/business-plans/simulate": public(TERRITORY_TOOL, body=_simulation),
    "GET /api/v1/business-plans/template": public(TERRITORY_TOOL),
    "GET /api/v1/territory/catchment": public(TERRITORY_TOOL),
    "POST /api/v1/territory/criteria": public(TERRITORY_TOOL, body=lambda w: {"site": w.commune.insee}),
    "GET /api/v1/territory/coverage": public(TERRITORY_TOOL),
    "POST /api/v1/territory/siting": public(TERRITORY_TOOL, body=lambda w: {"territory": "dep:84", "k": 1}),
    "GET /api/v1/territory/accessibility": public(TERRITORY_TOOL),
    "POST /api/v1/commute-savings": public(
        TERRITORY_TOOL, body=lambda w: {"video": {"origin": "Pertuis", "km_one_way": 80, "travellers": 2}}
    ),
    "GET /api/v1/availability": public("public free-slot search"),
    "POST /api/v1/auth/register": public(
        "signup",
        body=lambda w: {
            "email": "nouvelle@example.org",
            "password": "un-long-mot-de-passe",
            "first_name": "Nina",
        },
    ),
    "GET /api/v1/me": signed_in(),
    "PATCH /api/v1/me": signed_in(body=lambda w: {"home_commune": w.commune.insee}),
    "GET /api/v1/me/export": signed_in(reason="my own data only"),
    "POST /api/v1/me/erase": signed_in(
        reason="my own account only, with my password", body=lambda w: {"password": "mot-de-passe-membre"}
    ),
    "GET /api/v1/organisations/mine": signed_in(),
    "POST /api/v1/bookings": signed_in(
        reason="anyone signed in may book",
        body=lambda w: {
            "resource_id": w.meeting_room.pk,
            "date": str(w.booking.start.date()),
            "slot": "afternoon",
        },
    ),
    "GET /api/v1/bookings": signed_in(),
    "GET /api/v1/bookings/{booking_id}": owned(_booking, owner="member"),
    "DELETE /api/v1/bookings/{booking_id}": owned(_booking, owner="member"),
    "PATCH /api/v1/bookings/{booking_id}": owned(
        _booking,
        owner="member",
        body=lambda w: {
            "date": str(w.booking.start.date()),
            "slot": "afternoon",
            "resource_id": w.meeting_room.pk,
        },
    ),
    "POST /api/v1/bookings/series": signed_in(
        reason="anyone signed in may book, for themself",
        body=lambda w: {
            "resource_id": w.seats.pk,
            "date": str(w.booking.start.date() + dt.timedelta(days=7)),
            "slot": "afternoon",
            "rule": "FREQ=WEEKLY;COUNT=3",
        },
    ),
    "GET /api/v1/waitlist": signed_in(),
    "POST /api/v1/waitlist": signed_in(
        reason="anyone signed in may wait for a full slot, for themself",
        body=lambda w: {
            "resource_id": w.meeting_room.pk,
            "date": str(w.booking.start.date()),
            "slot": "morning",
        },
    ),
    "DELETE /api/v1/waitlist/{entry_id}": owned(lambda w: {"entry_id": w.hold.entry_id}, owner="member"),
    "POST /api/v1/waitlist/{entry_id}/claim": owned(lambda w: {"entry_id": w.hold.entry_id}, owner="member"),
    "POST /api/v1/bookings/{booking_id}/check-in": owned(
        _booking, owner="member", body=lambda w: {"code": w.booking.short_code}
    ),
    "POST /api/v1/quotes": signed_in(body=_quote),
    "GET /api/v1/invoices": signed_in(),
    "GET /api/v1/invoices/{invoice_id}": owned(_invoice, owner="member"),
    "GET /api/v1/invoices/{invoice_id}/pdf": owned(_invoice, owner="member"),
    "GET /api/v1/invoices/{invoice_id}/factur-x.xml": owned(_invoice, owner="member"),
    "GET /api/v1/invoices/{invoice_id}/ubl.xml": owned(_invoice, owner="member"),
    "GET /api/v1/invoices/{invoice_id}/lifecycle": owned(_invoice, owner="member"),
    "GET /api/v1/issuers/{issuer_id}/e-reporting": owned(lambda w: {"issuer_id": w.issuer.pk}, owner="host"),
    "POST /api/v1/invoices/{invoice_id}/payments": owned(
        _invoice,
        owner="host",
        body=lambda w: {"amount": "24.00", "method": "transfer", "received_on": str(w.invoice.issue_date)},
    ),
    "POST /api/v1/invoices/{invoice_id}/refunds": owned(
        _invoice,
        owner="host",
        body=lambda w: {"amount": "1.00", "method": "transfer", "refunded_on": str(w.invoice.issue_date)},
    ),
    "GET /api/v1/issuers/{issuer_id}/invoicing/{month}": owned(_issuer_month, owner="host"),
    "POST /api/v1/issuers/{issuer_id}/invoicing/{month}": owned(_issuer_month, owner="host"),
    "GET /api/v1/issuers/{issuer_id}/invoicing/{month}/progress": owned(_issuer_month, owner="host"),
    "GET /api/v1/balance": signed_in(),
    "POST /api/v1/subscriptions": signed_in(
        owner="outsider",
        reason="anyone signed in may subscribe themself",
        body=lambda w: {"tariff_id": w.tariff.pk, "start": str(w.subscription.start + dt.timedelta(days=31))},
    ),
    "GET /api/v1/subscriptions": signed_in(),
    "GET /api/v1/events": public("public agenda"),
    "GET /api/v1/events/{event_id}": public("public event", lambda w: {"event_id": w.event.pk}),
    "POST /api/v1/events": owned(
        None,
        owner="host",
        body=lambda w: {
            "place_id": w.place.pk,
            "title": "Atelier prospection",
            "start": (w.event.start + dt.timedelta(days=1)).isoformat(),
            "end": (w.event.start + dt.timedelta(days=1, hours=2)).isoformat(),
        },
    ),
    "PATCH /api/v1/events/{event_id}": owned(
        lambda w: {"event_id": w.event.pk}, owner="host", body=lambda w: {"title": "Nouveau titre"}
    ),
    "POST /api/v1/events/{event_id}/publish": owned(lambda w: {"event_id": w.event.pk}, owner="host"),
    "POST /api/v1/events/{event_id}/cancel": owned(lambda w: {"event_id": w.event.pk}, owner="coordinator"),
    "GET /api/v1/events/{event_id}/attendees": owned(lambda w: {"event_id": w.event.pk}, owner="host"),
    "POST /api/v1/events/{event_id}/attendance": owned(
        lambda w: {"event_id": w.event.pk},
        owner="host",
        body=lambda w: {"registration_ids": [w.registration.pk]},
    ),
    "POST /api/v1/events/{event_id}/registrations": signed_in(
        lambda w: {"event_id": w.event.pk}, owner="outsider", reason="anyone signed in may register"
    ),
    "DELETE /api/v1/events/{event_id}/registrations/me": signed_in(
        lambda w: {"event_id": w.event.pk}, reason="one cancels one's own registration"
    ),
    "GET /api/v1/community/skills": public("skills search: anonymous callers get the public profiles only"),
    "GET /api/v1/missions": signed_in(),
    "POST /api/v1/missions": owned(
        None,
        owner="member",
        body=lambda w: {"network_id": w.network.pk, "title": "Compta", "description": "Aide", "remote": True},
    ),
    "POST /api/v1/missions/{mission_id}/responses": owned(
        lambda w: {"mission_id": w.mission.pk}, owner="coordinator", body=lambda w: {"message": "Disponible."}
    ),
    "GET /api/v1/missions/{mission_id}/responses": owned(
        lambda w: {"mission_id": w.mission.pk}, owner="member"
    ),
    "GET /api/v1/forums/{forum_id}/topics": owned(lambda w: {"forum_id": w.forum.pk}, owner="member"),
    "POST /api/v1/forums/{forum_id}/topics": owned(
        lambda w: {"forum_id": w.forum.pk},
        owner="host",
        body=lambda w: {"title": "Bonjour", "body": "Salut !"},
    ),
    "POST /api/v1/topics/{topic_id}/posts": owned(
        lambda w: {"topic_id": w.topic.pk}, owner="coordinator", body=lambda w: {"body": "Moi aussi."}
    ),
    # SEPA direct debit and bank reconciliation
    "GET /api/v1/payments/mandates": signed_in(),
    "POST /api/v1/payments/mandates": signed_in(
        reason="anyone signed in signs a mandate for themself (or an organisation they administer)",
        body=lambda w: {
            "issuer_id": w.issuer.pk,
            "holder_name": "Marie Membre",
            "iban": "FR7630006000011234567890189",
            "accepted": True,
        },
    ),
    "POST /api/v1/payments/mandates/{mandate_id}/revoke": owned(
        lambda w: {"mandate_id": w.mandate.pk}, owner="member"
    ),
    "GET /api/v1/payments/issuers/{issuer_id}/collection-preview": owned(
        lambda w: {"issuer_id": w.issuer.pk}, owner="host"
    ),
    "POST /api/v1/payments/issuers/{issuer_id}/collections": owned(
        lambda w: {"issuer_id": w.issuer.pk}, owner="host"
    ),
    "POST /api/v1/payments/issuers/{issuer_id}/statements": owned(
        lambda w: {"issuer_id": w.issuer.pk},
        owner="host",
        body=_statement,
    ),
    "GET /api/v1/payments/issuers/{issuer_id}/unmatched-lines": owned(
        lambda w: {"issuer_id": w.issuer.pk}, owner="host"
    ),
    # Machine endpoints: only a place's API token gets in, a browser session never does.
    "GET /api/v1/tokens/current": Access(refused=(ANONYMOUS, *STRANGERS), owner=PLACE_TOKEN),
    "POST /api/v1/access/verify": Access(
        refused=(ANONYMOUS, *STRANGERS), owner=PLACE_TOKEN, body=lambda w: {"code": w.booking.short_code}
    ),
    "POST /api/v1/usage": Access(refused=(ANONYMOUS, *STRANGERS), owner=PLACE_TOKEN, body=_usage),
    # Webhooks: a place's endpoints belong to its hosts (and its networks' coordinators).
    "GET /api/v1/webhooks/event-types": public("the list of event names, for integrators"),
    "GET /api/v1/webhooks/endpoints": signed_in(reason="lists only the endpoints one manages"),
    "POST /api/v1/webhooks/endpoints": owned(
        None,
        owner="host",
        body=lambda w: {
            "url": "https://portail.example.org/autre",
            "events": ["checkin"],
            "place_id": w.place.pk,
        },
    ),
    "GET /api/v1/webhooks/endpoints/{endpoint_id}": owned(_endpoint, owner="host"),
    "PATCH /api/v1/webhooks/endpoints/{endpoint_id}": owned(
        _endpoint, owner="host", body=lambda w: {"description": "Serrure"}
    ),
    "DELETE /api/v1/webhooks/endpoints/{endpoint_id}": owned(_endpoint, owner="host"),
    "POST /api/v1/webhooks/endpoints/{endpoint_id}/secret": owned(_endpoint, owner="host"),
    "GET /api/v1/webhooks/endpoints/{endpoint_id}/deliveries": owned(_endpoint, owner="host"),
    "POST /api/v1/webhooks/deliveries/{delivery_id}/replay": owned(
        lambda w: {"delivery_id": w.webhook_delivery.pk}, owner="host"
    ),
}
