"""Race harness: the same month's run started several times at once for one issuer (double click, two
workers) issues each invoice once, numbered without gap.

In-process on PostgreSQL (each thread has its own connection), and through
``python -m coopconnect.billing.tests.invoicing_race <dir> <threads> <members>`` on a fresh SQLite
*file* database in WAL mode (the in-memory test database does not make SQLite's writers wait).
"""

from __future__ import annotations

import json
import os
import sys
import threading
from datetime import datetime
from zoneinfo import ZoneInfo

MONTH = "2026-11"
PARIS = ZoneInfo("Europe/Paris")


def setup_scenario(*, members: int) -> int:
    """Create a place with its own issuer and ``members`` people with two November days each."""
    from coopconnect.accounts.models import User
    from coopconnect.billing import seed
    from coopconnect.billing.models import Issuer
    from coopconnect.bookings.models import Booking
    from coopconnect.places.models import Place, Resource, ResourceKind

    place = Place.objects.create(name="Lieu de la course", slug="lieu-course", latitude=44.0, longitude=5.0)
    seed.configure_murat(place)
    issuer = Issuer.objects.create(
        place=place,
        name="Porteur de la course",
        siren="732829320",
        vat_number="FR44732829320",
        address="1 rue",
        postcode="84120",
        city="Pertuis",
        number_prefix="RACE",
    )
    seat = Resource.objects.create(
        place=place, kind=ResourceKind.SEAT, name="Coworking", capacity=members + 1
    )
    for i in range(members):
        person = User.objects.create_user(f"course{i}@example.org", None, first_name=f"P{i}")
        for k, day in enumerate((3, 4)):
            Booking.objects.create(
                resource=seat,
                person=person,
                start=datetime(2026, 11, day, 9, tzinfo=PARIS),
                end=datetime(2026, 11, day, 17, tzinfo=PARIS),
                seat_number=i + 1,
                short_code=f"R{i:04d}{k}",
                status="confirmed",
            )
    return issuer.pk


def race(*, issuer_id: int, threads: int) -> list[tuple[str, str]]:
    """Start the month's run ``threads`` times at once; return ("ok"|"error", detail) per run."""
    import time_machine
    from django.db import connection

    from coopconnect.billing.jobs import run_invoicing_task

    barrier = threading.Barrier(threads)
    results: list[tuple[str, str]] = []
    lock = threading.Lock()

    def worker() -> None:
        try:
            barrier.wait(timeout=30)
            try:
                outcome = ("ok", run_invoicing_task.call(MONTH, issuer_id))
            except Exception as exc:  # noqa: BLE001 - any error is a failure the test reports
                outcome = ("error", repr(exc))
            with lock:
                results.append(outcome)
        finally:
            connection.close()

    with time_machine.travel("2026-12-01 06:00 +0100", tick=True):
        pool = [threading.Thread(target=worker) for _ in range(threads)]
        for t in pool:
            t.start()
        for t in pool:
            t.join(timeout=240)
    return results


def summary(issuer_id: int, results: list[tuple[str, str]]) -> dict:
    from coopconnect.billing.models import Invoice

    invoices = Invoice.objects.filter(issuer_id=issuer_id)
    return {
        "ok": sum(1 for r in results if r[0] == "ok"),
        "errors": [r[1] for r in results if r[0] == "error"],
        "invoices": invoices.count(),
        "run_keys": invoices.values("run_key").distinct().count(),
        "sequences": sorted(invoices.values_list("sequence", flat=True)),
    }


def main() -> None:
    """Run the race on a fresh SQLite file database in the directory given; print a JSON summary."""
    workdir, threads, members = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    os.environ["COOP_VAR_DIR"] = workdir
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ.setdefault("SECRET_KEY", "race-harness-only")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    issuer_id = setup_scenario(members=members)
    print(json.dumps(summary(issuer_id, race(issuer_id=issuer_id, threads=threads))))


if __name__ == "__main__":
    main()
