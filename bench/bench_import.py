"""Time the census import (first import, then a re-import that changes nothing) on a fresh SQLite file.

Run: .venv/bin/python bench/bench_import.py   (or with DATABASE_URL for PostgreSQL)
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
tmp = tempfile.mkdtemp()
os.environ.setdefault("DATABASE_URL", f"sqlite:///{tmp}/bench.sqlite3")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
# Benchmarks run with DEBUG off, like production; the settings then want a key.
os.environ.setdefault("SECRET_KEY", "benchmark-only-key-never-used-in-production")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

from coopconnect.places.importing.files import import_file  # noqa: E402
from coopconnect.places.importing.mapping import CENSUS_FILE  # noqa: E402
from coopconnect.places.models import Place  # noqa: E402

call_command("migrate", verbosity=0, skip_checks=True)
firsts, agains = [], []
for _ in range(3):
    Place.objects.all().delete()
    t = time.perf_counter()
    report = import_file(CENSUS_FILE)
    firsts.append(time.perf_counter() - t)
    assert report.created == 1512, report
    t = time.perf_counter()
    report = import_file(CENSUS_FILE)
    agains.append(time.perf_counter() - t)
    assert report.unchanged == 1512, report
for label, runs in (("first import of 1,512 rows", firsts), ("re-import, nothing changed", agains)):
    print(f"{label}: median {statistics.median(runs):.2f} s (runs: {[round(x, 2) for x in runs]})")
