"""Bookings at national scale: availability query p50/p95, and booking throughput under 50 clients.

Run:
  .venv/bin/python bench/bench_bookings.py --db sqlite
  .venv/bin/python bench/bench_bookings.py --db postgres --pg postgres://postgres@127.0.0.1:54340 --load

Builds a throwaway database (a temporary SQLite file, or the PostgreSQL database ``coopconnect_bench``
dropped and re-created), migrates it, and generates a synthetic national network: ``--places``
places spread over metropolitan France (Mo-Fr 08:30-12:30,13:30-18:00; PH off), ``--resources``
resources (a seat pool of 4-12 seats per place, the rest offices, rooms, video points) and
``--bookings`` bookings (one half-day per resource per day over 100 days, written in SQL).

1. Availability: ``bookings.selectors.availability_near`` (free seats tomorrow-or-later morning within
   20 minutes of a point near a random place), ``--queries`` times: p50/p95 wall and CPU.
2. ``--load`` (PostgreSQL): gunicorn (gthread) serves the app; 50 client threads, each logged in as
   its own member, POST /api/v1/bookings for the half-days of a few hot pools for ``--duration``
   seconds. Reports requests/s, bookings/s, p50/p99 latency, and the overbooked seats found afterwards
   by SQL (two active bookings of one seat overlapping, or a seat number beyond capacity): must be 0.
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


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, max(0, round(p / 100 * len(values)) - 1))]


def setup_django(db: str, tmp: str, pg: str, reuse: bool = False) -> str:
    os.environ["COOP_VAR_DIR"] = tmp
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    # Benchmarks run with DEBUG off, like production; the settings then want a key.
    os.environ.setdefault("SECRET_KEY", "benchmark-only-key-never-used-in-production")
    if db == "postgres" and reuse:
        os.environ["DATABASE_URL"] = f"{pg}/coopconnect_bench"
    elif db == "postgres":
        import psycopg

        with psycopg.connect(f"{pg}/postgres", autocommit=True) as conn:
            conn.execute("DROP DATABASE IF EXISTS coopconnect_bench WITH (FORCE)")
            conn.execute("CREATE DATABASE coopconnect_bench")
        os.environ["DATABASE_URL"] = f"{pg}/coopconnect_bench"
    else:
        os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    return os.environ.get("DATABASE_URL", "")


def build(places: int, resources: int, bookings: int, rng: random.Random) -> dict:
    from django.db import connection, transaction
    from django.utils import timezone

    from coopconnect.accounts.models import User
    from coopconnect.places.models import Place, Resource, ResourceKind

    timings = {}
    t0 = time.perf_counter()
    with transaction.atomic():
        objs = [
            Place(
                name=f"Tiers-lieu {i}",
                slug=f"tl-{i}",
                latitude=rng.uniform(43.0, 50.8),
                longitude=rng.uniform(-1.5, 7.5),
                opening_hours="Mo-Fr 08:30-12:30,13:30-18:00; PH off",
            )
            for i in range(places)
        ]
        Place.objects.bulk_create(objs, batch_size=2000)
        place_ids = list(Place.objects.order_by("pk").values_list("pk", flat=True))
        res = [
            Resource(place_id=pid, kind=ResourceKind.SEAT, name="Open space", capacity=rng.randint(4, 12))
            for pid in place_ids
        ]
        kinds = [ResourceKind.OFFICE, ResourceKind.MEETING_ROOM, ResourceKind.VIDEO_POINT]
        for i in range(resources - len(res)):
            pid = place_ids[i % len(place_ids)]
            res.append(Resource(place_id=pid, kind=kinds[i % 3], name=f"Ressource {i}", capacity=1))
        Resource.objects.bulk_create(res, batch_size=5000)
        users = [User(email=f"bench{i}@example.org", password="!") for i in range(1000)]
        User.objects.bulk_create(users, batch_size=1000)
    timings["places_resources_s"] = round(time.perf_counter() - t0, 1)
    r0 = Resource.objects.order_by("pk").values_list("pk", flat=True).first()
    u0 = User.objects.order_by("pk").values_list("pk", flat=True).first()
    n_res = Resource.objects.count()
    base = (
        (timezone.now() - dt.timedelta(days=30))
        .astimezone(dt.UTC)
        .replace(hour=0, minute=0, second=0, microsecond=0)
    )
    t0 = time.perf_counter()
    with connection.cursor() as cur:
        cols = (
            'created_at, updated_at, resource_id, person_id, start, "end", seat_number, layout, attendees, '
            "status, short_code, idempotency_key, note, is_walk_in"
        )
        if connection.vendor == "postgresql":
            cur.execute(
                f"""INSERT INTO bookings_booking ({cols})
                SELECT now(), now(), %s + (n %% %s), %s + (n %% 1000),
                  %s::timestamptz + (n / %s) * interval '1 day'
                    + CASE WHEN (n * 7) %% 2 = 0 THEN interval '450 minutes' ELSE interval '750 minutes' END,
                  %s::timestamptz + (n / %s) * interval '1 day'
                    + CASE WHEN (n * 7) %% 2 = 0 THEN interval '690 minutes' ELSE interval '1020 minutes' END,
                  1, '', 1, 'confirmed', 'B' || n, '', '', false
                FROM generate_series(0, %s - 1) AS n""",
                [r0, n_res, u0, base, n_res, base, n_res, bookings],
            )
            cur.execute("ANALYZE")
        else:
            stamp = base.strftime("%Y-%m-%d %H:%M:%S")
            cur.execute(
                f"""WITH RECURSIVE seq(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM seq WHERE n < %s - 1)
                INSERT INTO bookings_booking ({cols})
                SELECT %s, %s, %s + (n %% %s), %s + (n %% 1000),
                  datetime(%s, '+' || (n / %s) || ' days',
                           CASE WHEN (n * 7) %% 2 = 0 THEN '+450 minutes' ELSE '+750 minutes' END),
                  datetime(%s, '+' || (n / %s) || ' days',
                           CASE WHEN (n * 7) %% 2 = 0 THEN '+690 minutes' ELSE '+1020 minutes' END),
                  1, '', 1, 'confirmed', 'B' || n, '', '', 0
                FROM seq""",
                [bookings, stamp, stamp, r0, n_res, u0, stamp, n_res, stamp, n_res],
            )
            cur.execute("ANALYZE")
    timings["bookings_s"] = round(time.perf_counter() - t0, 1)
    return timings


def bench_availability(queries: int, rng: random.Random) -> dict:
    from django.utils import timezone

    from coopconnect.bookings.selectors import availability_near
    from coopconnect.places.models import Place

    points = list(Place.objects.values_list("latitude", "longitude"))
    today = timezone.localdate()
    days = [
        today + dt.timedelta(days=d) for d in range(1, 40) if (today + dt.timedelta(days=d)).weekday() < 5
    ]
    walls, cpus, counts = [], [], []
    for i in range(queries):
        lat, lon = rng.choice(points)
        origin = (lat + rng.uniform(-0.08, 0.08), lon + rng.uniform(-0.1, 0.1))
        w0, c0 = time.perf_counter(), time.process_time()
        hits = availability_near(
            origin=origin, within_minutes=20, day=days[i % len(days)], slot="morning", kind="seat"
        )
        walls.append((time.perf_counter() - w0) * 1000)
        cpus.append((time.process_time() - c0) * 1000)
        counts.append(len(hits))
    return {
        "queries": queries,
        "p50_ms": round(pct(walls, 50), 1),
        "p95_ms": round(pct(walls, 95), 1),
        "cpu_p50_ms": round(pct(cpus, 50), 1),
        "cpu_p95_ms": round(pct(cpus, 95), 1),
        "mean_hits": round(statistics.mean(counts), 1),
    }


def bench_load(
    database_url: str,
    tmp: str,
    clients: int,
    duration: int,
    hot: int,
    rng: random.Random,
    day_offset: int = 80,
) -> dict:
    import socket

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.db import connection
    from django.utils import timezone

    from coopconnect.accounts.models import User
    from coopconnect.places.models import Resource

    with socket.socket() as sock:  # a free port: never talk to someone else's server
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {**os.environ, "DATABASE_URL": database_url, "COOP_VAR_DIR": tmp, "ALLOWED_HOSTS": "127.0.0.1"}
    server = subprocess.Popen(
        [
            str(ROOT / ".venv/bin/gunicorn"),
            "config.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "4",
            "--worker-class",
            "gthread",
            "--threads",
            "8",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        for _ in range(150):
            if server.poll() is not None:
                raise RuntimeError("gunicorn did not start")
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        users = []
        for i in range(clients):
            # Verified members: an unverified one is refused (403) before any booking rule runs.
            user, _ = User.objects.update_or_create(
                email=f"client{i}@example.org", defaults={"email_verified": True}
            )
            store = SessionStore()
            store[SESSION_KEY] = str(user.pk)
            store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
            store[HASH_SESSION_KEY] = user.get_session_auth_hash()
            store.create()
            users.append(store.session_key)
        pools = list(Resource.objects.filter(kind="seat").order_by("?").values_list("pk", "capacity")[:hot])
        day = timezone.localdate() + dt.timedelta(days=day_offset)
        while day.weekday() >= 5:
            day += dt.timedelta(days=1)
        results: list[tuple[int, float]] = []
        refusals: list[str] = []  # the first unexpected answers, to say why a run did no work
        lock = threading.Lock()
        stop = time.monotonic() + duration

        def client(session_key: str, seed: int) -> None:
            local = random.Random(seed)
            csrf = secrets.token_hex(16)
            headers = {
                "Content-Type": "application/json",
                "X-CSRFToken": csrf,
                "Cookie": f"{settings.SESSION_COOKIE_NAME}={session_key}; csrftoken={csrf}",
            }
            mine = []
            while time.monotonic() < stop:
                rid, _cap = local.choice(pools)
                body = json.dumps(
                    {
                        "resource_id": rid,
                        "date": day.isoformat(),
                        "slot": local.choice(["morning", "afternoon", "day"]),
                    }
                ).encode()
                req = urllib.request.Request(
                    f"http://127.0.0.1:{port}/api/v1/bookings", data=body, headers=headers, method="POST"
                )
                t0 = time.perf_counter()
                try:
                    with urllib.request.urlopen(req, timeout=30) as resp:
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

        threads = [threading.Thread(target=client, args=(k, i)) for i, k in enumerate(users)]
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
    with connection.cursor() as cur:
        cur.execute(
            """SELECT count(*) FROM bookings_booking a JOIN bookings_booking b
               ON a.resource_id = b.resource_id AND a.seat_number = b.seat_number AND a.id < b.id
               AND a.start < b."end" AND b.start < a."end"
               WHERE a.status IN ('pending', 'confirmed', 'checked_in')
               AND b.status IN ('pending', 'confirmed', 'checked_in')
               AND a.resource_id = ANY(%s)""",
            [[p for p, _c in pools]],
        )
        double = cur.fetchone()[0]
        cur.execute(
            """SELECT count(*) FROM bookings_booking bk JOIN places_resource r ON r.id = bk.resource_id
               WHERE bk.status IN ('pending','confirmed','checked_in') AND bk.seat_number > r.capacity""",
        )
        beyond = cur.fetchone()[0]
    seats_available = sum(c for _p, c in pools) * 2  # morning + afternoon per seat
    return {
        "clients": clients,
        "duration_s": round(elapsed, 1),
        "requests": len(results),
        "requests_per_s": round(len(results) / elapsed, 1),
        "created_201": statuses.get(201, 0),
        "full_409": statuses.get(409, 0),
        "other_statuses": {k: v for k, v in statuses.items() if k not in (201, 409)},
        "bookings_per_s": round(statuses.get(201, 0) / elapsed, 1),
        "p50_ms": round(pct(lat, 50), 1),
        "p99_ms": round(pct(lat, 99), 1),
        "hot_pools": len(pools),
        "half_day_seats_in_hot_pools": seats_available,
        "overbooked_seats": double + beyond,
        "first_refusals": refusals,
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--pg", default="postgres://postgres@127.0.0.1:54340")
    parser.add_argument("--places", type=int, default=3500)
    parser.add_argument("--resources", type=int, default=20000)
    parser.add_argument("--bookings", type=int, default=2_000_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--load", action="store_true")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--duration", type=int, default=30)
    parser.add_argument("--hot", type=int, default=20, help="pools the load test books (contention)")
    parser.add_argument("--day-offset", type=int, default=80, help="the load test books this many days ahead")
    parser.add_argument("--reuse", action="store_true", help="PostgreSQL: keep the database built before")
    args = parser.parse_args()
    rng = random.Random(2026)
    with tempfile.TemporaryDirectory(prefix="bench-bookings-") as tmp:
        url = setup_django(args.db, tmp, args.pg, reuse=args.reuse)
        report: dict = {
            "db": args.db,
            "places": args.places,
            "resources": args.resources,
            "bookings": args.bookings,
        }
        if not args.reuse:
            report["build"] = build(args.places, args.resources, args.bookings, rng)
        report["availability"] = bench_availability(args.queries, rng)
        if args.load:
            if args.db != "postgres":
                print("--load needs --db postgres", file=sys.stderr)
            else:
                report["load"] = bench_load(
                    url, tmp, args.clients, args.duration, args.hot, rng, day_offset=args.day_offset
                )
        print(json.dumps(report, indent=2, ensure_ascii=False))
        load = report.get("load")
        if load is not None and load["created_201"] == 0:
            # A load that booked nothing measured refusals, not bookings: no rate is worth printing.
            sys.exit(
                f"the load did no work: no booking was made ({load['other_statuses']}); see first_refusals"
            )


if __name__ == "__main__":
    main()
