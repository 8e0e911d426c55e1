"""Bookings at national scale: availability near communes, and booking under load through gunicorn.

Run (the dataset is ``bench/build_national.py``; ``--scale 0.1`` for a quick run):
  .venv/bin/python bench/bench_bookings.py --db sqlite --load
  .venv/bin/python bench/bench_bookings.py --db postgres --pg postgres://postgres@127.0.0.1:54344 --load
  ... --reuse --dir DIR (SQLite) or --reuse (PostgreSQL): keep the database built by an earlier run

1. Availability: ``GET /api/v1/availability`` (in process, through the middleware and the API) for
   a seat tomorrow-or-later morning within 20 minutes of the 10 largest cities, then of communes drawn
   by population; p50/p95 wall time and SQL statements per request. The same queries straight to
   ``bookings.availability.availability_near`` give the time outside the HTTP layer.
2. ``--load``: gunicorn (gthread, ``--workers`` x ``--threads``) serves the app on the same database;
   ``--clients`` client threads, each cycling over its own verified members (an unverified one gets
   403; several per client keep each under the API write limit), POST /api/v1/bookings for the
   half-days of ``--hot`` seat pools over ``--days`` working days for ``--duration`` seconds. Reports
   requests/s, bookings/s (201 counted from the answers and checked against the rows written),
   p50/p95/p99, and the overbooked seats found afterwards in SQL (two active bookings of one seat
   overlapping, or a seat beyond capacity): must be 0. A load that books nothing exits non-zero.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import secrets
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.build_national import build_national, setup  # noqa: E402


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, max(0, round(p / 100 * len(values)) - 1))]


def working_days(first: dt.date, count: int) -> list[dt.date]:
    """Return ``count`` weekdays from ``first`` on, public holidays left out (the places close)."""
    from coopconnect.places import hours

    days, day = [], first
    while len(days) < count:
        if hours.is_open_on("Mo-Fr 09:00-17:00; PH off", day):
            days.append(day)
        day += dt.timedelta(days=1)
    return days


def bench_availability(queries: int, rng: random.Random) -> dict:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from coopconnect.bookings.availability import availability_near
    from coopconnect.places import public_holidays
    from coopconnect.territory import travel
    from coopconnect.territory.models import Commune

    cities = list(Commune.objects.order_by("-population").values_list("insee", "latitude", "longitude")[:10])
    pool = list(Commune.objects.values_list("insee", "latitude", "longitude", "population"))
    drawn = rng.choices(pool, weights=[max(1, c[3]) for c in pool], k=queries)
    days = working_days(timezone.localdate() + dt.timedelta(days=1), 20)
    client = Client()
    # What a server process has built before its first request (config/wsgi.py).
    travel.warm_up()
    public_holidays.warm_up()
    out: dict = {}
    for label, origins in (
        ("10_largest_cities", [c for _ in range(max(1, queries // 10)) for c in cities]),
        ("drawn_by_population", [c[:3] for c in drawn]),
    ):
        api, direct, cpu_api, cpu_direct, statements, hits = [], [], [], [], [], []
        for i, (insee, lat, lon) in enumerate(origins):
            day = days[i % len(days)]
            with CaptureQueriesContext(connection) as ctx:
                t0, c0 = time.perf_counter(), time.process_time()
                response = client.get(
                    "/api/v1/availability", {"near": insee, "date": day.isoformat(), "slot": "morning"}
                )
                api.append((time.perf_counter() - t0) * 1000)
                cpu_api.append((time.process_time() - c0) * 1000)
            assert response.status_code == 200, response.content[:300]
            statements.append(len(ctx.captured_queries))
            hits.append(response.json()["count"])
            t0, c0 = time.perf_counter(), time.process_time()
            availability_near(origin=(lat, lon), within_minutes=20, day=day, slot="morning", kind="seat")
            direct.append((time.perf_counter() - t0) * 1000)
            cpu_direct.append((time.process_time() - c0) * 1000)
        out[label] = {
            "requests": len(origins),
            "api_p50_ms": round(pct(api, 50), 1),
            "api_p95_ms": round(pct(api, 95), 1),
            "selector_p50_ms": round(pct(direct, 50), 1),
            "selector_p95_ms": round(pct(direct, 95), 1),
            # CPU time of this process (SQLite runs in it; PostgreSQL's time is not included): the
            # steadier figure on a shared machine.
            "api_cpu_p50_ms": round(pct(cpu_api, 50), 1),
            "api_cpu_p95_ms": round(pct(cpu_api, 95), 1),
            "selector_cpu_p95_ms": round(pct(cpu_direct, 95), 1),
            "sql_statements_max": max(statements),
            "mean_results": round(statistics.mean(hits), 1),
        }
    return out


def _members(clients: int, per_client: int) -> list[list[str]]:
    """Create verified members with a session each; return the session keys, per client."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from coopconnect.accounts.models import User

    keys: list[list[str]] = []
    for c in range(clients):
        mine = []
        for m in range(per_client):
            user, _ = User.objects.update_or_create(
                email=f"client{c}-{m}@example.org", defaults={"email_verified": True}
            )
            store = SessionStore()
            store[SESSION_KEY] = str(user.pk)
            store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
            store[HASH_SESSION_KEY] = user.get_session_auth_hash()
            store.create()
            mine.append(store.session_key)
        keys.append(mine)
    return keys


