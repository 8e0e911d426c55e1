"""A synthetic national network, seeded and reproducible, for the benchmarks.

At ``--scale 1``: the 34,969 real communes (the vendored file, ``territory.services.communes_load``),
3,500 places at real communes (half drawn by population, so that cities get several places; half
drawn uniformly, so that the countryside gets its share), 20,000 resources (a seat pool of 4-12
seats per place, the rest offices, meeting rooms and video points), 2,000,000 bookings (one
half-day per resource per day over 100 days, from 30 days ago; written in SQL). Places open with
one of four usual hour patterns. The same ``--seed`` and ``--scale`` give the same rows.

Run (a throwaway database: SQLite file in --dir, or a PostgreSQL database dropped and re-created):
  .venv/bin/python bench/build_national.py --dir /tmp/national [--scale 0.1]
  .venv/bin/python bench/build_national.py --pg postgres://postgres@127.0.0.1:54344 [--scale 0.1]

From another benchmark: ``setup(...)`` then ``build_national(scale=..., seed=...)``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PLACES, RESOURCES, BOOKINGS, USERS = 3_500, 20_000, 2_000_000, 1_000
HOURS = (
    ("Mo-Fr 08:30-12:30,13:30-18:00; PH off", 0.55),
    ("Mo-Fr 09:00-18:00; PH off", 0.25),
    ("Tu-Sa 09:00-12:30,14:00-19:00; PH off", 0.15),
    ("Mo-Su 07:00-22:00", 0.05),
)
PG_DATABASE = "coopconnect_bench"


def setup(*, var_dir: str, pg: str = "", reuse: bool = False) -> str:
    """Point Django at a throwaway database (SQLite in ``var_dir``, or PostgreSQL ``pg``), migrate it
    and return its URL. Benchmarks run with DEBUG off, like production."""
    os.environ["COOP_VAR_DIR"] = var_dir
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("SECRET_KEY", "benchmark-only-key-never-used-in-production")
    if pg:
        if not reuse:
            import psycopg

            with psycopg.connect(f"{pg}/postgres", autocommit=True) as conn:
                conn.execute(f"DROP DATABASE IF EXISTS {PG_DATABASE} WITH (FORCE)")
                conn.execute(f"CREATE DATABASE {PG_DATABASE}")
        url = f"{pg}/{PG_DATABASE}"
    else:
        url = f"sqlite:///{Path(var_dir) / 'national.sqlite3'}"
    os.environ["DATABASE_URL"] = url
    import django

    django.setup()
    from django.core.management import call_command

    if not reuse:
        call_command("migrate", verbosity=0)
    return url


def _pick_hours(rng: random.Random) -> str:
    return rng.choices([h for h, _w in HOURS], weights=[w for _h, w in HOURS])[0]


def build_national(*, scale: float = 1.0, seed: int = 2026) -> dict:
    """Fill the migrated database; return the counts and how long each part took (seconds)."""
    from django.db import connection, transaction
    from django.utils import timezone

    from coopconnect.accounts.models import User
    from coopconnect.places.models import Place, Resource, ResourceKind
    from coopconnect.territory.models import Commune
    from coopconnect.territory.services import communes_load

    rng = random.Random(seed)
    report: dict = {"scale": scale, "seed": seed}
    t0 = time.perf_counter()
    communes_load()
    report["communes_s"] = round(time.perf_counter() - t0, 1)
    communes = list(
        Commune.objects.order_by("insee").values_list("insee", "latitude", "longitude", "population")
    )
    n_places = max(2, round(PLACES * scale))
    n_resources = max(n_places, round(RESOURCES * scale))
    n_bookings = round(BOOKINGS * scale)
    weights = [max(1, p) for _i, _la, _lo, p in communes]
    chosen = rng.choices(communes, weights=weights, k=n_places // 2)
    chosen += [rng.choice(communes) for _ in range(n_places - len(chosen))]
    t0 = time.perf_counter()
    with transaction.atomic():
        Place.objects.bulk_create(
            [
                Place(
                    name=f"Tiers-lieu {i} ({insee})",
                    slug=f"tl-{i}",
                    commune_id=insee,
                    # Within about a kilometre of the commune's centre.
                    latitude=lat + rng.uniform(-0.01, 0.01),
                    longitude=lon + rng.uniform(-0.013, 0.013),
                    opening_hours=_pick_hours(rng),
                    source="bench",
                )
                for i, (insee, lat, lon, _pop) in enumerate(chosen)
            ],
            batch_size=2000,
        )
        place_ids = list(Place.objects.filter(source="bench").order_by("pk").values_list("pk", flat=True))
        resources = [
            Resource(place_id=pid, kind=ResourceKind.SEAT, name="Open space", capacity=rng.randint(4, 12))
            for pid in place_ids
        ]
        kinds = [ResourceKind.OFFICE, ResourceKind.MEETING_ROOM, ResourceKind.VIDEO_POINT]
        for i in range(n_resources - len(resources)):
            pid = place_ids[rng.randrange(len(place_ids))]
            resources.append(
                Resource(
                    place_id=pid, kind=kinds[i % 3], name=f"Ressource {i}", capacity=rng.choice([1, 4, 8])
                )
            )
        Resource.objects.bulk_create(resources, batch_size=5000)
        User.objects.bulk_create(
            [User(email=f"bench{i}@example.org", password="!") for i in range(USERS)], batch_size=1000
        )
    report["places_resources_s"] = round(time.perf_counter() - t0, 1)
    r0 = Resource.objects.order_by("pk").values_list("pk", flat=True).first()
    u0 = User.objects.filter(email="bench0@example.org").values_list("pk", flat=True).get()
    n_res = Resource.objects.filter(place__source="bench").count()
    base = (timezone.localdate() - dt.timedelta(days=30)).isoformat() + " 00:00:00+00"
    t0 = time.perf_counter()
    _insert_bookings(connection, n_bookings=n_bookings, r0=r0, n_res=n_res, u0=u0, base=base)
    report["bookings_s"] = round(time.perf_counter() - t0, 1)
    report.update(
        communes=len(communes),
        places=len(place_ids),
        resources=n_res,
        bookings=n_bookings,
        places_in_communes_over_100k=sum(1 for c in chosen if c[3] >= 100_000),
    )
    return report


def _insert_bookings(connection, *, n_bookings: int, r0: int, n_res: int, u0: int, base: str) -> None:
    """Booking n takes resource n mod R, day n div R, morning or afternoon by parity: no two overlap.

    Morning 07:30-11:30 UTC, afternoon 12:30-17:00 UTC (08:30-12:30 and 13:30-18:00 in Paris in
    winter). Seat 1, confirmed, person among the 1,000 bench users.
    """
    cols = (
        'created_at, updated_at, resource_id, person_id, start, "end", seat_number, layout, attendees, '
        "status, short_code, idempotency_key, note, is_walk_in"
    )
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute(
                f"""INSERT INTO bookings_booking ({cols})
                SELECT now(), now(), %s + (n %% %s), %s + (n %% {USERS}),
                  %s::timestamptz + (n / %s) * interval '1 day' + CASE WHEN (n + n / %s) %% 2 = 0
                    THEN interval '450 minutes' ELSE interval '750 minutes' END,
                  %s::timestamptz + (n / %s) * interval '1 day' + CASE WHEN (n + n / %s) %% 2 = 0
                    THEN interval '690 minutes' ELSE interval '1020 minutes' END,
                  1, '', 1, 'confirmed', 'N' || n, '', '', false
                FROM generate_series(0, %s - 1) AS n""",
                [r0, n_res, u0, base, n_res, n_res, base, n_res, n_res, n_bookings],
            )
        else:
            stamp = base[:19]
            cur.execute(
                f"""WITH RECURSIVE seq(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM seq WHERE n < %s - 1)
                INSERT INTO bookings_booking ({cols})
                SELECT %s, %s, %s + (n %% %s), %s + (n %% {USERS}),
                  datetime(%s, '+' || (n / %s) || ' days',
                           CASE WHEN (n + n / %s) %% 2 = 0 THEN '+450 minutes' ELSE '+750 minutes' END),
                  datetime(%s, '+' || (n / %s) || ' days',
                           CASE WHEN (n + n / %s) %% 2 = 0 THEN '+690 minutes' ELSE '+1020 minutes' END),
                  1, '', 1, 'confirmed', 'N' || n, '', '', 0
                FROM seq""",
                [n_bookings, stamp, stamp, r0, n_res, u0, stamp, n_res, n_res, stamp, n_res, n_res],
            )
        cur.execute("ANALYZE")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--dir", help="SQLite: the directory of the database file (default: a temporary one)")
    parser.add_argument(
        "--pg", default="", help="PostgreSQL server URL, e.g. postgres://postgres@127.0.0.1:54344"
    )
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    import tempfile

    var_dir = args.dir or tempfile.mkdtemp(prefix="national-")
    Path(var_dir).mkdir(parents=True, exist_ok=True)
    url = setup(var_dir=var_dir, pg=args.pg)
    report = build_national(scale=args.scale, seed=args.seed)
    report["database"] = url
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
