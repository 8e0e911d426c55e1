"""Commune name search (territory.selectors.commune_search): server time per query, before/after.

Loads all communes into a fresh SQLite file (or the database of --database-url, whose territory
tables are overwritten), then times ``commune_search`` on typical queries and checks that it returns
exactly what the previous implementation (a substring scan of ``search_name``, kept below as
``scan_search``) returns, on those queries and on prefixes of 500 random commune names.

Run: .venv/bin/python bench/bench_commune_search.py [--repeat 30] [--database-url URL]
"""

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

QUERIES = ["st remy", "Pertuis", "aix", "saint", "remy prov", "sur mer", "la", "mont", "zzz", "bourg en"]


def scan_search(query: str, limit: int = 8) -> list:
    """The implementation before the word-key index: exact, prefix, then a scan for word starts."""
    from django.db.models import Q

    from coopconnect.core.text import search_key
    from coopconnect.territory.models import Commune

    key = search_key(query.strip())
    if not key:
        return []
    base = Commune.objects.select_related("department").order_by("-population", "name")
    words = Q()
    for token in key.split():
        words &= Q(search_name__startswith=token) | Q(search_name__contains=f" {token}")
    exact = list(base.filter(search_name=key))
    prefix = base.filter(search_name__gte=key, search_name__lte=f"{key}zzzz", search_name__startswith=key)
    ranked = exact if len(exact) == 1 else []
    seen = {c.insee for c in ranked}
    for queryset in (prefix, base.filter(words)):
        if len(ranked) >= limit:
            break
        for commune in queryset[:limit]:
            if commune.insee not in seen:
                seen.add(commune.insee)
                ranked.append(commune)
    return ranked[:limit]


def timed(fn, query: str, repeat: int) -> tuple[float, float]:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn(query)
        times.append(time.perf_counter() - t0)
    times.sort()
    return statistics.median(times) * 1000, times[int(0.95 * (len(times) - 1))] * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    tmp = tempfile.TemporaryDirectory()
    os.environ["DATABASE_URL"] = args.database_url or f"sqlite:///{tmp.name}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    # Benchmarks run with DEBUG off, like production; the settings then want a key.
    os.environ.setdefault("SECRET_KEY", "benchmark-only-key-never-used-in-production")

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from coopconnect.territory.models import Commune
    from coopconnect.territory.selectors import commune_search, resolve_commune
    from coopconnect.territory.services import communes_load

    call_command("migrate", verbosity=0)
    report = communes_load()
    print(f"{report.communes} communes loaded in {report.seconds:.2f} s ({connection.vendor})")
    print(f"{'query':<12} {'scan p50/p95 ms':>18} {'indexed p50/p95 ms':>20}")
    for query in QUERIES:
        before = timed(scan_search, query, args.repeat)
        after = timed(commune_search, query, args.repeat)
        print(f"{query!r:<12} {before[0]:>8.1f} / {before[1]:<8.1f} {after[0]:>9.1f} / {after[1]:<8.1f}")
    p50, p95 = timed(resolve_commune, "Pertuis", args.repeat)
    print(f"resolve_commune('Pertuis'): {p50:.1f} / {p95:.1f} ms")

    rng = random.Random(2026)
    names = list(Commune.objects.values_list("name", flat=True))
    samples = QUERIES + [n[: rng.randint(2, len(n))] for n in rng.sample(names, 500)]
    samples += [" ".join(w[:3] for w in n.split("-")[1:3]) for n in rng.sample(names, 200) if "-" in n]
    differ = [q for q in samples if [c.insee for c in commune_search(q)] != [c.insee for c in scan_search(q)]]
    print(f"same results as the scan on {len(samples) - len(differ)} of {len(samples)} queries")
    if differ:
        print("different:", differ[:10])
    tmp.cleanup()


if __name__ == "__main__":
    main()