def _start_server(database_url: str, tmp: str, workers: int, threads: int) -> tuple[subprocess.Popen, int]:
    import socket

    with socket.socket() as sock:  # a free port: never talk to someone else's server
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    # Refusals (409) are logged as warnings by Django: at hundreds a second that is work the
    # benchmark would measure; errors are still logged.
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "COOP_VAR_DIR": tmp,
        "ALLOWED_HOSTS": "127.0.0.1",
        "LOG_LEVEL": "ERROR",
    }
    server = subprocess.Popen(
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "config.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--worker-class",
            "gthread",
            "--threads",
            str(threads),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    for _ in range(300):
        if server.poll() is not None:
            raise RuntimeError("gunicorn did not start")
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1)
            return server, port
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise RuntimeError("gunicorn did not answer /healthz")


def _overbooked(pool_ids: list[int]) -> int:
    from django.db import connection

    marks = ", ".join(["%s"] * len(pool_ids))
    with connection.cursor() as cur:
        cur.execute(
            f"""SELECT count(*) FROM bookings_booking a JOIN bookings_booking b
               ON a.resource_id = b.resource_id AND a.seat_number = b.seat_number AND a.id < b.id
               AND a.start < b."end" AND b.start < a."end"
               WHERE a.status IN ('pending', 'confirmed', 'checked_in')
               AND b.status IN ('pending', 'confirmed', 'checked_in') AND a.resource_id IN ({marks})""",
            pool_ids,
        )
        double = cur.fetchone()[0]
        cur.execute(
            """SELECT count(*) FROM bookings_booking bk JOIN places_resource r ON r.id = bk.resource_id
               WHERE bk.status IN ('pending','confirmed','checked_in') AND bk.seat_number > r.capacity"""
        )
        return double + cur.fetchone()[0]


