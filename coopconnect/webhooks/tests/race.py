"""Race harness: workers try the same delivery at once, and failures of many deliveries cross the
switch-off line together.

Used by test_race.py in-process on PostgreSQL, and through ``python -m
coopconnect.webhooks.tests.race <dir> <threads>`` on a fresh SQLite *file* database in WAL mode (the
production setup): the in-memory test database of pytest does not make writers wait.
"""

from __future__ import annotations

import json
import os
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


class _Receiver:
    def __init__(self, status: int) -> None:
        self.hits = 0
        lock = threading.Lock()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802
                self.rfile.read(int(self.headers.get("Content-Length", "0")))
                with lock:
                    outer.hits += 1
                self.send_response(status)
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def _all_at_once(threads: int, work: Any) -> list[Any]:
    from django.db import connection

    barrier = threading.Barrier(threads)
    results: list[Any] = []
    lock = threading.Lock()

    def worker(n: int) -> None:
        try:
            barrier.wait(timeout=30)
            try:
                outcome = work(n)
            except Exception as exc:  # noqa: BLE001 - any error is a failure the test reports
                outcome = ("error", repr(exc))
            with lock:
                results.append(outcome)
        finally:
            connection.close()

    workers = [threading.Thread(target=worker, args=(n,)) for n in range(threads)]
    for t in workers:
        t.start()
    for t in workers:
        t.join(timeout=120)
    return results


def race(*, threads: int) -> dict[str, Any]:
    """Run both races against a local receiver; return what happened."""
    from django.test import override_settings

    from coopconnect.accounts.models import User
    from coopconnect.places.models import Place
    from coopconnect.territory.models import Commune, Department, Region
    from coopconnect.webhooks import sending, services
    from coopconnect.webhooks.models import Attempt, Endpoint

    region = Region.objects.get_or_create(code="93", defaults={"name": "PACA"})[0]
    department = Department.objects.get_or_create(code="84", defaults={"name": "Vaucluse", "region": region})[
        0
    ]
    commune = Commune.objects.get_or_create(
        insee="84089",
        defaults={
            "name": "Pertuis",
            "search_name": "pertuis",
            "department": department,
            "region": region,
            "latitude": 43.69,
            "longitude": 5.50,
        },
    )[0]
    host = User.objects.create_user("hote-race@example.org", None, first_name="Hélène")
    place = Place.objects.create(name="Lieu", slug="lieu-race", commune=commune, latitude=43.7, longitude=5.5)
    place.hosts.add(host)
    errors: list[str] = []
    with override_settings(WEBHOOKS_ALLOW_LOCAL=True, WEBHOOKS_MAX_ATTEMPTS=1, WEBHOOKS_DISABLE_AFTER=3):
        ok = _Receiver(200)
        endpoint, _secret = services.endpoint_create(by=host, url=ok.url, events=["checkin"], place=place)
        [delivery] = services.emit("checkin", place=place, payload={"n": 1})
        claims = _all_at_once(threads, lambda n: sending.delivery_attempt(delivery_id=delivery.pk))
        ok.stop()
        sent_once = {"hits": ok.hits, "attempts": Attempt.objects.filter(delivery=delivery).count()}
        errors += [r[1] for r in claims if isinstance(r, tuple)]

        failing = _Receiver(500)
        Endpoint.objects.filter(pk=endpoint.pk).update(url=failing.url)
        deliveries = [services.emit("checkin", place=place, payload={"n": n})[0] for n in range(threads)]
        outcomes = _all_at_once(threads, lambda n: sending.delivery_attempt(delivery_id=deliveries[n].pk))
        failing.stop()
        errors += [r[1] for r in outcomes if isinstance(r, tuple)]
        endpoint.refresh_from_db()
        switched_off = {
            "is_active": endpoint.is_active,
            "told": sum(1 for r in outcomes if not isinstance(r, tuple) and r.endpoint_disabled),
            "failures": endpoint.consecutive_failures,
            "hits": failing.hits,
            "attempts": Attempt.objects.filter(delivery__in=deliveries).count(),
        }
    return {"sent_once": sent_once, "switched_off": switched_off, "errors": errors}


def main() -> None:
    """Run the races on a fresh SQLite file database in the directory given; print a JSON summary."""
    workdir, threads = sys.argv[1], int(sys.argv[2])
    os.environ["COOP_VAR_DIR"] = workdir
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    print(json.dumps(race(threads=threads)))


if __name__ == "__main__":
    main()
