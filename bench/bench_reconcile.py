"""Bank reconciliation: time to import and match a 5,000-line CAMT.053 statement.

Run:
  .venv/bin/python bench/bench_reconcile.py                       # temporary SQLite file
  .venv/bin/python bench/bench_reconcile.py --pg postgres://postgres@127.0.0.1:54342

Builds a throwaway database (a temporary SQLite file, or the PostgreSQL database
``coopconnect_bench_payments`` dropped and re-created), migrates it, and writes one issuer with
``--lines`` issued invoices of 24 € (bulk insert: issuing is not what is measured). The statement
holds ``--lines`` credits: 80 % quote the invoice's RF reference, 10 % only its number with the exact
amount, 10 % match nothing. ``statement_import`` is timed (parse, identities, matching, one payment
recorded per matched line); the run fails if fewer lines matched than expected, or none at all.
A second import of the same file is timed too (it must change nothing).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def setup_django(tmp: str, pg: str) -> None:
    os.environ["COOP_VAR_DIR"] = tmp
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    # Benchmarks run with DEBUG off, like production; the settings then want a key.
    os.environ.setdefault("SECRET_KEY", "benchmark-only-key-never-used-in-production")
    if pg:
        import psycopg

        with psycopg.connect(f"{pg}/postgres", autocommit=True) as conn:
            conn.execute("DROP DATABASE IF EXISTS coopconnect_bench_payments WITH (FORCE)")
            conn.execute("CREATE DATABASE coopconnect_bench_payments")
        os.environ["DATABASE_URL"] = f"{pg}/coopconnect_bench_payments"
    else:
        os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def build(lines: int) -> tuple[object, bytes]:
    from coopconnect.accounts.models import User
    from coopconnect.billing.models import Invoice, InvoiceStatus, Issuer
    from coopconnect.billing.references import rf_reference
    from coopconnect.payments.statements.samples import Movement, camt053
    from coopconnect.places.models import Network

    net = Network.objects.create(name="Réseau bench", slug="reseau-bench")
    issuer = Issuer.objects.create(
        network=net,
        name="Réseau bench (association)",
        siren="552100554",
        vat_exempt=True,
        address="1 place",
        postcode="84000",
        city="Avignon",
        iban="FR7630006000011234567890189",
        bic="AGRIFRPPXXX",
        number_prefix="RB",
    )
    person = User.objects.create_user("payeur@example.org", None, first_name="Paul")
    day = dt.date(2026, 11, 2)
    invoices = [
        Invoice(
            issuer=issuer,
            status=InvoiceStatus.ISSUED,
            number=f"RB2026-{i:06d}",
            year=2026,
            sequence=i,
            buyer_person=person,
            buyer_name="Paul",
            period_start=dt.date(2026, 10, 1),
            period_end=dt.date(2026, 10, 31),
            issue_date=day,
            due_date=day + dt.timedelta(days=30),
            total_ht=Decimal("24.00"),
            total_ttc=Decimal("24.00"),
        )
        for i in range(1, lines + 1)
    ]
    Invoice.objects.bulk_create(invoices, batch_size=1000)
    movements = []
    for i in range(1, lines + 1):
        number = f"RB2026-{i:06d}"
        booked = dt.date(2026, 11, 20)
        if i % 10 == 0:
            movements.append(Movement(booked, Decimal("17.50"), text=f"Virement divers {i}"))
        elif i % 10 == 1:
            movements.append(Movement(booked, Decimal("24.00"), text=f"Paiement facture {number}"))
        else:
            movements.append(Movement(booked, Decimal("24.00"), structured=rf_reference(number)))
    return issuer, camt053(movements, iban=issuer.iban, statement_id="BENCH-5000")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--lines", type=int, default=5000)
    parser.add_argument("--pg", default="", help="PostgreSQL server URL (default: temporary SQLite)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        setup_django(tmp, args.pg)
        import time_machine

        with time_machine.travel(dt.datetime(2026, 11, 25, 10, tzinfo=dt.UTC), tick=True):
            from django.db import connection

            from coopconnect.payments.models import LineStatus
            from coopconnect.payments.services.reconciliation import statement_import

            issuer, content = build(args.lines)
            start, cpu = time.perf_counter(), time.process_time()
            statement, created = statement_import(issuer=issuer, content=content, fmt="camt053")
            first, first_cpu = time.perf_counter() - start, time.process_time() - cpu
            matched = statement.lines.filter(status=LineStatus.MATCHED).count()
            unmatched = statement.lines.filter(status=LineStatus.UNMATCHED).count()
            start = time.perf_counter()
            _again, created_again = statement_import(issuer=issuer, content=content, fmt="camt053")
            second = time.perf_counter() - start
        expected = args.lines - args.lines // 10
        print(
            f"{connection.vendor}: {args.lines} lines ({len(content) / 1e6:.1f} MB) imported and matched in "
            f"{first:.2f} s wall, {first_cpu:.2f} s CPU ({first / args.lines * 1000:.2f} ms/line wall); "
            f"matched {matched}, unmatched "
            f"{unmatched}; same file again: {second * 1000:.0f} ms, created={created_again}"
        )
        if not created or created_again or matched == 0 or matched != expected:
            sys.exit(f"FAILED: expected {expected} matched lines, got {matched}")


if __name__ == "__main__":
    main()
