"""Record the examples of the OpenAPI document from real requests against the fixture world.

Each operation of the registry (``routes.API``) is called once by its rightful user, with its path
parameters, its query (``QUERIES``) and its body (``Access.body``), inside a savepoint rolled back
afterwards, so every call sees the same world (``PREPARE`` adds what an operation needs beyond it,
``AT`` the moment it makes sense, ``CALLER`` a better-furnished caller). The answers, trimmed (lists
cut to ``LIST_ITEMS`` items), become ``coopconnect/core/data/openapi_examples.json``, which
``coopconnect.core.openapi_examples`` merges into the schema. ``record_problems`` sends real refused
requests: one problem per error status, shared by every operation that declares that status.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

import time_machine
from django.db import connection, transaction
from django.test import Client, override_settings

from coopconnect.core.openapi_examples import EXAMPLES_PATH, TEXT_LINES, is_json_media
from coopconnect.core.testing.routes import ANONYMOUS, API, PLACE_TOKEN, Access, api_operations
from coopconnect.core.testing.world import World

LIST_ITEMS = 2
# The recording runs at a fixed instant, so dates in the answers do not change between recordings.
FROZEN_AT = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)
NO_LIMITS = {"api_write": [], "api_write_anonymous": []}

Query = Callable[[World], dict[str, Any]]

QUERIES: dict[str, Query] = {
    "GET /api/v1/territory/catchment": lambda w: {"site": w.commune.insee, "minutes": 20},
    "GET /api/v1/territory/coverage": lambda w: {"territory": "dep:84"},
    "GET /api/v1/territory/accessibility": lambda w: {"site": w.commune.insee},
    "GET /api/v1/me/export": lambda w: {"format": "json"},
    "GET /api/v1/availability": lambda w: {"near": w.commune.name, "date": str(w.booking.start.date())},
}


def _overpaid(world: World) -> None:
    """The buyer paid 1 € more than the invoice asks (a transfer matched from the bank statement)."""
    from coopconnect.billing.models import Payment

    invoice = world.invoice
    Payment.objects.create(
        invoice=invoice, amount=invoice.total_ttc + 1, method="transfer", received_on=invoice.issue_date
    )


def _half_day_rate(world: World) -> None:
    """The place prices its open space by the half-day (the world only has a membership)."""
    from decimal import Decimal

    from coopconnect.billing.models import Tariff
    from coopconnect.billing.models.tariffs import TariffKind, Unit

    Tariff.objects.create(
        place=world.place,
        code="demi-journee",
        label="Demi-journée",
        kind=TariffKind.PER_USE,
        unit=Unit.HALF_DAY,
        price=Decimal("12.00"),
        valid_from=world.tariff.valid_from,
    )


def _hold_within_opening_hours(world: World) -> None:
    from coopconnect.bookings.models import Hold, WaitlistEntry

    end = world.hold.start + dt.timedelta(hours=3)
    Hold.objects.filter(pk=world.hold.pk).update(end=end)
    WaitlistEntry.objects.filter(pk=world.hold.entry_id).update(end=end)


def _public_profile(world: World) -> None:
    from coopconnect.skills.models import SkillProfile, Visibility

    SkillProfile.objects.filter(pk=world.skill_profile.pk).update(visibility=Visibility.PUBLIC)


def _draft_event(world: World) -> None:
    from coopconnect.events.models import Event, EventStatus

    Event.objects.filter(pk=world.event.pk).update(status=EventStatus.DRAFT, published_at=None)


# What an operation needs beyond the fixture world, done in the operation's savepoint.
PREPARE: dict[str, Callable[[World], None]] = {
    "POST /api/v1/invoices/{invoice_id}/refunds": _overpaid,
    "POST /api/v1/quotes": _half_day_rate,
    "POST /api/v1/waitlist/{entry_id}/claim": _hold_within_opening_hours,
    "POST /api/v1/events/{event_id}/publish": _draft_event,
    "GET /api/v1/community/skills": _public_profile,
}
# Who shows an operation best, when any signed-in person may call it: someone with something to list.
CALLER: dict[str, str] = {
    "GET /api/v1/webhooks/endpoints": "host",
    # The member's archive keeps the address the member signed up with, a secret of the sweeps.
    "GET /api/v1/me/export": "coordinator",
}
# When an operation makes sense: arriving at one's booking, noting who came to an event.
AT: dict[str, Callable[[World], dt.datetime]] = {
    "POST /api/v1/bookings/{booking_id}/check-in": lambda w: w.booking.start,
    "POST /api/v1/access/verify": lambda w: w.booking.start,
    "POST /api/v1/events/{event_id}/attendance": lambda w: w.event.start + dt.timedelta(hours=1),
}


def _call(client: Client, who: str | None, method: str, url: str, body: Any, world: World) -> Any:
    extra: dict[str, str] = {}
    if who == PLACE_TOKEN:
        extra["HTTP_AUTHORIZATION"] = f"Bearer {world.token_secret}"
    if method == "GET":
        return client.get(url, **extra)
    return client.generic(method, url, data=json.dumps(body), content_type="application/json", **extra)


def _client(who: str | None, world: World) -> Client:
    client = Client()
    if who and who not in (ANONYMOUS, PLACE_TOKEN):
        client.force_login(world.users[who])
    return client


def trim(value: Any) -> Any:
    """Cut every list to ``LIST_ITEMS`` items, at every depth."""
    if isinstance(value, list):
        return [trim(v) for v in value[:LIST_ITEMS]]
    if isinstance(value, dict):
        return {k: trim(v) for k, v in value.items()}
    return value


def _answer(response: Any) -> tuple[str, Any]:
    media = response.get("Content-Type", "").split(";")[0].strip()
    if response.status_code == 204 or not response.content:
        return media, None
    if is_json_media(media):
        return media, trim(json.loads(response.content))
    if media.startswith("text/"):
        lines = response.content.decode().splitlines(keepends=True)
        return media, "".join(lines[: TEXT_LINES + 1])
    return media, None


def record_operation(key: str, access: Access, world: World) -> dict[str, Any]:
    """Call one operation as its rightful user and return {method, path, request, status, media, response}."""
    method, path = key.split(" ", 1)
    url = path.format(**access.params(world)) if access.params else path
    query = QUERIES[key](world) if key in QUERIES else {}
    if query:
        url += "?" + urlencode(query)
    who = CALLER.get(key, access.owner)
    at = AT[key](world) if key in AT else None
    with transaction.atomic(), time_machine.travel(at, tick=False) if at else contextlib.nullcontext():
        if key in PREPARE:
            PREPARE[key](world)
        body = access.body(world) if access.body else None
        response = _call(_client(who, world), who, method, url, body if body is not None else {}, world)
        transaction.set_rollback(True)
    media, answer = _answer(response)
    return {
        "method": method,
        "path": url,
        "request": body,
        "status": response.status_code,
        "media": media,
        "response": answer,
    }


def _problem(who: str | None, method: str, url: str, body: Any, world: World) -> dict[str, Any]:
    with transaction.atomic():
        response = _call(_client(who, world), who, method, url, body, world)
        transaction.set_rollback(True)
    return {"method": method, "path": url, "status": response.status_code, "response": response.json()}


def record_problems(world: World) -> dict[str, dict[str, Any]]:
    """One real refusal per error status, keyed by status."""
    attendance = f"/api/v1/events/{world.event.pk}/attendance"
    problems = {
        "400": _problem(None, "GET", "/api/v1/places/export.csv?near=zzzzqqq", None, world),
        "401": _problem(None, "GET", "/api/v1/me", None, world),
        "403": _problem("outsider", "POST", attendance, {"registration_ids": [world.registration.pk]}, world),
        "404": _problem(None, "GET", "/api/v1/places/999999", None, world),
        "409": _problem("member", "POST", f"/api/v1/events/{world.event.pk}/registrations", {}, world),
        "422": _problem(None, "GET", "/api/v1/places?within_minutes=abc", None, world),
    }
    # Both writes in one savepoint: the first one's count must still be there for the second.
    with override_settings(RATE_LIMITS={"api_write": [("client", "1/m")]}), transaction.atomic():
        client = _client("member", world)
        _call(client, "member", "POST", "/api/v1/quotes", {}, world)
        response = _call(client, "member", "POST", "/api/v1/quotes", {}, world)
        transaction.set_rollback(True)
    problems["429"] = {"method": "POST", "path": "/api/v1/quotes", "status": response.status_code}
    problems["429"]["response"] = response.json()
    return problems


# The fixture world's secrets (``World.secrets``) are what the permission sweep looks for on every
# page, the published schema included: the recording world wears other values of the same kinds.
DRESS: dict[str, tuple[str, str]] = {
    "booking": ("short_code", "K7MP2Q"),
    "topic": ("title", "Covoiturage vers Pertuis le mardi"),
    "webhook_endpoint": ("url", "https://portail.baticom.example/hooks"),
    "mandate": ("reference", "BAT-2026-0001"),
    "organisation": ("name", "Durance Numérique"),
    "mission_response": ("message", "Je peux m'en charger en mars."),
    "plan": ("name", "Plan de Pertuis 2027"),
}


# Drawn at random for each world: the sweep's world never has the recorded ones.
RANDOM_SECRETS = {
    "API token prefix",
    "personal token prefix",
    "calendar feed token",
    "business plan share token",
    "survey answer token",
}


def _dress(world: World) -> None:
    for name, (field, value) in DRESS.items():
        obj = getattr(world, name)
        type(obj).objects.filter(pk=obj.pk).update(**{field: value})
        obj.refresh_from_db()
    member = world.users["member"]
    type(member).objects.filter(pk=member.pk).update(email="marie.durand@example.org")
    member.refresh_from_db()
    # An issued invoice is never changed by the application (its queryset refuses): this throwaway
    # world gives its one invoice another number directly.
    invoice = world.invoice
    table, column = invoice._meta.db_table, invoice._meta.get_field("number").column
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET {column} = %s WHERE id = %s", ["BAT2026-000042", invoice.pk])
    invoice.refresh_from_db()


def record(world: World, keys: list[str] | None = None) -> dict[str, Any]:
    """Record every operation (or ``keys``) and the shared problems, keyed by operationId."""
    secrets = world.secrets
    _dress(world)
    ids = {f"{m} {p}": op["operationId"] for m, p, op in api_operations()}
    operations: dict[str, Any] = {}
    with override_settings(RATE_LIMITS=NO_LIMITS):
        for key in sorted(keys if keys is not None else API):
            if key in ids:
                operations[ids[key]] = record_operation(key, API[key], world)
    examples = {"operations": operations, "problems": record_problems(world)}
    shown = {
        (label, op)
        for op, rec in {**operations, **examples["problems"]}.items()
        for label, secret in secrets.items()
        if secret and label not in RANDOM_SECRETS and secret in json.dumps(rec, ensure_ascii=False)
    }
    if shown:
        raise AssertionError(f"the examples show the fixture world's {sorted(shown)}: give them other values")
    return examples


def write(examples: dict[str, Any]) -> None:
    """Write the examples file the schema reads."""
    EXAMPLES_PATH.parent.mkdir(exist_ok=True)
    text = json.dumps(examples, ensure_ascii=False, indent=1, sort_keys=True)
    EXAMPLES_PATH.write_text(text + "\n", encoding="utf-8")
