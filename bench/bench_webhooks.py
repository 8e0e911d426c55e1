"""Webhooks: what ``emit`` costs the service that calls it, and how fast one worker delivers.

Run: ``.venv/bin/python bench/bench_webhooks.py [--calls 2000] [--deliveries 300]``

On a fresh SQLite file database (WAL, migrated first), a place with its host:

1. ``emit`` when no endpoint listens (the common case, in every booking): time and SQL statements per
   call, inside a transaction as the services call it.
2. ``emit`` with one listening endpoint: the delivery row stored, queued after commit.
3. ``sending.delivery_attempt`` against a local ``http.server`` answering 200: signed POSTs per
   second, one after the other (one worker), p50/p95 of the attempt as the log records it.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, max(0, round(p / 100 * len(values)) - 1))]


class _Ok(BaseHTTPRequestHandler):
    def do_POST(self) -> None:  # noqa: N802
        self.rfile.read(int(self.headers.get("Content-Length", "0")))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args: Any) -> None:
        pass


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--calls", type=int, default=2000)
    parser.add_argument("--deliveries", type=int, default=300)
    args = parser.parse_args()
    os.environ["COOP_VAR_DIR"] = tempfile.mkdtemp(prefix="bench-webhooks-")
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("SECRET_KEY", "bench-only")
    os.environ["WEBHOOKS_ALLOW_LOCAL"] = "1"
    os.environ["TASKS_BACKEND"] = "django.tasks.backends.dummy.DummyBackend"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.test.utils import CaptureQueriesContext

    call_command("migrate", verbosity=0, interactive=False)
    from coopconnect.accounts.models import User
    from coopconnect.places.models import Place
    from coopconnect.territory.models import Commune, Department, Region
    from coopconnect.webhooks import sending, services

    region = Region.objects.create(code="93", name="PACA")
    department = Department.objects.create(code="84", name="Vaucluse", region=region)
    commune = Commune.objects.create(
        insee="84089",
        name="Pertuis",
        search_name="pertuis",
        department=department,
        region=region,
        latitude=43.69,
        longitude=5.50,
    )
    host = User.objects.create_user("hote@example.org", None, first_name="Hélène")
    place = Place.objects.create(name="Lieu", slug="lieu", commune=commune, latitude=43.7, longitude=5.5)
    place.hosts.add(host)

    def timed_emits(n: int) -> tuple[list[float], int]:
        times = []
        with CaptureQueriesContext(connection) as queries:
            for i in range(n):
                t0 = time.perf_counter()
                with transaction.atomic():
                    services.emit("booking.created", place=place, payload={"booking_id": i})
                times.append(time.perf_counter() - t0)
        return times, len(queries)

    idle, idle_queries = timed_emits(args.calls)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Ok)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/hook"
    services.endpoint_create(by=host, url=url, events=["booking.created"], place=place)
    listened, _q = timed_emits(args.deliveries)
    from coopconnect.webhooks.models import Attempt, Delivery

    ids = list(Delivery.objects.order_by("pk").values_list("pk", flat=True))
    t0 = time.perf_counter()
    for pk in ids:
        sending.delivery_attempt(delivery_id=pk)
    wall = time.perf_counter() - t0
    durations = list(Attempt.objects.values_list("duration_ms", flat=True))
    ok = Attempt.objects.filter(ok=True).count()
    server.shutdown()
    print(
        f"emit, no listener: {args.calls} calls, p50 {statistics.median(idle) * 1e3:.3f} ms, "
        f"p95 {pct(idle, 95) * 1e3:.3f} ms, {idle_queries / args.calls:.2f} SQL statements per call "
        "(transaction statements included)"
    )
    print(
        f"emit, one listener: p50 {statistics.median(listened) * 1e3:.3f} ms, "
        f"p95 {pct(listened, 95) * 1e3:.3f} ms"
    )
    print(
        f"deliveries: {ok}/{len(ids)} ok in {wall:.2f} s = {len(ids) / wall:.0f}/s (one worker); "
        f"attempt p50 {statistics.median(durations):.0f} ms, p95 {pct(durations, 95):.0f} ms"
    )
    with open("/proc/loadavg") as f:
        print("load average:", f.read().strip())


if __name__ == "__main__":
    main()
