"""A real HTTP receiver on 127.0.0.1 (``http.server`` in a thread) that verifies every signature with
``standardwebhooks.Webhook(secret).verify``, and a coordinator of another network."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from standardwebhooks import Webhook
from standardwebhooks.webhooks import WebhookVerificationError

from coopconnect.accounts.models import User
from coopconnect.places.models import Network


@dataclass
class Received:
    headers: dict[str, str]
    body: bytes
    verified: Any = None
    error: str = ""


@dataclass
class Receiver:
    """Answers ``status`` (a list is used in turn, the last repeated); records what it got."""

    url: str = ""
    secret: str = ""
    statuses: list[int] = field(default_factory=lambda: [200])
    received: list[Received] = field(default_factory=list)

    def next_status(self) -> int:
        return self.statuses.pop(0) if len(self.statuses) > 1 else self.statuses[0]


@pytest.fixture
def receiver(settings) -> Iterator[Receiver]:
    settings.WEBHOOKS_ALLOW_LOCAL = True
    state = Receiver()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            item = Received(headers=dict(self.headers.items()), body=body)
            try:
                item.verified = Webhook(state.secret).verify(body, item.headers)
            except (WebhookVerificationError, ValueError) as exc:
                item.error = str(exc)
            state.received.append(item)
            self.send_response(state.next_status())
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.url = f"http://127.0.0.1:{server.server_address[1]}/hooks/coop?src=test"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield state
    server.shutdown()
    server.server_close()


@pytest.fixture
def db_tasks(settings) -> None:
    """The production task backend (django-tasks-db): tasks wait for ``db_worker``."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def other_network(db) -> Network:
    return Network.objects.create(name="Réseau Ventoux", slug="reseau-ventoux")


@pytest.fixture
def other_coordinator(other_network: Network) -> User:
    user = User.objects.create_user(
        "coord-ventoux@example.org", "mot-de-passe-coord-2", first_name="Vera", email_verified=True
    )
    other_network.coordinators.add(user)
    return user
