"""Reads of the directory and the territory tool from a PostgreSQL read replica.

Enabled by ``DATABASE_REPLICA_URL`` (config/settings.py adds the ``replica`` database, this router and
``ReplicaReadsMiddleware``). A read goes to the replica only when all of these hold:

- the model belongs to a read-mostly app (``REPLICA_APPS``: communes and their hierarchy, places,
  networks, resources, opening hours), whose rows change a few times a day;
- the request is a read (GET or HEAD), marked by the middleware; a form post, an API write, a job or a
  management command reads the primary, so what a write checks is never behind;
- no transaction is open on the primary (a read inside one belongs to that transaction).

Everything else (bookings, invoices, sessions, accounts) is read and written on the primary:
``default``. The replica is never migrated (``allow_migrate``): it follows the primary's schema.
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar
from typing import Any

from django.db import connections
from django.http import HttpRequest, HttpResponse

REPLICA = "replica"
PRIMARY = "default"
REPLICA_APPS = frozenset({"territory", "places"})
SAFE_METHODS = frozenset({"GET", "HEAD"})

_read_request: ContextVar[bool] = ContextVar("coopconnect_read_request", default=False)


class ReplicaRouter:
    """Send the reads of ``REPLICA_APPS`` made by read requests to the replica; the rest to the primary."""

    def db_for_read(self, model: type[Any], **hints: Any) -> str:
        if (
            _read_request.get()
            and model._meta.app_label in REPLICA_APPS
            and REPLICA in connections.settings
            and not connections[PRIMARY].in_atomic_block
        ):
            return REPLICA
        return PRIMARY

    def db_for_write(self, model: type[Any], **hints: Any) -> str:
        return PRIMARY

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool:
        # The replica holds the primary's rows: an object read there may point to one read here.
        return True

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        return db == PRIMARY


class ReplicaReadsMiddleware:
    """Mark GET and HEAD requests as reads, for the router (for the length of the request only)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _read_request.set(request.method in SAFE_METHODS)
        try:
            return self.get_response(request)
        finally:
            _read_request.reset(token)


def reading() -> Any:
    """Mark the code in a ``with`` block as a read request (tests, scripts reading the directory)."""
    from contextlib import contextmanager

    @contextmanager
    def _reading() -> Any:
        token = _read_request.set(True)
        try:
            yield
        finally:
            _read_request.reset(token)

    return _reading()
