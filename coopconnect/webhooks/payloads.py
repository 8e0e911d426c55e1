"""What a webhook says about an object: a few fields per kind, ids rather than personal details.

A receiver that needs more asks the API with its own credentials. The emitting apps hand their
object as it is (``emit("booking.created", place=p, payload=booking)``); it is described here, by
model label, only when an endpoint listens, so that emitting costs nothing otherwise.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db.models import Model

FIELDS: dict[str, tuple[str, ...]] = {
    "bookings.booking": (
        "id",
        "resource_id",
        "person_id",
        "start",
        "end",
        "status",
        "seat_number",
        "short_code",
        "checked_in_at",
        "cancelled_at",
    ),
    "bookings.accesscheck": (
        "id",
        "checked_at",
        "allowed",
        "reason",
        "code",
        "booking_id",
        "grant_id",
        "token_label",
    ),
    "billing.invoice": (
        "id",
        "kind",
        "status",
        "number",
        "issuer_id",
        "buyer_person_id",
        "buyer_organisation_id",
        "issue_date",
        "due_date",
        "total_ht",
        "total_vat",
        "total_ttc",
    ),
    "billing.usagerecord": ("id", "person_id", "service_code", "quantity", "at", "source", "external_id"),
    "events.registration": ("id", "event_id", "person_id", "status", "registered_at", "cancelled_at"),
}
# Field names as a receiver reads them ("short_code" is the code that opens the door).
RENAMED = {"short_code": "code"}


def describe(payload: Mapping[str, Any] | Model, *, place_id: int | None) -> dict[str, Any]:
    """Return the ``data`` of a webhook: a mapping as given, or the listed fields of a model object."""
    if not isinstance(payload, Model):
        return {"place_id": place_id, **payload}
    label = payload._meta.label_lower
    names = FIELDS.get(label, ("id",))
    data: dict[str, Any] = {"object": label.split(".", 1)[1], "place_id": place_id}
    for name in names:
        data[RENAMED.get(name, name)] = payload.pk if name == "id" else getattr(payload, name, None)
    return data
