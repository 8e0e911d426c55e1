"""Time to load all French communes from the vendored file (manage.py load_communes).

Loads into a fresh SQLite database file in a temporary directory (migrated first), then loads
again to time the update path, then times a few commune searches. With --database-url, uses that
database instead (e.g. a throwaway PostgreSQL; its territory tables are overwritten).

Run: .venv/bin/python bench/bench_communes.py [--repeat 3] [--database-url URL]
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
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

    from coopconnect.territory.selectors import commune_search, resolve_commune
    from coopconnect.territory.services import communes_load

    call_command("migrate", verbosity=0)
    first = communes_load()
    database = os.environ["DATABASE_URL"]
    print(f"first load: {first.communes} communes in {first.seconds:.2f} s (database {database})")
    again = [communes_load().seconds for _ in range(args.repeat)]
    print(f"reload (update path), {args.repeat} runs: median {statistics.median(again):.2f} s")
    for query in ["st remy", "Pertuis", "84120", "saint", "aix"]:
        times = []
        for _ in range(20):
            t0 = time.perf_counter()
            resolve_commune(query) if query == "Pertuis" else commune_search(query)
            times.append(time.perf_counter() - t0)
        print(f"search {query!r}: median {statistics.median(times) * 1000:.1f} ms")
    tmp.cleanup()


if __name__ == "__main__":
    main()