def bench_load(database_url: str, tmp: str, args: argparse.Namespace, rng: random.Random) -> dict:
    from django.conf import settings
    from django.utils import timezone

    from coopconnect.bookings.models import Booking
    from coopconnect.places.models import Resource

    sessions = _members(args.clients, args.members_per_client)
    pools = list(
        Resource.objects.filter(kind="seat", place__opening_hours__startswith="Mo-Fr")
        .order_by("pk")
        .values_list("pk", "capacity")
    )
    pools = rng.sample(pools, min(args.hot, len(pools)))
    days = working_days(timezone.localdate() + dt.timedelta(days=args.day_offset), args.days)
    before = Booking.objects.filter(resource_id__in=[p for p, _c in pools]).count()
    server, port = _start_server(database_url, tmp, args.workers, args.threads)
    results: list[tuple[int, float]] = []
    refusals: list[str] = []  # the first unexpected answers, to say why a run did no work
    lock = threading.Lock()
    try:
        stop = time.monotonic() + args.duration

        def client(keys: list[str], seed: int) -> None:
            local = random.Random(seed)
            mine, turn = [], 0
            while time.monotonic() < stop:
                csrf = secrets.token_hex(16)
                headers = {
                    "Content-Type": "application/json",
                    "X-CSRFToken": csrf,
                    "Cookie": f"{settings.SESSION_COOKIE_NAME}={keys[turn % len(keys)]}; csrftoken={csrf}",
                }
                turn += 1
                body = json.dumps(
                    {
                        "resource_id": local.choice(pools)[0],
                        "date": local.choice(days).isoformat(),
                        "slot": local.choice(["morning", "afternoon", "day"]),
                    }
                ).encode()
                req = urllib.request.Request(
                    f"http://127.0.0.1:{port}/api/v1/bookings", data=body, headers=headers, method="POST"
                )
                t0 = time.perf_counter()
                try:
                    with urllib.request.urlopen(req, timeout=60) as resp:
                        status = resp.status
                except urllib.error.HTTPError as exc:
                    status = exc.code
                    if status not in (201, 409) and len(refusals) < 3:
                        refusals.append(f"{status}: {exc.read()[:300].decode(errors='replace')}")
                except OSError:
                    status = 0
                mine.append((status, (time.perf_counter() - t0) * 1000))
            with lock:
                results.extend(mine)

        threads = [threading.Thread(target=client, args=(k, i)) for i, k in enumerate(sessions)]
        load_before = open("/proc/loadavg").read().split()[:3]
        t0 = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        elapsed = time.perf_counter() - t0
    finally:
        server.terminate()
        server.wait(timeout=30)
    lat = [ms for _s, ms in results]
    statuses: dict[int, int] = {}
    for s, _ms in results:
        statuses[s] = statuses.get(s, 0) + 1
    written = Booking.objects.filter(resource_id__in=[p for p, _c in pools]).count() - before
    created = statuses.get(201, 0)
    return {
        "server": f"gunicorn gthread {args.workers} workers x {args.threads} threads",
        "clients": args.clients,
        "members": args.clients * args.members_per_client,
        "duration_s": round(elapsed, 1),
        "loadavg_at_start": load_before,
        "requests": len(results),
        "requests_per_s": round(len(results) / elapsed, 1),
        "created_201": created,
        "bookings_written": written,
        "refused_409": statuses.get(409, 0),
        "other_statuses": {k: v for k, v in statuses.items() if k not in (201, 409)},
        "bookings_per_s": round(created / elapsed, 1),
        "p50_ms": round(pct(lat, 50), 1) if lat else None,
        "p95_ms": round(pct(lat, 95), 1) if lat else None,
        "p99_ms": round(pct(lat, 99), 1) if lat else None,
        "hot_pools": len(pools),
        "half_day_seats_offered": sum(c for _p, c in pools) * 2 * len(days),
        "overbooked_seats": _overbooked([p for p, _c in pools]),
        "first_refusals": refusals,
    }


def profile_availability(count: int) -> list[str]:
    """Profile ``count`` availability requests near the largest cities; return the top functions."""
    import cProfile
    import io
    import pstats

    from django.test import Client
    from django.utils import timezone

    from coopconnect.territory.models import Commune

    cities = list(Commune.objects.order_by("-population").values_list("insee", flat=True)[:10])
    days = working_days(timezone.localdate() + dt.timedelta(days=1), 10)
    client = Client()
    profiler = cProfile.Profile()
    profiler.enable()
    for i in range(count):
        client.get("/api/v1/availability", {"near": cities[i % 10], "date": days[i % 10].isoformat()})
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(15)
    return [line for line in out.getvalue().splitlines() if line.strip()][-16:]


