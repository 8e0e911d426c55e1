"""p50/p95 server time of a 20-minute search, over the census and over a synthetic network 10x larger.

Run: .venv/bin/python bench/bench_search.py [--origins 200] [--repeat 3]

Builds a throwaway SQLite database in a temporary folder (never the demo's), loads every commune and
the 1,512 census places, then times GET /api/v1/places?near=<INSEE>&within_minutes=20 and the results
page /recherche/?q=<INSEE> through Django's full request stack (test client: no network, no server
process), from communes drawn at random among those with a census place in their department.
Wall time and the process's CPU time are both reported: the CPU time is what a request costs when
the machine is shared (other test runs inflate wall time, not CPU time).
Then it adds 9 jittered copies of every place (15,120 places) and times the same searches again.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _setup(tmp: str) -> None:
    os.environ["COOP_VAR_DIR"] = tmp
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    # Benchmarks run with DEBUG off, like production; the settings then want a key.
    os.environ.setdefault("SECRET_KEY", "benchmark-only-key-never-used-in-production")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_communes", verbosity=0)
    call_command(
        "import_places", str(ROOT / "coopconnect/places/data/cget-tiers-lieux-2019.csv"), verbosity=0
    )


def _grow(factor: int, rng: random.Random) -> int:
    """Add ``factor - 1`` copies of every place, moved up to ~5 km, with the same services."""
    from coopconnect.places.models import Place

    originals = list(Place.objects.prefetch_related("services"))
    through = Place.services.through
    for copy in range(1, factor):
        batch = [
            Place(
                name=f"{p.name} (copie {copy})",
                slug=f"{p.slug}-copie-{copy}",
                typology=p.typology,
                commune_id=p.commune_id,
                latitude=max(-90, min(90, p.latitude + rng.uniform(-0.045, 0.045))),
                longitude=p.longitude + rng.uniform(-0.06, 0.06),
                opening_hours=p.opening_hours,
                source="bench",
                source_id=f"{p.pk}-{copy}",
            )  # fmt: skip
            for p in originals
        ]
        created = Place.objects.bulk_create(batch, batch_size=1000)
        links = [
            through(place_id=new.pk, service_id=s.pk)
            for new, old in zip(created, originals, strict=True)
            for s in old.services.all()
        ]
        through.objects.bulk_create(links, batch_size=2000)
    return Place.objects.count()


def _origins(n: int, rng: random.Random) -> list[str]:
    from coopconnect.places.models import Place
    from coopconnect.territory.models import Commune

    departments = set(Place.objects.exclude(commune=None).values_list("commune__department_id", flat=True))
    codes = list(Commune.objects.filter(department_id__in=departments).values_list("insee", flat=True))
    return rng.sample(codes, min(n, len(codes)))


def _time(urls: list[str], repeat: int) -> tuple[list[float], list[float], list[int]]:
    from django.test import Client

    client = Client()
    for url in urls[:5]:  # warm caches and imports
        client.get(url)
    times: list[float] = []
    cpu: list[float] = []
    counts: list[int] = []
    for _ in range(repeat):
        for url in urls:
            start, start_cpu = time.perf_counter(), time.process_time()
            response = client.get(url)
            times.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - start_cpu) * 1000)
            assert response.status_code == 200, (url, response.status_code, response.content[:300])
            if url.startswith("/api/"):
                counts.append(response.json()["count"])
    return times, cpu, counts


def _summary(label: str, places: int, times: list[float], cpu: list[float], counts: list[int]) -> str:
    q = statistics.quantiles(times, n=100)
    c = statistics.quantiles(cpu, n=100)
    found = f"{statistics.mean(counts):.1f} (max {max(counts)})" if counts else "—"
    return (
        f"| {label} | {places:,} | {len(times)} | {q[49]:.1f} | {q[94]:.1f} | {c[49]:.1f} | {c[94]:.1f} "
        f"| {found} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--origins", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="bench-search-") as tmp:
        started = time.perf_counter()
        _setup(tmp)
        print(f"setup (migrate + communes + census): {time.perf_counter() - started:.1f} s", file=sys.stderr)
        from coopconnect.places.models import Place

        codes = _origins(args.origins, rng)
        api = [f"/api/v1/places?near={c}&within_minutes=20&limit=500" for c in codes]
        pages = [f"/recherche/?q={c}&minutes=20" for c in codes]
        rows = []
        n = Place.objects.count()
        rows.append(_summary("API, census", n, *_time(api, args.repeat)))
        rows.append(_summary("results page, census", n, *_time(pages, args.repeat)))
        n = _grow(10, rng)
        rows.append(_summary("API, census x10", n, *_time(api, args.repeat)))
        rows.append(_summary("results page, census x10", n, *_time(pages, args.repeat)))
    print(f"Python {platform.python_version()}, {os.cpu_count()} cores, SQLite; "
          f"{len(codes)} origins x {args.repeat}")  # fmt: skip
    print(f"load average (1 min): {load_before:.1f} at start, {os.getloadavg()[0]:.1f} at end")
    print(
        "| search (20 min) | places | requests | p50 ms | p95 ms | p50 CPU ms | p95 CPU ms | found (mean) |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