def profile_bookings(count: int, rng: random.Random) -> dict:
    """Book ``count`` times in process (test client, one member per booking) under cProfile; return
    the time per booking and the functions where it goes (own time, top 12)."""
    import cProfile
    import io
    import pstats

    from django.test import Client
    from django.utils import timezone

    from coopconnect.accounts.models import User
    from coopconnect.places.models import Resource

    pools = list(
        Resource.objects.filter(kind="seat", place__opening_hours__startswith="Mo-Fr").values_list("pk")
    )
    days = working_days(timezone.localdate() + dt.timedelta(days=40), 10)
    clients = []
    for i in range(count):
        user, _ = User.objects.update_or_create(
            email=f"profile{i}@example.org", defaults={"email_verified": True}
        )
        client = Client()
        client.force_login(user)
        clients.append(client)
    bodies = [
        {"resource_id": rng.choice(pools)[0], "date": rng.choice(days).isoformat(), "slot": "morning"}
        for _ in range(count)
    ]
    profiler = cProfile.Profile()
    statuses: dict[int, int] = {}
    t0 = time.perf_counter()
    profiler.enable()
    for client, body in zip(clients, bodies, strict=True):
        status = client.post("/api/v1/bookings", body, content_type="application/json").status_code
        statuses[status] = statuses.get(status, 0) + 1
    profiler.disable()
    elapsed = time.perf_counter() - t0
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(12)
    return {
        "bookings": count,
        "statuses": statuses,
        "ms_per_request_profiled": round(elapsed / count * 1000, 1),
        "top_cumulative": [line for line in out.getvalue().splitlines() if line.strip()][-14:],
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--pg", default="postgres://postgres@127.0.0.1:54344")
    parser.add_argument("--dir", help="SQLite: directory of the database (kept; with --reuse, read again)")
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--queries", type=int, default=100, help="availability requests per group")
    parser.add_argument("--load", action="store_true")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--members-per-client", type=int, default=8)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--duration", type=int, default=30)
    parser.add_argument("--hot", type=int, default=200, help="seat pools the load books")
    parser.add_argument("--days", type=int, default=10, help="working days the load books")
    parser.add_argument("--day-offset", type=int, default=20, help="the first day booked, from today")
    parser.add_argument("--reuse", action="store_true", help="keep the database built before")
    parser.add_argument("--profile", type=int, default=0, help="book N times in process under cProfile")
    parser.add_argument("--skip-availability", action="store_true")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    tmp = args.dir or tempfile.mkdtemp(prefix="bench-bookings-")
    Path(tmp).mkdir(parents=True, exist_ok=True)
    url = setup(var_dir=tmp, pg=args.pg if args.db == "postgres" else "", reuse=args.reuse)
    report: dict = {
        "db": args.db,
        "date": dt.date.today().isoformat(),
        "loadavg": open("/proc/loadavg").read(),
    }
    if not args.reuse:
        report["build"] = build_national(scale=args.scale, seed=args.seed)
    if not args.skip_availability:
        report["availability"] = bench_availability(args.queries, rng)
    if args.profile:
        report["profile_availability"] = profile_availability(args.profile)
        report["profile_bookings"] = profile_bookings(args.profile, rng)
    if args.load:
        report["load"] = bench_load(url, tmp, args, rng)
    report["loadavg_at_end"] = open("/proc/loadavg").read()
    print(json.dumps(report, indent=2, ensure_ascii=False))
    load = report.get("load")
    if load is not None and (load["created_201"] == 0 or load["bookings_written"] != load["created_201"]):
        # A load that booked nothing measured refusals, not bookings: no rate is worth printing.
        sys.exit(
            f"the load did no real work: {load['created_201']} answered 201, {load['bookings_written']} "
            f"written ({load['other_statuses']}); see first_refusals"
        )
    if load is not None and load["overbooked_seats"]:
        sys.exit(f"overbooked seats: {load['overbooked_seats']}")


if __name__ == "__main__":
    main()
